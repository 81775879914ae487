"""Served search: a real ``rapporteur serve`` on loopback under a bounded Python load loop.

The server is started as a subprocess on 127.0.0.1 with port 0 (it prints the port it got),
with the server's own defaults (its default ``--deadline`` and ``--workers``, both read back
from the line it prints) and the result cache off (``RAPPORTEUR_RESULT_CACHE=0`` unless the
environment sets it: the bench repeats its queries, so a cache would answer them from memory).
``clients`` threads, each with its own keep-alive ``http.client`` connection, send
``/api/search?q=…`` for the benchmark's queries in turn until ``seconds`` have passed (and
at most ``MAX_REQUESTS_PER_CLIENT`` each). A 503 with ``"timed_out"`` in its JSON (the search
passed the server's deadline) is counted as ``timed_out``; any other status than 200, or a
failed request, counts as an error. The server's peak RSS is sampled meanwhile.

With ``attack`` (the worst queries of :mod:`bench.worst`), a second phase of the same length
follows on the same server: the same ``clients`` normal clients plus one more sending the
worst queries in a loop; the normal clients' req/s and p95 beside those of the first phase say
whether the others were affected. The loop only ever talks to the loopback address of the
server it started, and stops by itself.
"""
from __future__ import annotations

import http.client
import json
import os
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
_WORKERS = re.compile(r"\((\d+) worker process")
_STOPS = re.compile(r"searches stop after ([\d.]+) s")


ROOT = Path(__file__).resolve().parent.parent


def _command() -> list[str]:
    """``rapporteur`` from this source tree (run with cwd=ROOT): the same entry point as the
    installed script, but always the code beside the benchmark, even in a snapshot of it."""
    return [sys.executable, "-c", "import sys; from rapporteur.cli.main import main; sys.argv[0] = 'rapporteur'; main()"]


def _start(index_dir: Path, threads: int, info: dict | None = None) -> tuple[subprocess.Popen, int]:
    errlog = tempfile.TemporaryFile(mode="w+")  # never a pipe nobody reads: waitress logs under load
    env = dict(os.environ)
    env.setdefault("RAPPORTEUR_RESULT_CACHE", "0")
    proc = subprocess.Popen(_command() + ["serve", "--index", str(index_dir), "--host", HOST, "--port", "0",
                                          "--threads", str(threads)],
                            stdout=subprocess.PIPE, stderr=errlog, text=True, cwd=str(ROOT), env=env)
    found: list[int] = []
    lines: list[str] = []

    def read():
        for line in proc.stdout:
            m = _URL.search(line)
            if m:
                found.append(int(m.group(1)))
                lines.append(line.strip())
                break
        for _ in proc.stdout:  # keep reading: a full stdout pipe would block the server
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 120
    while not found and reader.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    if not found:
        proc.kill()
        proc.wait()
        errlog.seek(0)
        raise RuntimeError(f"rapporteur serve did not start: {errlog.read()[-2000:]}")
    if info is not None:
        line = lines[0] if lines else ""
        info["announce"] = line
        w, s = _WORKERS.search(line), _STOPS.search(line)
        info["workers"] = int(w.group(1)) if w else None
        info["deadline_s"] = float(s.group(1)) if s else (None if "no search deadline" in line else "?")
        info["result_cache"] = env["RAPPORTEUR_RESULT_CACHE"]
    return proc, found[0]


class _Tally:
    """One client's counts: latencies of the 200s, 503 timed_out, 400 refusals, other errors."""

    def __init__(self):
        self.lat: list[float] = []
        self.timed_out = 0
        self.timed_out_ms: list[float] = []
        self.refused = 0
        self.errors: list[str] = []
        self.codes: dict[int, int] = {}
        self.end = 0.0  # perf_counter when its last answer came


def _client(port: int, paths: list[str], offset: int, deadline: float, tally: _Tally, refusals_ok: bool = False):
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
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
            body = resp.read()
            ms = (time.perf_counter() - t0) * 1000
            tally.codes[resp.status] = tally.codes.get(resp.status, 0) + 1
            if resp.status == 200:
                tally.lat.append(ms)
                continue
            try:
                doc = json.loads(body)
            except ValueError:
                doc = {}
            if resp.status == 503 and isinstance(doc, dict) and doc.get("timed_out"):
                tally.timed_out += 1
                tally.timed_out_ms.append(ms)
            elif refusals_ok and resp.status == 400 and isinstance(doc, dict) and doc.get("limit"):
                tally.refused += 1
            else:
                tally.errors.append(f"{resp.status} {path[:200]}")
        except (OSError, http.client.HTTPException) as exc:
            tally.errors.append(f"{type(exc).__name__}: {exc} {path[:200]}")
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.close()
    tally.end = time.perf_counter()


def _load(port: int, paths: list[str], clients: int, seconds: float, pid: int,
          attack_paths: list[str] | None = None) -> dict:
    """One timed phase: ``clients`` normal clients (+ one attacker with ``attack_paths``)."""
    tallies = [_Tally() for _ in range(clients)]
    deadline = time.monotonic() + seconds
    workers = [threading.Thread(target=_client, args=(port, paths, k * 7, deadline, tallies[k]))
               for k in range(clients)]
    attacker = _Tally()
    if attack_paths:
        workers.append(threading.Thread(target=_client, args=(port, attack_paths, 0, deadline, attacker, True)))
    with PeakRSS(pid, interval=0.2) as rss:
        t0 = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    # The normal clients' own span: the attacker's last request may still run past theirs.
    wall = max((t.end for t in tallies), default=t0) - t0
    all_lat = [x for t in tallies for x in t.lat]
    all_err = [x for t in tallies for x in t.errors]
    timed_out = sum(t.timed_out for t in tallies)
    status: dict[int, int] = {}
    for t in tallies:
        for k, v in t.codes.items():
            status[k] = status.get(k, 0) + v
    pct = percentiles(all_lat)
    out = {"clients": clients, "seconds": wall,
           "requests": len(all_lat) + timed_out + len(all_err), "ok": len(all_lat), "timed_out": timed_out,
           "errors": len(all_err), "error_examples": all_err[:5], "status": {str(k): v for k, v in status.items()},
           "rps": len(all_lat) / wall if wall else 0.0, "p50_ms": pct["p50"], "p95_ms": pct["p95"],
           "p99_ms": pct["p99"], "server_peak_rss_bytes": rss.peak}
    if attack_paths:
        apct = percentiles(attacker.lat + attacker.timed_out_ms)
        out["attacker"] = {"requests": len(attacker.lat) + attacker.timed_out + attacker.refused + len(attacker.errors),
                           "ok": len(attacker.lat), "timed_out": attacker.timed_out, "refused": attacker.refused,
                           "errors": len(attacker.errors), "error_examples": attacker.errors[:5],
                           "status": {str(k): v for k, v in attacker.codes.items()},
                           "p50_ms": apct["p50"], "max_ms": apct["max"]}
    return out


def _path(q: str, size: int | None = None) -> str:
    params = {"q": q}
    if size:
        params["size"] = str(size)
    return "/api/search?" + urllib.parse.urlencode(params)


def run(index_dir: Path, queries: list[Query], seconds: float, clients: int = 8, threads: int = 8,
        attack: list[dict] | None = None, attack_seconds: float | None = None) -> dict:
    """The served phase (and, with ``attack``, the attacked phase after it) on one server."""
    info: dict = {}
    proc, port = _start(index_dir, threads, info)
    try:
        paths = [_path(q.q) for q in queries]
        # Warm the server: every query once.
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        for p in paths:
            conn.request("GET", p)
            conn.getresponse().read()
        conn.close()
        result = _load(port, paths, clients, seconds, proc.pid)
        result.update(server_threads=threads, server_workers=info.get("workers"),
                      deadline_s=info.get("deadline_s"), result_cache=info.get("result_cache"),
                      server_announce=info.get("announce"), load="python http.client threads")
        if attack:
            attack_paths = [_path(w["q"], w.get("size")) for w in attack]
            attacked = _load(port, paths, clients, attack_seconds or seconds, proc.pid, attack_paths)
            attacked["baseline_rps"] = result["rps"]
            attacked["baseline_p95_ms"] = result["p95_ms"]
            attacked["p95_ratio"] = (attacked["p95_ms"] / result["p95_ms"]
                                     if attacked["p95_ms"] and result["p95_ms"] else None)
            attacked["rps_ratio"] = attacked["rps"] / result["rps"] if result["rps"] else None
            attacked["note"] = (f"{clients} normal clients + 1 sending the {len(attack)} worst queries in a loop; "
                                "baseline_*: the same normal clients without it (the phase before)")
            result["attack"] = attacked
        return result
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
