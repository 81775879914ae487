"""How a UN symbol is written (indexer/symbols.py), and every way a symbol enters a record
following it: file names in any case, headers, manifests, imports."""
from __future__ import annotations

import pytest

from rapporteur.indexer.parse import parse_text
from rapporteur.indexer.parse.statement import collection_symbol
from rapporteur.indexer.parse.symbols import from_filename
from rapporteur.indexer.read.jsonl import record_from_json
from rapporteur.indexer.read.manifest import apply, read_manifest
from rapporteur.indexer.symbols import is_un_symbol, normalize_symbol, symbol_prefixes
from tests.support.records import DESALINATION_SR3_EN, STATEMENT_EN, write_manifest


@pytest.mark.parametrize("given, written", [
    ("s/pv.8700", "S/PV.8700"),
    ("S/PV.8700", "S/PV.8700"),
    ("a/c.1/71/l.1/rev.1", "A/C.1/71/L.1/Rev.1"),
    ("A/C.1/71/L.1/REV.1", "A/C.1/71/L.1/Rev.1"),
    ("S/2023/1/ADD.1", "S/2023/1/Add.1"),
    ("a/79/pv.5/corr.1", "A/79/PV.5/Corr.1"),
    ("A/RES/71/1/AMEND.2", "A/RES/71/1/Amend.2"),
    ("e/cn.4/sub.2/2005/1", "E/CN.4/Sub.2/2005/1"),
    ("A/77/895-s/2023/363", "A/77/895-S/2023/363"),
    ("s/pv.8700 (resumption 1)", "S/PV.8700 (Resumption 1)"),
    ("s/res/2231 (2015)", "S/RES/2231 (2015)"),
    ("S/AC.44/SR.74", "S/AC.44/SR.74"),
    ("  s/pv.1  ", "S/PV.1"),
])
def test_un_symbols_are_written_the_un_way(given, written):
    assert normalize_symbol(given) == written
    assert normalize_symbol(written) == written  # a fixed point


@pytest.mark.parametrize("other", ["statement-AND-2024-09-27", "baerbock", "my notes/x", "UN-CORPUS-DEMO/trade", "",
                                   None])
def test_what_is_not_a_un_symbol_is_left_as_it_is(other):
    assert normalize_symbol(other) == other
    assert not is_un_symbol(other)


def test_statement_symbols_stay_as_the_statement_engine_makes_them():
    symbol = collection_symbol("AND", "2024-09-27")
    assert symbol == "statement-AND-2024-09-27" and normalize_symbol(symbol) == symbol


def test_prefixes_are_written_as_the_symbols_they_begin():
    assert symbol_prefixes("s/pv.87") == ["S/PV.87"]
    assert symbol_prefixes("a/c.1/71/l.1/re") == ["A/C.1/71/L.1/RE", "A/C.1/71/L.1/Re"]  # REV… or Rev.…
    assert symbol_prefixes("a/c.1/71/l.1/rev.1") == ["A/C.1/71/L.1/REV.1", "A/C.1/71/L.1/Rev.1"]
    assert symbol_prefixes("国际") == ["国际"]


@pytest.mark.parametrize("name, symbol, lang", [
    ("S_PV.8700.en.txt", "S/PV.8700", "en"),
    ("s_pv.8700.TXT", "S/PV.8700", None),
    ("s_pv.8700.Zh.txt", "S/PV.8700", "zh"),
    ("a_c.1_71_l.1_rev.1.FR.TXT", "A/C.1/71/L.1/Rev.1", "fr"),
    ("S_PV.8700_Resumption1.en.txt", "S/PV.8700 (Resumption 1)", "en"),
    ("my_notes_2024.txt", None, None),  # not read as a symbol: no UN look
])
def test_file_names_in_any_case(name, symbol, lang):
    assert from_filename(name) == (symbol, lang)


def test_a_record_read_from_a_lower_case_file_name_has_the_un_symbol():
    assert parse_text(STATEMENT_EN, source="/records/s_pv.8700.EN.TXT").symbol == "S/PV.8700"
    assert parse_text(STATEMENT_EN, source="/records/my_notes_2024.txt").symbol == "my_notes_2024"


def test_a_header_symbol_is_written_the_un_way():
    text = DESALINATION_SR3_EN.replace("A/AC.77/SR.3", "A/AC.77/SR.3/CORR.1", 1)
    assert parse_text(text, source="/records/x.txt").symbol == "A/AC.77/SR.3/Corr.1"


def test_manifest_and_import_symbols(tmp_path):
    (tmp_path / "statement.txt").write_text(STATEMENT_EN, encoding="utf-8")
    write_manifest(tmp_path, "records.csv", "file,symbol,lang\nstatement.txt,a/79/pv.5/corr.1,en\n")
    manifest = read_manifest(tmp_path)
    record = apply(parse_text(STATEMENT_EN, source=str(tmp_path / "statement.txt")), manifest.entry(tmp_path / "statement.txt"))
    assert record.symbol == "A/79/PV.5/Corr.1"
    imported = record_from_json({"record": {"symbol": "s/pv.8700", "lang": "en"}, "paragraphs": [{"n": 1, "text": "x"}]})
    assert imported.symbol == "S/PV.8700"
