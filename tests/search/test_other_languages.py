"""Records beyond the UN six (Portuguese, Italian, German) and of unknown language: labelled
as what they are, their words in the shared ``text_other`` field (folded, unstemmed), found,
filtered, faceted and marked like any other record's."""
from __future__ import annotations

import re

import pytest

from rapporteur.indexer.sync.writer import sync
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.records import write_languages_corpus

MARK = re.compile(r"<mark>(.*?)</mark>")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("other-languages")
    corpus = write_languages_corpus(folder / "corpus", ("pt", "it", "de"))
    report = sync(folder / "index", [corpus])
    assert report.added == 5 and not report.failed, report
    with Engine(folder / "index", cache_size=0) as eng:
        yield eng


def search(engine, q, **kw):
    return engine.search(SearchRequest(q=q, size=100, **kw)).to_dict()


def langs(res) -> set:
    return {h["lang"] for h in res["hits"]}


def test_records_are_labelled_with_their_language(engine):
    assert [engine.record(f"GA79_{lang}").lang for lang in ("pt", "it", "de")] == ["pt", "it", "de"]
    assert engine.record("X/1").lang is None
    assert engine.languages("X/1") == [""]


@pytest.mark.parametrize("q", ["cooperação", "cooperacao", "COOPERAÇÃO", "Cooperacao"])
def test_a_portuguese_word_finds_its_paragraphs_accents_either_way(engine, q):
    res = search(engine, q)
    assert res["total"] == 2 and langs(res) == {"pt"}
    for hit in res["hits"]:
        assert [m.lower() for m in MARK.findall(hit["snippet"])] == ["cooperação"]


def test_the_lang_facet_and_filter(engine):
    res = search(engine, "cooperação")
    assert res["facets"]["lang"] == [{"value": "pt", "count": 2}]
    everything = search(engine, "symbol:GA79*")
    assert {e["value"]: e["count"] for e in everything["facets"]["lang"]} == {"pt": 7, "it": 6, "de": 6}  # "Signor Presidente," / "Herr Präsident," open the next paragraph
    assert langs(search(engine, "lang:pt")) == {"pt"} and search(engine, "lang:pt")["total"] == 7
    assert search(engine, "cooperação", lang="pt")["total"] == 2
    assert search(engine, "cooperação", lang="it")["total"] == 0
    assert search(engine, "cooperação -lang:pt")["total"] == 0


def test_words_are_whole_and_unstemmed(engine):
    # The shared field does not stem: the plural is another word, and no word matches inside another.
    assert search(engine, "Konflikte")["total"] == 1
    assert search(engine, "Konflikt")["total"] == 0
    assert search(engine, "conflitti")["total"] == 2 and search(engine, "conflitto")["total"] == 0
    assert search(engine, "Strafgerichtshof")["total"] == 1
    assert search(engine, "gericht")["total"] == 0


def test_phrases_prefixes_and_passages(engine):
    res = search(engine, '"diritto internazionale umanitario"')
    assert res["total"] == 1 and MARK.findall(res["hits"][0]["snippet"]) == ["diritto internazionale umanitario"]
    assert search(engine, '"internazionale diritto"')["total"] == 0
    assert search(engine, '"Humanitarer Hilfe"')["total"] == 1  # accents folded in phrases too
    assert langs(search(engine, "Strafgericht*")) == {"de"}
    passage = ("Die Zahl der bewaffneten Konflikte ist in den letzten Jahren deutlich gestiegen. Die Leidtragenden "
               "sind vor allem Frauen und Kinder")
    res = search(engine, passage)
    assert (res["hits"][0]["symbol"], res["hits"][0]["n"]) == ("GA79_de", 3)  # ¶1 is the title, ¶2 opens with the salutation


def test_a_record_of_unknown_language_is_searchable(engine):
    res = search(engine, "plugh")
    assert [(h["symbol"], h["lang"]) for h in res["hits"]] == [("X/1", None)]
    assert MARK.findall(res["hits"][0]["snippet"]) == ["plugh"]


def test_the_un_languages_are_searched_as_before(engine):
    res = search(engine, "威斯巴登进程")
    assert res["total"] == 6 and langs(res) == {"zh"}
