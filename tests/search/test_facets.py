"""Facet counts across segments: a segment without values for a facet column must not crash
or borrow another segment's values (the seed, then a plain-text record in a second sync)."""
from __future__ import annotations

import shutil

from rapporteur.indexer.sync.writer import sync
from rapporteur.search.engine import Engine, SearchRequest
from rapporteur.search.facets import facet_counts
from tests.support.paths import SEED

PLAIN = "Plain notes about zebrafish migration.\n\nA second paragraph on zebrafish.\n"


def _facet(res, name):
    return {e["value"]: e["count"] for e in res["facets"][name]}


def test_segment_without_facet_values_after_second_sync(tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    index_dir = tmp_path / "index"
    assert sync(index_dir, [folder]).added == 1
    (folder / "notes.txt").write_text(PLAIN, encoding="utf-8")
    assert sync(index_dir, [folder]).added == 1  # a second segment: no speaker, delegation, date
    with Engine(index_dir) as engine:
        res = engine.search(SearchRequest(q="zebrafish")).to_dict()
        assert res["total"] == 2
        assert res["facets"]["delegation"] == [] and res["facets"]["speaker"] == []
        assert _facet(res, "symbol") == {"notes": 2}
        # Both segments in one result set: each paragraph counts its own segment's values.
        both = engine.search(SearchRequest(q="zebrafish OR 德国", size=100)).to_dict()
        seed_only = engine.search(SearchRequest(q="德国", size=100)).to_dict()
        assert both["total"] == seed_only["total"] + 2
        assert _facet(both, "delegation") == _facet(seed_only, "delegation")
        assert _facet(both, "symbol") == {**_facet(seed_only, "symbol"), "notes": 2}


def test_first_segment_without_column_second_with(tmp_path):
    # The reverse order: Whoosh's multi-segment column reader returned another document's value here.
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "notes.txt").write_text(PLAIN, encoding="utf-8")
    index_dir = tmp_path / "index"
    sync(index_dir, [folder])
    shutil.copy(SEED, folder / SEED.name)
    sync(index_dir, [folder])
    with Engine(index_dir) as engine:
        plain = engine.search(SearchRequest(q="zebrafish")).to_dict()
        assert plain["facets"]["delegation"] == [] and plain["facets"]["speaker"] == []
        both = engine.search(SearchRequest(q="zebrafish OR 德国", size=100)).to_dict()
        seed_only = engine.search(SearchRequest(q="德国", size=100)).to_dict()
        assert _facet(both, "speaker") == _facet(seed_only, "speaker")


def test_role_facet_without_column(seed_engine, seed_index):
    # ``role`` has no column: it is read from stored fields rather than crashing.
    searcher = seed_engine._searcher
    docs = seed_engine._ctx.paragraphs
    counts = facet_counts(searcher, docs, names=("role",), limit=None)["role"]
    assert counts and all(e["count"] > 0 for e in counts)


def test_a_new_generation_reads_the_columns_of_its_new_segments_only(tmp_path, monkeypatch):
    import shutil

    from rapporteur.indexer.sync.writer import sync
    from rapporteur.search import whoosh_io
    from rapporteur.search.engine import Engine, SearchRequest
    from tests.support.paths import SEED

    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    index = tmp_path / "index"
    sync(index, [folder])
    read = []
    real = whoosh_io.column_values
    monkeypatch.setattr(whoosh_io, "column_values", lambda leaf, name: read.append(leaf.key) or real(leaf, name))
    with Engine(index, cache_size=0) as engine:
        first = engine.search(SearchRequest(q="德国")).facets
        seed_segments = set(read)
        assert seed_segments
        read.clear()
        (folder / "notes.txt").write_text("Notes on 德国.\n", encoding="utf-8")
        sync(index, [folder])
        after = engine.search(SearchRequest(q="德国")).facets
        with engine.view() as view:
            live = {leaf.key for leaf in whoosh_io.leaves(view.searcher)}
        assert read and not (set(read) & seed_segments & live)  # the seed's segment was not read again
        assert {e["value"] for e in after["symbol"]} == {e["value"] for e in first["symbol"]} | {"notes"}
