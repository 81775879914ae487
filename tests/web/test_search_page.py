"""The search page: query box, hits, facets, chips, dates, pagination, notice, empty state."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from tests.support.records import HOSTILE_SYMBOL, SEED_SYMBOL, WIESBADEN, WIESBADEN_PARAS

ZH = {"Accept-Language": "zh-CN,zh;q=0.9"}


def page(client, url, **kw):
    response = client.get(url, headers=ZH, **kw)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def hit_paragraphs(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<li class="hit" data-symbol="[^"]*" data-n="(\d+)"', html)]


def facet_links(html: str, facet: str) -> dict[str, str]:
    block = re.search(rf'data-facet="{facet}">(.*?)</section>', html, re.S).group(1)
    return {
        value: href.replace("&amp;", "&")
        for href, value in re.findall(r'<a href="([^"]+)">\s*<span class="facet-value">([^<]+)</span>', block)
    }


def test_empty_state_explains_the_syntax(client):
    html = page(client, "/")
    assert 'class="empty"' in html
    for example in ("威斯巴登进程 出口管制", "&#34;出口管制&#34;", "delegation:德国", "date:2016-01..2016-12"):
        assert example in html
    assert "检索语法" in html
    assert re.search(r"已索引 2 份记录 · \d+ 个段落", html)


def test_wiesbaden_hits_are_exactly_the_six_paragraphs_with_marks(client):
    html = page(client, f"/?q={WIESBADEN}")
    assert sorted(hit_paragraphs(html)) == WIESBADEN_PARAS
    assert html.count(f"<mark>{WIESBADEN}</mark>") >= len(WIESBADEN_PARAS)
    assert "共 6 条结果" in html and "毫秒" in html
    assert f'value="{WIESBADEN}"' in html  # the query box keeps the query


def test_hit_shows_speaker_delegation_role_symbol_date_and_links_to_paragraph(client):
    html = page(client, f"/?q={WIESBADEN}")
    hit = re.search(r'<li class="hit"[^>]*data-n="10">(.*?)</li>', html, re.S).group(1)
    assert "Anton 先生" in hit and "德国" in hit and "观察员" in hit
    assert SEED_SYMBOL in hit and "2016-06-22" in hit and "第 10 段" in hit
    href = re.search(r'class="hit-link" href="([^"]+)"', hit).group(1).replace("&amp;", "&")
    parts = urlsplit(href)
    assert unquote(parts.path) == f"/record/{SEED_SYMBOL}"
    assert parse_qs(parts.query) == {"lang": ["zh"], "q": [WIESBADEN]}
    assert parts.fragment == "p10"


def test_facet_click_filters_and_shows_a_removable_chip(client):
    html = page(client, f"/?q={WIESBADEN}")
    delegations = facet_links(html, "delegation")
    assert "德国" in delegations and "西班牙" in delegations
    counts = dict(re.findall(r'<span class="facet-value">([^<]+)</span>\s*<span class="count">(\d+)</span>', html))
    assert counts["德国"] == "1"

    narrowed = page(client, delegations["德国"])
    assert hit_paragraphs(narrowed) == [10]
    chip = re.search(r'<a class="chip" data-filter="delegation" href="([^"]+)"', narrowed)
    assert chip and "代表团: 德国" in narrowed
    # The new query form keeps the filter; removing the chip brings all six back.
    # (The facet's value is the delegation's code since the engine labels facets; 德国 is its label.)
    assert '<input type="hidden" name="delegation" value="DEU">' in narrowed
    restored = page(client, chip.group(1).replace("&amp;", "&"))
    assert sorted(hit_paragraphs(restored)) == WIESBADEN_PARAS
    assert 'class="chip"' not in restored


def test_filter_without_query_lists_the_delegation(client):
    html = page(client, "/?delegation=德国")
    hits = re.findall(r'<li class="hit" data-symbol="([^"]*)" data-n="(\d+)"', html)
    assert sorted(hits) == [(SEED_SYMBOL, "10"), (SEED_SYMBOL, "11"), (HOSTILE_SYMBOL, "2")]


def test_language_and_symbol_facets(client):
    html = page(client, "/?q=外联")
    assert "中文" in facet_links(html, "lang")
    symbols = facet_links(html, "symbol")
    assert set(symbols) == {SEED_SYMBOL, "S/AC.44/SR.99"}
    only_hostile = page(client, symbols["S/AC.44/SR.99"])
    assert set(re.findall(r'data-symbol="([^"]+)"', only_hostile)) == {"S/AC.44/SR.99"}


def test_date_range_filters(client):
    before = page(client, "/?q=外联&date_to=2016-07-01")
    assert set(re.findall(r'data-symbol="([^"]+)"', before)) == {SEED_SYMBOL}
    assert 'name="date_to" type="date" value="2016-07-01"' in before
    after = page(client, "/?q=外联&date_from=2016-11-01")
    assert set(re.findall(r'data-symbol="([^"]+)"', after)) == {"S/AC.44/SR.99"}
    assert 'data-filter="date_from"' in after


def test_pagination(client):
    first = page(client, f"/?q={WIESBADEN}&size=4")
    assert len(hit_paragraphs(first)) == 4
    assert "第 1 页,共 2 页" in first
    nxt = re.search(r'<a rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(nxt).query)["page"] == ["2"]
    second = page(client, nxt)
    assert len(hit_paragraphs(second)) == 2
    assert sorted(hit_paragraphs(first) + hit_paragraphs(second)) == WIESBADEN_PARAS
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_no_results_state(client):
    html = page(client, "/?q=鸭嘴兽")
    assert "没有段落符合此检索" in html and "共 0 条结果" in html


def test_degraded_query_shows_the_notice(client):
    html = page(client, '/?q="威斯巴登进程')  # unbalanced quote
    assert 'class="notice"' in html


def test_english_interface(client):
    html = client.get(f"/?q={WIESBADEN}", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert "6 results" in html and "para. 10" in html and "Delegation" in html
    assert "检索" not in html.split("<main", 1)[1].split("</main>")[0].replace(WIESBADEN, "")  # no zh labels
