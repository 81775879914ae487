"""JSONL import files: every line validated, bad lines named with their number and reason."""
import json
import subprocess
import sys

import pytest

from rapporteur.indexer.errors import UnreadableRecord
from rapporteur.indexer.read.jsonl import read_jsonl
from tests.support.paths import ROOT, shared_path


def record(symbol="A/AC.99/SR.1", lang="en", **extra):
    return {"record": {"symbol": symbol, "lang": lang, "date": "2016-06-22", "meeting": 1, **extra},
            "paragraphs": [{"n": 1, "speaker": "Anton", "delegation": "Germany", "text": "Mr. Anton said  that\nindustry mattered."},
                           {"n": 2, "speaker": None, "text": "威 斯巴登进程"}]}


def write(tmp_path, lines):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                    encoding="utf-8")
    return path


def test_good_lines_become_records(tmp_path):
    good, errors = read_jsonl(write(tmp_path, [record(), "", record("A/AC.99/SR.2", "fr")]))
    assert errors == []
    assert [(line, r.symbol, r.lang) for line, r in good] == [(1, "A/AC.99/SR.1", "en"), (3, "A/AC.99/SR.2", "fr")]
    paras = good[0][1].paragraphs
    assert paras[0].text == "Mr. Anton said that industry mattered."  # normalised like parsed text
    assert paras[1].text == "威斯巴登进程"
    assert paras[0].delegation_code == "DEU"  # filled from the delegation table when not given
    assert good[0][1].meeting == 1 and good[0][1].date == "2016-06-22"


@pytest.mark.parametrize(
    "line, reason",
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "must be a JSON object"),
        (json.dumps({"record": {"lang": "en"}, "paragraphs": [{"n": 1, "text": "x"}]}), "record.symbol is required"),
        (json.dumps(record(lang="xx")), "record.lang must be one of"),
        (json.dumps(record(date="22/06/2016")), "ISO date"),
        (json.dumps(record(meeting="seventy")), "record.meeting must be a whole number"),
        # The index keeps meeting and n in 32-bit fields: more was a traceback while writing.
        (json.dumps(record(meeting=2**31)), "record.meeting 2147483648 is too large (at most 2147483647)"),
        (json.dumps({"record": {"symbol": "X/1", "lang": "en"}, "paragraphs": [{"n": 2**40, "text": "x"}]}),
         "paragraphs[0].n 1099511627776 is too large (at most 2147483647)"),
        (json.dumps(record(lang="")), "or null for a language not known; not ''"),
        (json.dumps({"record": {"symbol": "X/1"}, "paragraphs": [{"n": 1, "text": "x"}]}), "record.lang must be one of"),
        (json.dumps(record(colour="red")), "unknown field 'colour'"),
        (json.dumps({"record": {"symbol": "X/1", "lang": "en"}, "paragraphs": []}), "non-empty list"),
        (json.dumps({"record": {"symbol": "X/1", "lang": "en"}, "paragraphs": [{"n": 0, "text": "x"}]}), "positive whole number"),
        (json.dumps({"record": {"symbol": "X/1", "lang": "en"}, "paragraphs": [{"n": 1, "text": ""}]}), "paragraphs[0].text is required"),
        (json.dumps({"record": {"symbol": "X/1", "lang": "en"}, "paragraphs": [{"n": 1, "text": "a"}, {"n": 1, "text": "b"}]}), "appears twice"),
    ],
)
def test_bad_line_named_with_reason(tmp_path, line, reason):
    good, errors = read_jsonl(write(tmp_path, [record(), line]))
    assert len(good) == 1
    assert len(errors) == 1 and errors[0].line == 2 and reason in errors[0].reason
    assert str(errors[0]).startswith("line 2: ")


@pytest.mark.parametrize("date, ok", [
    ("2016-06-22", True), ("1990", True), ("1990-09", True),  # where only the year or month is known
    ("1990-13", False), ("2016-02-30", False), ("90", False), ("1990-9", False), ("1990-09-22T10:00", False),
])
def test_dates_of_reduced_precision(tmp_path, date, ok):
    good, errors = read_jsonl(write(tmp_path, [record(date=date)]))
    assert (len(good), len(errors)) == ((1, 0) if ok else (0, 1))
    if ok:
        assert good[0][1].date == date
    else:
        assert "ISO date" in errors[0].reason


def test_a_record_in_a_language_beyond_the_un_six_is_accepted(tmp_path):
    """``rapporteur parse --json`` labels a Portuguese statement ``pt``; importing it keeps that."""
    good, errors = read_jsonl(write(tmp_path, [record(lang="pt")]))
    assert errors == [] and good[0][1].lang == "pt"


def test_a_record_whose_language_is_not_known_is_accepted(tmp_path):
    """``parse --json`` gives a record whose language could not be told ``"lang": null``."""
    good, errors = read_jsonl(write(tmp_path, [record(lang=None), record(lang="en")]))
    assert errors == [] and [r.lang for _line, r in good] == [None, "en"]
    assert good[0][1].meeting == 1 and read_jsonl(write(tmp_path, [record(meeting=2**31 - 1)]))[0][0][1].meeting == 2**31 - 1


def test_duplicate_record_names_first_line(tmp_path):
    _good, errors = read_jsonl(write(tmp_path, [record(), record(), record(lang=None), "", record(lang=None)]))
    assert [str(e) for e in errors] == ["line 2: record A/AC.99/SR.1 (en) already given on line 1",
                                        "line 5: record A/AC.99/SR.1 (language not known) already given on line 3"]


def test_a_line_too_long_is_skipped_and_the_next_lines_read(tmp_path):
    path = tmp_path / "long.jsonl"
    lines = [json.dumps(record("A/1")), "x" * 5000, json.dumps(record("A/2")), json.dumps(record("A/3"))]
    path.write_bytes(("\n".join(lines)).encode())  # the last line without a line end
    limit = len(lines[0].encode())
    good, errors = read_jsonl(path, max_line=limit)
    assert [(line, r.symbol) for line, r in good] == [(1, "A/1"), (3, "A/2"), (4, "A/3")]
    assert [str(e) for e in errors] == [f"line 2: line too long (0.0 MB; the limit is {limit / 1048576:g} MB)"]
    # A last line over the limit, without a line end; a line of exactly the limit is read.
    path.write_bytes((lines[0] + "\n" + lines[0] + " ").encode())
    good, errors = read_jsonl(path, max_line=limit)
    assert [line for line, _r in good] == [1] and [e.line for e in errors] == [2]


def test_a_line_too_long_is_never_held(tmp_path):
    """A line of 60 MB is counted in 1 MB pieces: its length is exact, and the reading never
    holds more than the limit of it."""
    import tracemalloc

    from rapporteur.indexer.read.jsonl import JsonlReader

    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as fh:
        fh.write(b'{"record": {"symbol": "X/1", "lang": "en"}, "paragraphs": [{"n": 1, "text": "')
        for _ in range(60):
            fh.write(b"a" * 1048576)
        fh.write(b'"}]}\n')
        fh.write(json.dumps(record()).encode() + b"\n")
    size = path.stat().st_size - len(json.dumps(record())) - 2
    tracemalloc.start()
    try:
        with JsonlReader(path, max_line=2 * 1048576) as reader:
            items = list(reader)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        path.unlink()
    assert [line for line, _item in items] == [1, 2]
    assert str(items[0][1]) == f"line 1: line too long ({size / 1048576:.1f} MB; the limit is 2 MB)"
    assert items[1][1].symbol == "A/AC.99/SR.1" and (reader.records, reader.errors) == (1, 1)
    assert peak < 8 * 1048576, peak


def test_a_byte_order_mark_is_read_and_a_later_line_not_in_utf8_is_a_bad_line(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(record("A/1")).encode() + b"\n"
                     + b'{"record": {"symbol": "Pr\xe9sident"}}\n'
                     + json.dumps(record("A/3")).encode() + b"\n")
    good, errors = read_jsonl(path)
    assert [r.symbol for _line, r in good] == ["A/1", "A/3"]
    assert [str(e) for e in errors] == ["line 2: not UTF-8 text (byte 26 of the line)"]


def test_unreadable_jsonl(tmp_path):
    with pytest.raises(UnreadableRecord, match="no such file"):
        read_jsonl(tmp_path / "none.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    with pytest.raises(UnreadableRecord, match="empty file"):
        read_jsonl(empty)
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('\n{"record": {"symbol": "Pr\xe9sident"}}'.encode("latin-1"))
    with pytest.raises(UnreadableRecord, match=r"not UTF-8 text \(line 2, byte 26\)"):
        read_jsonl(latin)


def test_general_debate_converter(tmp_path):
    corpus = shared_path("ungdc-general-debate-en")
    out = tmp_path / "ungdc.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        done = subprocess.run([sys.executable, str(ROOT / "examples" / "ungdc_to_jsonl.py"), str(corpus)],
                              stdout=fh, stderr=subprocess.PIPE, text=True, check=True)
    assert "records written" in done.stderr
    good, errors = read_jsonl(out)
    assert errors == [] and len(good) > 2000
    by_symbol = {r.symbol: r for _line, r in good}
    germany = by_symbol["UNGDC/79/DEU"]
    para = germany.paragraphs[0]
    # Speaker and post come from the TSV row for (2024, DEU).
    assert (para.delegation_code, para.delegation) == ("DEU", "Germany")
    assert (para.speaker, para.role) == ("Annalena Baerbock", "Minister of Foreign Affairs")
    assert germany.meeting == 79 and germany.lang == "en" and germany.date == "2024"  # the session's year
    assert "UNGDC/79/EU" in by_symbol


def test_a_language_code_in_upper_case_is_the_same_language(tmp_path):
    good, errors = read_jsonl(write(tmp_path, [record(lang="EN", original_lang="FR")]))
    assert errors == [] and (good[0][1].lang, good[0][1].original_lang) == ("en", "fr")
