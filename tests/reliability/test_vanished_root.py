"""A folder being indexed that vanishes (renamed, deleted, unmounted) is never taken for the
deletion of its records: the real ``rapporteur index`` (incremental and ``--rebuild``) refuses
with one line and a non-zero exit, the real ``rapporteur watch`` stops the same way, and the
index is left exactly as it was; files deleted one by one are still removed."""
from __future__ import annotations

import os

from tests.support.reliability import index_contents, pytest_command, record_figures, run, write_record
from tests.support.watching import Watch

RECORDS = 16


def _snapshot(ix):
    c = index_contents(ix)
    return c.records, c.paragraphs, c.generation


def test_a_vanished_folder_keeps_its_records(tmp_path):
    corpus, moved, ix, logs = tmp_path / "corpus", tmp_path / "corpus-moved", tmp_path / "ix", tmp_path / "logs"
    corpus.mkdir()
    for i in range(RECORDS):
        write_record(corpus, i)
    first = run(["index", str(corpus), "--index", str(ix)], logs, "index")
    assert first.returncode == 0 and first.stdout.startswith(f"added {RECORDS},"), first.stderr
    before = _snapshot(ix)

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
    files = sorted(corpus.iterdir())
    for n, f in enumerate(files[:3], 1):
        f.unlink()
        res = run(["index", str(corpus), "--index", str(ix)], logs, f"delete-{n}")
        assert res.returncode == 0 and res.stdout.startswith("added 0, updated 0, removed 1,"), res.stdout
    for f in files[3:]:
        f.unlink()
    emptied = run(["index", str(corpus), "--index", str(ix)], logs, "emptied")
    assert emptied.returncode == 0, emptied.stderr
    assert emptied.stdout.startswith(f"added 0, updated 0, removed {RECORDS - 3},"), emptied.stdout
    assert index_contents(ix).records == {}

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
    import pytest

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
