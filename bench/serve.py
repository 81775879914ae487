"""Served search: a real ``rapporteur serve`` on loopback under a bounded Python load loop.

The server is started as a subprocess on 127.0.0.1 with port 0 (it prints the port it got).
``clients`` threads, each with its own keep-alive ``http.client`` connection, send
``/api/search?q=…`` for the benchmark's queries in turn until ``seconds`` have passed (and
at most ``MAX_REQUESTS_PER_CLIENT`` each). Any status other than 200, or a failed request,
counts as an error. The server's peak RSS is sampled meanwhile. The loop only ever talks to
the loopback address of the server it started, and stops by itself.
"""
from __future__ import annotations

import http.client
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from bench.indexing import PeakRSS
from bench.queries import Query, percentiles

HOST = "127.0.0.1"
MAX_REQUESTS_PER_CLIENT = 200_000
_URL = re.compile(r"http://127\.0\.0\.1:(\d+)/")


ROOT = Path(__file__).resolve().parent.parent


def _command() -> list[str]:
    """``rapporteur`` from this source tree (run with cwd=ROOT): the same entry point as the
    installed script, but always the code beside the benchmark, even in a snapshot of it."""
    return [sys.executable, "-c", "import sys; from rapporteur.cli.main import main; sys.argv[0] = 'rapporteur'; main()"]


def _start(index_dir: Path, threads: int) -> tuple[subprocess.Popen, int]:
    errlog = tempfile.TemporaryFile(mode="w+")  # never a pipe nobody reads: waitress logs under load
    proc = subprocess.Popen(_command() + ["serve", "--index", str(index_dir), "--host", HOST, "--port", "0",
                                          "--threads", str(threads)],
                            stdout=subprocess.PIPE, stderr=errlog, text=True, cwd=str(ROOT))
    found: list[int] = []

    def read():
        for line in proc.stdout:
            m = _URL.search(line)
            if m:
                found.append(int(m.group(1)))
                break

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=120)
    if not found:
        proc.kill()
        proc.wait()
        errlog.seek(0)
        raise RuntimeError(f"rapporteur serve did not start: {errlog.read()[-2000:]}")
    return proc, found[0]


def _client(port: int, paths: list[str], offset: int, deadline: float, lat: list, errors: list, codes: dict):
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    i = offset
    sent = 0
    while time.monotonic() < deadline and sent < MAX_REQUESTS_PER_CLIENT:
        path = paths[i % len(paths)]
        i += 1
        sent += 1
        t0 = time.perf_counter()
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            ms = (time.perf_counter() - t0) * 1000
            codes[resp.status] = codes.get(resp.status, 0) + 1
            if resp.status == 200:
                lat.append(ms)
            else:
                errors.append(f"{resp.status} {path}")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{type(exc).__name__}: {exc} {path}")
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.close()


def run(index_dir: Path, queries: list[Query], seconds: float, clients: int = 8, threads: int = 8) -> dict:
    proc, port = _start(index_dir, threads)
    try:
        paths = ["/api/search?" + urllib.parse.urlencode({"q": q.q}) for q in queries]
        # Warm the server: every query once.
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        for p in paths:
            conn.request("GET", p)
            conn.getresponse().read()
        conn.close()
        lats = [[] for _ in range(clients)]
        errs = [[] for _ in range(clients)]
        codes: list[dict] = [{} for _ in range(clients)]
        deadline = time.monotonic() + seconds
        workers = [threading.Thread(target=_client, args=(port, paths, k * 7, deadline, lats[k], errs[k], codes[k]))
                   for k in range(clients)]
        with PeakRSS(proc.pid, interval=0.2) as rss:
            t0 = time.perf_counter()
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            wall = time.perf_counter() - t0
        all_lat = [x for part in lats for x in part]
        all_err = [x for part in errs for x in part]
        status: dict[int, int] = {}
        for c in codes:
            for k, v in c.items():
                status[k] = status.get(k, 0) + v
        pct = percentiles(all_lat)
        return {"clients": clients, "server_threads": threads, "seconds": wall,
                "requests": len(all_lat) + len(all_err), "ok": len(all_lat), "errors": len(all_err),
                "error_examples": all_err[:5], "status": {str(k): v for k, v in status.items()},
                "rps": len(all_lat) / wall if wall else 0.0, "p50_ms": pct["p50"], "p95_ms": pct["p95"],
                "p99_ms": pct["p99"], "server_peak_rss_bytes": rss.peak, "load": "python http.client threads"}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
