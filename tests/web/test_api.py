"""The JSON twins: the same objects the engine returns, and JSON errors."""
from __future__ import annotations

import pytest

from tests.support.records import HOSTILE_SYMBOL, SEED_SYMBOL, WIESBADEN, WIESBADEN_PARAS


def test_search_is_the_engine_result(client, index_dir):
    from rapporteur.search.engine import Engine, SearchRequest

    data = client.get(f"/api/search?q={WIESBADEN}&size=20").get_json()
    engine = Engine(index_dir)
    try:
        expected = engine.search(SearchRequest(q=WIESBADEN, lang=None, delegation=None, speaker=None, symbol=None,
                                               date_from=None, date_to=None, page=1, size=20)).to_dict()
    finally:
        engine.close()
    data.pop("took_ms"), expected.pop("took_ms")
    assert data == expected
    assert sorted(h["n"] for h in data["hits"]) == WIESBADEN_PARAS
    assert all("<mark>" in h["snippet"] for h in data["hits"])


def test_search_filters(client):
    data = client.get(f"/api/search?q={WIESBADEN}&delegation=德国").get_json()
    assert [h["n"] for h in data["hits"]] == [10]
    assert data["total"] == 1


def test_record(client, seed_record):
    data = client.get(f"/api/record/{SEED_SYMBOL}?lang=zh").get_json()
    assert data["record"]["symbol"] == SEED_SYMBOL and data["record"]["meeting"] == 74
    assert data["languages"] == ["zh"]
    assert [p["n"] for p in data["paragraphs"]] == [p.n for p in seed_record.paragraphs]
    assert data["paragraphs"][9]["delegation"] == "德国"
    assert "source" not in data["record"]  # no server paths


def test_stats_and_healthz(client):
    stats = client.get("/api/stats").get_json()
    assert stats["records"] == 2
    assert {"paragraphs", "languages", "delegations", "index_bytes", "generation"} <= set(stats)
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json()["generation"] == stats["generation"]


@pytest.mark.parametrize(
    "query, param",
    [
        ("page=x", "page"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("size=0", "size"),
        ("size=100000", "size"),
        ("size=1e3", "size"),
        ("date_from=yesterday", "date_from"),
        ("date_to=2016-13-45", "date_to"),
        ("q=" + "长" * 2001, "q"),
        ("delegation=" + "x" * 201, "delegation"),
    ],
)
def test_bad_parameters_are_400_json(client, query, param):
    response = client.get(f"/api/search?q=外联&{query}" if not query.startswith("q=") else f"/api/search?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["status"] == 400 and body["param"] == param and body["error"]


def test_bad_parameters_on_the_page_are_a_400_page(client):
    response = client.get("/?q=外联&page=abc", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "page must be" in response.get_data(as_text=True)


def test_unknown_api_route_is_json_404(client):
    response = client.get("/api/nothing")
    assert response.status_code == 404 and response.get_json()["status"] == 404


def test_hostile_record_json_keeps_text_verbatim(client):
    data = client.get(f"/api/record/{HOSTILE_SYMBOL}").get_json()
    assert "<script>alert(1)</script>" in data["paragraphs"][0]["text"]
    assert data["paragraphs"][0]["delegation"].startswith('"><img')
