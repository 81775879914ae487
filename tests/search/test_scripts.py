"""Matching by script: Han text by substrings, alphabetic scripts by whole words.

An unquoted Latin, Cyrillic or Arabic word matches whole words after its language's analysis and
never the inside of another word (``Mali`` is not in ``Somalia``, ``Oman`` not in ``woman``); a
quoted phrase matches its words adjacent and in order, whole, unstemmed, case- and
accent-insensitive. The phrase property is checked against an independent reading of the texts.
"""
from __future__ import annotations

import random
import re
import unicodedata

import pytest

from rapporteur.indexer.model import Paragraph, Record
from rapporteur.indexer.sync.writer import import_records
from rapporteur.search.engine import Engine, SearchRequest

EN = [
    "The representative of Mali said that the situation in Mali had improved.",
    "The representative of Somalia spoke about the transition in Somalia.",
    "A woman from Romania described the Ottoman archives.",
    "Oman supports the resolution.",
    "The ICC prosecutor based on the evidence requested a warrant.",
    "The policy is based, on the whole, on consent.",
    "The base on the island was closed.",
    "Mr. Salamé briefed the Council on Libya.",
    "Mr. Salame met the parties in Tripoli.",
    "The situation in Côte d'Ivoire was discussed.",
    "Cote d'Ivoire thanked the Mission.",
    "Timor-Leste and the S/PV.8702 record were cited; resolution 1540 (2004) was recalled.",
    "The malice of the attack was condemned; a Malian delegation attended.",
    "The régime of sanctions must be reviewed, said the delegation.",
]
ES = ["La convicción de la delegación es firme.", "La Corte Penal Internacional (ICC) fue mencionada."]
RU = ["Представитель Мали выступил с заявлением.", "Делегация Сомали поблагодарила Совет.",
      "Ёлка стояла в зале заседаний."]
ZH = ["马里代表说,局势有所改善。", "索马里代表团感谢安理会。"]


def _records():
    out = []
    for i, (lang, texts) in enumerate((("en", EN), ("es", ES), ("ru", RU), ("zh", ZH))):
        paras = [Paragraph(n=n, text=t, speaker="Anton", delegation="Germany") for n, t in enumerate(texts, 1)]
        out.append((i + 1, Record(symbol=f"S/PV.99{i}", lang=lang, date="2020-01-0" + str(i + 1), kind="PV",
                                  paragraphs=paras)))
    return out


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    base = tmp_path_factory.mktemp("scripts")
    jsonl = base / "records.jsonl"
    jsonl.write_text("", encoding="utf-8")
    report = import_records(base / "index", jsonl, _records())
    assert report.added == 4 and not report.failed, report
    with Engine(base / "index", cache_size=0) as eng:
        yield eng


def texts(engine, q: str) -> set[str]:
    res = engine.search(SearchRequest(q=q, size=100))
    assert res.total == len(res.hits)
    return {h["text"] for h in res.hits}


def marked(engine, q: str) -> list[str]:
    res = engine.search(SearchRequest(q=q, size=100))
    return [m for h in res.hits for m in re.findall(r"<mark>(.*?)</mark>", h["snippet"])]


def test_a_word_is_not_found_inside_another_word(engine):
    assert texts(engine, "Mali") == {EN[0]}  # not Somalia, Malian, malice; Cyrillic Мали is another word
    assert texts(engine, '"Mali"') == {EN[0]}
    assert texts(engine, "Oman") == {EN[3]}
    assert texts(engine, "ICC") == {EN[4], ES[1]}  # not "convicción"
    assert not any("Somali" in t or "Сомали" in t for t in texts(engine, "Мали"))


def test_a_filter_does_not_bring_the_inside_of_words_back(engine):
    assert texts(engine, "Mali delegation:Germany") == texts(engine, "Mali")


def test_marks_are_whole_words(engine):
    assert set(marked(engine, "Mali")) == {"Mali"}
    assert set(marked(engine, "Somalia OR Mali")) == {"Somalia", "Mali"}


def test_han_text_is_still_matched_by_substrings(engine):
    assert texts(engine, "马里") == {ZH[0], ZH[1]}  # 索马里 holds 马里: Han has no word bounds
    assert texts(engine, '"马里代表说"') == {ZH[0]}
    assert texts(engine, '"马里代表"') == {ZH[0], ZH[1]}


def test_quoted_latin_phrase_is_words_adjacent_in_order(engine):
    assert texts(engine, '"based on"') == {EN[4], EN[5]}  # "based, on" too: punctuation is not a word
    assert texts(engine, '"on the whole"') == {EN[5]}
    assert texts(engine, '"base on"') == {EN[6]}  # unstemmed: "based on" is not "base on"
    assert texts(engine, '"on based"') == set()


def test_quoted_phrases_fold_case_and_accents(engine):
    assert texts(engine, '"cote d\'ivoire"') == {EN[9], EN[10]}
    assert texts(engine, '"Côte d\'Ivoire"') == {EN[9], EN[10]}
    assert texts(engine, '"CÔTE D IVOIRE"') == {EN[9], EN[10]}
    assert texts(engine, '"ёлка"') == texts(engine, '"елка"') == {RU[2]}


def test_compounds_and_numbers_as_words(engine):
    assert texts(engine, '"Timor Leste"') == {EN[11]}
    assert texts(engine, '"Timor-Leste"') == {EN[11]}
    assert texts(engine, '"1540"') == {EN[11]}
    assert texts(engine, '"154"') == set()
    assert texts(engine, "S/PV.8702") == {EN[11]}


def test_a_trailing_star_makes_a_prefix(engine):
    assert texts(engine, "S/PV.87*") == {EN[11]}
    assert texts(engine, "S/PV.88*") == set()
    assert texts(engine, "Mal*") == {EN[0], EN[12]}  # Mali, Malian, malice; not Somalia
    assert {h["symbol"] for h in engine.search(SearchRequest(q="symbol:S/PV.99*", size=100)).hits} == \
        {"S/PV.990", "S/PV.991", "S/PV.992", "S/PV.993"}
    assert engine.search(SearchRequest(q="symbol:S/PV.990", size=100)).total == len(EN)  # exact stays exact


def test_mixed_query_each_term_by_its_script(engine):
    res = engine.search(SearchRequest(q="Mali 局势", size=100))  # no paragraph has both: either
    assert "any of them" in res.notice
    assert {h["text"] for h in res.hits} == {EN[0], ZH[0]}
    assert texts(engine, "马里 OR Mali") == {ZH[0], ZH[1], EN[0]}


def test_folding_is_symmetric(engine):
    assert texts(engine, "Salamé") == texts(engine, "Salame") == {EN[7], EN[8]}
    assert texts(engine, "Côte d'Ivoire") == texts(engine, "Cote d'Ivoire") == {EN[9], EN[10]}
    assert texts(engine, "régime sanctions") == texts(engine, "regime sanctions") == {EN[13]}
    assert engine.search(SearchRequest(q="régime sanctions")).notice is None  # all words: no OR


# ---- the phrase property -------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """An independent reading of a text's words: letters and digits outside CJK, lower case,
    accents on Latin letters dropped, ё as е; a CJK character ends a word."""
    out, word = [], []
    for ch in unicodedata.normalize("NFKC", text):
        if ch.isalnum() and not ("\u3000" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"):
            word.append(ch)
            continue
        if word:
            out.append("".join(word))
            word = []
        if "\u3000" <= ch <= "\u9fff":
            out.append("\x00")
    if word:
        out.append("".join(word))
    folded = []
    for w in out:
        letters = []
        for c in w.lower():
            base = unicodedata.normalize("NFD", c)[0]  # é → e; й, ё stay (not Latin)
            letters.append(base if "a" <= base <= "z" else c)
        folded.append("".join(letters).replace("ё", "е"))
    return folded


def _contains(words: list[str], phrase: list[str]) -> bool:
    return any(words[i:i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))


def test_phrase_results_equal_the_paragraphs_holding_the_word_sequence(engine):
    corpus = EN + ES + RU
    rng = random.Random(8702)
    phrases = set()
    while len(phrases) < 120:
        words = [w for w in _words(rng.choice(corpus)) if w != "\x00"]
        n = rng.randint(1, min(4, len(words)))
        i = rng.randrange(len(words) - n + 1)
        phrases.add(tuple(words[i:i + n]))
    wrong = []
    for phrase in sorted(phrases):
        expected = {t for t in corpus if _contains(_words(t), list(phrase))}
        got = texts(engine, '"' + " ".join(phrase) + '"')
        if got != expected:
            wrong.append((phrase, expected ^ got))
    assert not wrong, wrong[:5]
