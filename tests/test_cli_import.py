"""``rapporteur import FILE.jsonl``: validation, per-record atomicity, --strict, re-import,
and imported records surviving folder syncs and rebuilds."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from rapporteur.cli.main import main
from rapporteur.indexer.read.jsonl import record_from_json
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.paths import ROOT, SEED, shared_path


def record(symbol, lang="en", texts=("Mr. Anton said that industry mattered.",), delegation="Germany"):
    return {"record": {"symbol": symbol, "lang": lang, "date": "2016-06-22", "meeting": 7},
            "paragraphs": [{"n": i, "speaker": "Anton", "delegation": delegation, "text": t}
                           for i, t in enumerate(texts, 1)]}


def write(path, lines):
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                    encoding="utf-8")
    return path


def run(*args):
    res = CliRunner().invoke(main, [str(a) for a in args])
    return res


def search(index_dir, q, **kw):
    with Engine(index_dir) as eng:
        return eng.search(SearchRequest(q=q, size=100, **kw)).to_dict()


def symbols(index_dir, q=""):
    res = search(index_dir, q) if q else search(index_dir, "", lang="en")
    return sorted({h["symbol"] for h in res["hits"]})


GOOD = [record("A/AC.99/SR.1", texts=("Industry is the first line of defence.", "Outreach to zebrafish farmers.")),
        record("A/AC.99/SR.2", lang="fr", texts=("Les délégations ont souligné l'importance de la sensibilisation.",),
               delegation="Allemagne"),
        record("A/AC.99/SR.3", texts=("A third record about zebrafish.",))]


def test_good_file_imported_and_searchable(tmp_path):
    jsonl = write(tmp_path / "records.jsonl", GOOD)
    ix = tmp_path / "ix"
    res = run("import", jsonl, "--index", ix)
    assert res.exit_code == 0, res.output
    assert res.stdout.strip().splitlines()[-1].startswith("added 3, updated 0, unchanged 0, removed 0, failed 0 in ")
    hits = search(ix, "zebrafish")["hits"]
    assert sorted(h["id"] for h in hits) == ["A/AC.99/SR.1:en:2", "A/AC.99/SR.3:en:1"]
    # Imported French text is analysed as French; the delegation has its code.
    fr = search(ix, "délégation")
    assert [h["id"] for h in fr["hits"]] == ["A/AC.99/SR.2:fr:1"]
    assert fr["hits"][0]["delegation_code"] == "DEU"
    assert {h["symbol"] for h in search(ix, "delegation:Germany")["hits"]} == {"A/AC.99/SR.1", "A/AC.99/SR.2", "A/AC.99/SR.3"}


def test_bad_lines_reported_good_ones_imported(tmp_path):
    bad_json = '{"record": {"symbol": "A/1"'
    no_lang = {"record": {"symbol": "A/AC.99/SR.9"}, "paragraphs": [{"n": 1, "text": "x"}]}
    jsonl = write(tmp_path / "mixed.jsonl", [GOOD[0], bad_json, GOOD[2], no_lang])
    ix = tmp_path / "ix"
    res = run("import", jsonl, "--index", ix)
    assert res.exit_code == 1
    errors = res.stderr.strip().splitlines()
    assert errors[0].startswith(f"{jsonl}:2: invalid JSON")
    assert errors[1].startswith(f"{jsonl}:4: record.lang must be one of")
    assert len(errors) == 2
    assert res.stdout.strip().startswith("added 2, updated 0, unchanged 0, removed 0, failed 2 in ")
    assert symbols(ix) == ["A/AC.99/SR.1", "A/AC.99/SR.3"]


def test_strict_imports_nothing(tmp_path):
    jsonl = write(tmp_path / "mixed.jsonl", [GOOD[0], "[1, 2]", GOOD[2]])
    ix = tmp_path / "ix"
    run("index", tmp_path / "nothing-yet", "--index", ix)  # may or may not create an index
    res = run("import", jsonl, "--index", ix, "--strict")
    assert res.exit_code == 1
    assert f"{jsonl}:2: each line must be a JSON object" in res.stderr
    assert "nothing imported" in res.stderr
    if (ix / "CURRENT").exists():
        assert search(ix, "zebrafish")["total"] == 0
    # Without the bad line, --strict imports everything.
    write(jsonl, [GOOD[0], GOOD[2]])
    assert run("import", jsonl, "--index", ix, "--strict").exit_code == 0
    assert symbols(ix, "zebrafish") == ["A/AC.99/SR.1", "A/AC.99/SR.3"]


def test_unreadable_file(tmp_path):
    res = run("import", tmp_path / "missing.jsonl", "--index", tmp_path / "ix")
    assert res.exit_code == 1 and "no such file" in res.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    res = run("import", empty, "--index", tmp_path / "ix")
    assert res.exit_code == 1 and "empty file" in res.stderr


def test_reimport_replaces_the_files_records(tmp_path):
    jsonl = write(tmp_path / "records.jsonl", GOOD)
    ix = tmp_path / "ix"
    assert run("import", jsonl, "--index", ix).exit_code == 0
    again = run("import", jsonl, "--index", ix)
    assert again.stdout.startswith("added 0, updated 0, unchanged 3, removed 0, failed 0 in ")
    changed = record("A/AC.99/SR.1", texts=("Industry is the first line of defence.", "Outreach to salmon farmers."))
    write(jsonl, [changed, GOOD[1]])  # SR.1 changed, SR.2 the same (same line), SR.3 gone
    res = run("import", jsonl, "--index", ix)
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("added 0, updated 1, unchanged 1, removed 1, failed 0 in ")
    assert search(ix, "zebrafish")["total"] == 0
    assert [h["id"] for h in search(ix, "salmon")["hits"]] == ["A/AC.99/SR.1:en:2"]
    with Engine(ix) as eng:
        assert eng.stats()["records"] == 2


def test_imported_records_survive_folder_sync_and_rebuild(tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    jsonl = write(folder / "records.jsonl", GOOD)  # even inside the synced folder
    ix = tmp_path / "ix"
    assert run("index", folder, "--index", ix).exit_code == 0
    assert run("import", jsonl, "--index", ix).exit_code == 0
    for args in ([folder], [folder], [folder, "--rebuild"]):
        res = run("index", *args, "--index", ix)
        assert res.exit_code == 0, res.output
        assert ", removed 0," in res.stdout, res.stdout
        assert symbols(ix, "zebrafish") == ["A/AC.99/SR.1", "A/AC.99/SR.3"], args
    # The seed file removed: its record goes, the imported ones stay.
    (folder / SEED.name).unlink()
    res = run("index", folder, "--index", ix)
    assert "removed 1," in res.stdout
    with Engine(ix) as eng:
        assert eng.stats()["records"] == 3
        assert [h["id"] for h in eng.search(SearchRequest(q="délégation")).to_dict()["hits"]] == ["A/AC.99/SR.2:fr:1"]
    # After the rebuild the imported records are still owned by the JSONL file.
    write(jsonl, GOOD[:1])
    assert run("import", jsonl, "--index", ix).stdout.startswith("added 0, updated 0, unchanged 1, removed 2,")


def test_each_record_written_whole(tmp_path, monkeypatch):
    # A failure while writing the second record leaves no part of it in the index.
    import rapporteur.indexer.sync.writer as writer

    real = writer.record_documents
    calls = []

    def failing(rec, src, checksum):
        calls.append(rec.symbol)
        docs = real(rec, src, checksum)
        if len(calls) == 2:
            return docs[:2] + [{"kind": "para", "id": object()}]  # not a valid document
        return docs

    monkeypatch.setattr(writer, "record_documents", failing)
    jsonl = write(tmp_path / "records.jsonl", GOOD)
    ix = tmp_path / "ix"
    with pytest.raises(Exception):
        writer.import_records(ix, jsonl, [(i + 1, record_from_json(r)) for i, r in enumerate(GOOD)])
    if (ix / "CURRENT").exists():
        with Engine(ix) as eng:
            assert eng.record("A/AC.99/SR.2", "fr") is None
            assert eng.search(SearchRequest(q="délégation")).to_dict()["total"] == 0


def test_a_record_dated_by_its_year_alone_is_in_every_range_that_meets_that_year(tmp_path):
    lines = [record("UNGDC/45/AAA"), record("UNGDC/45/BBB"), record("UNGDC/46/CCC")]
    lines[0]["record"]["date"], lines[1]["record"]["date"], lines[2]["record"]["date"] = "1990", "1990-09-25", "1991"
    ix = tmp_path / "ix"
    assert run("import", write(tmp_path / "dated.jsonl", lines), "--index", ix).exit_code == 0
    assert symbols(ix, "industry date:1990") == ["UNGDC/45/AAA", "UNGDC/45/BBB"]
    assert symbols(ix, "industry date:1990-06..1990-12") == ["UNGDC/45/AAA", "UNGDC/45/BBB"]
    assert symbols(ix, "industry date:1990-09-01..1991-01-31") == ["UNGDC/45/AAA", "UNGDC/45/BBB", "UNGDC/46/CCC"]
    assert symbols(ix, "industry date:1990-10-01..1990-12-31") == ["UNGDC/45/AAA"]  # the year may hold October
    assert symbols(ix, "industry date:1991") == ["UNGDC/46/CCC"]
    assert symbols(ix, "industry date:..1989-12-31") == []


def test_general_debate_corpus(tmp_path):
    corpus = shared_path("ungdc-general-debate-en")
    full = tmp_path / "ungdc.jsonl"
    with open(full, "w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, str(ROOT / "examples" / "ungdc_to_jsonl.py"), str(corpus)],
                       stdout=fh, stderr=subprocess.PIPE, check=True)
    lines = [json.loads(line) for line in full.read_text(encoding="utf-8").splitlines()]
    sample = [r for r in lines if r["record"]["symbol"] in ("UNGDC/79/DEU", "UNGDC/79/CHN", "UNGDC/79/FRA")]
    sample += lines[:20]
    jsonl = write(tmp_path / "sample.jsonl", sample)
    ix = tmp_path / "ix"
    res = run("import", jsonl, "--index", ix)
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith(f"added {len(sample)}, ")
    germany = search(ix, "delegation:德国")
    assert {h["symbol"] for h in germany["hits"]} == {"UNGDC/79/DEU"}
    assert germany["hits"][0]["speaker"] == "Annalena Baerbock"
    assert germany["facets"]["delegation"][0]["value"] == "DEU"
    # English stemming on real text: a plural query finds singular forms.
    china = search(ix, "developments delegation:China")
    assert china["total"] >= 1 and "UNGDC/79/CHN" in {h["symbol"] for h in china["hits"]}
    assert "<mark>development</mark>" in " ".join(h["snippet"] for h in china["hits"])


def test_a_record_whose_language_is_not_known_imports_as_the_parser_reads_it(tmp_path):
    """``parse --json`` gives a file whose language cannot be told ``"lang": null``; importing
    that JSON gives the record indexing the file gives: the same key (``X/1:``), paragraphs and
    fields."""
    from tests.support.records import UNKNOWN_LANGUAGE_RECORD
    from tests.support.reliability import index_contents

    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "X_1.txt").write_text(UNKNOWN_LANGUAGE_RECORD, encoding="utf-8")
    parsed = run("parse", folder / "X_1.txt", "--json")
    assert parsed.exit_code == 0 and json.loads(parsed.stdout)["record"]["lang"] is None
    jsonl = write(tmp_path / "unknown.jsonl", [json.dumps(json.loads(parsed.stdout), ensure_ascii=False)])
    assert run("index", folder, "--index", tmp_path / "indexed").exit_code == 0
    res = run("import", jsonl, "--index", tmp_path / "imported")
    assert res.exit_code == 0 and res.stdout.startswith("added 1, "), res.output

    indexed, imported = index_contents(tmp_path / "indexed"), index_contents(tmp_path / "imported")
    assert list(imported.records) == list(indexed.records) == ["X/1:"]
    assert imported.paragraphs == indexed.paragraphs and sorted(imported.para_ids) == sorted(indexed.para_ids)
    differ = {"source", "checksum", "record_json"}  # where it came from: the file, or a line of the JSONL file
    assert ({k: v for k, v in imported.records["X/1:"].items() if k not in differ}
            == {k: v for k, v in indexed.records["X/1:"].items() if k not in differ})
    assert ({k: v for k, v in json.loads(imported.records["X/1:"]["record_json"]).items() if k not in differ}
            == {k: v for k, v in json.loads(indexed.records["X/1:"]["record_json"]).items() if k not in differ})
    shown = run("show", "X/1", "--index", tmp_path / "imported")
    assert shown.exit_code == 0 and "[unknown language]" in shown.stdout and "Xyzzy plugh." in shown.stdout


def test_a_meeting_number_over_the_index_field_is_a_bad_line(tmp_path):
    """The index keeps a meeting number in a 32-bit field, as manifests check: a larger one was
    a traceback from the writer."""
    huge = record("A/AC.99/SR.4")
    huge["record"]["meeting"] = 2**40
    jsonl = write(tmp_path / "meeting.jsonl", [GOOD[0], huge])
    res = run("import", jsonl, "--index", tmp_path / "ix")
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [f"{jsonl}:2: record.meeting 1099511627776 is too large (at most 2147483647)"]
    assert res.stdout.startswith("added 1, updated 0, unchanged 0, removed 0, failed 1 in ")
    assert symbols(tmp_path / "ix", "zebrafish") == ["A/AC.99/SR.1"]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_import_refuses_a_pipe_or_a_device_at_once(tmp_path, kind):
    """A FIFO would wait for a writer for ever, /dev/zero never ends: both are one line, exit 1,
    and no index is made."""
    import os

    if kind == "fifo":
        path = tmp_path / "f.jsonl"
        os.mkfifo(path)
    else:
        path = "/dev/zero"
    proc = subprocess.run([sys.executable, "-c", "from rapporteur.cli.main import main; main()", "import", str(path),
                           "--index", str(tmp_path / "ix")], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"rapporteur: {path}: not a regular file (a pipe, socket or device)"
    assert not (tmp_path / "ix").exists()
