"""A date filter leaves out the paragraphs without a date, and says how many of them match.

The index (``dates_index``) holds English records with and without a date, and Chinese ones
imported (one segment holds no date at all); the counts are the records' own, worked out by
hand in ``tests.support.records`` (``DATES_EN``, ``DATES_ZH``).
"""
from __future__ import annotations

import numpy as np
import pytest

from rapporteur.search import whoosh_io
from rapporteur.search.engine import Engine, SearchRequest


@pytest.fixture(scope="module")
def engine(dates_index):
    with Engine(dates_index, cache_size=0) as eng:
        yield eng


def search(engine, q: str, **kw):
    return engine.search(SearchRequest(q=q, size=100, **kw))


def undated(res) -> list[dict]:
    return [dict(n.params) for n in res.notices if n.code == "undated"]


def ids(res) -> set[str]:
    return {h["id"] for h in res.hits}


@pytest.mark.parametrize("q, total, left_out", [
    ("fisheries date:2016", 1, 3),  # SR.3 ¶1; SR.1 ¶1 and ¶3, SR.5 ¶1 have no date
    ("fisheries date:2014", 2, 3),
    ("fisheries lang:en date:2014", 2, 3),
    ("fisheries delegation:Nigeria date:2016", 0, 2),  # SR.1 ¶1 and ¶3
    ("fisheries monitoring date:2014", 1, 1),  # all the words: SR.1 ¶1 only, of the undated
    ("fisheries -quotas date:2016", 1, 2),  # SR.1 ¶3 says quotas
    ("quotas date:2016", 0, 1),
    ("渔业 lang:zh date:2016", 1, 2),  # SR.6 ¶1; SR.4 ¶1 and ¶3
    ("渔业 lang:en date:2016", 0, 0),  # the undated Chinese paragraphs are left out by lang:
    ("渔业 delegation:Nigeria date:2016", 1, 2),  # the delegation in every language
    ("delegation:Brazil date:2016", 1, 3),  # filters alone: SR.1 ¶2, SR.5 ¶2, SR.4 (zh) ¶2
    ("inspections date:2016", 1, 0),  # everything that matches has a date
    ("whales date:2016", 0, 0),  # nothing matches
])
def test_the_count_is_the_undated_paragraphs_that_match(engine, q, total, left_out):
    res = search(engine, q)
    assert res.total == total
    assert [n["count"] for n in undated(res)] == ([left_out] if left_out else [])


def test_the_notice_names_the_filter_and_the_results_are_the_dated_ones(engine):
    res = search(engine, "fisheries date:2016")
    assert ids(res) == {"A/AC.77/SR.3:en:1"}
    assert undated(res) == [{"count": 3, "dates": "date:2016"}]
    assert res.notice == "3 paragraphs that match have no date and were left out by date:2016."
    data = res.to_dict()
    assert {"code": "undated", "params": {"count": 3, "dates": "date:2016"}, "text": res.notice} in data["notices"]
    one = search(engine, "quotas date:2016")
    assert one.notice == "1 paragraph that matches has no date and was left out by date:2016."


def test_every_form_of_the_date_filter_counts(engine):
    assert undated(search(engine, "fisheries date:..2015-12-31")) == [{"count": 3, "dates": "date:..2015-12-31"}]
    assert undated(search(engine, "fisheries date:2016-01..2016-12")) == [{"count": 3, "dates": "date:2016-01..2016-12"}]
    res = search(engine, "fisheries", date_from="2016-01", date_to="2016-12")  # the web's form
    assert res.total == 1 and undated(res) == [{"count": 3, "dates": "date:2016-01..2016-12"}]
    res = search(engine, "fisheries delegation:Nigeria", date_from="2014")
    assert res.total == 1 and undated(res) == [{"count": 2, "dates": "date:2014.."}]
    res = search(engine, "fisheries date:2014", date_to="2014-12")  # two ranges, both named
    assert res.total == 2 and undated(res) == [{"count": 3, "dates": "date:2014 date:..2014-12"}]


def test_no_notice_without_a_date_filter(engine):
    res = search(engine, "fisheries")
    assert res.total == 6 and not undated(res)
    assert not undated(search(engine, "delegation:Brazil"))


def test_a_widened_query_counts_what_it_shows_any_word(engine):
    # No dated paragraph has both words, so the result is widened to any of them; the count
    # is of the undated paragraphs with any of them too.
    res = search(engine, "fisheries quotas date:2016")
    assert [n.code for n in res.notices] == ["widened", "undated"]
    assert res.total == 1 and undated(res)[0]["count"] == 3


QUERIES = ["fisheries", "fisheries monitoring", "monitoring delegation:Brazil", "渔业", "监测 lang:zh",
           "delegation:Nigeria", '"fisheries quotas"', "fisheries -monitoring", "fish*",
           "the fisheries agreement needed stronger monitoring and fisheries quotas should be reviewed each year"]


@pytest.mark.parametrize("q", QUERIES)
def test_a_range_over_every_date_leaves_out_exactly_the_count(engine, q):
    every = search(engine, q)
    dated = search(engine, q + " date:1000..3000")
    assert every.total > dated.total  # some match without a date
    assert undated(dated) == [{"count": every.total - dated.total, "dates": "date:1000..3000"}]
    assert ids(dated) < ids(every)


def test_a_query_without_a_date_filter_reads_no_date(dates_index):
    with Engine(dates_index, cache_size=0) as eng:
        search(eng, "fisheries delegation:Brazil")
        assert eng._ctx.shared.no_date is None and eng._ctx.shared.undated is None
        search(eng, "fisheries date:2016")
        assert len(eng._ctx.shared.undated) == 8


def test_stats_count_records_and_paragraphs_without_a_date(engine):
    stats = engine.stats()
    assert stats["records"] == 6 and stats["paragraphs"] == 13
    assert stats["undated_records"] == 3 and stats["undated_paragraphs"] == 8  # SR.1, SR.5, SR.4 (zh)
    assert engine.undated_records() == (3, 6)


def test_empty_dates_from_the_lengths_equal_the_values(engine, monkeypatch):
    leaves = engine._ctx.leaves
    assert len(leaves) > 1
    fast = [whoosh_io.column_empty(leaf, "date") for leaf in leaves]
    assert any(m.all() for m in fast) and any(not m.all() for m in fast)  # a segment with no date column
    monkeypatch.setattr(whoosh_io, "FAST", False)
    for leaf, mask in zip(leaves, fast):
        values = whoosh_io.column_values(leaf, "date")
        assert mask.tolist() == [v in (None, "") for v in values]
        assert np.array_equal(whoosh_io.column_empty(leaf, "date"), mask)
