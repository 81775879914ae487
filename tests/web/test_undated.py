"""The date filter's notice of the paragraphs it left out for lack of a date, on the web: in the
JSON API's ``notices`` and on the search page, from the query's ``date:`` and from the form's
``date_from``/``date_to``."""
from __future__ import annotations

import html

import pytest


@pytest.fixture(scope="module")
def dates_client(dates_index):
    from rapporteur.web import create_app

    app = create_app(dates_index, TESTING=True)
    yield app.test_client()
    app.extensions["rapporteur"].close()


def test_the_api_carries_the_notice(dates_client):
    data = dates_client.get("/api/search?q=fisheries&date_from=2016-01&date_to=2016-12").get_json()
    assert data["total"] == 1
    assert [n for n in data["notices"] if n["code"] == "undated"] == [{
        "code": "undated", "params": {"count": 3, "dates": "date:2016-01..2016-12"},
        "text": "3 paragraphs that match have no date and were left out by date:2016-01..2016-12."}]
    data = dates_client.get("/api/search?q=fisheries").get_json()
    assert data["total"] == 6 and data["notices"] == []


def test_the_search_page_shows_it(dates_client):
    page = html.unescape(dates_client.get("/?q=fisheries+delegation:Nigeria+date:2016").get_data(as_text=True))
    assert 'class="notice"' in page
    assert "2 paragraphs that match have no date and were left out by date:2016." in page
    page = dates_client.get("/?q=fisheries").get_data(as_text=True)
    assert 'class="notice"' not in page
