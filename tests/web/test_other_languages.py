"""Records beyond the UN six and of unknown language on the web: named in the interface
language (葡萄牙文, Portuguese), and a record whose language could not be told opens (200) with
its language shown as unknown, while bad parameters are still refused."""
from __future__ import annotations

import re

import pytest

from tests.support.records import UNKNOWN_LANGUAGE_SYMBOL, write_languages_corpus
from tests.support.web import build_index

ZH = {"Accept-Language": "zh-CN"}
EN = {"Accept-Language": "en"}
UNKNOWN = f"/record/{UNKNOWN_LANGUAGE_SYMBOL}"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from rapporteur.web import create_app

    folder = tmp_path_factory.mktemp("web-other-languages")
    app = create_app(build_index(write_languages_corpus(folder / "corpus"), folder / "index"), TESTING=True)
    yield app.test_client()
    app.extensions["rapporteur"].close()


def current_version(html: str) -> str:
    return re.search(r'<span class="version current" aria-current="page">([^<]*)</span>', html).group(1)


@pytest.mark.parametrize("headers, label", [(ZH, "语文不明"), (EN, "Unknown language")])
def test_a_record_of_unknown_language_opens(client, headers, label):
    response = client.get(UNKNOWN, headers=headers)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert current_version(html) == label
    assert 'data-lang=""' in html and "None" not in html
    assert '<div class="para" id="p1">' in html and "Xyzzy plugh." in html
    assert client.get(f"{UNKNOWN}?lang=", headers=headers).status_code == 200
    assert client.get(f"{UNKNOWN}?q=plugh", headers=headers).status_code == 200


def test_its_json_twin_opens(client):
    response = client.get(f"/api{UNKNOWN}")
    assert response.status_code == 200
    data = response.get_json()
    assert data["record"]["symbol"] == "X/1" and data["record"]["lang"] is None
    assert data["languages"] == [""] and [p["n"] for p in data["paragraphs"]] == [1, 2]


def test_bad_parameters_are_still_refused(client):
    for url in (f"{UNKNOWN}?lang=../x", f"{UNKNOWN}?with=../x", f"/api{UNKNOWN}?with=../x"):
        assert client.get(url).status_code == 400, url
    assert client.get(f"/api{UNKNOWN}?with=../x").get_json()["param"] == "with"
    # A version the record does not have is a 404, as for any record.
    assert client.get(f"{UNKNOWN}?with=en").status_code == 404
    assert client.get(f"{UNKNOWN}?lang=en").status_code == 404
    # A record with a language still refuses a ``with`` of its own language.
    assert client.get("/record/GA79_pt?lang=pt&with=pt").status_code == 400


@pytest.mark.parametrize("headers, label", [(ZH, "葡萄牙文"), (EN, "Portuguese")])
def test_a_portuguese_record_is_named_in_the_interface_language(client, headers, label):
    html = client.get("/record/GA79_pt", headers=headers).get_data(as_text=True)
    assert current_version(html) == label
    assert 'data-lang="pt"' in html and 'lang="pt"' in html
    page = client.get("/?q=cooperacao", headers=headers).get_data(as_text=True)
    assert f'<span class="facet-value">{label}</span>' in page
    assert page.count('<p class="snippet" lang="pt"') == 2
    assert "<mark>cooperação</mark>" in page
    filtered = client.get("/api/search?q=&lang=pt").get_json()
    assert filtered["total"] == 7 and {h["lang"] for h in filtered["hits"]} == {"pt"}
    assert client.get("/api/search?q=cooperacao").get_json()["facets"]["lang"] == [{"value": "pt", "count": 2}]


def test_a_search_hit_of_unknown_language_links_its_record(client):
    html = client.get("/?q=plugh", headers=EN).get_data(as_text=True)
    link = re.search(r'<a class="hit-link" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert link.startswith(UNKNOWN) and "lang=" not in link
    assert client.get(link.split("#")[0], headers=EN).status_code == 200


def test_asking_a_record_of_unknown_language_for_another_version_says_what_there_is(client):
    response = client.get(f"/api{UNKNOWN}?with=en")
    assert response.status_code == 404
    assert response.get_json()["error"] == (f"{UNKNOWN_LANGUAGE_SYMBOL} has no version in 'en'; "
                                            f"it exists in a language not known")
