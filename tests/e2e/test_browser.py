"""End to end in a real browser: Debian's Chromium driven by Playwright against a live
``rapporteur serve`` (waitress, first run indexes the bundled corpus) on a free loopback port.

Skipped, with the reason, where /usr/bin/chromium or Python Playwright is missing
(``.ci/install-browser`` installs Chromium and a CJK font in CI).
"""
from __future__ import annotations

import os

import pytest

from tests.support.paths import ARTIFACTS, SHARED_CORPUS
from tests.support.records import PARALLEL_SYMBOL, SEED_SYMBOL, WIESBADEN, WIESBADEN_PARAS, write_parallel_corpus
from tests.support.web import build_index, start_server, stop_server

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium; see .ci/install-browser)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Python Playwright not installed")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    proc, url, _output = start_server(tmp_path_factory.mktemp("e2e") / "index")
    yield url
    stop_server(proc)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def new_page(browser, base_url, **context):
    ctx = browser.new_context(locale="zh-CN", extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"}, **context)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = ctx.new_page()
    problems = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))  # CSP violations land here
    page.on("pageerror", lambda err: problems.append(str(err)))
    return ctx, page, problems


def hit_numbers(page) -> list[int]:
    return page.eval_on_selector_all("li.hit", "els => els.map(e => Number(e.dataset.n))")


def test_search_facet_record_and_language_switch(browser, base_url):
    ctx, page, problems = new_page(browser, base_url, viewport={"width": 1280, "height": 900})
    try:
        page.goto(base_url)
        page.locator("#q").type(WIESBADEN)  # typed, as a user would (IME-free here)
        page.locator("#q").press("Enter")
        page.wait_for_selector("li.hit")

        # Highlighted hits from exactly the six paragraphs.
        assert sorted(hit_numbers(page)) == WIESBADEN_PARAS
        marks = page.locator("li.hit .snippet mark").all_inner_texts()
        assert marks and set(marks) == {WIESBADEN}
        assert page.locator("#q").input_value() == WIESBADEN
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "search-results.png"), full_page=True)

        # A delegation facet narrows the results and shows a removable chip.
        page.locator('[data-facet="delegation"] a', has_text="德国").click()
        page.wait_for_selector('.chip[data-filter="delegation"]')
        assert hit_numbers(page) == [10]

        # Following the result lands on the paragraph, highlighted.
        page.locator("li.hit a.hit-link").first.click()
        page.wait_for_url("**/record/**")
        assert page.evaluate("location.pathname") == f"/record/{SEED_SYMBOL}"
        assert page.evaluate("location.hash") == "#p10"
        target = page.locator("#p10")
        assert target.locator("mark").first.inner_text() == WIESBADEN
        box, viewport = target.bounding_box(), page.viewport_size
        assert 0 <= box["y"] < viewport["height"]  # scrolled into view
        assert page.evaluate("getComputedStyle(document.querySelector('#p10')).backgroundColor") != "rgba(0, 0, 0, 0)"

        # Copy citation (external JavaScript; the link is hidden without it).
        cite = target.locator("a.cite")
        assert cite.is_visible()
        cite.click()
        page.wait_for_selector("#p10 a.cite.done")  # not wait_for_function: our CSP forbids its eval
        assert page.evaluate("navigator.clipboard.readText()") == f"{SEED_SYMBOL}, para. 10"

        # Switch the interface to English; the choice persists on the next page.
        page.locator('a[data-ui="en"]').click()
        page.wait_for_selector('html[lang="en"]')
        assert page.locator("#p10 a.cite").inner_text() == "Copy citation"
        assert page.evaluate("location.hash") in ("", "#p10")
        page.goto(base_url)
        assert page.locator("html").get_attribute("lang") == "en"
        assert "Query syntax" in page.locator("main").inner_text()
        assert problems == []
    finally:
        ctx.close()


def test_phone_layout(browser, base_url):
    ctx, page, problems = new_page(browser, base_url, viewport={"width": 390, "height": 844},
                                   device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        page.goto(f"{base_url}?q={WIESBADEN}")
        page.wait_for_selector("li.hit")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "the page scrolls sideways on a phone"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "search-phone.png"))
        assert problems == []
    finally:
        ctx.close()


# --- the parallel view (issue 5) ----------------------------------------------------------

SR413 = SHARED_CORPUS / "zh-en-summary-record"


@pytest.fixture(scope="module")
def parallel_url(tmp_path_factory):
    """A live server over the UN-style ar/en/fr versions of PARALLEL_SYMBOL and, where the
    shared corpus is present, the real zh/en A/AC.183/SR.413."""
    import shutil

    base = tmp_path_factory.mktemp("e2e-parallel")
    corpus = write_parallel_corpus(base / "corpus")
    for lang in ("zh", "en"):
        if (SR413 / f"A_AC.183_SR.413.{lang}.txt").exists():
            shutil.copy(SR413 / f"A_AC.183_SR.413.{lang}.txt", corpus)
    proc, url, _output = start_server(build_index(corpus, base / "index"))
    yield url
    stop_server(proc)


def in_view(page, locator) -> bool:
    box, viewport = locator.bounding_box(), page.viewport_size
    return box is not None and 0 <= box["y"] < viewport["height"] and box["x"] >= 0 \
        and box["x"] + box["width"] <= viewport["width"] + 1


def test_switch_language_then_side_by_side(browser, parallel_url):
    # The real Chinese and English versions when the shared corpus is there; else the fixtures.
    if SR413.exists():
        symbol, first, second, n, q, marked = "A/AC.183/SR.413", "zh", "en", 8, "以色列 occupation", 2
    else:  # side by side, English beside Arabic, where only the English is marked
        symbol, first, second, n, q, marked = PARALLEL_SYMBOL, "fr", "en", 2, "Wiesbaden", 1
    ctx, page, problems = new_page(browser, parallel_url, viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{parallel_url}record/{symbol}?lang={first}&q={q}#p{n}")
        assert in_view(page, page.locator(f"#p{n}"))
        assert page.locator(f"#p{n} p.text").get_attribute("lang") in (first, "zh-Hans")

        # The switcher: the current version is marked; the other one keeps the paragraph.
        current = page.locator("nav.versions .version.current")
        assert current.get_attribute("aria-current") == "page"
        page.locator(f'nav.versions a.version[data-lang="{second}"]').click()
        page.wait_for_selector(f'.record-text[lang="{second}"]')
        assert page.evaluate("location.hash") == f"#p{n}"
        assert in_view(page, page.locator(f"#p{n}"))
        assert page.locator(f"#p{n} mark").count() > 0

        # Side by side from there: both columns at paragraph n, highlighted, in view.
        page.locator("nav.versions a.side-by-side").click()
        page.wait_for_selector(".pgrid")
        assert page.evaluate("location.hash") == f"#p{n}"
        row = page.locator(f"#p{n}")
        cells = row.locator(".pcell")
        assert cells.count() == 2
        langs = [cells.nth(i).get_attribute("data-lang") for i in range(2)]
        assert langs[0] == second and langs[1] != second  # the page's version on the left
        for i in range(2):
            assert in_view(page, cells.nth(i).locator("p.text")), langs[i]
        left, right = (cells.nth(i).bounding_box() for i in range(2))
        assert abs(left["y"] - right["y"]) < 1 and left["x"] < right["x"]  # one row, two columns
        assert page.evaluate(f"getComputedStyle(document.getElementById('p{n}')).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert row.locator("mark").count() >= marked  # the query marked in each language it occurs in
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "side-by-side.png"))
        assert problems == []
    finally:
        ctx.close()


def test_search_hit_side_by_side_and_arabic(browser, parallel_url):
    ctx, page, problems = new_page(browser, parallel_url, viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{parallel_url}?q=Wiesbaden")
        page.wait_for_selector("li.hit")
        hit = page.locator('li.hit:has(p.snippet[lang="fr"])')
        assert sorted(hit.locator(".hit-versions a.version").all_inner_texts()) == sorted(["阿拉伯文", "英文"])
        hit.locator(".hit-versions a.version", has_text="阿拉伯文").click()
        page.wait_for_selector('.record-text[dir="rtl"]')
        assert page.evaluate("getComputedStyle(document.querySelector('.record-text')).direction") == "rtl"
        assert page.evaluate("location.hash") == "#p2" and in_view(page, page.locator("#p2"))
        page.go_back()
        page.wait_for_selector("li.hit")
        page.locator('li.hit:has(p.snippet[lang="fr"]) a.side-by-side').click()
        page.wait_for_selector(".pgrid")
        cells = page.locator("#p2 .pcell")
        assert [cells.nth(i).get_attribute("data-lang") for i in range(2)] == ["fr", "en"]
        assert all(in_view(page, cells.nth(i)) for i in range(2))
        assert problems == []
    finally:
        ctx.close()


def test_side_by_side_on_a_phone_stacks_the_columns(browser, parallel_url):
    ctx, page, problems = new_page(browser, parallel_url, viewport={"width": 390, "height": 844},
                                   device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        page.goto(f"{parallel_url}record/{PARALLEL_SYMBOL}?lang=en&with=ar#p3")
        page.wait_for_selector(".pgrid")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways on a phone"
        first, second = (page.locator("#p3 .pcell").nth(i).bounding_box() for i in range(2))
        assert second["y"] >= first["y"] + first["height"] - 1  # stacked, English above Arabic
        assert in_view(page, page.locator("#p3 .pcell").nth(0))
        assert page.evaluate("getComputedStyle(document.querySelector('#p3 .pcell[data-lang=ar]')).direction") == "rtl"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "side-by-side-phone.png"))
        assert problems == []
    finally:
        ctx.close()
