import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rapporteur.cli.main import main
from rapporteur.cli.parse_report import numbers
from tests.support.paths import SEED, shared_path
from tests.support.records import PDF_SR8_EN_LINES, write_quality_folder


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_parse_json_contract():
    result = run("parse", str(SEED), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rec = data["record"]
    assert (rec["symbol"], rec["lang"], rec["date"], rec["meeting"]) == ("S/AC.44/SR.74", "zh", "2016-06-22", 74)
    for key in ("original_lang", "body", "chair", "agenda"):
        assert key in rec
    assert len(data["paragraphs"]) == 45
    assert set(data["paragraphs"][0]) == {
        "n", "speaker", "honorific", "delegation", "delegation_code", "role", "spoke_in", "section", "text"
    }
    assert data["paragraphs"][0]["speaker"] is None  # absent values are null
    assert "威斯巴登进程" in result.output  # UTF-8, not \\u-escaped


def test_parse_table():
    result = run("parse", str(SEED))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("S/AC.44/SR.74")
    row = next(line for line in lines if line.strip().startswith("10 "))
    assert "Anton" in row and "德国" in row and "观察员" in row


def test_parse_missing_file_exit_1_one_line(tmp_path):
    result = run("parse", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "missing.txt" in result.output and "no such file" in result.output
    assert "Traceback" not in result.output


def test_parse_binary_file_exit_1(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = run("parse", str(path))
    assert result.exit_code == 1 and "PNG" in result.output


def test_parse_usage_error_exit_2():
    assert run("parse").exit_code == 2
    assert run("parse", str(SEED), "--bogus").exit_code == 2


# ---- parse --report ---------------------------------------------------------------------------------

SR_FILE = "records/A_AC.999_SR.12.en.txt"
PV_FILE = "records/pv/S_PV.9999.txt"
BROKEN = "records/broken.pdf"


@pytest.fixture
def records(tmp_path, monkeypatch):
    """The quality folder under ``records/`` of a working folder: the report names its files relative to it."""
    monkeypatch.chdir(tmp_path)
    write_quality_folder(tmp_path / "records")
    return tmp_path / "records"


def test_report_text_gives_exactly_the_findings(records):
    result = CliRunner().invoke(main, ["parse", "--report", "records"])
    assert result.exit_code == 1  # broken.pdf could not be read; the others are reported
    out = result.stdout
    assert "Traceback" not in result.output
    sr = out[out.index(SR_FILE):].split("\n\n")[0].splitlines()
    assert sr[0] == f"{SR_FILE}  [4 problems: 4 of 5 paragraphs flagged]"
    assert [line.split() for line in sr[1:]] == [
        ["record", "A/AC.999/SR.12", "en", "SR", "2025-03-03"],
        ["paragraphs", "5", "speakers", "3"],
        ["no", "code", "1", "Atlantis", "(1)"],
        ["no", "speaker", "1", "¶", "5"],
        ["suspicious", "2", "¶", "2", "speaker", "opening", "inside", "at", "125:", "Ms.", "Kim", "(Republic", "of",
         "Korea)", "said"],
        ["¶", "4", "long:", "5,770", "characters"],
    ]
    # the columns line up: counts end, and texts start, in the same column
    assert len({line.index("¶") for line in sr[4:]}) == 1
    pv = out[out.index(PV_FILE):].split("\n\n")[0].splitlines()
    assert pv[0] == f"{PV_FILE}  [2 problems: 1 of 3 paragraphs flagged, 2 with a role and no name]"
    assert [line.split() for line in pv[1:]] == [
        ["record", "S/PV.9999", "en", "PV", "no", "date"],
        ["paragraphs", "3", "speakers", "2"],
        ["no", "speaker", "2", "¶", "1,", "3", "(2", "with", "a", "role", "only)"],
        ["suspicious", "1", "¶", "2", "speaker", "opening", "inside", "at", "89:", "Ms.", "Smith", "(United",
         "Kingdom):"],
    ]
    assert f"{BROKEN}: cannot read: malformed PDF" in out
    assert len(out[out.index(BROKEN):].split("\n\n")[0].splitlines()) == 1  # one line, then the next block
    lines = out.rstrip("\n").splitlines()
    assert lines[-2] == ("total: 3 files (1 unreadable, 2 with problems), 8 paragraphs, 5 flagged; "
                         "3 without a speaker (2 with a role only), 1 with a delegation without a code (1 name), "
                         "1 long, 2 with a speaker opening inside; 0 warnings, 1 without a date")
    assert lines[-1] == "delegations without a code: Atlantis (1)"


def test_report_json_gives_exactly_the_findings(records):
    result = CliRunner().invoke(main, ["parse", "--report", "records", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    files = {Path(f["path"]).relative_to(records.resolve()).as_posix(): f for f in data["files"]}
    assert list(files) == ["A_AC.999_SR.12.en.txt", "broken.pdf", "pv/S_PV.9999.txt"]  # scan order
    assert files["broken.pdf"] == {"path": str(records.resolve() / "broken.pdf"),
                                   "error": files["broken.pdf"]["error"]}
    assert files["broken.pdf"]["error"].startswith("malformed PDF")
    sr = files["A_AC.999_SR.12.en.txt"]
    assert {k: sr[k] for k in ("symbol", "lang", "kind", "date", "paragraphs", "speakers", "flagged", "problems")} == {
        "symbol": "A/AC.999/SR.12", "lang": "en", "kind": "SR", "date": "2025-03-03", "paragraphs": 5,
        "speakers": 3, "flagged": 4, "problems": 4}
    assert sr["uncoded_delegations"] == [{"name": "Atlantis", "count": 1}]
    assert (sr["no_speaker"], sr["role_only"], sr["warnings"]) == ([5], 0, [])
    assert sr["suspicious"] == [
        {"n": 2, "reasons": ["speaker opening inside"], "chars": sr["suspicious"][0]["chars"],
         "openings": [{"at": 125, "text": "Ms. Kim (Republic of Korea) said"}]},
        {"n": 4, "reasons": ["long"], "chars": 5770, "openings": []},
    ]
    pv = files["pv/S_PV.9999.txt"]
    assert (pv["kind"], pv["date"], pv["no_speaker"], pv["role_only"], pv["uncoded_delegations"]) == (
        "PV", None, [1, 3], 2, [])
    assert [(s["n"], s["reasons"], [o["text"] for o in s["openings"]]) for s in pv["suspicious"]] == [
        (2, ["speaker opening inside"], ["Ms. Smith (United Kingdom):"])]
    assert data["totals"] == {
        "files": 2, "unreadable": 1, "with_problems": 2, "paragraphs": 8, "flagged": 5, "no_speaker": 3,
        "role_only": 2, "uncoded_paragraphs": 1, "uncoded_delegations": [{"name": "Atlantis", "count": 1}],
        "long": 1, "openings_inside": 2, "warnings": 0, "no_date": 1, "kinds": {"PV": 1, "SR": 1}}


def test_report_worst_first_and_totals_over_all(records):
    result = CliRunner().invoke(main, ["parse", "--report", "records", "--worst", "2", "--json"])
    data = json.loads(result.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["broken.pdf", "A_AC.999_SR.12.en.txt"]
    assert data["totals"]["files"] == 2 and data["totals"]["unreadable"] == 1


def test_report_files_and_folders_all_read_exit_0(records):
    result = CliRunner().invoke(main, ["parse", "--report", SR_FILE, "records/pv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{SR_FILE}  [") and f"\n{PV_FILE}  [" in result.stdout
    assert "total: 2 files (0 unreadable, 2 with problems)" in result.stdout


def test_report_a_missing_path_is_one_line_and_exit_1(records):
    result = CliRunner().invoke(main, ["parse", "--report", SR_FILE, "records/gone.txt"])
    assert result.exit_code == 1
    assert "records/gone.txt: cannot read: no such file" in result.stdout
    assert "total: 2 files (1 unreadable, 1 with problems)" in result.stdout


def test_report_a_clean_record(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("SR.8.en.txt").write_text("\n".join(PDF_SR8_EN_LINES), encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "--report", "SR.8.en.txt"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "SR.8.en.txt  [no problems]"


def test_parse_several_files_or_worst_without_report_is_a_usage_error(records):
    assert run("parse", SR_FILE, PV_FILE).exit_code == 2
    assert run("parse", SR_FILE, "--worst", "1").exit_code == 2


def test_report_over_shared_summary_records_is_clean():
    folder = shared_path("zh-en-summary-record")
    result = CliRunner().invoke(main, ["parse", "--report", str(folder), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [(f["lang"], f["kind"], f["problems"]) for f in data["files"]] == [("en", "SR", 0), ("zh", "SR", 0)]


def test_numbers_are_ranges_cut_after_ten():
    assert numbers([1, 2, 3, 7, 9, 10]) == "1-3, 7, 9-10"
    assert numbers(list(range(1, 40, 2))) == "1, 3, 5, 7, 9, 11, 13, 15, 17, 19, … and 10 more"
