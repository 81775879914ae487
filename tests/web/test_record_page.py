"""The record page: header, numbered anchored paragraphs, statements, highlighting, citations."""
from __future__ import annotations

import re

import pytest

from tests.support.records import SEED_SYMBOL, WIESBADEN

ZH = {"Accept-Language": "zh-CN"}
URL = f"/record/{SEED_SYMBOL}"


def get(client, url):
    return client.get(url, headers=ZH)


@pytest.fixture(scope="module")
def seed_html(index_dir):
    from rapporteur.web import create_app

    app = create_app(index_dir, TESTING=True)
    html = app.test_client().get(f"{URL}?lang=zh&q={WIESBADEN}", headers=ZH).get_data(as_text=True)
    app.extensions["rapporteur"].close()
    return html


def paragraph(html: str, n: int) -> str:
    return re.search(rf'<div class="para" id="p{n}">(.*?)</div>', html, re.S).group(1)


def test_symbol_with_slashes_routes(client):
    assert get(client, URL).status_code == 200
    assert get(client, f"{URL}?lang=zh").status_code == 200


def test_header(seed_html):
    head = seed_html.split('<header class="record-head">', 1)[1].split("</header>", 1)[0]
    for text in (SEED_SYMBOL, "安全理事会第 1540 (2004) 号决议所设委员会", "第 74 次会议", "2016-06-22",
                 "奥亚尔孙•马切西 (西班牙)", "议程", "专题讨论:透明度和媒体外联", "15:10–17:10"):
        assert text in head, text


def test_every_paragraph_numbered_and_anchored(seed_html, seed_record):
    ids = [int(n) for n in re.findall(r'<div class="para" id="p(\d+)">', seed_html)]
    assert ids == [p.n for p in seed_record.paragraphs]
    assert '<a class="pn" href="#p10"' in seed_html


def test_consecutive_paragraphs_of_one_speaker_are_one_statement(seed_html):
    statements = re.findall(r'<div class="statement[^"]*">(.*?)(?=<div class="statement|</section>)', seed_html, re.S)
    sison = [s for s in statements if "Sison 女士" in s.split("</h3>")[0]]
    assert len(sison) == 1
    assert re.findall(r'id="p(\d+)"', sison[0]) == ["2", "3", "4", "5"]
    anton = next(s for s in statements if "Anton 先生" in s.split("</h3>")[0])
    assert re.findall(r'id="p(\d+)"', anton) == ["10", "11"]
    assert '<span class="delegation">德国</span>' in anton


def test_query_terms_highlighted(seed_html):
    for n in (10, 13, 16, 18, 23, 28):
        assert f"<mark>{WIESBADEN}</mark>" in paragraph(seed_html, n), n
    assert "<mark>" not in paragraph(seed_html, 11)


def test_no_marks_without_query(client):
    assert "<mark>" not in get(client, URL).get_data(as_text=True)


def test_copy_citation_link_and_visible_fallback(seed_html):
    p10 = paragraph(seed_html, 10)
    assert f'data-citation="{SEED_SYMBOL}, para. 10"' in p10
    # Without JavaScript the link stays hidden and the citation is plain, selectable text.
    assert re.search(r'<a class="cite"[^>]*\shidden>', p10)
    assert f"{SEED_SYMBOL}, para. 10</span>" in p10
    assert 'src="/static/app.js"' in seed_html


def test_back_link_to_results(seed_html):
    assert 'href="/?q=%E5%A8%81%E6%96%AF%E5%B7%B4%E7%99%BB%E8%BF%9B%E7%A8%8B"' in seed_html


@pytest.mark.parametrize(
    "path",
    [
        "/record/S/AC.44/SR.75",
        f"{URL}?lang=fr",
        "/record/../../etc/passwd",
        "/record/..%2F..%2Fetc%2Fpasswd",
        "/record/%2e%2e/%2e%2e/etc/passwd",
        "/record/S/AC.44/../../etc/passwd",
        "/record//etc/passwd",
        "/record/S/AC.44/SR.74%00",
        "/api/record/../../etc/passwd",
        "/api/record/S/AC.44/SR.75",
    ],
)
def test_unknown_or_path_like_records_are_404(client, path):
    response = get(client, path)
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "root:" not in body and "Traceback" not in body


def test_bad_record_parameters_are_400(client):
    assert get(client, f"{URL}?lang=../x").status_code == 400
    assert get(client, f"{URL}?q={'长' * 2001}").status_code == 400
    assert client.get(f"/api{URL}?lang=../x").get_json()["param"] == "lang"
