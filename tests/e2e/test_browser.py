"""End to end in a real browser: Debian's Chromium driven by Playwright against a live
``rapporteur serve`` (waitress, first run indexes the bundled corpus) on a free loopback port.

Skipped, with the reason, where /usr/bin/chromium or Python Playwright is missing
(``.ci/install-browser`` installs Chromium and a CJK font in CI).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))  # the web tests' helpers
from web_support import ROOT, SEED_SYMBOL, WIESBADEN, WIESBADEN_PARAS, start_server, stop_server  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
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
