"""Record manifests through the CLI: ``rapporteur parse``, ``index`` and ``watch`` apply them, and
their problems reach the user as warning lines."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from rapporteur.cli.main import main
from tests.support.records import DESALINATION_SR3_FILE as SR3
from tests.support.records import STATEMENT_EN, STATEMENT_FILE, write_manifest, write_statement_folder
from tests.support.search import hits
from tests.support.watching import Watch


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def folder(tmp_path):
    return write_statement_folder(tmp_path / "records")


def test_parse_applies_the_manifest_beside_the_file(runner, folder):
    write_manifest(folder, "records.csv", "file,symbol,date,kind,speaker,delegation\n"
                                          "statement.txt,A/79/PV.5,2024-09-24,statement,Maria Tuilagi,Samoa\n"
                                          f"{SR3},,2019-13-04,,,\n")
    res = runner.invoke(main, ["parse", str(folder / "statement.txt"), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert (data["record"]["symbol"], data["record"]["date"], data["record"]["kind"]) == ("A/79/PV.5", "2024-09-24", "statement")
    assert {(p["speaker"], p["delegation"], p["delegation_code"]) for p in data["paragraphs"]} == {("Maria Tuilagi", "Samoa", "WSM")}
    assert "records.csv" not in res.stderr  # the bad row is another file's
    res = runner.invoke(main, ["parse", str(folder / SR3)])
    assert res.exit_code == 0
    assert f"warning: {folder / 'records.csv'}:3: date '2019-13-04' is not a date (YYYY-MM-DD)" in res.stderr.splitlines()
    assert res.stdout.startswith("A/AC.77/SR.3  [en English]") and "2019-03-04" in res.stdout.splitlines()[0]


def test_index_applies_csv_and_json_manifests_and_prints_their_problems(runner, folder, tmp_path):
    other = tmp_path / "statements"
    other.mkdir()
    (other / "fiji.txt").write_text(STATEMENT_EN.replace("mangrove", "seagrass"), encoding="utf-8")
    write_manifest(folder, "records.csv", "file,date,delegation\n"
                                          f"{SR3},2019-03-05,Sweden\n"
                                          "statement.txt,2024-09-24,Samoa,extra\n")
    write_manifest(other, "records.json", [{"file": "fiji.txt", "symbol": "A/79/PV.7", "date": "2024-09-26",
                                            "lang": "en", "kind": "statement", "speaker": "Sitiveni Rabuka",
                                            "delegation": "Fiji"},
                                           {"file": "fiji.txt", "date": "2024-09-27"}])
    ix = tmp_path / "ix"
    res = runner.invoke(main, ["index", str(folder), str(other), "--index", str(ix)])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("added 3, updated 0, removed 0, failed 0")
    assert res.stderr.splitlines() == [f"warning: {folder / 'records.csv'}:3: 4 cells for 3 columns",
                                       f"warning: {other / 'records.json'}:3: file 'fiji.txt' is already described on line 2"]
    assert "Traceback" not in res.output
    assert hits(ix, "date:2024") == {"A/79/PV.7"}  # the statement's row was bad: no date
    assert hits(ix, "seagrass delegation:Fiji") == {"A/79/PV.7"}
    assert hits(ix, "delegation:Sweden") == {"A/AC.77/SR.3"}
    res = runner.invoke(main, ["search", "speaker:Rabuka", "--index", str(ix), "--json"])
    assert {(h["symbol"], h["date"], h["delegation_code"]) for h in json.loads(res.stdout)["hits"]} == \
        {("A/79/PV.7", "2024-09-26", "FJI")}

    # One row edited: its file alone is written again.
    write_manifest(folder, "records.csv", f"file,date,delegation\n{SR3},2019-03-06,Sweden\n")
    res = runner.invoke(main, ["index", str(folder), str(other), "--index", str(ix)])
    assert res.stdout.startswith("added 0, updated 1, removed 0, failed 0")
    assert hits(ix, "desalination date:2019-03-06") == {"A/AC.77/SR.3"}


def test_index_without_a_readable_manifest_indexes_the_folder(runner, folder, tmp_path):
    (folder / "records.csv").write_bytes(b"file,date\n\xff\n")
    ix = tmp_path / "ix"
    res = runner.invoke(main, ["index", str(folder), "--index", str(ix)])
    assert res.exit_code == 0 and res.stdout.startswith("added 2, updated 0, removed 0, failed 0")
    assert res.stderr.splitlines() == [f"warning: {folder / 'records.csv'}: not UTF-8 text (byte 10); save it as UTF-8"]
    assert hits(ix, "desalination date:2019-03-04") == {"A/AC.77/SR.3"}


def test_index_help_documents_the_manifest(runner):
    res = runner.invoke(main, ["index", "--help"])
    for token in ["records.csv", "records.json", "records.jsonl", "file,symbol,date", "speaker", "records.csv:LINE"]:
        assert token in res.stdout


@pytest.mark.slow
def test_watch_follows_a_manifest_created_changed_and_deleted(folder, tmp_path):
    ix = tmp_path / "ix"
    statement = folder / STATEMENT_FILE
    with Watch(folder, ix) as watch:
        watch.wait_for("watching")
        start = len(watch.lines)
        manifest = write_manifest(folder, "records.csv", "file,symbol,date\nstatement.txt,A/79/PV.5,2024-09-24\n")
        watch.wait_for(f"updated: {statement}")
        watch.wait_for("added 0, updated 1, removed 0")
        assert hits(ix, "mangrove date:2024-09-24") == {"A/79/PV.5"}
        manifest.write_text("file,symbol,date\nstatement.txt,A/79/PV.5,2024-09-25\n", encoding="utf-8")
        watch.wait_for(f"updated: {statement}")
        watch.wait_for("added 0, updated 1, removed 0")
        assert hits(ix, "mangrove date:2024-09-25") == {"A/79/PV.5"}
        manifest.unlink()
        watch.wait_for(f"updated: {statement}")
        watch.wait_for("added 0, updated 1, removed 0")
        assert hits(ix, "mangrove") == {"statement"}
        assert not any(SR3 in line for line in watch.lines[start:])  # its file has no row: never written again
