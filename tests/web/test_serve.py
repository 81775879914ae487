"""``rapporteur serve`` as a user starts it: waitress in its own process, first run indexes."""
from __future__ import annotations

import json
import urllib.request

import pytest

from tests.support.records import WIESBADEN
from tests.support.web import start_server, stop_server


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


def test_queue_depth_warnings_are_rate_limited(monkeypatch):
    """Waitress warns for every request queued behind busy threads, from its I/O thread under its
    queue lock; ``serve`` lets one through per interval and says how many it left out."""
    import logging
    import types

    from rapporteur.cli import serve_cmd
    from rapporteur.cli.serve_cmd import QueueWarnings

    # The filter's clock, stepped by the test: the 98 warnings fall inside the interval however
    # slowly this machine runs them, and then the interval has passed.
    now = [1000.0]
    monkeypatch.setattr(serve_cmd, "time", types.SimpleNamespace(monotonic=lambda: now[0]))
    f = QueueWarnings(interval=0.2)

    def record(depth):
        return logging.LogRecord("waitress.queue", logging.WARNING, __file__, 1, "Task queue depth is %d", (depth,), None)

    assert f.filter(record(1))
    assert not any(f.filter(record(d)) for d in range(2, 100))
    now[0] += 0.25
    later = record(3)
    assert f.filter(later) and later.getMessage().startswith("Task queue depth is 3 (98 such warnings")
