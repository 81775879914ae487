"""Which language a record is in: the header first, then scripts, then py3langid over the text;
languages beyond the UN six are told, and a text too short or too mixed to tell has none."""
from __future__ import annotations

import pytest

from rapporteur.indexer.parse import parse_file, parse_text
from rapporteur.indexer.parse.language import detect, from_text
from tests.support.paths import SEED
from tests.support.records import OTHER_LANGUAGE_STATEMENTS, SR7_FIVE_LANGUAGES

ENGLISH = ("The delegation of Cabo Verde congratulates you on your election and assures you of its "
           "full support. Small island developing States face challenges they did not choose, and "
           "no country can answer them alone. ")


@pytest.mark.parametrize("lang", sorted(OTHER_LANGUAGE_STATEMENTS))
def test_statements_beyond_the_un_six_are_told(lang):
    text = OTHER_LANGUAGE_STATEMENTS[lang]
    assert from_text(text) == lang
    rec = parse_text(text, source=f"statement_{lang}.txt")
    # Labelled as what it is; no grammar: the statement engine's paragraphs, every word kept.
    assert rec.lang == lang
    words = lambda s: s.split()  # noqa: E731
    assert words(" ".join(p.text for p in rec.paragraphs)) == words(text)
    assert all(p.speaker is None for p in rec.paragraphs)


@pytest.mark.parametrize("lang", sorted(SR7_FIVE_LANGUAGES))
def test_the_un_languages_are_still_told_from_their_paragraphs_alone(lang):
    """No header, no names of languages: the paragraphs of the UN-style records."""
    rec = parse_text(SR7_FIVE_LANGUAGES[lang], source=f"A_AC.99_SR.7.{lang}.txt")
    body = "\n\n".join(p.text for p in rec.paragraphs)
    assert from_text(body) == lang


def test_the_seed_is_chinese_despite_its_latin_names():
    rec = parse_file(SEED)
    assert rec.lang == "zh" and from_text("\n\n".join(p.text for p in rec.paragraphs)) == "zh"


@pytest.mark.parametrize("text, lang", [
    ("Anton 先生(德国观察员)说,Wiesbaden 进程和 UNSCR 1540 (2004) 的执行。", "zh"),
    ("日本の代表団は、この決議の採択を歓迎します。", "ja"),  # kana
    ("대한민국 대표단은 이 결의의 채택을 환영합니다.", "ko"),  # hangul
    # Too short for py3langid, but the script is enough for the UN language.
    ("Г-н Чжан Цзюнь (Китай) говорит", "ru"),
    ("السيد تشانغ جون (الصين): قال", "ar"),
])
def test_scripts_tell_short_texts(text, lang):
    assert from_text(text) == lang


@pytest.mark.parametrize("text", [
    "Xyzzy plugh.",
    "Muito obrigado.",  # Portuguese, but a title's worth of letters
    "S/PV.8698 12345 67890 A/79/PV.3",
    "",
])
def test_a_text_too_short_to_tell_has_no_language(text):
    assert from_text(text) is None


def test_a_text_half_in_one_language_half_in_another_has_no_language():
    pt = OTHER_LANGUAGE_STATEMENTS["pt"][:900]
    assert from_text(pt + "\n\n" + ENGLISH * 5) is None
    assert from_text(pt + "\n\n" + ENGLISH) == "pt"  # a quotation does not make it mixed


def test_a_record_of_unknown_language_is_read_as_plain_paragraphs():
    rec = parse_text("Xyzzy plugh.\n\nQwrtz vbnm.\n", source="X_1.txt")
    assert rec.lang is None and len(rec.paragraphs) == 2


def test_the_header_comes_first():
    pt = OTHER_LANGUAGE_STATEMENTS["pt"]
    assert detect(["English", *pt.splitlines()], pt) == "en"
    assert detect(["Português", "Muito obrigado."], "Muito obrigado.") == "pt"


def test_detection_is_the_same_every_time():
    text = OTHER_LANGUAGE_STATEMENTS["it"]
    assert {from_text(text) for _ in range(5)} == {"it"}


def test_file_name_language_still_decides_when_the_text_cannot():
    rec = parse_text("The President: ...\n\nMr. Zhang Jun (China): Thank you.\n", source="S_PV.9999.fr.txt")
    assert rec.lang == "fr"
