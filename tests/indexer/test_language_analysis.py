"""Per-language word analysis: Snowball stems for en/fr/es/ru, Arabic normalisation and stems,
Chinese unchanged; index and query sides agree."""
from __future__ import annotations

import pickle

import pytest

from rapporteur.indexer.text import normalize_arabic, strip_accents
from rapporteur.indexer.analysis.analyzers import LANGUAGE_ANALYSIS
from rapporteur.indexer.store.schema import build_schema


def words(lang: str, text: str, side: str = "query") -> list[str]:
    ana = getattr(LANGUAGE_ANALYSIS[lang], side)
    return [t.text for t in ana(text, mode=side)]


def same(lang: str, *forms: str) -> bool:
    """All forms analyse to one term, on the query side and the index side alike."""
    terms = {tuple(words(lang, f)) for f in forms} | {tuple(words(lang, f, "index")) for f in forms}
    return len(terms) == 1


@pytest.mark.parametrize("lang, forms", [
    ("en", ("delegation", "delegations", "Delegations")),
    ("en", ("nation", "nations")),
    ("fr", ("délégation", "délégations", "delegations")),  # accents folded after stemming
    ("fr", ("souligné", "souligne", "soulignés")),
    ("es", ("delegación", "delegaciones", "delegacion")),
    ("ru", ("Германия", "Германии", "Германией", "германию")),
    ("ru", ("делегация", "делегации", "делегацией")),
    ("ru", ("ёлка", "елка")),
    ("ar", ("الوفد", "وفد", "والوفد", "للوفد")),
    ("ar", ("ألمانيا", "المانيا", "إلمانيا", "آلمانيا")),  # alef forms unified
    ("ar", ("مبادرة", "مُبَادَرَةٌ", "مبـــادرة", "مبادره")),  # diacritics, tatweel, ta marbuta
    ("ar", ("مجلس", "المجلس", "ومجلس", "بالمجلس")),
])
def test_inflections_share_a_term(lang, forms):
    assert same(lang, *forms), {f: words(lang, f) for f in forms}


def test_different_words_stay_apart():
    assert words("fr", "délégation") != words("fr", "délai")
    assert words("ru", "Германия") != words("ru", "Греция")
    assert words("ar", "ألمانيا") != words("ar", "فرنسا")


def test_vowelled_arabic_word_stays_one_token_with_whole_offsets():
    text = "يدعم مُبَادَرَةَ ألمانيا"
    toks = list(LANGUAGE_ANALYSIS["ar"].query(text, mode="query", chars=True))
    assert [text[t.startchar:t.endchar] for t in toks] == ["يدعم", "مُبَادَرَةَ", "ألمانيا"]


def test_numbers_and_symbols_are_not_stemmed():
    assert words("en", "S/AC.44/SR.74 1540 (2004)") == ["s/ac.44/sr.74", "1540(2004)"]
    assert "ac.44" in words("fr", "S/AC.44/SR.74", "index")


def test_chinese_unchanged():
    assert words("zh", "威斯巴登进程") == ["威斯巴登进程"]
    assert words("zh", "delegations") == ["delegations"]


def test_helpers():
    assert strip_accents("Délégués à l'été") == "Delegues a l'ete"
    assert strip_accents("Германия й") == "Германия й"  # Cyrillic left alone
    assert normalize_arabic("أَإِآٱى\u0640") == "ااااي"


def test_schema_pickles_with_the_analyzers():
    schema = build_schema()
    again = pickle.loads(pickle.dumps(schema))
    assert [t.text for t in again["text_fr"].analyzer("délégations", mode="query")] == words("fr", "délégations")
    assert {"delegation_code", "spoke_in"} <= set(again.names())
