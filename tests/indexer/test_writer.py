"""Incremental sync, locking, rebuild-and-swap and crash safety, on real files and processes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rapporteur.indexer.errors import IndexLocked
from rapporteur.indexer.store.locations import LOCK, generation, read_current
from rapporteur.indexer.store.lock import WriterLock
from rapporteur.indexer.sync.writer import sync
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.paths import SEED
from tests.support.records import write_seed_copy
from tests.support.search import hits

RAPPORTEUR = [sys.executable, "-c", "from rapporteur.cli.main import main; main()"]


def test_add_change_delete_and_unchanged(tmp_path):
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    write_seed_copy(corpus, 1)
    write_seed_copy(corpus, 2)
    first = sync(ix, [corpus])
    assert (first.added, first.updated, first.removed, first.failed) == (2, 0, 0, [])

    again = sync(ix, [corpus])
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 2)
    assert again.generation == first.generation  # nothing written, nothing committed

    write_seed_copy(corpus, 2, extra="独角兽条款")
    write_seed_copy(corpus, 3)
    (corpus / "S_AC.44_SR.1.zh.txt").unlink()
    changed = sync(ix, [corpus])
    assert (changed.added, changed.updated, changed.removed) == (1, 1, 1)
    assert changed.generation > first.generation
    assert hits(ix, "独角兽条款") == {"S/AC.44/SR.2"}
    assert hits(ix, '"威斯巴登进程"') == {"S/AC.44/SR.2", "S/AC.44/SR.3"}
    with Engine(ix) as eng:
        assert eng.stats()["records"] == 2 and eng.stats()["paragraphs"] == 90


def test_bad_file_reported_and_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_seed_copy(corpus, 5)
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (corpus / "empty.txt").write_bytes(b"")
    report = sync(tmp_path / "ix", [corpus, tmp_path / "no-such-folder"])
    assert report.added == 1
    failed = dict(report.failed)
    assert set(failed) == {str(corpus / "broken.txt"), str(corpus / "empty.txt"), str(tmp_path / "no-such-folder")}
    assert all(reason and "\n" not in reason for reason in failed.values())


def test_same_record_in_two_files_fails_the_second(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    a = write_seed_copy(corpus, 6)
    (corpus / "copy.txt").write_text(a.read_text(encoding="utf-8"), encoding="utf-8")
    report = sync(tmp_path / "ix", [corpus])
    assert report.added == 1 and len(report.failed) == 1 and "same record" in report.failed[0][1]


def test_a_record_indexed_before_is_replaced_not_duplicated(tmp_path):
    """A record already in the index, from a renamed file or from another folder, is replaced
    whole when a file holding it is synced (new records skip that deletion)."""
    a, b, ix = tmp_path / "a", tmp_path / "b", tmp_path / "ix"
    a.mkdir()
    b.mkdir()
    first = write_seed_copy(a, 9)
    sync(ix, [a])
    first.rename(a / "renamed.txt")
    moved = sync(ix, [a])
    assert (moved.added, moved.removed) == (1, 1)
    write_seed_copy(b, 9, extra="另一份文件的段落")  # the same record, from another folder
    other = sync(ix, [b])
    assert other.added == 1 and not other.failed
    with Engine(ix) as eng:
        assert eng.stats()["records"] == 1 and eng.stats()["paragraphs"] == 45
    assert hits(ix, '"另一份文件的段落"') == {"S/AC.44/SR.9"}


def test_searcher_sees_commits_and_generation_increases(tmp_path):
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    write_seed_copy(corpus, 7)
    sync(ix, [corpus])
    with Engine(ix) as eng:
        g1 = eng.generation
        before = eng.search(SearchRequest(q="\"新增的段落内容\""))
        write_seed_copy(corpus, 8, extra="新增的段落内容")
        sync(ix, [corpus])
        after = eng.search(SearchRequest(q="\"新增的段落内容\""))
        assert before.total == 0 and after.total == 1 and eng.generation > g1


def test_rebuild_swaps_in_complete_index_and_failed_rebuild_keeps_old(tmp_path):
    from rapporteur.indexer.parse import parse_file

    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    for m in (10, 11, 12):
        write_seed_copy(corpus, m)
    sync(ix, [corpus])
    old_dir, old_gen = read_current(ix).dir, generation(ix)

    calls = []

    def interrupted(path):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the run dies half-way
        return parse_file(path)

    with Engine(ix) as eng:
        with pytest.raises(KeyboardInterrupt):
            sync(ix, [corpus], rebuild=True, parse=interrupted)
        assert read_current(ix).dir == old_dir and generation(ix) == old_gen
        assert eng.search(SearchRequest(q="威斯巴登进程", size=100)).total == 18

        report = sync(ix, [corpus], rebuild=True)
        assert report.added == 3 and read_current(ix).dir != old_dir
        assert generation(ix) > old_gen
        assert eng.search(SearchRequest(q="威斯巴登进程", size=100)).total == 18
    assert sorted(p.name for p in ix.glob("ix-*")) == sorted({old_dir, read_current(ix).dir})


def test_lock_times_out_with_message_and_stale_lock_is_cleared(tmp_path):
    ix = tmp_path / "ix"
    with WriterLock(ix / LOCK):
        with pytest.raises(IndexLocked, match=f"process {os.getpid()}"):
            sync(ix, [], lock_timeout=0.3)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (ix / LOCK).write_text(str(dead.pid))
    report = sync(ix, [])
    assert report.stale_lock_pid == dead.pid


def _start_index(corpus: Path, ix: Path, *extra) -> subprocess.Popen:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.Popen(RAPPORTEUR + ["index", str(corpus), "--index", str(ix), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=Path(__file__).resolve().parents[2])


def _wait_for_lock(ix: Path, proc: subprocess.Popen, timeout=60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lock = ix / LOCK
        if lock.exists() and lock.read_text().strip() == str(proc.pid):
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError("the index run never took the lock")


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("big")
    for m in range(100, 130):
        write_seed_copy(corpus, m)
    return corpus


@pytest.mark.slow
def test_two_concurrent_index_runs(tmp_path, big_corpus):
    ix = tmp_path / "ix"
    first = _start_index(big_corpus, ix)
    _wait_for_lock(ix, first)
    second = _start_index(big_corpus, ix, "--wait", "0.2")
    out, err = second.communicate(timeout=60)
    assert second.returncode == 1
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 2
    assert f"being written by process {first.pid}" in err
    waiting = _start_index(big_corpus, ix, "--wait", "120")
    out1, _ = first.communicate(timeout=180)
    out2, err2 = waiting.communicate(timeout=180)
    assert out1.strip().endswith("s") and out1.startswith("added 30,")
    assert waiting.returncode == 0 and out2.startswith("added 0, updated 0, removed 0, failed 0"), err2
    assert "waiting for process" in err2


@pytest.mark.slow
def test_kill_during_index_leaves_a_working_index(tmp_path, big_corpus):
    ix = tmp_path / "ix"
    proc = _start_index(big_corpus, ix)
    _wait_for_lock(ix, proc)
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Engine(ix) as eng:  # opens and searches
        eng.search(SearchRequest(q="威斯巴登进程"))
    rerun = _start_index(big_corpus, ix)
    out, err = rerun.communicate(timeout=180)
    assert rerun.returncode == 0, err
    assert "stale lock" in err and "Traceback" not in err
    with Engine(ix) as eng:
        assert eng.stats()["records"] == 30
        assert eng.search(SearchRequest(q="威斯巴登进程", size=10)).total == 180


def test_an_index_of_an_earlier_analysis_is_analysed_again_whole(tmp_path):
    """Nothing is lost: records of folders this sync was not given, and imported ones, are
    analysed again from the index; files that did not change are not read again."""
    import json
    import shutil

    from rapporteur.indexer.analysis.analyzers import ANALYSIS_VERSION
    from rapporteur.indexer.model import Paragraph, Record
    from rapporteur.indexer.sync.writer import import_records
    from tests.support.paths import FIXTURES

    a, b, ix = tmp_path / "a", tmp_path / "b", tmp_path / "ix"
    a.mkdir()
    b.mkdir()
    shutil.copy(SEED, a / SEED.name)
    (b / "A_C.1_71_SR.9.zh.txt").write_text((FIXTURES / "A_C.1_71_SR.9.zh.txt").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    assert sync(ix, [a]).added == 1 and sync(ix, [b]).added == 1
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text("", encoding="utf-8")
    rec = Record(symbol="S/PV.1", lang="en", paragraphs=[Paragraph(n=1, text="Mr. Salamé briefed the Council.")])
    assert import_records(ix, jsonl, [(1, rec)]).added == 1
    with Engine(ix, cache_size=0) as eng:
        before = {h["id"] for h in eng.search(SearchRequest(q="", symbol="S", size=100)).hits}
        total = eng.stats()["paragraphs"]
    current = json.loads((ix / "CURRENT").read_text(encoding="utf-8"))
    assert current["analysis"] == ANALYSIS_VERSION
    current["analysis"] = 1  # as an index written before the analysis changed
    (ix / "CURRENT").write_text(json.dumps(current), encoding="utf-8")
    with Engine(ix, cache_size=0) as eng:
        assert "analysis" in eng.search(SearchRequest(q="Salame")).notice

    seen = []
    report = sync(ix, [a], progress=lambda status, path, detail=None: seen.append((status, detail)))
    assert ("reanalysing", "3") in seen
    assert report.unchanged == 1 and report.added == report.updated == report.removed == 0 and not report.failed
    assert any("analysed again" in w for w in report.warnings)
    assert json.loads((ix / "CURRENT").read_text(encoding="utf-8"))["analysis"] == ANALYSIS_VERSION
    with Engine(ix, cache_size=0) as eng:
        assert eng.stats()["paragraphs"] == total
        assert {h["id"] for h in eng.search(SearchRequest(q="", symbol="S", size=100)).hits} == before
        res = eng.search(SearchRequest(q="Salame"))
        assert res.notice is None and [h["id"] for h in res.hits] == ["S/PV.1:en:1"]
    assert json.loads((ix / "CURRENT").read_text(encoding="utf-8"))["dir"] != current["dir"]  # written anew
