"""The executor's answers equal Whoosh's own: numpy BM25F scores equal the scores of
``searcher.search``, the partial sort equals a full sort, cached facet columns equal per-document
reads (and are renewed per generation)."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from rapporteur.indexer.sync.writer import sync
from rapporteur.indexer.errors import BadSetting
from rapporteur.search.engine import Engine, SearchRequest
from rapporteur.search.execute import Executor
from rapporteur.search.facets import FACETS, FacetColumns, facet_counts
from rapporteur.search.parse import parse_query
from rapporteur.search.plan import plan, words_query
from rapporteur.search.score import Ranking, Scorer
from tests.support.paths import SEED

QUERIES = ["德国", "出口管制", '"出口管制"', "委员会", '"委员会"', "核 OR 生物", "委员会 -德国", "国家 安全",
           "威斯巴登进程", '"的"', "的", "delegation:德国", "1540", '"包括"', "决议 执行 国家"]


def _ranking(ctx, q):
    return Ranking(Scorer(ctx), Executor(ctx).run(plan(parse_query(q))))


@pytest.mark.parametrize("q", QUERIES)
def test_top_equals_full_sort(seed_engine, q):
    ctx = seed_engine._ctx
    ranking = _ranking(ctx, q)
    scores = dict(zip(ranking.docs.tolist(), ranking.scores().tolist()))
    full = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    assert full, q
    for n in (1, 3, 10, len(full) + 5):
        assert _ranking(ctx, q).top(n) == full[:n]
    assert ranking.total == len(full) == len(set(ranking.docs.tolist()))
    assert list(ranking.docs) == sorted(ranking.docs)


@pytest.mark.parametrize("words", [["委员会"], ["出口", "管制"], ["德国", "核"], ["德国"], ["国家", "国家"]])
def test_scores_equal_whoosh(seed_engine, words):
    ctx = seed_engine._ctx
    scorer = Scorer(ctx)
    for q in (words_query(words), words_query(words, conjunction=False)):
        every = {d: s for s, d in ctx.searcher.search(q, limit=None).top_n}
        if not every:  # an AND that no paragraph holds
            continue
        some = np.array(sorted(set(list(every)[::2]) | {max(every) + 1000, 0}), dtype=np.int32)
        matched, scores = scorer.query(q, some)
        assert {int(d): s for d, m, s in zip(some, matched, scores) if m} == {d: every[d] for d in some.tolist()
                                                                              if d in every}
        assert not scores[~matched].any()
        assert len(scorer.query(q, np.zeros(0, dtype=np.int32))[0]) == 0
    assert {d for s, d in ctx.searcher.search(words_query(words, conjunction=False), limit=None).top_n}


def test_facet_columns_equal_per_document_reads(seed_engine):
    searcher = seed_engine._searcher
    docs = seed_engine._ctx.paragraphs
    columns = FacetColumns(searcher)
    assert facet_counts(searcher, docs, limit=None, columns=columns) == facet_counts(searcher, set(docs.tolist()),
                                                                                     limit=None)
    some = docs[::3]
    assert facet_counts(searcher, some, columns=columns) == facet_counts(searcher, some)
    assert set(columns._codes) == set(FACETS)


def test_word_in_text_and_delegation_is_summed_as_whoosh_does(seed_engine):
    # 德国 is both a delegation and a word of the text: such documents add two fields' scores.
    ctx = seed_engine._ctx
    q = words_query(["德国"])
    every = {d: s for s, d in ctx.searcher.search(q, limit=None).top_n}
    docs = ctx.paragraphs
    matched, scores = Scorer(ctx).query(q, docs)
    assert {int(d): s for d, m, s in zip(docs, matched, scores) if m} == every
    in_text = set(ctx.term_docs("text_zh", "德国").tolist())
    as_delegation = set(ctx.term_docs("delegation_words", "德国").tolist())
    assert in_text & as_delegation  # the case this test is about is there


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
    budget = 60_000  # bytes: about three of these pages (14–37 kB each)
    with Engine(index_dir, cache_size=budget) as engine, Engine(index_dir, cache_size=0) as uncached:
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
        assert 0 < engine.result_cache_bytes <= budget and 1 < len(engine._cache) < 4
        (folder / "notes.txt").write_text("Notes on zebrafish.\n", encoding="utf-8")
        sync(index_dir, [folder])  # a new generation: the cached page is not served
        assert engine.search(req).total == first["total"] + 1
        assert all(key[0] == engine.identity for key in engine._cache)


def test_result_cache_size_from_environment(seed_index, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_RESULT_CACHE", "0")
    with Engine(seed_index) as engine:
        engine.search(SearchRequest(q="德国"))
        assert engine._cache_size == 0 and not engine._cache
    monkeypatch.setenv("RAPPORTEUR_RESULT_CACHE", "2.5")  # megabytes
    with Engine(seed_index) as engine:
        assert engine._cache_size == int(2.5 * 2 ** 20)
    monkeypatch.delenv("RAPPORTEUR_RESULT_CACHE")
    with Engine(seed_index) as engine:
        assert engine._cache_size == 16 * 2 ** 20
    monkeypatch.setenv("RAPPORTEUR_RESULT_CACHE", "junk")  # one line naming it (tests/indexer/test_settings.py)
    with pytest.raises(BadSetting, match="RAPPORTEUR_RESULT_CACHE='junk'"):
        Engine(seed_index)


def test_a_han_term_whose_words_stand_together_ranks_above_its_words_apart(tmp_path):
    from rapporteur.search.score import ADJACENT_BOOST

    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "aid.zh.txt").write_text(
        "1. 各国应当继续提供保护和人道主义援助。\n\n2. 各国应当继续提供人道主义保护和援助。\n\n3. 各国应当继续提供保护和发展援助。\n",
        encoding="utf-8")
    sync(tmp_path / "index", [folder])
    with Engine(tmp_path / "index", cache_size=0) as engine:
        hits = engine.search(SearchRequest(q="人道主义援助")).hits
        assert [h["n"] for h in hits] == [1, 2]  # both hold both words; 1 holds the term whole
        assert hits[0]["score"] == pytest.approx(ADJACENT_BOOST * hits[1]["score"], rel=0.02)
        quoted = engine.search(SearchRequest(q='"人道主义援助"')).hits
        assert [h["n"] for h in quoted] == [1]


def test_a_prefix_keeps_its_words_in_the_or_fallback_and_scores_a_constant(tmp_path):
    from rapporteur.search.parse import QTerm
    from rapporteur.search.plan import term_plan

    parts = term_plan(QTerm("mali", prefix=True)).parts()
    assert [p.kind for p in parts] == ["prefix", "words"]  # the word also searches speakers, delegations
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "dev.en.txt").write_text(
        "1. Zebras, zebrafish and zebus.\n\n2. The zebra.\n\n3. Nothing here.\n", encoding="utf-8")
    sync(tmp_path / "index", [folder])
    with Engine(tmp_path / "index", cache_size=0) as engine:
        hits = engine.search(SearchRequest(q="zeb*")).hits
        assert sorted(h["n"] for h in hits) == [1, 2]
        assert {h["score"] for h in hits} == {1.0}  # many words begin with it: a constant, not their sum


def test_warming_an_empty_index_is_harmless(tmp_path):
    (tmp_path / "records").mkdir()
    sync(tmp_path / "index", [tmp_path / "records"])
    with Engine(tmp_path / "index") as engine:
        engine.warm()
        assert engine.search(SearchRequest(q="德国")).total == 0
