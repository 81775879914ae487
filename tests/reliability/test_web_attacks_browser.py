"""In Chromium: stored and reflected XSS payloads never run. A live ``rapporteur serve`` over
an index holding the hostile record; each page is loaded with a dialog listener, and the
``window.xss``/``window.__xss`` flags the payloads would set are read after load.
Skipped, with the reason, where /usr/bin/chromium or Python Playwright is missing.
"""
from __future__ import annotations

import os
from urllib.parse import quote

import pytest

from tests.support.records import PAYLOADS, XSS_SYMBOL, XSS_WORD, write_xss_corpus
from tests.support.reliability import pytest_command, record_figures
from tests.support.web import PARAMS, build_index, start_server, stop_server

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser, pytest.mark.slow]
if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"{CHROMIUM} not installed (see .ci/install-browser)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Python Playwright not installed")


def test_no_payload_runs_in_the_browser(tmp_path):
    index = build_index(write_xss_corpus(tmp_path / "corpus"), tmp_path / "index")
    proc, base, _ = start_server(index)
    urls = [f"?q={quote(XSS_WORD)}", f"record/{XSS_SYMBOL}", f"record/{XSS_SYMBOL}?q={quote(XSS_WORD)}"]
    urls += [f"?q={quote(XSS_WORD)}&{p}={quote(v)}" for p in PARAMS for v in PAYLOADS[:5]]
    urls += [f"?q={quote(v)}" for v in PAYLOADS] + [f"record/{XSS_SYMBOL}?q={quote(v)}" for v in PAYLOADS]
    dialogs, csp, ran = [], [], []
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("console", lambda m: "Content Security Policy" in m.text and csp.append(m.text))
            for url in urls:
                page.goto(base + url)
                page.wait_for_load_state("load")
                for a in page.locator("a").all()[:200]:  # hovering fires onmouseover, were there one
                    href = a.get_attribute("href") or ""
                    assert not href.lower().lstrip().startswith(("javascript:", "data:")), (url, href)
                flags = page.evaluate("[window.xss, window.__xss, window.parent.__xss]")
                if any(f is not None for f in flags):
                    ran.append((url, flags))
            browser.close()
    finally:
        stop_server(proc)
    assert dialogs == [] and ran == []
    assert csp == []  # nothing was even blocked: the payloads never reached the page as markup
    record_figures(
        "web_xss_browser",
        title="XSS in a real browser (Chromium)",
        tried=f"{len(urls)} pages (stored payloads in record text, delegation and section; reflected in {len(PARAMS)} parameters)",
        held=f"{len(dialogs)} dialogs, {len(ran)} pages with a payload flag set, {len(csp)} CSP violations, no javascript:/data: link",
        command=pytest_command("tests/reliability/test_web_attacks_browser.py"),
        pages=len(urls), dialogs=len(dialogs), flags_set=len(ran), csp_violations=len(csp),
    )
