"""The word and bigram analysis: index/query asymmetry, symbols, Latin, bigrams, dictionary."""
from __future__ import annotations

from rapporteur.indexer.analysis.tokenizers import bigrams
from rapporteur.indexer.analysis.segmentation import word_boundaries, word_spans
from rapporteur.indexer.analysis.analyzers import LANGUAGE_ANALYSIS
from rapporteur.indexer.languages import CODES as LANGUAGES
from rapporteur.indexer.store.schema import build_schema, text_field


def words(text, mode):
    return [w for w, *_ in word_spans(text, mode)]


def tokens(text, mode):
    ana = LANGUAGE_ANALYSIS["zh"].index if mode == "index" else LANGUAGE_ANALYSIS["zh"].query
    return [(t.text, t.pos, t.startchar, t.endchar) for t in ana(text, positions=True, chars=True, mode=mode)]


def test_search_mode_at_index_precise_at_query():
    assert words("威斯巴登进程", "query") == ["威斯巴登进程"]
    assert set(words("威斯巴登进程", "index")) >= {"威斯巴登进程", "进程"}


def test_positions_are_ordinals_and_offsets_are_characters():
    toks = tokens("德国支持威斯巴登进程。", "index")
    whole = [t for t in toks if t[0] == "威斯巴登进程"][0]
    assert whole[2:] == (4, 10)
    assert sorted({t[1] for t in toks}) == list(range(len({t[1] for t in toks})))
    # sub-words share their word's position
    assert all(t[1] == whole[1] for t in toks if whole[2] <= t[2] and t[3] <= whole[3])


def test_user_dictionary_words_are_whole():
    for word in ["大规模毁灭性武器", "禁止化学武器组织", "专家组", "美利坚合众国", "大不列颠及北爱尔兰联合王国"]:
        assert words(f"关于{word}的问题", "query")[1] == word


def test_symbols_whole_and_parts_latin_lowercase_one_letter_kept():
    toks = {t[0] for t in tokens("见 S/AC.44/SR.74 和 A/77/895-S/2023/363 及 UN Security", "index")}
    assert {"s/ac.44/sr.74", "s", "ac.44", "sr.74", "74", "a/77/895-s/2023/363", "a/77/895",
            "s/2023/363", "un", "security"} <= toks
    assert [t[0] for t in tokens("S/AC.44/SR.74", "query")] == ["s/ac.44/sr.74"]


def test_resolution_numbers_whole_and_parts():
    for text in ["第 1540 (2004) 号决议", "第1540(2004)号决议"]:
        toks = {t[0] for t in tokens(text, "index")}
        assert {"1540(2004)", "1540", "2004"} <= toks, toks
        assert "1540(2004)" in [t[0] for t in tokens(text, "query")]


def test_other_scripts_get_tokens():
    assert [t[0] for t in tokens("Совет Безопасности مجلس الأمن", "query")] == ["совет", "безопасности", "مجلس", "الأمن"]


def test_bigrams():
    assert bigrams("AB 出口管制") == ["ab", "出口", "口管", "管制", "制"]
    assert bigrams("出口管制", ends=False) == ["出口", "口管", "管制"]


def test_word_boundaries_are_whole_words():
    text = "威斯巴登进程和S/AC.44"
    assert [text[s:e] for s, e in word_boundaries(word_spans(text, "index"))] == ["威斯巴登进程", "和", "S/AC.44"]


def test_schema_has_a_word_field_per_language():
    schema = build_schema()
    for lang in LANGUAGES:
        assert text_field(lang) in schema.names()
    # Every other language, and an unknown one, shares one field.
    assert text_field(None) == text_field("pt") == text_field("xx") == "text_other" in schema.names()
