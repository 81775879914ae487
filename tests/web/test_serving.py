"""Serving that stays up: ``rapporteur serve`` as worker processes under waitress, on real
sockets to 127.0.0.1, with nothing mocked but the length of one search (see
:mod:`tests.support.slow_search`: a search for ``SLOW`` runs until the product stops it).

Every wait is bounded in count and time, and what is asserted is a state or an outcome (a
status, a process that exists or not, a line in the log), never how long something took.
"""
from __future__ import annotations

import json
import os
import select
import signal
import urllib.parse

import pytest

from tests.support.records import SEED_SYMBOL, WIESBADEN, write_corpus
from tests.support.serving import RUNNING, SLOW, alive, connect, get, read_response, send_get, slow_path, start
from tests.support.web import build_index

STOPPED = "the client went away"
TIMED_OUT = "search timed out after"
QUICK = [
    "/healthz", "/static/style.css", f"/record/{SEED_SYMBOL}?lang=zh", "/api/stats",
    "/api/search?q=" + urllib.parse.quote(WIESBADEN), "/?q=" + urllib.parse.quote("出口管制"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    base = tmp_path_factory.mktemp("serving")
    return build_index(write_corpus(base / "corpus"), base / "index")


@pytest.fixture(scope="module")
def slow_server(index):
    """One worker process with 4 threads (so every request meets the slow search in the same
    process) and a deadline far away (so only a disconnection can stop a slow search)."""
    server = start(index, "--workers", "1", "--threads", "4", "--deadline", "600", slow=True)
    yield server
    server.stop(signal.SIGINT)


def pending(sock) -> bool:
    """Whether no byte of an answer has arrived on ``sock`` (it is not readable)."""
    readable, _, _ = select.select([sock], [], [], 0)
    return not readable


# ---- one process: nothing waits behind a search ---------------------------------------------

def test_pages_and_healthz_answer_while_a_slow_search_runs(slow_server):
    running, stopped = slow_server.count(RUNNING), slow_server.count(STOPPED)
    slow = connect(slow_server.port)
    try:
        send_get(slow, slow_path())
        slow_server.wait_for(lambda: slow_server.count(RUNNING) > running, what="the slow search to start")
        for path in QUICK:
            status, body = get(slow_server.port, path)
            assert status == 200, (path, body[:300])
        assert json.loads(get(slow_server.port, "/healthz")[1])["status"] == "ok"
        assert pending(slow) and slow_server.count(STOPPED) == stopped  # all that while, it ran
    finally:
        slow.close()
    slow_server.wait_for(lambda: slow_server.count(STOPPED) > stopped, what="the slow search to stop")


def test_healthz_and_assets_answer_while_every_thread_runs_a_search(slow_server):
    """All 4 threads of the one worker busy with searches: /healthz and static files have threads
    of their own (waitress's fast lane here), so they are still answered."""
    running, stopped = slow_server.count(RUNNING), slow_server.count(STOPPED)
    slow = [connect(slow_server.port) for _ in range(4)]
    try:
        for sock in slow:
            send_get(sock, slow_path())
        slow_server.wait_for(lambda: slow_server.count(RUNNING) >= running + 4, what="4 slow searches running")
        for path in ("/healthz", "/static/style.css", "/static/app.js", "/healthz"):
            assert get(slow_server.port, path)[0] == 200, path
        assert all(pending(sock) for sock in slow)
    finally:
        for sock in slow:
            sock.close()
    slow_server.wait_for(lambda: slow_server.count(STOPPED) >= stopped + 4, what="the 4 searches to stop")


def test_a_search_whose_client_disconnected_stops(slow_server):
    running, stopped = slow_server.count(RUNNING), slow_server.count(STOPPED)
    slow = connect(slow_server.port)
    send_get(slow, slow_path(api=False))  # the HTML page's search, this time
    slow_server.wait_for(lambda: slow_server.count(RUNNING) > running, what="the slow search to start")
    slow.close()
    slow_server.wait_for(lambda: slow_server.count(STOPPED) > stopped, what="the 'client went away' line")
    line = [line for line in list(slow_server.lines) if STOPPED in line][-1]
    assert "search stopped after" in line and urllib.parse.quote(SLOW) in line
    assert slow_server.count(TIMED_OUT) == 0  # stopped by the disconnection, not a deadline


def test_abandoned_searches_do_not_take_the_site_down(slow_server):
    """The issue's case: 8 expensive searches sent and abandoned. The 4 threads each run one
    until their clients are seen gone; with a 600 s deadline only that can free them."""
    running, stopped = slow_server.count(RUNNING), slow_server.count(STOPPED)
    clients = [connect(slow_server.port) for _ in range(8)]
    for sock in clients:
        send_get(sock, slow_path())
    slow_server.wait_for(lambda: slow_server.count(RUNNING) >= running + 4, what="4 slow searches running")
    for sock in clients:
        sock.close()
    slow_server.wait_for(lambda: slow_server.count(STOPPED) >= stopped + 4, timeout=60,
                         what="the running searches to stop")
    for path in QUICK:
        assert get(slow_server.port, path)[0] == 200, path
    assert slow_server.count(TIMED_OUT) == 0


def test_idle_connections_do_not_lock_out_a_new_client(slow_server):
    """150 connections that never finish a request (waitress's default limit is 100 connections
    a process, each held 120 s): a new client is still answered."""
    idle = []
    try:
        for k in range(150):
            sock = connect(slow_server.port)
            if k % 2:  # half of them send the start of a request and stop there
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            idle.append(sock)
        status, body = get(slow_server.port, "/healthz", timeout=30)
        assert status == 200 and json.loads(body)["status"] == "ok"
        status, _body = get(slow_server.port, "/api/search?q=" + urllib.parse.quote(WIESBADEN), timeout=30)
        assert status == 200
        assert all(pending(sock) for sock in idle)  # none of them was answered or closed meanwhile
    finally:
        for sock in idle:
            sock.close()


def test_the_only_worker_killed_is_replaced_and_requests_wait_for_it(slow_server):
    (worker,) = slow_server.workers()
    ready = slow_server.count("ready")
    os.kill(worker, signal.SIGKILL)
    status, _body = get(slow_server.port, "/healthz", timeout=120)  # queued in the backlog meanwhile
    assert status == 200
    slow_server.wait_for(lambda: slow_server.count("ready") > ready, what="the new worker's ready line")
    assert f"worker {worker} was killed by SIGKILL" in slow_server.output()
    (new,) = slow_server.workers()
    assert new != worker and not alive(worker)


def test_sigint_stops_the_parent_and_its_workers(slow_server):
    workers = slow_server.workers()
    assert workers
    assert slow_server.stop(signal.SIGINT) == 0
    assert not any(alive(pid) for pid in workers)


# ---- the deadline ------------------------------------------------------------------------------

def test_a_search_past_its_deadline_is_a_503_that_says_so(index):
    server = start(index, "--workers", "1", "--deadline", "0.000001")  # every search is past it
    try:
        status, body = get(server.port, "/api/search?q=" + urllib.parse.quote(WIESBADEN))
        data = json.loads(body)
        assert status == 503 and data["status"] == 503 and data["timed_out"] is True
        assert "was stopped" in data["error"]
        with connect(server.port) as sock:
            sock.sendall(f"GET /?q={urllib.parse.quote(WIESBADEN)} HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n"
                         "Connection: close\r\n\r\n".encode())
            status, page = read_response(sock)
        assert status == 503 and "The search took too long" in page.decode("utf-8")
        server.wait_for(lambda: server.count(TIMED_OUT) >= 2, what="the timed-out lines")
        # What is not a search is served as ever.
        for path in ("/healthz", f"/record/{SEED_SYMBOL}?lang=zh", "/api/stats", "/static/app.js"):
            assert get(server.port, path)[0] == 200, path
        assert "searches stop after 1e-06 s" in server.output()
    finally:
        assert server.stop() == 0


# ---- worker processes ---------------------------------------------------------------------------

def test_n_workers_a_killed_one_replaced_sigterm_stops_all(index):
    server = start(index, "--workers", "3")
    try:
        assert "3 worker processes × 4 threads" in server.output()
        first = server.workers()
        assert len(first) == 3
        victim = sorted(first)[0]
        ready = server.count("ready")
        os.kill(victim, signal.SIGKILL)
        server.wait_for(lambda: server.count("ready") > ready and len(server.workers()) == 3,
                        what="a replacement worker")
        now = server.workers()
        assert victim not in now and len(now & first) == 2
        assert f"worker {victim} was killed by SIGKILL" in server.output()
        for _ in range(12):  # whichever worker takes them
            assert get(server.port, "/api/search?q=" + urllib.parse.quote(WIESBADEN))[0] == 200
    finally:
        workers = server.workers()
        assert server.stop(signal.SIGTERM) == 0
    assert workers and not any(alive(pid) for pid in workers)
    assert "Traceback" not in server.output()


def test_one_worker_per_core_by_default_and_none_outlives_a_killed_parent(index):
    from rapporteur.cli.workers import default_workers

    server = start(index)
    try:
        workers = server.workers()
        assert len(workers) == default_workers() == len(os.sched_getaffinity(0))
        assert get(server.port, "/healthz")[0] == 200
        os.kill(server.proc.pid, signal.SIGKILL)  # no chance to stop them: they notice by themselves
        server.proc.wait(timeout=30)
        server.wait_for(lambda: not any(alive(pid) for pid in workers), timeout=90, what="the orphans to stop")
    finally:
        server.stop()


def test_a_request_in_progress_when_told_to_stop_is_answered(index):
    """SIGTERM while a search runs: the worker stops accepting, the search ends (here by its 3 s
    deadline) and its answer is sent, then everything exits 0."""
    server = start(index, "--workers", "1", "--deadline", "3", slow=True)
    try:
        sock = connect(server.port, timeout=60)
        send_get(sock, slow_path())
        server.wait_for(lambda: server.count(RUNNING) >= 1, what="the slow search to start")
        workers = server.workers()
        server.proc.send_signal(signal.SIGTERM)
        status, body = read_response(sock)
        sock.close()
        assert status == 503 and json.loads(body)["timed_out"] is True
    finally:
        assert server.stop() == 0
    assert not any(alive(pid) for pid in workers)
