import json

from click.testing import CliRunner

from rapporteur.cli.main import main
from tests.support.paths import SEED


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
