"""The indexing worker pool (indexer/pool.py): the same index as in-process indexing, failures
reported the same way, a crashed worker fails only its file, and workers die with their parent."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from rapporteur.indexer.sync import pool
from rapporteur.indexer.store.locations import INDEX_NAME, read_current
from rapporteur.indexer.sync.writer import sync
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.paths import SEED

QUERIES = ["委员会", "安全理事会", "国家", "security", "the Council", '"General Assembly"', "发展 合作",
           "lang:en peace", "lang:zh 决议", "主席"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A bench corpus (zh and en records from real UN text, ≥ MIN_POOL_FILES files) and four
    files the readers reject (empty, binary, malformed PDF, malformed DOCX)."""
    from bench import corpus, sources

    root = tmp_path_factory.mktemp("pool")
    built = corpus.build(root / "c", 2500, 7, 0.7, sources.load(max_gdc_files=20))
    records = built.records_dir
    (records / "S_AC.44_SR.996.zh.txt").write_bytes(b"")
    (records / "S_AC.44_SR.997.zh.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (records / "S_AC.44_SR.998.pdf").write_bytes(b"%PDF-1.4 garbage")
    (records / "S_AC.44_SR.999.docx").write_bytes(b"PK\x03\x04garbage")
    assert len(list(records.iterdir())) >= pool.MIN_POOL_FILES + 4
    return records


def _stored(index_dir: Path) -> list[dict]:
    cur = read_current(index_dir)
    ix = whoosh_index.open_dir(str(index_dir / cur.dir), indexname=INDEX_NAME)
    try:
        with ix.searcher() as s:
            return sorted((dict(f) for f in s.all_stored_fields()), key=lambda f: f["id"])
    finally:
        ix.close()


def _search(index_dir: Path) -> list:
    out = []
    with Engine(index_dir, cache_size=0) as eng:
        for q in QUERIES:
            r = eng.search(SearchRequest(q=q, size=20))
            out.append((q, r.total, r.notice, r.hits, r.facets))
    return out


def _index(folder: Path, index_dir: Path, workers: int):
    events = []
    # The text stores' lines name the index folder, which differs between the two runs.
    report = sync(index_dir, [folder], workers=workers,
                  progress=lambda s, p, d=None: events.append((s, "" if s == "texts" else p, d)))
    return report, events


def test_pool_writes_the_same_index_as_in_process(folder, tmp_path, monkeypatch):
    started = []
    real = pool._Worker.__init__

    def counting(self, *a, **k):
        started.append(1)
        real(self, *a, **k)

    monkeypatch.setattr(pool._Worker, "__init__", counting)
    one, events1 = _index(folder, tmp_path / "one", workers=1)
    assert not started  # in-process
    two, events2 = _index(folder, tmp_path / "two", workers=2)
    assert len(started) == 2  # a pool of two

    assert one.added == two.added > pool.MIN_POOL_FILES
    assert (one.failed, one.warnings, one.chars, one.unchanged) == (two.failed, two.warnings, two.chars, two.unchanged)
    assert events1 == events2  # same progress lines, same order
    assert sorted(Path(p).name for p, _r in one.failed) == ["S_AC.44_SR.996.zh.txt", "S_AC.44_SR.997.zh.txt",
                                                            "S_AC.44_SR.998.pdf", "S_AC.44_SR.999.docx"]

    a, b = _stored(tmp_path / "one"), _stored(tmp_path / "two")
    assert len(a) == len(b) > one.added
    assert a == b  # every stored field of every record and paragraph document
    assert _search(tmp_path / "one") == _search(tmp_path / "two")

    # Unchanged on a second run with the pool; nothing started for it.
    started.clear()
    again, _ = _index(folder, tmp_path / "two", workers=2)
    assert again.unchanged == two.added and again.added == 0 and not started


def test_small_runs_stay_in_process(tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "_Worker", None)  # any pool would fail
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / SEED.name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert sync(tmp_path / "ix", [corpus], workers=4).added == 1


def test_default_workers(monkeypatch):
    monkeypatch.setenv(pool.ENV_WORKERS, "1")
    assert pool.default_workers() == 1
    monkeypatch.delenv(pool.ENV_WORKERS)
    assert 1 <= pool.default_workers() <= pool.MAX_WORKERS


def test_a_crashed_worker_fails_its_file_only(folder, tmp_path, monkeypatch):
    """A worker that segfaults on one file: that file is reported (one line), the run goes on."""
    # An English record when the shared corpus gave English text, else a Chinese one.
    good = sorted(p.name for p in folder.iterdir() if p.suffix == ".txt" and p.stat().st_size > 0
                  and not p.read_bytes().startswith(b"\x89PNG"))
    victim = ([n for n in good if n.endswith(".en.txt")] or good)[1]
    code = ("import os, signal, rapporteur.indexer.sync.pool as p; real = p.parse_record\n"
            "def crash(parse, path):\n"
            f"    if path.name == {victim!r}: os.kill(os.getpid(), signal.SIGSEGV)\n"
            "    return real(parse, path)\n"
            "p.parse_record = crash\n"
            "p._worker_main({rfd}, {wfd}, {pid})")
    monkeypatch.setattr(pool, "_worker_command",
                        lambda rfd, wfd: [sys.executable, "-c", code.format(rfd=rfd, wfd=wfd, pid=os.getpid())])
    report, _events = _index(folder, tmp_path / "ix", workers=2)
    crashed = [(p, r) for p, r in report.failed if p.endswith(victim)]
    assert crashed == [(str(folder / victim), "the indexing worker process died on it (SIGSEGV)")]
    assert len(report.failed) == 5
    total = len(list(folder.iterdir()))
    assert report.added == total - 5


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_workers_die_with_their_parent(folder, tmp_path):
    """SIGKILL of the indexing process mid-run leaves no worker running."""
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from rapporteur.indexer.sync.writer import sync; "
                             "sync(sys.argv[1], [sys.argv[2]], workers=2)", str(tmp_path / "ix"), str(folder)])

    def children(pid):
        out = []
        for d in Path("/proc").iterdir():
            try:
                if d.name.isdigit() and int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(d.name))
            except (OSError, ValueError, IndexError):
                pass
        return out

    deadline = time.monotonic() + 60
    kids = []
    while time.monotonic() < deadline and len(kids) < 2 and proc.poll() is None:
        kids = children(proc.pid)
        time.sleep(0.05)
    assert len(kids) == 2, "the pool did not start"
    time.sleep(1.0)  # mid-run: the workers are busy
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    alive = kids
    while alive and time.monotonic() < deadline:
        alive = [k for k in kids if Path(f"/proc/{k}").exists()
                 and Path(f"/proc/{k}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
        time.sleep(0.1)
    assert not alive, f"workers still running after their parent was killed: {alive}"


def test_workers_that_cannot_start_leave_the_work_to_this_process(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "_worker_command", lambda rfd, wfd: [sys.executable, "-c", "raise SystemExit(3)"])
    report, _events = _index(folder, tmp_path / "ix", workers=2)
    assert len(report.failed) == 4 and report.added == len(list(folder.iterdir())) - 4
