"""Language detection over the real records of ../shared/corpus: the 39 General Assembly
statements of 2024 (the language is the suffix of the file name: ``br_pt.txt`` is Portuguese),
and the English and Chinese records. Skipped where the shared corpus is absent."""
from __future__ import annotations

import pytest

from rapporteur.indexer.parse import parse_file
from tests.support.paths import shared_path


def test_every_general_assembly_statement_is_in_the_language_of_its_file_name():
    folder = shared_path("ga79-statements")
    files = sorted(folder.glob("*.txt"))
    assert len(files) >= 30
    got = {path.name: parse_file(path).lang for path in files}
    assert got["br_pt.txt"] == "pt"
    assert got["it_it.txt"] == "it"
    wrong = {name: lang for name, lang in got.items() if lang != name.rsplit("_", 1)[1][:-len(".txt")]}
    assert wrong == {}


@pytest.mark.parametrize("folder, lang", [
    ("unsc-2020-verbatim-en", "en"),
    ("seed", "zh"),
])
def test_every_record_of_a_folder_in_one_language(folder, lang):
    files = sorted(shared_path(folder).glob("*.txt"))
    assert files
    assert {path.name: parse_file(path).lang for path in files} == {path.name: lang for path in files}


def test_the_summary_record_in_chinese_and_english():
    for lang in ("zh", "en"):
        assert parse_file(shared_path("zh-en-summary-record", f"A_AC.183_SR.413.{lang}.txt")).lang == lang
