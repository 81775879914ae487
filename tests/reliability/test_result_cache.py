"""The result cache holds at most its budget in bytes (16 MB by default), however large its pages:
filled with pages of 100 hits (about 0.25 MB each here, up to 0.8 MB on long UN paragraphs),
the memory it really holds is measured with ``tracemalloc`` and compared with the budget and
with the engine's own estimate (:func:`rapporteur.search.engine.footprint`).
"""
from __future__ import annotations

import gc
import tracemalloc

import pytest

from tests.support.records import write_seed_copy
from tests.support.reliability import pytest_command, record_figures
from tests.support.web import build_index

COPIES = 12  # of the seed (45 paragraphs each, real UN text): 540 paragraphs
QUERIES = ["的", "委员会 OR 国家", "执行 OR 会议", "主席 OR 的", "委员会 OR 执行"]  # 420–516 hits each
PAGES = 4
BUDGET_MB = 16  # the default, as the README says
UI = [None, "en", "zh", "fr", "es", "ru"]  # the facet labels' language is part of a page's key


@pytest.fixture(scope="module")
def big_index(tmp_path_factory):
    base = tmp_path_factory.mktemp("result-cache")
    corpus = base / "corpus"
    corpus.mkdir()
    for meeting in range(COPIES):
        write_seed_copy(corpus, 300 + meeting)
    return build_index(corpus, base / "index")


def requests():
    from rapporteur.search.engine import SearchRequest

    return [SearchRequest(q=q, page=page, size=100, ui_lang=ui) for q in QUERIES for page in range(1, PAGES + 1)
            for ui in UI]


def test_the_result_cache_holds_its_budget_in_bytes(big_index, monkeypatch):
    from rapporteur.search.engine import Engine

    monkeypatch.delenv("RAPPORTEUR_RESULT_CACHE", raising=False)
    budget = BUDGET_MB * 2 ** 20
    with Engine(big_index) as engine:
        reqs = requests()
        sizes = []
        for req in reqs:  # warm what every search shares (texts, postings, facet columns, views)
            result = engine.search(req)
            sizes.append(len(result.hits))
        assert min(sizes) == 100  # every page full
        engine._cache.clear()
        engine._cache_bytes = 0
        gc.collect()
        tracemalloc.start()
        try:
            base = tracemalloc.get_traced_memory()[0]
            for req in reqs:
                engine.search(req)
            gc.collect()
            held = tracemalloc.get_traced_memory()[0] - base
        finally:
            tracemalloc.stop()
        pages = len(engine._cache)
        assert held <= budget * 1.1, f"the cache holds {held / 2 ** 20:.1f} MB in {pages} pages, over {BUDGET_MB} MB"
        estimated = engine.result_cache_bytes

    assert pages < len(reqs), "the budget should have been reached"
    assert estimated <= budget
    assert 0.8 <= estimated / held <= 1.25, f"estimated {estimated:,} bytes, measured {held:,}"

    record_figures(
        "result_cache_bytes",
        title="The result cache within its budget in bytes (pages of 100 hits)",
        tried=(f"{len(reqs)} distinct result pages of 100 hits ({len(QUERIES)} queries × {PAGES} pages × "
               f"{len(UI)} label languages) over {COPIES} copies of the seed record, searched through one engine "
               f"with the default budget; the memory the cache holds measured with tracemalloc"),
        held=(f"the cache kept {pages} pages in {held / 2 ** 20:.1f} MB measured (budget {BUDGET_MB} MB); "
              f"its own estimate was {estimated / held:.2f}× the measurement"),
        command=pytest_command("tests/reliability/test_result_cache.py"),
        budget_bytes=budget, pages_tried=len(reqs), pages_kept=pages, measured_bytes=held,
        estimated_bytes=estimated, estimate_over_measured=round(estimated / held, 3),
        measured_bytes_per_page=round(held / max(1, pages)),
        pages_the_old_cache_would_keep=min(len(reqs), 256),
    )
