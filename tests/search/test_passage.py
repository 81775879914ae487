"""A pasted passage finds its source: a long query of plain words is read as a passage, and the
paragraph that contains it (or most of it) ranks first, with a notice and without an OR of
every word."""
from __future__ import annotations

import pytest

from rapporteur.indexer.model import Paragraph, Record
from rapporteur.indexer.sync.writer import import_records
from rapporteur.search.engine import Engine, SearchRequest
from rapporteur.search.parse import PASSAGE_WORDS, parse_query

EN = [
    "The representative of Norway said that his delegation welcomed the report of the Secretary-General on "
    "the protection of civilians in armed conflict and called on all parties to comply with their obligations "
    "under international humanitarian law, in particular with regard to humanitarian access.",
    "The representative of Chile said that the Council should consider the regional dimension of the crisis "
    "and the role of neighbouring States in supporting the political process, while ensuring that the "
    "humanitarian situation of refugees was not neglected by the international community.",
    "The President said that the Council had heard the briefings and that members would continue their "
    "consultations on the draft resolution on humanitarian access in the afternoon.",
    "The representative of Norway thanked the briefers.",
]


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    base = tmp_path_factory.mktemp("passage")
    paras = [Paragraph(n=n, text=t, speaker="Anton") for n, t in enumerate(EN, 1)]
    (base / "r.jsonl").write_text("", encoding="utf-8")
    import_records(base / "index", base / "r.jsonl", [(1, Record(symbol="S/PV.7000", lang="en", paragraphs=paras))])
    with Engine(base / "index", cache_size=0) as eng:
        yield eng


def ns(res):
    return [h["n"] for h in res.hits]


def test_a_long_plain_query_is_a_passage_and_short_or_structured_ones_are_not():
    assert parse_query(" ".join(["word"] * PASSAGE_WORDS)).passage is not None
    assert parse_query(" ".join(["word"] * (PASSAGE_WORDS - 1))).passage is None
    assert parse_query("委员会" * 14).passage is not None  # 42 Han characters
    assert parse_query('"exact phrase" word OR word').passage is None
    pasted = parse_query('speaker:Anton -lang:en The "Wiesbaden Process" - as it is known - ' + " ".join(["word"] * 12))
    assert pasted.passage.startswith('the wiesbaden process - as it is known')  # quotes are punctuation here
    assert pasted.filters == {"speaker": ["Anton"]} and pasted.excluded_filters == [("lang", "en")]


def test_the_source_paragraph_ranks_first_in_chinese(seed_engine, seed_paragraphs):
    long = sorted(n for n, t in seed_paragraphs.items() if len(t) >= 120)
    assert len(long) >= 10
    for n in long:
        text = seed_paragraphs[n]
        pasted = text[:490] if len(text) > 490 else text
        res = seed_engine.search(SearchRequest(q=pasted, size=10))
        assert ns(res)[0] == n, (n, ns(res))
        assert "passage" in res.notice
        assert res.total < len(seed_paragraphs) // 2  # not every paragraph that shares a word


def test_most_of_the_passage_is_enough(seed_engine, seed_paragraphs):
    text = seed_paragraphs[28]
    altered = text[:60] + "某些完全不同的文字" + text[70:200]  # a changed stretch: most of it still holds
    assert ns(seed_engine.search(SearchRequest(q=altered)))[0] == 28


def test_the_source_paragraph_ranks_first_in_english(english):
    res = english.search(SearchRequest(q=EN[0][:200]))
    assert ns(res)[0] == 1 and "passage" in res.notice
    res = english.search(SearchRequest(q=EN[1].replace("neglected", "forgotten")))
    assert ns(res)[0] == 2
    assert 4 not in ns(english.search(SearchRequest(q=EN[0])))  # shares two words, far from most of it


def test_a_passage_is_looked_for_in_the_text_fields_of_its_scripts():
    from rapporteur.search.plan import PASSAGE_CANDIDATES, passage_fields, plan

    assert passage_fields("各国代表团欢迎这项决议") == ("text_zh",)
    assert passage_fields("Делегация приветствует") == ("text_ru", "text_other")
    assert passage_fields("ترحب الوفود") == ("text_ar", "text_other")
    assert passage_fields("The delegation welcomed the resolution") == ("text_en", "text_fr", "text_es", "text_other")
    assert passage_fields("中国代表团 welcomed") == ("text_zh", "text_en", "text_fr", "text_es", "text_other")
    assert passage_fields("日本の代表団は決議を歓迎した") == ("text_zh", "text_other")
    words = " ".join(f"word{i:03d}" + "x" * (i % 7) for i in range(150))  # under MAX_QUERY_CHARS
    qp = plan(parse_query(words))
    assert qp.passage is not None and len(qp.passage) == PASSAGE_CANDIDATES
    chosen = {w for w, _q in qp.passage}
    rest = set(words.split()) - chosen
    assert min(map(len, chosen)) >= max(map(len, rest))  # the longest words are the candidates
