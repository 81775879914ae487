"""A record file rewritten while the real ``rapporteur index`` runs (truncated, then grown chunk by
chunk, as ``cp`` copies a file in): every run leaves the record whole, in one version, stored
with the checksum of exactly that version's bytes, or refuses it with one line; once the file
stops changing, the next run indexes its final version, and the run after that finds nothing
to do."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import time

from tests.support.reliability import (
    index_contents, pytest_command, record_figures, record_text, run, stamp, symbol_of, write_record,
)

HOT = 999  # the file rewritten: S_AC.44_SR.1999.zh.txt, the last one read
PARAGRAPHS = 1500  # about 300 kB: a read or a copy takes a while
VERSIONS = 6
FINAL = 99
RUNS = 3

# Writes the versions in turn into the record file until the stop file appears: each version by
# truncating the file and writing 64 kB chunks (as cp does), then a pause, so that some reads
# meet a whole version and some a half-written one. Prints how many versions it wrote.
WRITER = """
import os, sys, time
versions, dest, stop = sys.argv[1], sys.argv[2], sys.argv[3]
datas = [open(os.path.join(versions, v), "rb").read() for v in sorted(os.listdir(versions))]
n = 0
while not os.path.exists(stop):
    data = datas[n % len(datas)]
    with open(dest, "wb") as fh:
        for i in range(0, len(data), 65536):
            fh.write(data[i:i + 65536])
            fh.flush()
    n += 1
    time.sleep(0.25)
print(n)
"""


def _check(contents, rkey: str, sha_of: dict[int, str]) -> int | None:
    """The version of the hot record the index holds (None: none), after checking it is whole
    and stored with the checksum of that version's bytes."""
    if rkey not in contents.records:
        return None
    stamps = [stamp(t) for _n, t in contents.paragraphs.get(rkey, [])]
    versions = {(s[1], s[2]) for s in stamps if s}
    assert len(versions) == 1, f"paragraphs of versions {sorted(versions)}"
    (version, count), = versions
    assert count == PARAGRAPHS and sorted(s[3] for s in stamps if s) == list(range(1, PARAGRAPHS + 1)), \
        f"{len(stamps)} paragraphs of version {version}'s {count}: torn"
    assert all(stamps), "a paragraph cut short"
    assert contents.records[rkey]["checksum"] == sha_of[version], \
        f"version {version} stored with the checksum of other bytes"
    return version


def test_a_file_rewritten_during_index_is_whole_or_refused(tmp_path):
    corpus, versions, ix, logs = tmp_path / "corpus", tmp_path / "versions", tmp_path / "ix", tmp_path / "logs"
    corpus.mkdir()
    versions.mkdir()
    for i in range(10):
        write_record(corpus, i)
    sha_of = {}
    for v in list(range(1, VERSIONS + 1)) + [FINAL]:
        data = record_text(HOT, v, paragraphs=PARAGRAPHS).encode("utf-8")
        sha_of[v] = hashlib.sha256(data).hexdigest()
        if v != FINAL:
            (versions / f"v{v}").write_bytes(data)
    hot = corpus / f"S_AC.44_SR.{1000 + HOT}.zh.txt"
    rkey = f"{symbol_of(HOT)}:zh"
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(versions), str(hot), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    outcomes = []
    try:
        while not hot.exists():
            time.sleep(0.01)
        for n in range(1, RUNS + 1):
            res = run(["index", str(corpus), "--index", str(ix)], logs, f"during-{n}")
            assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
            lines = res.stderr.strip().splitlines()
            assert all(line.startswith(f"failed: {hot}: ") for line in lines), lines
            refused = [line for line in lines if "changed while it was read" in line or "empty file" in line]
            assert len(lines) == len(refused) <= 1, lines
            version = _check(index_contents(ix), rkey, sha_of)
            outcomes.append("refused" if refused else f"version {version}")
            assert refused or version is not None
    finally:
        stop.touch()
        written = int(writer.communicate(timeout=60)[0] or 0)

    # The file has stopped changing: the next run indexes its final version, whole.
    tmp = corpus / f".{hot.name}.tmp"
    tmp.write_text(record_text(HOT, FINAL, paragraphs=PARAGRAPHS), encoding="utf-8")
    tmp.replace(hot)
    after = run(["index", str(corpus), "--index", str(ix)], logs, "after")
    assert after.returncode == 0 and after.stderr == "", after.stderr
    assert after.stdout.startswith(("added 0, updated 1, removed 0, failed 0", "added 1, updated 0, removed 0, failed 0"))
    assert _check(index_contents(ix), rkey, sha_of) == FINAL
    again = run(["index", str(corpus), "--index", str(ix)], logs, "again")
    assert again.stdout.startswith("added 0, updated 0, removed 0, failed 0"), again.stdout

    record_figures(
        "file_changed_while_read",
        title="A record file rewritten while it is indexed",
        tried=(f"a {PARAGRAPHS}-paragraph record (about {len(record_text(HOT, 1, paragraphs=PARAGRAPHS).encode()) // 1024} kB) "
               f"rewritten over and over (truncated, then written in 64 kB chunks, {VERSIONS} versions in turn) by "
               f"another process during {RUNS} `rapporteur index` runs; then left alone at a final version"),
        held=("every run: the record whole in one version, stored with the checksum of that version's bytes, "
              "or refused with one line (`changed while it was read`); the next run indexed the final version "
              "and the one after found nothing to do"),
        command=pytest_command("tests/reliability/test_changing_files.py::test_a_file_rewritten_during_index_is_whole_or_refused"),
        runs=RUNS, outcomes=outcomes, versions_written_during_runs=written,
        torn_records=0, seconds_per_run=round(after.seconds, 2),
    )
