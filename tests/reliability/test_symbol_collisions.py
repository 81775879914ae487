"""Two sources for one record, with the real CLI on real files: a file name in another case is
the same symbol (``s_pv.8700.EN.TXT`` is ``S/PV.8700``), wherever the symbol comes from; and a
record imported from a JSONL file wins over a file that holds the same symbol and language, with
one warning naming both on every ``rapporteur index``, ``--rebuild`` included."""
from __future__ import annotations

import json

from tests.support.records import STATEMENT_EN, write_manifest
from tests.support.reliability import index_contents, pytest_command, record_figures, run


def _search(ix, q, logs, name, **filters):
    args = ["search", q, "--json", "--limit", "50", "--index", str(ix)]
    for key, value in filters.items():
        args += [f"--{key}", value]
    res = run(args, logs, name)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def _statement(marker: str) -> str:
    return STATEMENT_EN.replace("mangrove", f"mangrove {marker}", 1)


def test_one_symbol_one_record(tmp_path):
    folder, ix, logs = tmp_path / "records", tmp_path / "ix", tmp_path / "logs"
    folder.mkdir()
    (folder / "S_PV.8700.en.txt").write_text(_statement("zqxupper"), encoding="utf-8")
    (folder / "s_pv.8700.EN.TXT").write_text(_statement("zqxlower"), encoding="utf-8")
    (folder / "a_c.1_71_l.1_rev.1.En.txt").write_text(_statement("zqxrev"), encoding="utf-8")
    (folder / "statement.txt").write_text(_statement("zqxmanifest"), encoding="utf-8")
    write_manifest(folder, "records.csv", "file,symbol,lang\nstatement.txt,s/pv.8701/corr.1,en\n")
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(json.dumps({"record": {"symbol": "s/pv.8702", "lang": "en"},
                                 "paragraphs": [{"n": 1, "text": "zqximported and more words"}]}) + "\n", encoding="utf-8")

    res = run(["index", str(folder), "--index", str(ix)], logs, "index")
    assert res.returncode == 0, res.stderr
    assert res.stderr.strip() == (f"failed: {folder / 's_pv.8700.EN.TXT'}: same record (S/PV.8700, en) as "
                                  f"{folder / 'S_PV.8700.en.txt'}")
    imported = run(["import", str(jsonl), "--index", str(ix)], logs, "import")
    assert imported.returncode == 0, imported.stderr
    keys = sorted(index_contents(ix).records)
    assert keys == ["A/C.1/71/L.1/Rev.1:en", "S/PV.8700:en", "S/PV.8701/Corr.1:en", "S/PV.8702:en"], keys

    # symbol: filters and record look-ups take any case.
    for value, expected in (("s/pv.8700", {"S/PV.8700"}), ("A/C.1/71/L.1/REV.1", {"A/C.1/71/L.1/Rev.1"}),
                            ("s/pv.8701/corr.1", {"S/PV.8701/Corr.1"}), ("s/pv.870*", {"S/PV.8700", "S/PV.8701/Corr.1", "S/PV.8702"}),
                            ("s/pv.8701*", {"S/PV.8701/Corr.1"}), ("a/c.1/71/l.1/re*", {"A/C.1/71/L.1/Rev.1"})):
        found = _search(ix, "", logs, f"symbol-{len(value)}-{value[-3:]}", symbol=value)
        assert {h["symbol"] for h in found["hits"]} == expected, value
    shown = run(["show", "a/c.1/71/l.1/rev.1", "--index", str(ix)], logs, "show")
    assert shown.returncode == 0 and shown.stdout.startswith("A/C.1/71/L.1/Rev.1 [en"), shown.stdout + shown.stderr


def test_an_imported_record_wins_over_a_file(tmp_path):
    folder, ix, logs = tmp_path / "records", tmp_path / "ix", tmp_path / "logs"
    folder.mkdir()
    (folder / "S_PV.8700.en.txt").write_text(_statement("zqxfile"), encoding="utf-8")
    (folder / "S_PV.8800.en.txt").write_text(_statement("zqxother"), encoding="utf-8")
    assert run(["index", str(folder), "--index", str(ix)], logs, "index0").returncode == 0
    jsonl = tmp_path / "gd.jsonl"
    lines = [{"record": {"symbol": f"A/AC.1/SR.{n}", "lang": "en"}, "paragraphs": [{"n": 1, "text": f"line {n}"}]}
             for n in (1, 2, 3)]
    lines.append({"record": {"symbol": "s/pv.8700", "lang": "en"},
                  "paragraphs": [{"n": 1, "text": "zqximport the structured version"}]})
    jsonl.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    imported = run(["import", str(jsonl), "--index", str(ix)], logs, "import")
    assert imported.returncode == 0, imported.stderr
    assert imported.stderr.strip() == f"warning: {jsonl}#L4: replaces S/PV.8700 (en) indexed from {folder / 'S_PV.8700.en.txt'}"

    expected = (f"warning: {folder / 'S_PV.8700.en.txt'}: S/PV.8700 (en) is held by the import {jsonl} line 4; "
                "the file is not indexed")
    runs = []
    for name, extra in (("index1", []), ("index2", []), ("rebuild", ["--rebuild"]), ("index3", [])):
        res = run(["index", str(folder), "--index", str(ix), *extra], logs, name)
        assert res.returncode == 0, res.stderr
        assert res.stderr.strip() == expected, (name, res.stderr)
        written = 1 if extra else 0  # a rebuild writes the other file anew
        assert res.stdout.startswith(f"added {written}, updated 0, removed 0, failed 0"), (name, res.stdout)
        assert {h["symbol"] for h in _search(ix, "zqximport", logs, f"{name}-import")["hits"]} == {"S/PV.8700"}
        assert _search(ix, "zqxfile", logs, f"{name}-file")["total"] == 0, name
        assert _search(ix, "zqxother", logs, f"{name}-other")["total"] == 1, name
        record = index_contents(ix).records["S/PV.8700:en"]
        assert record["source"] == f"{jsonl}#L4", name
        runs.append(round(res.seconds, 2))

    # The import gives the record up: the file's version comes back.
    jsonl.write_text("".join(json.dumps(x) + "\n" for x in lines[:3]), encoding="utf-8")
    assert run(["import", str(jsonl), "--index", str(ix)], logs, "reimport").returncode == 0
    back = run(["index", str(folder), "--index", str(ix)], logs, "back")
    assert back.stderr == "" and back.stdout.startswith("added 1, updated 0, removed 0, failed 0"), back.stdout
    assert _search(ix, "zqxfile", logs, "back-file")["total"] == 1

    record_figures(
        "symbol_collisions",
        title="One record claimed by two sources",
        tried=("`S_PV.8700.en.txt` beside `s_pv.8700.EN.TXT`, `a_c.1_71_l.1_rev.1.En.txt`, lower-case symbols in a "
               "manifest and an import, `symbol:` filters in other cases; a JSONL import of S/PV.8700 (en) over "
               "the folder's file, then `rapporteur index` three times and `--rebuild` once; then the import "
               "dropping it"),
        held=("one record per symbol and language, written the UN's way (S/PV.8700, A/C.1/71/L.1/Rev.1, "
              "S/PV.8701/Corr.1) whatever the source's case, the second file named as the same record; "
              "the imported record kept by every run and the rebuild, with the same warning naming both sources "
              "each time; the file's version back once the import no longer holds it"),
        command=pytest_command("tests/reliability/test_symbol_collisions.py"),
        index_runs=len(runs), warnings_per_run=1, imported_kept_runs=len(runs), seconds_per_run=runs,
    )
