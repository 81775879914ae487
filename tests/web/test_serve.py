"""``rapporteur serve`` as a user starts it: waitress in its own process, first run indexes."""
from __future__ import annotations

import json
import urllib.request

import pytest

from web_support import WIESBADEN, start_server, stop_server


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    proc, url, output = start_server(tmp_path_factory.mktemp("serve") / "index")
    yield url, output
    stop_server(proc)


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read().decode("utf-8")


def test_first_run_indexes_the_bundled_corpus_and_serves_it(live_server):
    url, output = live_server
    assert "indexing the bundled corpus" in output and "added: " in output and "S_AC.44_SR.74.zh.txt" in output
    status, headers, body = fetch(url + "healthz")
    assert status == 200 and json.loads(body)["generation"] >= 0
    assert headers["Server"] == "rapporteur"  # waitress, not the Flask development server
    status, headers, body = fetch(url + "?q=" + urllib.request.quote(WIESBADEN))
    assert status == 200 and "Content-Security-Policy" in headers
    assert body.count('<li class="hit"') == 6
