"""The fast query paths give the same answers as scoring every hit: per-doc scoring on a
candidate set, Whoosh's top-k for one word, cached facet columns (renewed per generation)."""
from __future__ import annotations

import shutil

import pytest

from rapporteur.indexer.sync.writer import sync
from rapporteur.search import matching
from rapporteur.search.engine import Engine, SearchRequest
from rapporteur.search.facets import FACETS, FacetColumns, facet_counts
from rapporteur.search.query import parse_query, words_query
from tests.support.paths import SEED

QUERIES = ["德国", "出口管制", '"出口管制"', "委员会", '"委员会"', "核 OR 生物", "委员会 -德国", "国家 安全",
           "威斯巴登进程", '"的"', "的", "delegation:德国", "1540", '"包括"', "决议 执行 国家"]


def _reference(runner, q):
    """Every hit scored, sorted by score then docnum (what the engine did before top-k)."""
    ranking, _ = runner.run(parse_query(q))
    return sorted(ranking.scores().items(), key=lambda kv: (-kv[1], kv[0]))


@pytest.mark.parametrize("q", QUERIES)
def test_top_equals_full_sort(seed_engine, monkeypatch, q):
    runner = seed_engine._runner
    full = _reference(runner, q)
    monkeypatch.setattr(matching, "TOPK_MIN_DOCS", 1)  # the top-k path even on the small seed
    for n in (1, 3, 10, len(full) + 5):
        ranking, _ = runner.run(parse_query(q))
        assert ranking.top(n) == full[:n]
        assert ranking.total == len(full) and ranking.docs == {d for d, _ in full}


@pytest.mark.parametrize("words", [["委员会"], ["出口", "管制"], ["德国", "核"], ["德国"], ["国家", "国家"]])
def test_scores_for_equals_full_search(seed_engine, monkeypatch, words):
    runner = seed_engine._runner
    monkeypatch.setattr(matching, "FAST_SCORE_MIN_DOCS", 0)  # posting-block scoring on the seed too
    one_word = words_query(words[:1])
    assert runner._posting_scores(matching._flat_terms(one_word), runner.paragraphs) is not None
    for q in (words_query(words), words_query(words, conjunction=False)):
        every = {d: s for s, d in runner.searcher.search(q, limit=None).top_n}
        some = set(list(every)[::2]) | {max(runner.paragraphs) + 1000}
        assert runner.scores_for(q, some) == {d: every[d] for d in some if d in every}
        assert runner.scores_for(q, set()) == {}


def test_facet_columns_equal_per_document_reads(seed_engine):
    searcher = seed_engine._searcher
    docs = seed_engine._runner.paragraphs
    columns = FacetColumns(searcher)
    assert facet_counts(searcher, docs, limit=None, columns=columns) == facet_counts(searcher, docs, limit=None)
    some = sorted(docs)[::3]
    assert facet_counts(searcher, some, columns=columns) == facet_counts(searcher, some)
    assert set(columns._codes) == set(FACETS)


def test_word_in_text_and_delegation_is_summed_by_whoosh(seed_engine, monkeypatch):
    # 德国 is both a delegation and a word of the text: such documents are scored by the matcher.
    runner = seed_engine._runner
    q = words_query(["德国"])
    single, multi = runner._posting_scores(matching._flat_terms(q), runner.paragraphs)
    assert multi and not (multi & set(single))
    every = {d: s for s, d in runner.searcher.search(q, limit=None).top_n}
    monkeypatch.setattr(matching, "FAST_SCORE_MIN_DOCS", 0)
    assert runner.scores_for(q, runner.paragraphs) == every


def test_facet_columns_renewed_on_new_generation(tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    index_dir = tmp_path / "index"
    sync(index_dir, [folder])
    with Engine(index_dir) as engine:
        before = engine.search(SearchRequest(q="zebrafish OR 德国", size=100)).to_dict()
        assert "notes" not in {e["value"] for e in before["facets"]["symbol"]}
        (folder / "notes.txt").write_text("Notes on zebrafish.\n\nMore zebrafish.\n", encoding="utf-8")
        sync(index_dir, [folder])
        after = engine.search(SearchRequest(q="zebrafish OR 德国", size=100)).to_dict()
        assert after["total"] == before["total"] + 2
        assert {e["value"]: e["count"] for e in after["facets"]["symbol"]}["notes"] == 2


def test_result_cache_copies_bounds_and_follows_generation(tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    index_dir = tmp_path / "index"
    sync(index_dir, [folder])
    with Engine(index_dir, cache_size=2) as engine, Engine(index_dir, cache_size=0) as uncached:
        req = SearchRequest(q="zebrafish OR 德国", size=5)
        first = engine.search(req).to_dict()
        first.pop("took_ms")
        again = engine.search(req)
        again.hits[0]["text"] = "changed by a caller"  # a copy: the cache is not touched
        third = engine.search(req).to_dict()
        third.pop("took_ms")
        plain = uncached.search(req).to_dict()
        plain.pop("took_ms")
        assert first == third == plain
        for q in ("德国", "出口管制", "委员会"):
            engine.search(SearchRequest(q=q))
        assert len(engine._cache) == 2
        (folder / "notes.txt").write_text("Notes on zebrafish.\n", encoding="utf-8")
        sync(index_dir, [folder])  # a new generation: the cached page is not served
        assert engine.search(req).total == first["total"] + 1
        assert all(key[0] == engine.generation for key in engine._cache)


def test_result_cache_size_from_environment(seed_index, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_RESULT_CACHE", "0")
    with Engine(seed_index) as engine:
        engine.search(SearchRequest(q="德国"))
        assert engine._cache_size == 0 and not engine._cache
    monkeypatch.setenv("RAPPORTEUR_RESULT_CACHE", "junk")
    with Engine(seed_index) as engine:
        assert engine._cache_size == 256
