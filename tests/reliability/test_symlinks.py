"""Links in a folder being indexed, with the real ``rapporteur index`` in its own process: a link
to a file or folder outside the folders given (``S_PV.9999.txt -> /etc/passwd``) is refused with
one line naming the link and where it points, and nothing of what it points to is searchable; a
link that points inside indexes nothing twice; a file swapped for such a link is refused and its
record removed."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from tests.support.reliability import (
    index_contents, pytest_command, record_figures, record_text, run, symbol_of, write_record,
)

PASSWD = Path("/etc/passwd")


def _search(ix: Path, q: str, logs: Path, name: str) -> dict:
    res = run(["search", q, "--json", "--limit", "50", "--index", str(ix)], logs, name)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def _failures(stderr: str) -> dict[str, str]:
    """``failed: PATH: reason`` lines by path; any other line fails the test."""
    out = {}
    for line in stderr.strip().splitlines():
        m = re.fullmatch(r"failed: (.+?): (a link to .+)", line)
        assert m, f"not a failure line: {line!r}"
        assert m.group(1) not in out, f"two lines for {m.group(1)}"
        out[m.group(1)] = m.group(2)
    return out


def test_links_outside_the_folders_given_are_refused(tmp_path):
    passwd = PASSWD.read_text(encoding="utf-8", errors="replace")
    assert "root:" in passwd
    outside, corpus, ix, logs = tmp_path / "outside", tmp_path / "corpus", tmp_path / "ix", tmp_path / "logs"
    (outside / "secret").mkdir(parents=True)
    (outside / "secret" / "S_AC.44_SR.1900.zh.txt").write_text(
        record_text(900, 1).replace("说,", "说,zqxsecret ", 1), encoding="utf-8")
    corpus.mkdir()
    real = [write_record(corpus, i) for i in (1, 2, 3)]
    (corpus / "sub").mkdir()
    real.append(write_record(corpus / "sub", 4))
    refused = {  # link → where it points
        corpus / "S_PV.9999.txt": PASSWD,
        corpus / "S_AC.44_SR.1950.zh.txt": outside / "secret" / "S_AC.44_SR.1900.zh.txt",
        corpus / "leak": outside / "secret",
    }
    for link, target in refused.items():
        link.symlink_to(target)
    (corpus / "alias.txt").symlink_to(corpus / "S_AC.44_SR.1001.zh.txt")  # inside: the same file
    (corpus / "mirror").symlink_to("sub")  # inside: the same folder
    (corpus / "sub" / "up").symlink_to("..")  # a loop inside

    first = run(["index", str(corpus), "--index", str(ix)], logs, "index1")
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    lines = _failures(first.stderr)
    assert set(lines) == {str(p) for p in refused}, lines
    for link, target in refused.items():
        assert lines[str(link)] == f"a link to {target}, outside the folders being indexed; not read"
    assert first.stdout.startswith(f"added {len(real)}, updated 0, removed 0, failed {len(refused)} ")

    contents = index_contents(ix)
    assert sorted(contents.records) == sorted(f"{symbol_of(i)}:zh" for i in (1, 2, 3, 4))  # each once
    assert sorted(r["source"] for r in contents.records.values()) == sorted(str(p) for p in real)
    for q in ("nologin", "root", "zqxsecret", '"root:x:0:0"'):
        found = _search(ix, q, logs, f"search-{q.strip(chr(34))}")
        assert found["total"] == 0, (q, found["hits"][:1])
    assert not any("root:x:0:0" in t for paras in contents.paragraphs.values() for _n, t in paras)

    again = run(["index", str(corpus), "--index", str(ix)], logs, "index2")
    assert again.returncode == 0 and _failures(again.stderr) == lines  # the same lines every run
    assert again.stdout.startswith(f"added 0, updated 0, removed 0, failed {len(refused)} ")

    # A record file swapped for a link to /etc/passwd: refused, and its record goes.
    swapped = real[1]
    swapped.unlink()
    swapped.symlink_to(PASSWD)
    third = run(["index", str(corpus), "--index", str(ix)], logs, "index3")
    assert third.returncode == 0, third.stderr
    assert _failures(third.stderr)[str(swapped)] == f"a link to {PASSWD}, outside the folders being indexed; not read"
    assert third.stdout.startswith(f"added 0, updated 0, removed 1, failed {len(refused) + 1} ")
    assert f"{symbol_of(2)}:zh" not in index_contents(ix).records
    assert _search(ix, "nologin", logs, "search-after-swap")["total"] == 0

    record_figures(
        "symlink_outside_root",
        title="Links in a corpus folder that point outside it",
        tried=(f"`rapporteur index` of a folder holding {len(real)} records and {len(refused)} links out of it "
               "(`S_PV.9999.txt -> /etc/passwd`, a link to a record file outside, a link to a folder outside), "
               "links inside it (a second name for a file, a folder link, a folder loop), run twice; then a "
               "record file swapped for a link to /etc/passwd"),
        held=(f"one line per outside link naming the link and its target, the same on every run; "
              f"{len(real)} records each indexed once; 0 hits for nologin, root and the outside record's "
              "marker; the swapped file refused and its record removed"),
        command=pytest_command("tests/reliability/test_symlinks.py::test_links_outside_the_folders_given_are_refused"),
        records=len(contents.records), links_refused=len(refused), links_inside=3,
        refusal_lines_first_run=len(lines), refusal_lines_second_run=len(_failures(again.stderr)),
        hits_for_passwd_words=0, seconds_first_run=round(first.seconds, 2), seconds_second_run=round(again.seconds, 2),
    )
