"""A damaged index (a segment file overwritten with zeros: a disk fault, a copy broken off) is
one line from every command and a 503 from the web, never a traceback, and ``index --rebuild``
is the way out: it writes the index anew from the record files, with one line saying what it
could not carry over."""
from __future__ import annotations

import gc
import json

import pytest

from tests.support.reliability import (HOT, pytest_command, record_figures, run, symbol_of, write_record)

RECORDS = 12


def _damage(index_dir) -> str:
    """Overwrite the last two thirds of the largest segment file with zeros; its name."""
    from rapporteur.indexer.store.locations import read_current

    folder = index_dir / read_current(index_dir).dir
    seg = max(folder.glob("*.seg"), key=lambda p: p.stat().st_size)
    data = bytearray(seg.read_bytes())
    cut = len(data) // 3
    data[cut:] = bytes(len(data) - cut)
    seg.write_bytes(bytes(data))
    return seg.name


# Whoosh leaves the file of a segment it failed to open to the garbage collector, which says so
# (collected at the end of the test, so that it is said here and not in a later test).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning", "ignore::ResourceWarning")
def test_a_damaged_index_is_one_line_and_a_rebuild_mends_it(tmp_path):
    from rapporteur.web import create_app

    corpus, ix, logs = tmp_path / "corpus", tmp_path / "ix", tmp_path / "logs"
    corpus.mkdir()
    for i in range(RECORDS):
        write_record(corpus, i, hot=True)
    assert run(["index", str(corpus), "--index", str(ix)], logs, "index").returncode == 0
    _damage(ix)

    commands = {"search": ["search", HOT], "stats": ["stats"], "show": ["show", symbol_of(1)],
                "index": ["index", str(corpus)]}
    lines = {}
    for name, args in commands.items():
        res = run(args + ["--index", str(ix)], logs, name)
        assert res.returncode != 0, (name, res.stdout)
        assert "Traceback" not in res.stderr, res.stderr
        err = res.stderr.strip().splitlines()
        assert len(err) == 1 and err[0].startswith(f"rapporteur: the index at {ix}"), (name, res.stderr)
        assert "is damaged and cannot be read" in err[0] and "rapporteur index --rebuild" in err[0]
        lines[name] = err[0]

    app = create_app(ix, TESTING=False)
    client = app.test_client()
    statuses = {}
    for url in (f"/api/search?q={HOT}", f"/?q={HOT}", "/api/stats"):
        response = client.get(url)
        statuses[url] = response.status_code
        body = response.get_data(as_text=True)
        assert response.status_code == 503, (url, response.status_code)
        assert str(tmp_path) not in body and "Traceback" not in body
        assert response.headers.get("Content-Security-Policy")

    res = run(["index", str(corpus), "--index", str(ix), "--rebuild"], logs, "rebuild")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith(f"added {RECORDS}, "), res.stdout
    assert [line for line in res.stderr.splitlines() if line.startswith("warning:")] == [
        line for line in res.stderr.splitlines() if "was damaged" in line], res.stderr
    assert "was damaged" in res.stderr and "rebuilt from the paths given" in res.stderr
    found = run(["search", HOT, "--index", str(ix), "--json", "--limit", "50"], logs, "after")
    assert found.returncode == 0 and json.loads(found.stdout)["total"] >= RECORDS
    try:
        assert client.get(f"/api/search?q={HOT}").status_code == 200
    finally:
        app.extensions["rapporteur"].close()
        gc.collect()

    record_figures(
        "damaged_index",
        title="A damaged index (found by the second outside review)",
        tried=(f"an index of {RECORDS} records whose largest segment file has its last two thirds overwritten with "
               f"zeros; `search`, `stats`, `show`, `index`, then 3 web pages; then `index --rebuild`"),
        held=(f"every command: exit 1 and one line naming the index and saying to rebuild, no traceback; the web: "
              f"503 with the security headers and no path on disk; the rebuild wrote all {RECORDS} records again "
              f"with one line saying the old index was damaged"),
        command=pytest_command("tests/reliability/test_damaged_index.py"),
        commands=sorted(lines), web_statuses=sorted(set(statuses.values())), records=RECORDS,
    )
