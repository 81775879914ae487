"""Concurrency: the real server (``rapporteur serve``, waitress) under 8 concurrent clients
while the index is rebuilt and updated; two ``index`` processes started together; ``watch``
under a burst of files that are then changed and deleted.

The consistency check needs no outside knowledge: every generated paragraph says which
record and version it belongs to and how many paragraphs that version has. A response that
mixes two versions of a record, misses one of its paragraphs, or counts a paragraph in the
total that is missing from the hits is a torn read. Across pages, ``/healthz`` before and after
brackets the sequence: when both name the same generation (generations only grow), every
page came from it, and the pages together must hold exactly ``total`` distinct paragraphs.
"""
from __future__ import annotations

import json
import random
import re
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tests.support.profile import PROFILE
from tests.support.reliability import (
    HOT, atomicity_problems, file_name, index_contents, kill, parsed_contents, percentile, pytest_command,
    record_figures, record_text, run, start, stamp, symbol_of, torn_records, write_record,
)
from tests.support.web import start_server, stop_server

SEED = 7707
CLIENTS = 8
HOT_RECORDS = 15  # at most 5 paragraphs each: the hot query's hits fit in one page of 100
Q = urllib.parse.quote(f'"{HOT}"')


class Corpus:
    """A folder of generated records whose versions the test changes between index runs."""

    def __init__(self, folder: Path, records: int, rng: random.Random):
        self.folder, self.rng = folder, rng
        folder.mkdir(parents=True, exist_ok=True)
        self.version: dict[int, int] = {}
        self.hot: set[int] = set(range(HOT_RECORDS))
        self.next = records
        for i in range(records):
            self.put(i, 1)

    def put(self, i: int, v: int) -> None:
        self.version[i] = v
        write_record(self.folder, i, v, seed=SEED, hot=i in self.hot)

    def drop(self, i: int) -> None:
        (self.folder / file_name(i)).unlink()
        del self.version[i]
        self.hot.discard(i)

    def change(self, changed: int, deleted: int, added: int, hot_share: float = 0.5) -> None:
        rng = self.rng
        hot, cold = sorted(self.hot & set(self.version)), sorted(set(self.version) - self.hot)
        n_hot = int(changed * hot_share)
        for i in rng.sample(hot, min(len(hot), n_hot)) + rng.sample(cold, changed - n_hot):
            self.put(i, self.version[i] + 1)
        for i in rng.sample(hot, 1) + rng.sample(cold, deleted - 1):
            self.drop(i)
        for k in range(added):
            i = self.next
            self.next += 1
            if k == 0:
                self.hot.add(i)
            self.put(i, 1)


def _get(url: str, timeout: float = 30.0):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


class Load:
    """8 client threads, each a seeded mix of search, record pages and API calls."""

    def __init__(self, base: str, corpus: Corpus, seconds: float):
        self.base, self.corpus, self.seconds = base, corpus, seconds
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: Counter = Counter()
        self.errors: list[str] = []
        self.torn: list[str] = []
        self.page_sequences = self.straddled = 0
        self.generations: set[int] = set()
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def call(self, kind: str, path: str, ok=(200,)):
        t0 = time.perf_counter()
        try:
            status, body = _get(self.base + path)
        except Exception as exc:  # connection refused/reset, timeout: all count as server errors
            with self.lock:
                self.errors.append(f"{kind} {path}: {type(exc).__name__}: {exc}")
            return None, None
        ms = (time.perf_counter() - t0) * 1000
        with self.lock:
            self.latency[kind].append(ms)
            self.status[status] += 1
            if status >= 500 or status not in ok:
                self.errors.append(f"{kind} {path}: HTTP {status}: {body[:200]!r}")
        return status, body

    def healthz(self) -> int | None:
        status, body = self.call("healthz", "healthz")
        if status == 200:
            gen = json.loads(body)["generation"]
            with self.lock:
                self.generations.add(gen)
            return gen
        return None

    def check(self, where: str, problems: list[str]) -> None:
        if problems:
            with self.lock:
                self.torn.extend(f"{where}: {p}" for p in problems)

    def api_search(self) -> None:
        status, body = self.call("api_search", f"api/search?q={Q}&size=100")
        if status != 200:
            return
        res = json.loads(body)
        problems = torn_records(res["hits"])
        if res["total"] != len(res["hits"]):
            problems.append(f"total {res['total']} but {len(res['hits'])} hits")
        lang_total = sum(f["count"] for f in res["facets"].get("lang", []))
        if lang_total != res["total"]:
            problems.append(f"total {res['total']} but language facet counts {lang_total}")
        if any(HOT not in h["text"] for h in res["hits"]):
            problems.append("a hit without the query")
        self.check("api/search", problems)

    def api_pages(self) -> None:
        g0 = self.healthz()
        hits, total, page = [], None, 1
        while total is None or (page - 1) * 10 < total:
            status, body = self.call("api_search_page", f"api/search?q={Q}&size=10&page={page}")
            if status != 200:
                return
            res = json.loads(body)
            total = res["total"]
            hits += res["hits"]
            page += 1
        g1 = self.healthz()
        with self.lock:
            self.page_sequences += 1
            if g0 is None or g0 != g1:
                self.straddled += 1
                return
        ids = [h["id"] for h in hits]
        problems = torn_records(hits)
        if len(ids) != total or len(set(ids)) != total:
            problems.append(f"generation {g0}: total {total}, pages held {len(ids)} hits, {len(set(ids))} distinct")
        self.check("paged api/search", problems)

    def pick_record(self, rng) -> int:
        return rng.randrange(self.corpus.next)  # sometimes deleted: 404 is a right answer then

    def api_record(self, rng) -> None:
        i = self.pick_record(rng)
        status, body = self.call("api_record", f"api/record/{symbol_of(i)}?lang=zh", ok=(200, 404))
        if status == 200:
            paras = json.loads(body)["paragraphs"]
            self.check(f"api/record {i}", torn_records([{"symbol": symbol_of(i), "text": p["text"]} for p in paras]))

    def record_page(self, rng) -> None:
        i = self.pick_record(rng)
        status, body = self.call("record_page", f"record/{symbol_of(i)}?lang=zh", ok=(200, 404))
        if status == 200:
            html = body.decode("utf-8")
            stamps = [stamp(m) for m in re.findall(r"记录\d{5}版本\d+共\d+段第\d+段", html)]
            anchors = len(re.findall(r'id="p\d+"', html))
            problems = torn_records([{"symbol": symbol_of(i), "text": f"记录{s[0]:05d}版本{s[1]}共{s[2]}段第{s[3]}段"}
                                     for s in dict.fromkeys(stamps)])
            if stamps and anchors != stamps[0][2]:
                problems.append(f"{anchors} paragraph anchors for a record of {stamps[0][2]}")
            self.check(f"record page {i}", problems)

    def search_page(self, rng) -> None:
        q = rng.choice([Q, urllib.parse.quote("出口管制"), urllib.parse.quote("防扩散 delegation:德国")])
        self.call("search_page", f"?q={q}")

    def client(self, k: int) -> None:
        rng = random.Random(SEED * 100 + k)
        actions = [self.api_search, self.api_pages, lambda: self.api_record(rng), lambda: self.record_page(rng),
                   lambda: self.search_page(rng), self.healthz]
        weights = [3, 1, 2, 2, 2, 1]
        while not self.stop.is_set():
            rng.choices(actions, weights)[0]()

    def summary(self) -> dict:
        every = [ms for values in self.latency.values() for ms in values]
        return {
            "requests": len(every),
            "p50_ms": round(percentile(every, 50), 1), "p95_ms": round(percentile(every, 95), 1),
            "p99_ms": round(percentile(every, 99), 1), "max_ms": round(max(every, default=0), 1),
            "p95_ms_by_kind": {k: round(percentile(v, 95), 1) for k, v in sorted(self.latency.items())},
            "requests_by_kind": {k: len(v) for k, v in sorted(self.latency.items())},
            "status": {str(k): v for k, v in sorted(self.status.items())},
            "server_errors": len(self.errors), "torn_reads": len(self.torn),
            "page_sequences_checked": self.page_sequences - self.straddled,
            "page_sequences_straddling_a_commit": self.straddled,
            "generations_seen": len(self.generations),
        }


def _server_under_load(tmp_path: Path, seconds: float, records: int, key: str, name: str) -> None:
    rng = random.Random(SEED)
    corpus = Corpus(tmp_path / "corpus", records, rng)
    ix, logs = tmp_path / "ix", tmp_path / "logs"
    assert run(["index", str(corpus.folder), "--index", str(ix)], logs, "build").returncode == 0
    proc, base, _out = start_server(ix)
    load = Load(base, corpus, seconds)
    writes: list[dict] = []
    write_errors: list[str] = []

    def writer():
        # The rebuild and 3 incremental updates, spread over the run.
        plan = ["update", "rebuild", "update", "update"]
        step = seconds / (len(plan) + 1)
        t0 = time.monotonic()
        for k, what in enumerate(plan, 1):
            while time.monotonic() < t0 + k * step and not load.stop.is_set():
                time.sleep(0.05)
            corpus.change(changed=max(10, records // 10), deleted=max(4, records // 50), added=max(4, records // 50))
            args = ["index", str(corpus.folder), "--index", str(ix)] + (["--rebuild"] if what == "rebuild" else [])
            res = run(args, logs, f"{what}{k}", timeout=300)
            writes.append({"what": what, "seconds": round(res.seconds, 2), "summary": res.stdout.strip()})
            if res.returncode != 0:
                write_errors.append(f"{what}: {res.stderr}")

    threads = [threading.Thread(target=load.client, args=(k,), daemon=True) for k in range(CLIENTS)]
    w = threading.Thread(target=writer, daemon=True)
    try:
        t0 = time.monotonic()
        for t in threads:
            t.start()
        w.start()
        time.sleep(seconds)
        w.join(timeout=300)  # the last update finishes under load too
        load.stop.set()
        for t in threads:
            t.join(timeout=60)
        elapsed = time.monotonic() - t0
        # After the load: the server answers from the final index, which equals the folder.
        final_gen = load.healthz()
    finally:
        load.stop.set()
        stop_server(proc)
    fig = load.summary()
    fig["timeouts"] = sum("TimeoutError" in e for e in load.errors)
    fig["first_errors"] = load.errors[:5]
    record_figures(
        key,
        title=f"Server under {CLIENTS} concurrent clients for {seconds:g} s while the index changes",
        tried=(f"{CLIENTS} clients × {elapsed:.0f} s: {fig['requests']:,} requests (search, record pages, API; "
               f"{fig['page_sequences_checked'] + fig['page_sequences_straddling_a_commit']} multi-page reads) on "
               f"{records} records while `index --rebuild` and 3 incremental updates ran "
               f"({fig['generations_seen']} generations served)"),
        held=(f"{fig['server_errors']} server errors (5xx, connection or >30 s timeout: {fig['timeouts']}), {fig['torn_reads']} torn reads; "
              f"p50 {fig['p50_ms']} ms, p95 {fig['p95_ms']} ms, p99 {fig['p99_ms']} ms"),
        command=pytest_command(f"tests/reliability/test_concurrency.py::{name}"),
        seconds=round(elapsed, 1), records=records, writes=writes, **fig,
    )
    assert not write_errors, write_errors
    assert len(writes) == 4
    assert not load.errors, load.errors[:10]
    assert not load.torn, load.torn[:10]
    contents = index_contents(ix)
    assert contents.paragraphs == parsed_contents(corpus.folder)
    assert final_gen == contents.generation
    assert fig["requests"] > 0 and fig["page_sequences_checked"] > 0


def test_server_under_load_while_reindexing_short(tmp_path):
    _server_under_load(tmp_path, seconds=10, records=60, key="concurrency_server_10s",
                       name="test_server_under_load_while_reindexing_short")


@pytest.mark.slow
def test_server_under_load_while_reindexing(tmp_path):
    """The profile's load run: 60 s on 400 records under ``thorough``."""
    _server_under_load(tmp_path, seconds=PROFILE.load_seconds, records=PROFILE.load_records,
                       key="concurrency_server_60s", name="test_server_under_load_while_reindexing")


def test_two_index_processes_started_together(tmp_path):
    rng = random.Random(SEED)
    corpus = Corpus(tmp_path / "corpus", 150, rng)
    ix, logs = tmp_path / "ix", tmp_path / "logs"
    outcomes = []
    # Round 1: both may wait (default --wait): both succeed, one of them after waiting.
    # Round 2: after changes, neither waits (--wait 0): one writes, the other exits 1 with one line.
    for rnd, wait in enumerate(("30", "0")):
        if rnd:
            corpus.change(changed=40, deleted=5, added=5)
        procs = [start(["index", str(corpus.folder), "--index", str(ix), "--wait", wait], logs, f"r{rnd}p{k}")
                 for k in range(2)]
        try:
            done = [p.wait(timeout=300) for p in procs]
        finally:
            for p in procs:
                kill(p)
        outs = [(p.returncode, p.log_paths[0].read_text(), p.log_paths[1].read_text()) for p in procs]
        for code, out, err in outs:
            assert "Traceback" not in err
        if wait == "30":
            assert done == [0, 0], outs
            firsts = sorted(out.split(",")[0] for _c, out, _e in outs)
            assert firsts == ["added 0", "added 150"], outs  # the second found the work done
            assert any("waiting for process" in err for _c, _o, err in outs), outs
        else:
            assert sorted(done) in ([0, 1], [0, 0]), outs
            for code, out, err in outs:
                if code == 1:
                    lines = err.strip().splitlines()  # "waiting for process N…", then why it gave up
                    assert len(lines) <= 2 and "is being written by process" in lines[-1], err
        outcomes.append(sorted(done))
        contents = index_contents(ix)
        assert not atomicity_problems(contents, {k: [v] for k, v in parsed_contents(corpus.folder).items()})
        assert contents.paragraphs == parsed_contents(corpus.folder)
    record_figures(
        "concurrency_two_writers",
        title="Two `rapporteur index` processes started together",
        tried="2 rounds of two simultaneous runs on 150 records: with --wait 30, then (after changes) with --wait 0",
        held=f"exit codes {outcomes[0]} (one waited, then found nothing to do) and {outcomes[1]} (the other gave up "
             "with one line); index = folder, no duplicate ids",
        command=pytest_command("tests/reliability/test_concurrency.py::test_two_index_processes_started_together"),
        exit_codes=outcomes,
    )


def test_watch_burst_of_100_files_changed_and_deleted(tmp_path):
    folder, ix, logs = tmp_path / "watched", tmp_path / "ix", tmp_path / "logs"
    folder.mkdir()
    write_record(folder, 9999, 1, seed=SEED)  # something to index before the burst
    proc = start(["watch", str(folder), "--index", str(ix)], logs, "watch")
    rng = random.Random(SEED)
    try:
        deadline = time.monotonic() + 60
        while "watching" not in proc.log_paths[0].read_text():
            assert proc.poll() is None and time.monotonic() < deadline, proc.log_paths[1].read_text()
            time.sleep(0.05)
        t0 = time.monotonic()
        for i in range(100):  # dropped at once, written in place (not renamed into place)
            (folder / file_name(i)).write_text(_text(i, 1), encoding="utf-8")
        changed = rng.sample(range(100), 20)
        deleted = rng.sample(sorted(set(range(100)) - set(changed)), 15)
        for i in changed:
            (folder / file_name(i)).write_text(_text(i, 2), encoding="utf-8")
        for i in deleted:
            (folder / file_name(i)).unlink()
        burst = time.monotonic() - t0  # recorded, not asserted
        expected = parsed_contents(folder)
        deadline = time.monotonic() + 90
        while True:
            try:
                contents = index_contents(ix)
                if contents.paragraphs == expected and set(contents.records) == set(expected):
                    break
            except Exception:  # noqa: BLE001 (an index mid-commit is read again)
                pass
            assert proc.poll() is None, proc.log_paths[1].read_text()
            assert time.monotonic() < deadline, "the index never matched the folder"
            time.sleep(0.2)
        settled = time.monotonic() - t0
        assert len(set(contents.para_ids)) == contents.paragraph_count
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except Exception:  # noqa: BLE001
                pass
        kill(proc)
    out, err = proc.log_paths[0].read_text(), proc.log_paths[1].read_text()
    assert "Traceback" not in err + out
    record_figures(
        "concurrency_watch",
        title="`rapporteur watch`: 100 files dropped at once, then changed and deleted",
        tried=f"100 files written, 20 rewritten and 15 deleted within {burst * 1000:.0f} ms",
        held=f"index matched the folder exactly ({len(expected)} records, {contents.paragraph_count} paragraphs) "
             f"{settled:.1f} s after the burst; no duplicate ids, no traceback",
        command=pytest_command("tests/reliability/test_concurrency.py::test_watch_burst_of_100_files_changed_and_deleted"),
        files=100, changed=20, deleted=15, burst_ms=round(burst * 1000), settled_s=round(settled, 1),
    )


def _text(i: int, v: int) -> str:
    return record_text(i, v, seed=SEED)
