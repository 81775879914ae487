"""The site's edge: requests that are wrong before they reach a page, and the headers of every
answer.

* Bad requests (figures ``web_bad_requests``): Host headers that are not host names, and
  malformed requests, against the real ``rapporteur serve`` (waitress) over raw sockets: a 400
  with the security headers, one log line each and no traceback. Every page and the JSON API
  with the parameter names that ``url_for`` would take as its own (``endpoint``, ``_external``
  …), through the test client: answered as without them, never a 500.
* Response headers (figures ``response_headers``): ``Cache-Control`` and ``Vary`` by kind of
  route, request bodies on GET and HEAD refused (413) by the real server, before they are read,
  and no path on disk in a public error.
"""
from __future__ import annotations

import json
import urllib.parse

import pytest

from tests.support.records import SEED_SYMBOL, WIESBADEN
from tests.support.reliability import pytest_command, record_figures
from tests.support.serving import HOST, connect, read_all, start
from tests.support.web import build_index

SECURITY = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy")
Q = urllib.parse.quote(WIESBADEN)
PAGES = [
    "/", f"/?q={Q}", f"/?q={Q}&page=2&size=2", f"/record/{SEED_SYMBOL}", f"/record/{SEED_SYMBOL}?lang=zh&q={Q}",
    f"/api/search?q={Q}", f"/api/record/{SEED_SYMBOL}?lang=zh", "/api/stats", "/healthz",
    "/static/app.js", "/nowhere", "/?page=0", f"/record/{SEED_SYMBOL}?lang=fr", "/api/search?size=1000",
]
# Names url_for takes as its own, a view's arguments, and others that a template or a link
# builder could trip on.
PAGE_PARAMETERS = {"symbol", "ui", "with"}  # of RESERVED, those a page reads
RESERVED = ["endpoint", "_external", "_anchor", "_method", "_scheme", "values", "filename", "symbol", "ui",
            "with", "self", "__class__", "_", "kwargs"]
BAD_HOSTS = ["a..b", "x" * 64 + ".example", ".", "-", "a b", "ex\u00e4mple.com", "[::1", "host:99999999",
             "a/b", "a@b", "a" * 300, "", None]  # None: an HTTP/1.1 request without a Host header


@pytest.fixture(scope="module")
def served_index(tmp_path_factory):
    from tests.support.records import write_corpus

    base = tmp_path_factory.mktemp("edge")
    return build_index(write_corpus(base / "corpus"), base / "index")


@pytest.fixture(scope="module")
def server(served_index):
    server = start(served_index, "--workers", "1")
    yield server
    server.stop()


def exchange(port: int, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``raw`` and read the answer to the end: ``(status, headers, body)``."""
    with connect(port) as sock:
        sock.sendall(raw)
        data = read_all(sock)
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split(" ", 2)[1]), headers, body


def request(path: str, host: str | None = HOST, method: str = "GET", extra: str = "", body: bytes = b"") -> bytes:
    host_line = f"Host: {host}\r\n" if host is not None else ""
    return (f"{method} {path} HTTP/1.1\r\n{host_line}{extra}Connection: close\r\n\r\n".encode("utf-8")) + body


def has_security_headers(headers: dict[str, str]) -> bool:
    return all(name.lower() in headers for name in SECURITY)


def test_bad_hosts_and_malformed_requests_are_400s_with_headers_and_one_log_line(server):
    lines_before = len(server.lines)
    statuses, headerless = {}, []
    for host in BAD_HOSTS:
        for path in ("/", "/?endpoint=x", "/api/search?q=x", "/static/style.css"):
            status, headers, body = exchange(server.port, request(path, host))
            statuses[status] = statuses.get(status, 0) + 1
            if not has_security_headers(headers) or headers.get("cache-control") != "no-store":
                headerless.append((host, path, status))
            assert status == 400, (host, path, status, body[:200])
    refused = len(BAD_HOSTS) * 4
    malformed = [b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                 b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
                 b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"]
    for raw in malformed:  # answered by waitress itself: the app never sees them
        status, headers, _body = exchange(server.port, raw)
        statuses[status] = statuses.get(status, 0) + 1
        assert 400 <= status <= 501, (raw, status)  # 501: a transfer coding waitress does not implement
        if not has_security_headers(headers):
            headerless.append((raw, status))
    ok, headers, _body = exchange(server.port, request("/?endpoint=x&_external=1&q=" + Q))
    assert ok == 200 and has_security_headers(headers)
    server.wait_for(lambda: server.count("refused GET") >= refused, timeout=30, what="the log lines")
    logged = list(server.lines)[lines_before:]
    text = "".join(logged)
    assert not headerless, headerless
    assert "Traceback" not in text and "Exception" not in text, text[-3000:]
    assert sum("refused GET" in line for line in logged) == refused, text[-3000:]
    assert len(logged) == refused, text[-3000:]  # nothing else: one line per refused request

    record_figures(
        "web_bad_requests",
        title="Bad Host headers, malformed requests and reserved parameter names",
        tried=(f"{refused} requests with {len(BAD_HOSTS)} bad Host headers (a..b, a 64-character label, a 300-character "
               f"name, non-ASCII, a bad port, empty …) on 4 routes and {len(malformed)} malformed requests, to the real "
               f"server over raw sockets; {len(PAGES)} pages × {len(RESERVED)} reserved parameter names through the "
               f"test client (test_reserved_parameter_names_change_nothing)"),
        held=("every bad Host a 400 and every malformed request a 4xx (501 for an unknown transfer coding), all with the security headers and no-store; "
              "one log line per refused request and no traceback; reserved names ignored (same status as without)"),
        command=pytest_command("tests/reliability/test_web_edge.py"),
        requests=refused + len(malformed), statuses={str(k): v for k, v in sorted(statuses.items())},
        without_security_headers=len(headerless), log_lines=len(logged), log_lines_per_bad_request=len(logged) / refused,
        tracebacks=text.count("Traceback"),
    )


@pytest.mark.parametrize("name", RESERVED)
def test_reserved_parameter_names_change_nothing(client, name):
    for page in PAGES:
        plain = client.get(page)
        plain.close()  # a static file is streamed
        for value in ("x", "1", ""):
            joined = f"{page}{'&' if '?' in page else '?'}{urllib.parse.quote(name)}={value}"
            response = client.get(joined)
            if name in PAGE_PARAMETERS:
                assert response.status_code < 500, (joined, response.status_code)
            else:  # ignored: the same answer, and not carried into the page's links
                assert response.status_code == plain.status_code, (joined, response.status_code)
                if response.mimetype == "text/html":
                    assert f"?{name}=" not in response.get_data(as_text=True), joined
                    assert f"&amp;{name}=" not in response.get_data(as_text=True), joined
            assert all(response.headers.get(h) for h in SECURITY), joined
            response.close()


def test_cache_and_vary_headers_by_route(client, tmp_path):
    from rapporteur.web import create_app

    def get(url, **headers):
        return client.get(url, headers=headers)

    figures = {}
    for url in (f"/api/search?q={Q}", f"/api/record/{SEED_SYMBOL}", "/api/stats"):
        response = get(url, **{"Accept-Language": "en"})
        assert response.headers["Cache-Control"] == "public, max-age=60" and "Vary" not in response.headers, url
        figures["json"] = response.headers["Cache-Control"]
    zh, en = get(f"/api/search?q={Q}", **{"Accept-Language": "zh"}), get(f"/api/search?q={Q}", **{"Accept-Language": "en"})
    assert zh.get_json()["facets"] == en.get_json()["facets"]  # JSON depends on its URL alone
    health = get("/healthz")
    assert health.headers["Cache-Control"] == "no-store" and "Vary" not in health.headers
    static = get("/static/style.css")
    static.close()
    assert static.headers["Cache-Control"] == "public, max-age=86400" and "Vary" not in static.headers
    figures["static"] = static.headers["Cache-Control"]
    for url in ("/", f"/?q={Q}", f"/record/{SEED_SYMBOL}"):
        page = get(url, **{"Accept-Language": "en"})
        assert page.headers["Cache-Control"] == "private, max-age=60", url
        assert {"Accept-Language", "Cookie"} <= set(page.headers["Vary"].replace(" ", "").split(",")), url
        figures["html"] = f"{page.headers['Cache-Control']}; Vary: {page.headers['Vary']}"
    switched = get("/?ui=en")
    assert "ui=en" in switched.headers.get("Set-Cookie", "") and switched.headers["Cache-Control"].startswith("private")
    chosen = get("/?ui=en")  # the cookie already says so: the URL alone chose the language
    assert "Set-Cookie" not in chosen.headers and chosen.headers["Cache-Control"] == "public, max-age=60"
    assert "Vary" not in chosen.headers
    figures["html_by_url"] = chosen.headers["Cache-Control"]
    for url in ("/nowhere", "/api/record/NO/SUCH", "/?page=0"):
        assert get(url).headers["Cache-Control"] == "no-store", url

    missing = tmp_path / "not-built-yet"
    app = create_app(missing, TESTING=True)
    try:
        for url in ("/", "/api/search?q=x", "/healthz"):
            response = app.test_client().get(url)
            body = response.get_data(as_text=True)
            assert response.status_code == 503 and str(missing) not in body and "not-built-yet" not in body, body
            assert response.headers["Cache-Control"] == "no-store"
    finally:
        app.extensions["rapporteur"].close()
    test_cache_and_vary_headers_by_route.figures = figures


def test_request_bodies_on_get_and_head_are_refused_before_they_are_read(server):
    cases = {
        "GET, Content-Length 50 MB, no body sent": request("/", extra="Content-Length: 52428800\r\n"),
        "GET, 5-byte body": request(f"/api/search?q={Q}", extra="Content-Length: 5\r\n", body=b"hello"),
        "GET, chunked body": request("/", extra="Transfer-Encoding: chunked\r\n", body=b"5\r\nhello\r\n0\r\n\r\n"),
        "HEAD, 5-byte body": request("/", method="HEAD", extra="Content-Length: 5\r\n", body=b"hello"),
        "POST, Content-Length 50 MB, no body sent": request("/", method="POST", extra="Content-Length: 52428800\r\n"),
    }
    statuses, headers_ok = {}, 0
    for what, raw in cases.items():
        status, headers, _body = exchange(server.port, raw)
        statuses[what] = status
        assert status == 413, (what, status)
        assert has_security_headers(headers) and headers.get("cache-control") == "no-store", (what, headers)
        headers_ok += 1
    status, headers, body = exchange(server.port, request(f"/api/search?q={Q}"))
    assert status == 200 and headers["cache-control"] == "public, max-age=60" and "vary" not in headers
    assert json.loads(body)["total"] > 0

    record_figures(
        "response_headers",
        title="Cache-Control, Vary and request bodies",
        tried=(f"{len(cases)} requests with bodies (50 MB declared and not sent, 5 bytes, chunked; GET, HEAD, "
               "POST) to the real server over raw sockets; Cache-Control and Vary of JSON, HTML (language by "
               "header, cookie or URL), static files, /healthz and errors, and the 503 without an index, through "
               "the test client (test_cache_and_vary_headers_by_route)"),
        held=("every body refused with a 413 carrying the security headers, the 50 MB one before a byte of it was "
              "sent; JSON public, max-age=60, no Vary; HTML private, max-age=60, Vary: Accept-Language, Cookie "
              "unless the URL chose the language; static public, max-age=86400; /healthz and errors no-store; no "
              "path on disk in a 503"),
        command=pytest_command("tests/reliability/test_web_edge.py"),
        body_statuses=statuses, with_security_headers=headers_ok,
        cache_control=getattr(test_cache_and_vary_headers_by_route, "figures", {}),
    )
