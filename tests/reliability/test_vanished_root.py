"""A folder being indexed that vanishes (renamed, deleted, unmounted) is never taken for the
deletion of its records: the real ``rapporteur index`` (incremental and ``--rebuild``) refuses
with one line and a non-zero exit, the real ``rapporteur watch`` stops the same way, and the
index is left exactly as it was; files deleted one by one are still removed. So is a folder that
is still there but not the one indexed before: a file system unmounted (its empty mount point
left) or mounted in its place, a mount point below a folder given, a folder replaced by a new
one; ``--rebuild`` takes what is there now."""
from __future__ import annotations

import os
import subprocess
import time
from contextlib import contextmanager

import pytest

from tests.support.reliability import index_contents, pytest_command, record_figures, run, write_record
from tests.support.watching import Watch

RECORDS = 16


def _snapshot(ix):
    c = index_contents(ix)
    return c.records, c.paragraphs, c.generation


def _indexed(folder, ix, logs, records: int = RECORDS):
    """``records`` generated records written to ``folder`` (made) and indexed into ``ix``; the
    index's snapshot."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(records):
        write_record(folder, i)
    first = run(["index", str(folder), "--index", str(ix)], logs, f"index-{folder.name}")
    assert first.returncode == 0 and first.stdout.startswith(f"added {records},"), first.stderr
    return _snapshot(ix)


def _delete_all(folder, files, ix, logs, one_by_one: int) -> None:
    """Delete the first ``one_by_one`` of ``files`` with a run of ``rapporteur index`` of
    ``folder`` after each (each removes one record), then the rest and one run (which removes
    them all): nothing is left in the index."""
    for n, f in enumerate(files[:one_by_one], 1):
        f.unlink()
        res = run(["index", str(folder), "--index", str(ix)], logs, f"delete-{n}")
        assert res.returncode == 0 and res.stdout.startswith("added 0, updated 0, removed 1,"), res.stdout
    for f in files[one_by_one:]:
        f.unlink()
    emptied = run(["index", str(folder), "--index", str(ix)], logs, "emptied")
    assert emptied.returncode == 0, emptied.stderr
    assert emptied.stdout.startswith(f"added 0, updated 0, removed {len(files) - one_by_one},"), emptied.stdout
    assert index_contents(ix).records == {}


def test_a_vanished_folder_keeps_its_records(tmp_path):
    corpus, moved, ix, logs = tmp_path / "corpus", tmp_path / "corpus-moved", tmp_path / "ix", tmp_path / "logs"
    before = _indexed(corpus, ix, logs)

    # rapporteur index, incremental and --rebuild, of the folder that has gone.
    corpus.rename(moved)
    refusals = {}
    for name, extra in (("incremental", []), ("rebuild", ["--rebuild"])):
        res = run(["index", str(corpus), "--index", str(ix), *extra], logs, f"vanished-{name}")
        assert res.returncode == 1, (name, res.stdout, res.stderr)
        assert res.stdout == "" and "Traceback" not in res.stderr
        [line] = res.stderr.strip().splitlines()
        assert line.startswith(f"rapporteur: {corpus}: the folder has gone (it held {RECORDS} records); "
                               "nothing was removed and the index is unchanged"), line
        assert _snapshot(ix) == before, name
        refusals[name] = line

    # rapporteur watch: its folder renamed while it runs.
    moved.rename(corpus)  # a watch needs its folder to exist when it starts: the same folder, back in place
    with Watch(corpus, ix) as watch:
        watch.wait_for("watching")
        corpus.rename(moved)
        watch.proc.wait(timeout=120)
        output = watch.lines + watch.proc.stdout.readlines()
        watch.proc.stdout.close()
    stop_line = [line for line in output if str(corpus) in line and "gone" in line]
    assert watch.proc.returncode == 1, output
    assert len(stop_line) == 1, output
    assert not any(line.startswith("removed") for line in output), output
    assert _snapshot(ix)[:2] == before[:2]  # the records and paragraphs as they were

    # Files deleted one by one, then all of them (the folder itself stays): their records go.
    moved.rename(corpus)
    _delete_all(corpus, sorted(corpus.iterdir()), ix, logs, one_by_one=3)

    record_figures(
        "vanished_root",
        title="A folder being indexed vanishes",
        tried=(f"a folder of {RECORDS} indexed records renamed, then `rapporteur index` of its old path "
               "(incremental and `--rebuild`) and a `rapporteur watch` whose folder is renamed while it runs; "
               "then files deleted one by one, and the folder emptied"),
        held=("each refused with one line naming the folder and why, exit 1, the index unchanged (every record "
              "and paragraph, and the generation for `index`); the watch stopped with one line and exit 1, "
              "nothing removed; deleted files' records removed (1 a run, then the rest)"),
        command=pytest_command("tests/reliability/test_vanished_root.py::test_a_vanished_folder_keeps_its_records"),
        records=RECORDS, kept_after_index=len(before[0]), refusal_exit_status=1, watch_exit_status=watch.proc.returncode,
        removed_one_by_one=3, removed_when_emptied=RECORDS - 3, seconds_refusal=round(res.seconds, 2),
    )


def test_a_folder_that_cannot_be_read_keeps_its_records(tmp_path):
    """A subfolder that cannot be read: its records stay, with one line; the root unreadable:
    refused. Needs a user that permissions apply to."""
    if os.geteuid() == 0:
        pytest.skip("permissions do not apply to root (tests/indexer/test_scan.py covers this with an unreadable "
                    "folder simulated)")
    corpus, ix, logs = tmp_path / "corpus", tmp_path / "ix", tmp_path / "logs"
    (corpus / "sub").mkdir(parents=True)
    write_record(corpus, 1)
    write_record(corpus / "sub", 2)
    assert run(["index", str(corpus), "--index", str(ix)], logs, "index").returncode == 0
    before = _snapshot(ix)
    (corpus / "sub").chmod(0)
    try:
        res = run(["index", str(corpus), "--index", str(ix)], logs, "locked-sub")
        assert res.returncode == 0 and res.stdout.startswith("added 0, updated 0, removed 0, failed 1"), res.stdout
        assert res.stderr.strip() == (f"failed: {corpus / 'sub'}: cannot be read (permission denied); "
                                      "the records of the files below it are kept")
        assert _snapshot(ix)[:2] == before[:2]
        corpus.chmod(0)
        res = run(["index", str(corpus), "--index", str(ix)], logs, "locked-root")
        assert res.returncode == 1 and "the folder cannot be read (permission denied)" in res.stderr
        assert _snapshot(ix)[:2] == before[:2]
    finally:
        corpus.chmod(0o755)
        (corpus / "sub").chmod(0o755)


# ---- a folder still there, but not the one indexed before ----------------------------------------

NOT_THE_SAME = ("not the folder indexed before (another file system is mounted there, or it was unmounted, or the "
                "folder was replaced; it held {n}); nothing was removed and the index is unchanged (to index what is "
                "there now in its place, rebuild: rapporteur index --rebuild")


def _records(n: int) -> str:
    return f"{n} record" + ("" if n == 1 else "s")


@contextmanager
def _tmpfs(folder):
    """A tmpfs mounted on ``folder`` (made), unmounted at the end if it still is; skips the test
    where mounting is not permitted."""
    folder.mkdir(parents=True, exist_ok=True)
    res = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(folder)], capture_output=True, text=True)
    if res.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({res.stderr.strip() or res.returncode}); CI runs as root and does")
    try:
        yield folder
    finally:
        if os.path.ismount(folder):
            subprocess.run(["umount", str(folder)], check=True)


def _umount(folder) -> None:
    subprocess.run(["umount", str(folder)], check=True)


def _refused(ix, logs, name, folder, n, before, *extra) -> str:
    """``rapporteur index`` of ``folder`` refused with one line naming it, exit 1, the index as ``before``."""
    res = run(["index", str(folder), "--index", str(ix), *extra], logs, name)
    assert res.returncode == 1 and res.stdout == "" and "Traceback" not in res.stderr, (name, res.stdout, res.stderr)
    [line] = res.stderr.strip().splitlines()
    assert line.startswith(f"rapporteur: {n}"), (name, line)
    assert _snapshot(ix) == before, name
    return line


def test_an_unmounted_file_system_keeps_its_records(tmp_path):
    """A folder that is a mount point, unmounted: the empty folder left is not the one indexed,
    nor is another file system mounted there; a mount point below a folder given, unmounted or
    removed, the same."""
    mnt, disk, ix, ix2, logs = (tmp_path / n for n in ("mnt", "disk", "ix", "ix2", "logs"))
    with _tmpfs(mnt):
        before = _indexed(mnt, ix, logs)
        _umount(mnt)
        refusals = {"unmounted": _refused(ix, logs, "unmounted", mnt, f"{mnt}: " + NOT_THE_SAME.format(
            n=_records(RECORDS)), before)}
        # A refusal adopts nothing: the next run is refused the same way.
        refusals["again"] = _refused(ix, logs, "unmounted-again", mnt, f"{mnt}: not the folder indexed before", before)
    # The way out: a rebuild with the folder takes what is there now (an empty folder).
    rebuilt = run(["index", str(mnt), "--index", str(ix), "--rebuild"], logs, "rebuild")
    assert rebuilt.returncode == 0 and rebuilt.stdout.startswith("added 0,"), rebuilt.stderr
    assert index_contents(ix).records == {}

    # A mount point below the folder given.
    (disk / "sub").mkdir(parents=True)
    write_record(disk, 0)
    with _tmpfs(disk / "sub"):
        for i in range(1, 5):
            write_record(disk / "sub", i)
        first = run(["index", str(disk), "--index", str(ix2)], logs, "index-disk")
        assert first.returncode == 0 and first.stdout.startswith("added 5,"), first.stderr
        before_sub = _snapshot(ix2)
        _umount(disk / "sub")
        refusals["sub_unmounted"] = _refused(ix2, logs, "sub-unmounted", disk, f"{disk / 'sub'}: " + NOT_THE_SAME.format(
            n=_records(4)), before_sub)
    (disk / "sub").rmdir()  # removed with it, as some automounters do
    refusals["sub_removed"] = _refused(ix2, logs, "sub-removed", disk, f"{disk / 'sub'}: the folder has gone (it held "
                                       "4 records); nothing was removed", before_sub)

    record_figures(
        "unmounted_root",
        title="A folder being indexed is a file system that is unmounted",
        tried=(f"a tmpfs of {RECORDS} indexed records unmounted (its empty mount point left), then `rapporteur "
               "index` of it, twice, and `--rebuild`; a tmpfs mounted below a folder given, unmounted, then its "
               "mount point removed, `rapporteur index` of the folder after each"),
        held=("each refused with one line naming the folder and why, exit 1, the index unchanged (every record, "
              "paragraph and the generation); `--rebuild` with the folder takes what is there now"),
        command=pytest_command("tests/reliability/test_vanished_root.py::test_an_unmounted_file_system_keeps_its_records"),
        records=RECORDS, records_below=4, refusals=len(refusals), refusal_exit_status=1,
        kept_after_index=len(before[0]), records_after_rebuild=0,
    )


def test_a_replaced_folder_keeps_its_records_until_a_rebuild(tmp_path):
    """``mv d d.old && mkdir d``: refused; ``--rebuild`` takes the new folder, whose files,
    deleted one by one and then all, lose their records as before."""
    d, old, ix, logs = tmp_path / "d", tmp_path / "d.old", tmp_path / "ix", tmp_path / "logs"
    before = _indexed(d, ix, logs)
    d.rename(old)
    d.mkdir()
    _refused(ix, logs, "replaced", d, f"{d}: " + NOT_THE_SAME.format(n=_records(RECORDS)), before)
    new = [write_record(d, 100 + i) for i in range(4)]
    _refused(ix, logs, "replaced-filled", d, f"{d}: not the folder indexed before", before)

    rebuilt = run(["index", str(d), "--index", str(ix), "--rebuild"], logs, "rebuild")
    assert rebuilt.returncode == 0 and rebuilt.stdout.startswith("added 4,"), (rebuilt.stdout, rebuilt.stderr)
    again = run(["index", str(d), "--index", str(ix)], logs, "again")
    assert again.returncode == 0 and again.stdout.startswith("added 0, updated 0, removed 0,"), again.stderr
    _delete_all(d, new, ix, logs, one_by_one=1)

    record_figures(
        "replaced_root",
        title="A folder being indexed is replaced by a new one",
        tried=(f"a folder of {RECORDS} indexed records renamed away and a new folder made in its place (empty, then "
               "with 4 other records), `rapporteur index` of it; then `--rebuild`, and its files deleted one by one "
               "and all"),
        held=("refused with one line naming the folder, exit 1, the index unchanged; `--rebuild` indexed the new "
              "folder's 4 records and later runs took it as the folder indexed: 1 removed, then the other 3"),
        command=pytest_command("tests/reliability/test_vanished_root.py::test_a_replaced_folder_keeps_its_records_"
                               "until_a_rebuild"),
        records=RECORDS, refusal_exit_status=1, added_by_rebuild=4, removed_one_by_one=1, removed_when_emptied=3,
    )


def _watch_until_stopped(folder, ix, change, timeout: float = 30) -> tuple[int, list[str], float]:
    """A ``rapporteur watch`` of ``folder``; once it watches, ``change()``; its exit status,
    output and the seconds it took to stop (fails if it has not stopped within ``timeout``)."""
    with Watch(folder, ix) as watch:
        watch.wait_for("watching")
        t0 = time.monotonic()
        change()
        try:
            watch.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the watch was still running {timeout} s after its folder changed: "
                                 f"{watch.lines}") from None
        seconds = time.monotonic() - t0
        output = watch.lines + watch.proc.stdout.readlines()
        watch.proc.stdout.close()
    return watch.proc.returncode, output, seconds


def _stopped(folder, status, output) -> None:
    stop = [line for line in output if line.startswith(f"rapporteur: {folder}: not the folder being watched")]
    assert status == 1 and len(stop) == 1, output
    assert not any(line.startswith("removed") for line in output), output


def test_watch_stops_when_its_folder_is_replaced(tmp_path):
    w, old, ix = tmp_path / "w", tmp_path / "w.old", tmp_path / "ix"
    w.mkdir()
    for i in range(RECORDS):
        write_record(w, i)

    def replace():
        w.rename(old)
        w.mkdir()
        write_record(old, RECORDS)  # an event where the watch still listens

    status, output, seconds = _watch_until_stopped(w, ix, replace)
    _stopped(w, status, output)
    assert len(index_contents(ix).records) == RECORDS
    record_figures(
        "watch_replaced_root",
        title="A folder being watched is replaced by a new one",
        tried=(f"`rapporteur watch` of a folder of {RECORDS} records; the folder renamed away, a new empty one "
               "made in its place, and a file written in the old one"),
        held="the watch stopped with one line naming the folder, exit 1, nothing removed",
        command=pytest_command("tests/reliability/test_vanished_root.py::test_watch_stops_when_its_folder_is_replaced"),
        records=RECORDS, watch_exit_status=status, kept=RECORDS, seconds_to_stop=round(seconds, 2),
    )


def test_watch_stops_when_its_file_system_is_unmounted(tmp_path):
    mnt, ix = tmp_path / "mnt", tmp_path / "ix"
    with _tmpfs(mnt):
        for i in range(RECORDS):
            write_record(mnt, i)
        status, output, seconds = _watch_until_stopped(mnt, ix, lambda: _umount(mnt))
    _stopped(mnt, status, output)
    assert len(index_contents(ix).records) == RECORDS
    record_figures(
        "watch_unmounted_root",
        title="A folder being watched is a file system that is unmounted",
        tried=f"`rapporteur watch` of a tmpfs of {RECORDS} records, then the tmpfs unmounted",
        held="the watch stopped with one line naming the folder, exit 1, nothing removed",
        command=pytest_command("tests/reliability/test_vanished_root.py::test_watch_stops_when_its_file_system_is_"
                               "unmounted"),
        records=RECORDS, watch_exit_status=status, kept=RECORDS, seconds_to_stop=round(seconds, 2),
    )
