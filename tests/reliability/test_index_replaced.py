"""An index deleted and built again while the server runs: the real ``rapporteur serve`` (two
worker processes) follows it even when the new index has reached the same generation number as
the old one, because it knows an index by its id as well as its generation
(:mod:`rapporteur.indexer.store.locations`). The views, the result cache and the per-generation
caches are all keyed by both.

An index written before ids were recorded (no ``id`` in ``CURRENT``) still opens and is followed
the same way, by the engine, through its fallback identity.
"""
from __future__ import annotations

import json
import os
import shutil
import urllib.parse
from pathlib import Path

from tests.support.reliability import HOT, pytest_command, record_figures, symbol_of, write_record
from tests.support.serving import get, start

RECORDS_A = 16
B_RECORD = 100  # the one record of the new index: a symbol the old one never had
QUERY = "/api/search?size=100&q=" + urllib.parse.quote(HOT)
TRIES = 8  # requests per URL, so that both workers are asked (the kernel picks one per connection)


def _sync(corpus: Path, index_dir: Path) -> int:
    from rapporteur.indexer.store.locations import generation
    from rapporteur.indexer.sync.writer import sync

    report = sync(index_dir, [corpus])
    assert not report.failed, report.failed
    return generation(index_dir)


def build_a(base: Path, index_dir: Path) -> int:
    """Index A: 16 records, written in three runs (so three generations); its generation."""
    corpus = base / "corpus-a"
    corpus.mkdir()
    for step in (range(0, 14), range(14, 15), range(15, RECORDS_A)):
        for i in step:
            write_record(corpus, i, hot=True)
        gen = _sync(corpus, index_dir)
    return gen


def build_b(base: Path, index_dir: Path, target: int) -> int:
    """Index B, in the same folder: one record, rewritten until B's generation is ``target``."""
    corpus = base / "corpus-b"
    corpus.mkdir()
    version = 1
    write_record(corpus, B_RECORD, version, hot=True)
    gen = _sync(corpus, index_dir)
    while gen < target:
        version += 1
        write_record(corpus, B_RECORD, version, hot=True)
        gen = _sync(corpus, index_dir)
    assert gen == target, f"index B went from below generation {target} to {gen}"
    return gen


def served(port: int) -> list[tuple[int, int, set[str]]]:
    """``(records, hits, symbols of the hits)`` as each of TRIES requests sees the index."""
    out = []
    for _ in range(TRIES):
        status, body = get(port, "/api/stats")
        assert status == 200, body[:300]
        records = json.loads(body)["records"]
        status, body = get(port, QUERY)
        assert status == 200, body[:300]
        result = json.loads(body)
        out.append((records, result["total"], {h["symbol"] for h in result["hits"]}))
    return out


def test_an_index_deleted_and_built_again_to_the_same_generation_is_served(tmp_path):
    index_dir = tmp_path / "index"
    gen_a = build_a(tmp_path, index_dir)
    server = start(index_dir, "--workers", "2")
    try:
        before = served(server.port)  # also fills each worker's result cache and idle views
        assert all(records == RECORDS_A for records, _hits, _symbols in before), before
        _status, health = get(server.port, "/healthz")
        id_a = json.loads(health).get("index")

        shutil.rmtree(index_dir)
        status, _body = get(server.port, "/api/stats")
        assert status == 503  # no index now, and no stale one served
        gen_b = build_b(tmp_path, index_dir, gen_a)

        after = served(server.port)
        _status, health = get(server.port, "/healthz")
        health = json.loads(health)
        stale = [s for s in after if s[0] != 1 or s[2] != {symbol_of(B_RECORD)}]
        assert not stale, f"the deleted index was served: {stale}"
        assert health["generation"] == gen_a and health.get("index") != id_a
    finally:
        server.stop()
    assert "Traceback" not in server.output()

    record_figures(
        "index_replaced",
        title="An index deleted and rebuilt to the same generation while served",
        tried=(f"rapporteur serve (2 workers) over index A ({RECORDS_A} records, generation {gen_a}); {TRIES} "
               f"requests for /api/stats and a cached search; rm -rf of the index folder; index B (1 record) "
               f"built in the same folder up to generation {gen_b}; the same {TRIES} pairs of requests"),
        held=("a 503 while no index existed; then every answer from B (1 record, its symbol only), the "
              "result cache and views of A left behind: /healthz names B's id at A's generation number"),
        command=pytest_command("tests/reliability/test_index_replaced.py"),
        generation_a=gen_a, generation_b=gen_b, records_a=RECORDS_A, records_b=1,
        requests_after=2 * TRIES, stale_answers=len(stale),
        records_served_after=sorted({s[0] for s in after}),
    )


def _drop_id(index_dir: Path) -> None:
    """Rewrite CURRENT without its id, as a version before ids wrote it (a new file renamed into place)."""
    current = json.loads((index_dir / "CURRENT").read_text(encoding="utf-8"))
    current.pop("id", None)
    tmp = index_dir / "CURRENT.tmp"
    tmp.write_text(json.dumps(current), encoding="utf-8")
    os.replace(tmp, index_dir / "CURRENT")


def test_an_index_without_an_id_opens_and_its_replacement_is_followed(tmp_path):
    from rapporteur.search.engine import Engine, SearchRequest

    index_dir = tmp_path / "index"
    gen_a = build_a(tmp_path, index_dir)
    _drop_id(index_dir)
    with Engine(index_dir) as engine:
        assert engine.stats()["records"] == RECORDS_A
        first = engine.search(SearchRequest(q=HOT, size=100))
        assert engine.search(SearchRequest(q=HOT, size=100)).total == first.total  # now cached
        shutil.rmtree(index_dir)
        build_b(tmp_path, index_dir, gen_a)
        _drop_id(index_dir)
        assert engine.generation == gen_a
        assert engine.stats()["records"] == 1
        hits = engine.search(SearchRequest(q=HOT, size=100)).hits
        assert {h["symbol"] for h in hits} == {symbol_of(B_RECORD)}


def test_a_copy_of_the_index_moved_in_its_place_is_followed(tmp_path):
    """Two copies of one index (same id) written on to the same generation: the one moved into
    the served folder in place of the other is served, though id and generation read the same."""
    from rapporteur.indexer.store.locations import read_current
    from rapporteur.search.engine import Engine, SearchRequest

    index_dir, copy_dir = tmp_path / "ix", tmp_path / "ix-copy"
    build_a(tmp_path, index_dir)
    shutil.copytree(index_dir, copy_dir)
    for folder, i in ((index_dir, 200), (copy_dir, 201)):
        corpus = tmp_path / f"extra-{i}"
        corpus.mkdir()
        write_record(corpus, i, hot=True)
        _sync(corpus, folder)
    a, b = read_current(index_dir), read_current(copy_dir)
    assert (a.base, a.dir) == (b.base, b.dir)
    assert json.loads((index_dir / "CURRENT").read_text())["id"] == json.loads((copy_dir / "CURRENT").read_text())["id"]

    def symbols(engine) -> set[str]:
        return {h["symbol"] for h in engine.search(SearchRequest(q=HOT, size=100)).hits}

    with Engine(index_dir) as engine:
        assert symbol_of(200) in symbols(engine) and symbol_of(201) not in symbols(engine)
        shutil.rmtree(index_dir)
        os.rename(copy_dir, index_dir)
        after = symbols(engine)
    assert symbol_of(201) in after and symbol_of(200) not in after
