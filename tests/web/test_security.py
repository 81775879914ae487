"""Read-only public site: escaping, security headers everywhere, methods, no disk writes, no tracebacks."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.support.records import HOSTILE_SYMBOL, IMG, SCRIPT, SEED_SYMBOL, WIESBADEN

RAW_PAYLOADS = ("<script>alert", "<img src=x", "<b>主席</b>", "onerror=alert(2)>")

ROUTES = [
    "/",
    f"/?q={WIESBADEN}",
    f"/record/{SEED_SYMBOL}",
    f"/api/search?q={WIESBADEN}",
    f"/api/record/{SEED_SYMBOL}",
    "/api/stats",
    "/healthz",
    "/static/style.css",
    "/static/app.js",
    "/no/such/page",
    "/api/search?page=x",
    "/?page=x",
]


def assert_headers(response):
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", ROUTES)
def test_security_headers_on_every_response(client, url):
    assert_headers(client.get(url))


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch", "options"])
@pytest.mark.parametrize("url", ["/", "/api/search", f"/record/{SEED_SYMBOL}", "/healthz", "/static/app.js"])
def test_only_get_is_allowed(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD"}
    assert_headers(response)


def test_pages_have_no_inline_script_or_style(client):
    for url in ("/", f"/?q={WIESBADEN}", f"/record/{SEED_SYMBOL}", "/missing"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>" not in html and "<script " not in html.replace('<script src="/static/app.js" defer>', "")
        assert "style=" not in html and "<style" not in html and " on" + "click=" not in html


def test_hostile_record_renders_as_text(client):
    html = client.get(f"/record/{HOSTILE_SYMBOL}?q=外联").get_data(as_text=True)
    for raw in RAW_PAYLOADS:
        assert raw not in html, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html or "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_hostile_hits_and_facets_render_as_text(client):
    html = client.get("/?q=注入测试").get_data(as_text=True)
    assert 'data-n="1"' in html
    for raw in RAW_PAYLOADS:
        assert raw not in html, raw
    assert "&lt;script&gt;" in html  # the delegation facet value and the hit, escaped


@pytest.mark.parametrize("payload", [SCRIPT, IMG, "</textarea><svg onload=alert(1)>", "'\"><mark>x</mark>"])
@pytest.mark.parametrize("param", ["q", "delegation", "speaker", "symbol", "lang"])
def test_payload_in_parameters_is_escaped(client, payload, param):
    response = client.get(f"/?q=外联&{param}={quote(payload)}")
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 400)
    for raw in (SCRIPT, "<img src=x", "<svg", "<mark>x</mark>", "</textarea>"):
        assert raw not in html


def test_payload_in_record_query_is_escaped(client):
    html = client.get(f"/record/{SEED_SYMBOL}?q={quote(SCRIPT + IMG)}").get_data(as_text=True)
    assert SCRIPT not in html and "<img src=x" not in html


def test_errors_are_friendly_pages_without_tracebacks(client, app, monkeypatch):
    # Fault injection (not a mock of results): make the real engine fail mid-request.
    engine = app.extensions["rapporteur"].engine()

    def explode(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(engine, "search", explode)
    for url, kind in ((f"/?q={WIESBADEN}", "text/html"), (f"/api/search?q={WIESBADEN}", "application/json")):
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert response.status_code == 500 and response.mimetype == kind
        assert "Traceback" not in body and "secret internal detail" not in body and "RuntimeError" not in body
        assert_headers(response)
    missing = client.get("/nowhere", headers={"Accept-Language": "en"})
    assert missing.status_code == 404 and "Not found" in missing.get_data(as_text=True)


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


def test_no_route_writes_to_disk(index_dir, tmp_path, monkeypatch):
    from rapporteur.web import create_app

    monkeypatch.chdir(tmp_path)
    before = tree(index_dir)
    app = create_app(index_dir, TESTING=True)
    client = app.test_client()
    for url in ROUTES + [f"/record/{HOSTILE_SYMBOL}", "/?ui=en", "/?delegation=德国"]:
        client.get(url)
    app.extensions["rapporteur"].close()
    assert tree(index_dir) == before
    assert list(tmp_path.iterdir()) == []
    assert not os.path.exists(app.instance_path)
