"""Crash safety of ``rapporteur index``: SIGKILL at random moments, a killed ``--rebuild``,
stale locks, and a full disk or I/O error during a commit.

Real processes throughout: the CLI is started as a user would start it and killed with
SIGKILL; faults are injected only into Whoosh's file writes (``inject_write_error.py``).
How many kills and injected errors, over how many records, is the test profile's
(``RAPPORTEUR_TEST_PROFILE``, ``tests/support/profile.py``).
"""
from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest

from rapporteur.indexer.store.locations import LOCK, read_current, toc_generation
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.profile import PROFILE
from tests.support.reliability import (
    atomicity_problems, index_contents, kill, parsed_contents, pytest_command, record_figures, run, start,
    wait_for_lock, write_record,
)

SEED = 20240607
INJECT = [os.sys.executable, str(Path(__file__).with_name("inject_write_error.py"))]


def search_all(index_dir: Path, q: str = '"记录"') -> int:
    with Engine(index_dir) as eng:
        return eng.search(SearchRequest(q=q, size=1)).total


def snapshot(index_dir: Path) -> dict:
    """What a reader sees: every stored paragraph, and a few searches as the API returns them."""
    contents = index_contents(index_dir)
    with Engine(index_dir) as eng:
        searches = {}
        for q in ('"记录"', "出口管制", "delegation:德国", '"版本2"'):
            res = eng.search(SearchRequest(q=q, size=50)).to_dict()
            res.pop("took_ms")
            searches[q] = res
    return {"paragraphs": contents.paragraphs, "records": sorted(contents.records), "searches": searches,
            "generation": contents.generation, "dir": read_current(index_dir).dir}


def stale_lock_line(stderr: str, pid: int) -> bool:
    return f"cleared a stale lock left by process {pid}" in stderr


@pytest.mark.slow
def text_store_problems(ix: Path, complete: bool) -> list[str]:
    """What is wrong with the text stores of the index at ``ix`` (see indexer/store/textstore.py):
    a store file that does not open for its live segment, a store whose texts differ from the
    segment's stored texts, or (``complete``) a live segment without one."""
    from rapporteur.indexer.store import textstore
    from rapporteur.indexer.store.locations import open_index
    from rapporteur.indexer.text import fold

    folder = ix / read_current(ix).dir
    out = []
    index = open_index(folder)
    try:
        with index.reader() as reader:
            for leaf, _o in reader.leaf_readers():
                if leaf.segment() is None:
                    continue
                seg, count = leaf.segment().segment_id(), leaf.doc_count_all()
                path = textstore.path_for(folder, seg)
                if not path.exists():
                    if complete:
                        out.append(f"{seg}: no store")
                    continue
                try:
                    store = textstore.SegmentTexts(path, count)
                except ValueError as err:
                    out.append(f"{seg}: {err}")
                    continue
                for i in range(0, count, max(1, count // 50)):
                    if not leaf.is_deleted(i) and store.get(i) != fold(leaf.stored_fields(i).get("text", "")):
                        out.append(f"{seg}: document {i} differs")
                store.close()
    finally:
        index.close()
    return out


def test_sigkill_at_random_moments(tmp_path):
    """SIGKILLs of ``rapporteur index`` at seeded random moments while it builds the records
    from scratch and then applies changes, deletions and additions to them: 20 kills over
    2,000 records, 0.3–4.5 s after the lock is taken, under the ``thorough`` profile."""
    records, kills_wanted = PROFILE.sigkill_records, PROFILE.sigkills
    rng = random.Random(SEED)
    corpus, ix, logs = tmp_path / "corpus", tmp_path / "ix", tmp_path / "logs"
    corpus.mkdir()
    version = {i: 1 for i in range(records)}
    for i in version:
        write_record(corpus, i, 1, seed=SEED)
    current = parsed_contents(corpus)
    allowed = {k: [v] for k, v in current.items()}

    kills, completed_runs, phases, next_new = [], 0, 1, records
    per_phase = kills_wanted // 2  # 10 kills while building, then (at most) 10 while applying changes
    phase_kills = 0
    committed_at_kill, stale_messages, t_start = [], 0, time.monotonic()
    last_killed_pid = None
    run_no = 0
    while len(kills) < kills_wanted:
        run_no += 1
        proc = start(["index", str(corpus), "--index", str(ix), "--wait", "60"], logs, f"run{run_no}")
        try:
            took = wait_for_lock(ix, proc)
            # At the end of a phase the run is let finish: the rerun must complete the work.
            delay = rng.uniform(0.3, PROFILE.sigkill_max_delay_s) if phase_kills < per_phase else 600.0
            deadline = time.monotonic() + delay
            while took and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.005)
            finished = proc.poll() is not None
            if not finished:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
        finally:
            kill(proc)
        err = proc.log_paths[1].read_text(encoding="utf-8")
        if last_killed_pid is not None:
            # The run after a kill finds the dead writer's pid in the lock and says so.
            assert stale_lock_line(err, last_killed_pid), err
            stale_messages += 1
        assert "Traceback" not in err, err

        # After every kill (and every completed run): the index opens, each record is whole
        # (one of its versions, all paragraphs or none), ids are unique, search works.
        contents = index_contents(ix)
        problems = atomicity_problems(contents, allowed)
        assert not problems, (run_no, problems[:10])
        assert search_all(ix) == contents.paragraph_count
        # The text stores (derived files): never a half-written one under its name; after a
        # completed run, one for every live segment, equal to its stored texts.
        assert not text_store_problems(ix, complete=proc.poll() is not None and proc.returncode == 0), run_no

        if not finished and (ix / LOCK).read_text().strip() == str(proc.pid):
            kills.append(round(delay, 3))
            phase_kills += 1
            committed_at_kill.append(len(contents.records))
            last_killed_pid = proc.pid
            continue
        # Finished, or killed on its way out after releasing the lock: its work is complete.
        assert not finished or proc.returncode == 0, err
        completed_runs += 1
        last_killed_pid = None
        # A run completed: the index equals a clean build of the folder, exactly.
        assert {k: v for k, v in contents.paragraphs.items()} == current
        assert set(contents.records) == set(current)
        # Next phase: change 40% of the records (other paragraph counts), delete 5%, add 5%.
        phases += 1
        phase_kills = 0
        live = sorted(version)
        for i in rng.sample(live, len(live) * 2 // 5):
            version[i] += 1
            write_record(corpus, i, version[i], seed=SEED)
        for i in rng.sample(sorted(version), len(live) // 20):
            (corpus / f"S_AC.44_SR.{1000 + i}.zh.txt").unlink()
            del version[i]
        for _ in range(len(live) // 20):
            version[next_new] = 1
            write_record(corpus, next_new, 1, seed=SEED)
            next_new += 1
        new = parsed_contents(corpus)
        allowed = {k: [v for v in (current.get(k), new.get(k)) if v is not None] for k in set(current) | set(new)}
        current = new

    # The final rerun completes: same records and paragraphs as a clean build, no duplicates.
    final = run(["index", str(corpus), "--index", str(ix)], logs, "final", timeout=300)
    assert final.returncode == 0 and stale_lock_line(final.stderr, last_killed_pid), final.stderr
    contents = index_contents(ix)
    assert contents.paragraphs == current and set(contents.records) == set(current)
    assert len(set(contents.para_ids)) == contents.paragraph_count == sum(len(v) for v in current.values())
    clean = run(["index", str(corpus), "--index", str(tmp_path / "clean")], logs, "clean", timeout=300)
    assert clean.returncode == 0
    clean_contents = index_contents(tmp_path / "clean")
    assert (len(clean_contents.records), clean_contents.paragraph_count) == (len(contents.records), contents.paragraph_count)
    assert clean_contents.paragraphs == contents.paragraphs

    record_figures(
        "crash_sigkill",
        title="SIGKILL `rapporteur index` at random moments",
        tried=(f"{len(kills)} SIGKILLs (seed {SEED}, {min(kills):.2f}–{max(kills):.2f} s after the lock was taken) "
               f"while indexing {records:,} generated records and then {phases - 1} rounds of changes "
               f"(40% changed, 5% deleted, 5% added); {completed_runs} runs completed between kills"),
        held=(f"after every kill the index opened and searched, 0 torn records, 0 duplicate ids; "
              f"{stale_messages} stale-lock messages for {stale_messages} killed writers; final rerun = clean build: "
              f"{len(contents.records):,} records, {contents.paragraph_count:,} paragraphs"),
        command=pytest_command("tests/reliability/test_crash_safety.py::test_sigkill_at_random_moments"),
        kills=len(kills), kill_delays_s=kills, records_committed_at_kill=committed_at_kill,
        completed_runs=completed_runs, records=len(contents.records), paragraphs=contents.paragraph_count,
        clean_build_records=len(clean_contents.records), clean_build_paragraphs=clean_contents.paragraph_count,
        torn_records=0, duplicate_ids=0, seconds=round(time.monotonic() - t_start, 1),
    )


@pytest.mark.slow
def test_killed_rebuild_leaves_the_old_index_served(tmp_path):
    records = 600
    corpus, ix, logs = tmp_path / "corpus", tmp_path / "ix", tmp_path / "logs"
    corpus.mkdir()
    for i in range(records):
        write_record(corpus, i, 1, seed=SEED)
    assert run(["index", str(corpus), "--index", str(ix)], logs, "build").returncode == 0
    before = snapshot(ix)
    old_dir = before["dir"]
    with Engine(ix) as serving:  # a reader that stays open through the killed rebuild
        served_before = serving.search(SearchRequest(q='"记录"', size=5)).to_dict()
        proc = start(["index", str(corpus), "--index", str(ix), "--rebuild"], logs, "rebuild")
        try:
            assert wait_for_lock(ix, proc)
            new_dir = None
            deadline = time.monotonic() + 120
            half = 0
            while time.monotonic() < deadline and proc.poll() is None:
                dirs = [p for p in ix.glob("ix-*") if p.name != old_dir]
                if dirs and toc_generation(dirs[0]) >= 1:
                    new_dir = dirs[0]
                    half = len(index_contents_of(new_dir))
                    if half >= records // 2:
                        break
                time.sleep(0.05)
            assert proc.poll() is None, "the rebuild finished before it could be killed"
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        finally:
            kill(proc)
        assert new_dir is not None and half >= records // 2
        # The old index is still the live one, unchanged, and the open reader still serves it.
        assert read_current(ix).dir == old_dir
        assert snapshot(ix) == before
        served_after = serving.search(SearchRequest(q='"记录"', size=5)).to_dict()
        served_before.pop("took_ms"), served_after.pop("took_ms")
        assert served_after == served_before
    # The next run says the lock was stale, clears the half-built index and finds nothing to do.
    again = run(["index", str(corpus), "--index", str(ix)], logs, "again")
    assert again.returncode == 0 and stale_lock_line(again.stderr, proc.pid), again.stderr
    assert again.stdout.startswith("added 0, updated 0, removed 0, failed 0")
    assert sorted(p.name for p in ix.glob("ix-*")) == [old_dir]
    record_figures(
        "crash_rebuild",
        title="SIGKILL `rapporteur index --rebuild` half way",
        tried=f"rebuild of {records} records killed with {half} records committed in the new index",
        held="live index unchanged (same CURRENT, generation, paragraphs and search results); an open reader "
             "kept answering identically; next run reported the stale lock and removed the half-built index",
        command=pytest_command("tests/reliability/test_crash_safety.py::test_killed_rebuild_leaves_the_old_index_served"),
        records=records, committed_in_new_index_at_kill=half, generation=before["generation"],
    )


def index_contents_of(ix_path: Path) -> set[str]:
    """Records committed so far in a Whoosh index folder (a rebuild's new one)."""
    from whoosh import index as whoosh_index

    from rapporteur.indexer.store.locations import INDEX_NAME
    from rapporteur.indexer.store.schema import RECORD

    ix = whoosh_index.open_dir(str(ix_path), indexname=INDEX_NAME)
    try:
        with ix.searcher() as s:
            return {f["rkey"] for f in s.documents(kind=RECORD)}
    finally:
        ix.close()


def test_stale_lock_of_a_killed_writer_is_cleared_with_a_message(tmp_path):
    corpus, ix, logs = tmp_path / "corpus", tmp_path / "ix", tmp_path / "logs"
    corpus.mkdir()
    for i in range(200):
        write_record(corpus, i, 1, seed=SEED)
    proc = start(["index", str(corpus), "--index", str(ix)], logs, "killed")
    try:
        assert wait_for_lock(ix, proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        kill(proc)
    assert (ix / LOCK).read_text().strip() == str(proc.pid)  # the dead writer's pid is left behind
    t0 = time.monotonic()
    rerun = run(["index", str(corpus), "--index", str(ix), "--wait", "5"], logs, "rerun")
    assert rerun.returncode == 0, rerun.stderr
    lines = rerun.stderr.strip().splitlines()
    assert lines == [f"warning: cleared a stale lock left by process {proc.pid}, which did not finish"]
    assert "waiting" not in rerun.stderr  # detected at once, not after the --wait timeout
    assert (ix / LOCK).read_text() == ""  # released cleanly this time
    contents = index_contents(ix)
    assert len(contents.records) == 200 and not atomicity_problems(contents, {k: [v] for k, v in parsed_contents(corpus).items()})
    record_figures(
        "crash_stale_lock",
        title="Stale lock left by a killed writer",
        tried="`rapporteur index` SIGKILLed while holding the writer lock; rerun with --wait 5",
        held=f"rerun did not wait, printed one line naming the dead pid, finished in {time.monotonic() - t0:.1f} s "
             "with all 200 records",
        command=pytest_command("tests/reliability/test_crash_safety.py::test_stale_lock_of_a_killed_writer_is_cleared_with_a_message"),
        rerun_seconds=round(time.monotonic() - t0, 2),
    )


# ---- disk full and I/O errors during a commit ---------------------------------------------------

def _write_error_runs(tmp_path: Path, budgets: int, rebuild_every: int) -> dict:
    corpus, ix, logs = tmp_path / "corpus", tmp_path / "ix", tmp_path / "logs"
    corpus.mkdir()
    for i in range(30):
        write_record(corpus, i, 1, seed=SEED)
    assert run(["index", str(corpus), "--index", str(ix)], logs, "build").returncode == 0
    # Work for the failing runs: 10 changed, 10 new, 5 deleted.
    for i in range(10):
        write_record(corpus, i, 2, seed=SEED)
    for i in range(30, 40):
        write_record(corpus, i, 1, seed=SEED)
    for i in range(25, 30):
        (corpus / f"S_AC.44_SR.{1000 + i}.zh.txt").unlink()
    before = snapshot(ix)

    # How many bytes the run writes when nothing fails, measured on a copy.
    probe = tmp_path / "probe"
    shutil.copytree(ix, probe)
    counted = run(["index", str(corpus), "--index", str(probe)], logs, "probe", prefix=INJECT + ["-1", "ENOSPC", str(tmp_path / "bytes")])
    assert counted.returncode == 0, counted.stderr
    total = int((tmp_path / "bytes").read_text())
    rng = random.Random(SEED)
    # (Up to 95%: segment names are random and merges may differ, so the exact total varies a little.)
    points = sorted({0, 1, *rng.sample(range(total * 95 // 100), budgets - 2)})
    outcomes = {"ENOSPC": 0, "EIO": 0}
    for k, budget in enumerate(points):
        code = "EIO" if k % 4 == 3 else "ENOSPC"
        extra = ["--rebuild"] if rebuild_every and k % rebuild_every == rebuild_every - 1 else []
        res = run(["index", str(corpus), "--index", str(ix), *extra], logs, f"fail{k}",
                  prefix=INJECT + [str(budget), code, ""])
        message = os.strerror(getattr(errno, code))
        lines = res.stderr.strip().splitlines()
        assert res.returncode == 1, (budget, res.stderr, res.stdout)
        assert lines == [f"rapporteur: cannot write the index at {ix}: {message}"], (budget, res.stderr)
        assert snapshot(ix) == before, budget  # previous index intact and searchable
        outcomes[code] += 1
    ok = run(["index", str(corpus), "--index", str(ix)], logs, "after")
    assert ok.returncode == 0 and ok.stdout.startswith("added 10, updated 10, removed 5, failed 0"), ok.stdout + ok.stderr
    assert index_contents(ix).paragraphs == parsed_contents(corpus)
    return {"total_bytes": total, "points": len(points), **outcomes}


def test_disk_full_or_io_error_during_commit(tmp_path):
    """ENOSPC/EIO injected into Whoosh's file writes at seeded byte offsets of one run."""
    fig = _write_error_runs(tmp_path, budgets=4, rebuild_every=0)
    _record_write_errors("io_error_fast", fig, "test_disk_full_or_io_error_during_commit")


@pytest.mark.slow
def test_disk_full_or_io_error_sweep(tmp_path):
    """The profile's number of failing runs (16 under ``thorough``), every third a ``--rebuild``."""
    fig = _write_error_runs(tmp_path, budgets=PROFILE.write_error_budgets, rebuild_every=3)
    _record_write_errors("io_error_sweep", fig, "test_disk_full_or_io_error_sweep", rebuilds=True)


def _record_write_errors(key: str, fig: dict, name: str, rebuilds: bool = False) -> None:
    record_figures(
        key,
        title="Disk full / I/O error during a commit" + (" (sweep, incl. --rebuild)" if rebuilds else ""),
        tried=(f"{fig['points']} runs, each failing at one seeded byte offset of the {fig['total_bytes']:,} bytes "
               f"an update writes ({fig['ENOSPC']} ENOSPC, {fig['EIO']} EIO)"
               + ("; every third run a --rebuild" if rebuilds else "")),
        held=("every run: exit 1 with one line 'cannot write the index at …: <reason>', no traceback; previous "
              "index identical (paragraphs, searches, generation); the next clean run applied all changes"),
        command=pytest_command(f"tests/reliability/test_crash_safety.py::{name}"),
        **fig,
    )


@pytest.mark.slow
def test_disk_full_on_a_tiny_filesystem(tmp_path):
    """A real ENOSPC: the index on a 4 MB tmpfs (needs mount rights; skipped without them).
    The 200 records are one commit, which needs about twice its segment while Whoosh compounds it."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    import subprocess

    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        corpus, ix, logs = tmp_path / "corpus", mnt / "ix", tmp_path / "logs"
        corpus.mkdir()
        for i in range(20):
            write_record(corpus, i, 1, seed=SEED)
        assert run(["index", str(corpus), "--index", str(ix)], logs, "build").returncode == 0
        before = snapshot(ix)
        free = shutil.disk_usage(mnt).free
        (mnt / "filler").write_bytes(b"\0" * max(0, free - 16 * 1024))  # leave 16 KB
        for i in range(20, 220):
            write_record(corpus, i, 1, seed=SEED)
        res = run(["index", str(corpus), "--index", str(ix)], logs, "full")
        assert res.returncode == 1
        assert res.stderr.strip().splitlines() == [f"rapporteur: cannot write the index at {ix}: No space left on device"]
        (mnt / "filler").unlink()
        assert snapshot(ix) == before
        ok = run(["index", str(corpus), "--index", str(ix)], logs, "after")
        assert ok.returncode == 0 and ok.stdout.startswith("added 200,"), ok.stderr
        record_figures(
            "io_error_tmpfs",
            title="Disk full on a real 4 MB tmpfs",
            tried="index of 20 records on a full tmpfs (16 KB free), then 200 more records",
            held="exit 1 with one line 'No space left on device'; previous index identical; after freeing space "
                 "the next run added all 200",
            command=pytest_command("tests/reliability/test_crash_safety.py::test_disk_full_on_a_tiny_filesystem"),
            free_bytes=16 * 1024, added_after=200,
        )
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
