"""Query-cost limits (``search/limits.py``): a query over one is refused with an error naming the
limit (400 with ``limit`` in the JSON, exit status 2 from the CLI) before any work; long plain
queries are not over a limit."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from rapporteur.search.engine import SearchRequest
from rapporteur.search.limits import MAX_FILTERS, MAX_OR_CLAUSES, MAX_RESULT_WINDOW, QueryTooCostly
from rapporteur.search.parse import MAX_TERMS
from tests.support.records import WIESBADEN

EXPANDED = ":".join(["a"] * 250)  # the q=a:a:a:… (one token, 250 words once split)
OVER = {
    "terms": [EXPANDED, "x" + '"y' * 70, ":".join(str(i) for i in range(MAX_TERMS + 6)),
              f"{WIESBADEN} " + ":".join(["b"] * MAX_TERMS)],
    "filters": [" ".join(["lang:zh"] * (MAX_FILTERS + 1)), " ".join(f"-speaker:s{i}" for i in range(MAX_FILTERS + 1))],
}


@pytest.mark.parametrize("limit,q", [(limit, q) for limit, qs in OVER.items() for q in qs])
def test_over_a_limit_is_refused_naming_it(seed_engine, limit, q):
    with pytest.raises(QueryTooCostly) as err:
        seed_engine.search(SearchRequest(q=q))
    assert err.value.limit == limit and err.value.param == "q"
    assert "limit" in str(err.value)


def test_or_alternatives():
    """Seventeen ORs take more than twelve words, which the parser reads as a pasted passage (OR
    is punctuation there): the limit is checked on the parsed query, as the engine does."""
    from rapporteur.search.limits import check_query
    from rapporteur.search.parse import ParsedQuery, QTerm

    check_query(ParsedQuery(groups=[[QTerm(f"w{i}") for i in range(MAX_OR_CLAUSES + 1)]]))
    with pytest.raises(QueryTooCostly) as err:
        check_query(ParsedQuery(groups=[[QTerm("a")], [QTerm(f"w{i}") for i in range(MAX_OR_CLAUSES + 2)]]))
    assert err.value.limit == "or" and str(MAX_OR_CLAUSES) in str(err.value)


def test_the_result_window():
    assert SearchRequest(q="x", page=MAX_RESULT_WINDOW // 100, size=100).page == 10
    for page, size in [(101, 10), (11, 100), (MAX_RESULT_WINDOW + 1, 1)]:
        with pytest.raises(ValueError) as err:  # a QueryTooCostly, which is a ValueError too
            SearchRequest(q="x", page=page, size=size)
        assert isinstance(err.value, QueryTooCostly) and err.value.limit == "window" and err.value.param == "page"
        assert str(MAX_RESULT_WINDOW) in str(err.value)


@pytest.mark.parametrize("q", [
    " ".join(f"w{i}" for i in range(300)),  # long plain words: cut or read as a passage, never refused
    "委员会 " * 400,
    f'{WIESBADEN} "出口管制" -德国 delegation:德国 核 OR 生物',  # some syntax, within every limit
    ":".join(["a"] * MAX_TERMS),
    " ".join(["lang:zh"] * MAX_FILTERS),
])
def test_within_the_limits_is_searched(seed_engine, q):
    res = seed_engine.search(SearchRequest(q=q))
    assert res.total >= 0


def test_api_and_page_answer_400_naming_the_limit(client):
    res = client.get("/api/search", query_string={"q": EXPANDED})
    body = res.get_json()
    assert res.status_code == 400 and body["status"] == 400
    assert body["limit"] == "terms" and body["param"] == "q" and "250 search terms" in body["error"]
    res = client.get("/api/search", query_string={"q": WIESBADEN, "page": 101, "size": 10})
    body = res.get_json()
    assert res.status_code == 400 and body["limit"] == "window" and body["param"] == "page"
    page = client.get("/", query_string={"q": EXPANDED}, headers={"Accept-Language": "en"})
    assert page.status_code == 400 and "the limit is 64" in page.get_data(as_text=True)
    # The page links stop where the window does.
    assert client.get("/api/search", query_string={"q": WIESBADEN, "page": 100, "size": 10}).status_code == 200


def test_cli_refuses_with_one_line_and_status_2(seed_index):
    from rapporteur.cli.main import main

    result = CliRunner().invoke(main, ["search", "--index", str(seed_index), "--", EXPANDED])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rapporteur: ") and "limit is 64" in lines[0]
    result = CliRunner().invoke(main, ["search", "--index", str(seed_index), "--page", "101", WIESBADEN])
    assert result.exit_code == 2 and "1000" in result.stderr


def test_cli_deadline_stops_with_one_line_and_status_1(seed_index):
    from rapporteur.cli.main import main

    result = CliRunner().invoke(main, ["search", "--index", str(seed_index), "--deadline", "0.000001", WIESBADEN])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "was stopped" in lines[0]
    ok = CliRunner().invoke(main, ["search", "--index", str(seed_index), "--deadline", "600", WIESBADEN])
    assert ok.exit_code == 0 and "6 paragraphs match" in ok.stdout


def test_a_prefix_of_too_many_words_is_refused_before_any_list_is_read(tmp_path, monkeypatch):
    from rapporteur.indexer.sync.writer import sync
    from rapporteur.search.engine import Engine, SearchRequest

    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "w.en.txt").write_text("1. " + " ".join(f"zeta{i:03d}" for i in range(40)) + ".\n\n2. zebra.\n",
                                     encoding="utf-8")
    sync(tmp_path / "index", [folder])
    from rapporteur.search import execute
    monkeypatch.setattr(execute, "MAX_PREFIX_TERMS", 30)
    with Engine(tmp_path / "index", cache_size=0) as engine:
        with pytest.raises(QueryTooCostly) as err:
            engine.search(SearchRequest(q="ze*"))
        assert err.value.limit == "prefix" and "'ze*'" in str(err.value) and "30" in str(err.value)
        assert engine.search(SearchRequest(q="zeb*")).total == 1  # one word: fine
        assert engine.search(SearchRequest(q="zeta01*")).total == 1  # ten words


def test_prefix_words_are_counted_across_segments(tmp_path, monkeypatch):
    """Words that several segments share count once, and a segment's new words count even when
    its first words were seen in another segment."""
    from rapporteur.indexer.sync.writer import sync
    from rapporteur.search import execute
    from rapporteur.search.engine import Engine, SearchRequest

    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "a.en.txt").write_text("1. " + " ".join(f"zeta{i:03d}" for i in range(20)) + ".\n", encoding="utf-8")
    sync(tmp_path / "index", [folder])
    (folder / "b.en.txt").write_text("1. " + " ".join(f"zeta{i:03d}" for i in range(40)) + ".\n", encoding="utf-8")
    sync(tmp_path / "index", [folder])  # a second segment: the same 20 words, then 20 more
    monkeypatch.setattr(execute, "MAX_PREFIX_TERMS", 30)
    with Engine(tmp_path / "index", cache_size=0) as engine:
        with engine.view() as view:
            assert len(view.ctx.leaves) == 2
        with pytest.raises(QueryTooCostly):
            engine.search(SearchRequest(q="zeta*"))  # 40 distinct words > 30
        monkeypatch.setattr(execute, "MAX_PREFIX_TERMS", 40)
        assert engine.search(SearchRequest(q="zeta*")).total == 2
