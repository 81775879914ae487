"""About 50 queries drawn from the corpus by seed, and their latency through ``Engine.search``.

Kinds: single words, two or three words, quoted phrases, ``delegation:`` and ``lang:``
filters, and very common terms. Latency is what a user waits for: the real
``Engine.search`` with snippets and facet counts, page 1, size 10, warm (one untimed pass
first) but with the engine's result-page cache off, so every timed search does the work;
over ``repeat`` rounds, each round gives p50/p95/p99 and the report keeps the median and
the spread (min–max) across rounds.
"""
from __future__ import annotations

import random
import re
import statistics
import time
from dataclasses import dataclass

from bench.sources import _HAN

COMMON = ["委员会", "国家", "security", "联合国", "国际"]
_EN_WORD = re.compile(r"[A-Za-z]{5,}")
_EN_STOP = {"which", "their", "there", "these", "those", "would", "should", "could", "about", "other",
            "where", "while", "being", "after", "before", "because", "through", "between", "under"}


@dataclass
class Query:
    kind: str
    q: str


def _words(text: str, lang: str) -> list[str]:
    if lang == "zh":
        from rapporteur.indexer.analysis.segmentation import jieba, segmenter

        segmenter()
        return [w for w in jieba.lcut(text) if len(w) >= 2 and all(_HAN.match(c) for c in w)]
    return [w.lower() for w in _EN_WORD.findall(text) if w.lower() not in _EN_STOP]


def _phrase(rng: random.Random, text: str, lang: str) -> str | None:
    if lang == "zh":
        runs = [m.group(0) for m in re.finditer(r"[\u4e00-\u9fff]{6,}", text)]
        if not runs:
            return None
        run = rng.choice(runs)
        size = rng.randint(4, min(8, len(run)))
        start = rng.randrange(len(run) - size + 1)
        return run[start:start + size]
    words = [t.strip(".,;:!?()\"“”’'") for t in text.split()]
    if len(words) < 4:
        return None
    size = rng.randint(2, 3)
    start = rng.randrange(len(words) - size + 1)
    window = words[start:start + size]
    if not all(re.fullmatch(r"[A-Za-z]{2,}", w) for w in window):
        return None
    return " ".join(window)


def draw(paragraphs: list[dict], seed: int) -> list[Query]:
    """The benchmark's queries: 12 single words, 10 of 2–3 words, 10 phrases, 8 delegation
    filters, 5 language filters, 5 common terms (50)."""
    rng = random.Random(seed * 7919 + 1)
    out: list[Query] = []

    def pick():
        while True:
            p = rng.choice(paragraphs)
            words = _words(p["text"], p["lang"])
            if words:
                return p, words

    while len(out) < 12:
        p, words = pick()
        out.append(Query("word", rng.choice(words)))
    while len(out) < 22:
        p, words = pick()
        uniq = list(dict.fromkeys(words))
        if len(uniq) >= 2:
            out.append(Query("words", " ".join(rng.sample(uniq, min(len(uniq), rng.randint(2, 3))))))
    while len(out) < 32:
        p = rng.choice(paragraphs)
        ph = _phrase(rng, p["text"], p["lang"])
        if ph:
            out.append(Query("phrase", f'"{ph}"'))
    with_deleg = [p for p in paragraphs if p.get("delegation")]
    while len(out) < 40 and with_deleg:
        p = rng.choice(with_deleg)
        words = _words(p["text"], p["lang"])
        if words:
            deleg = f'"{p["delegation"]}"' if " " in p["delegation"] else p["delegation"]
            out.append(Query("delegation", f"{rng.choice(words)} delegation:{deleg}"))
    while len(out) < 45:
        p, words = pick()
        out.append(Query("lang", f"{rng.choice(words)} lang:{p['lang']}"))
    out += [Query("common", c) for c in COMMON]
    return out


def percentiles(values: list[float]) -> dict:
    v = sorted(values)

    def pct(p):
        if not v:
            return None
        k = (len(v) - 1) * p / 100
        lo = int(k)
        hi = min(lo + 1, len(v) - 1)
        return v[lo] + (v[hi] - v[lo]) * (k - lo)

    return {"p50": pct(50), "p95": pct(95), "p99": pct(99), "max": v[-1] if v else None}


def summarise_rounds(rounds: list[list[float]]) -> dict:
    """Per-round percentiles → median and spread of each."""
    per = [percentiles(r) for r in rounds]
    out = {}
    for key in ("p50", "p95", "p99", "max"):
        vals = [p[key] for p in per if p[key] is not None]
        out[key] = statistics.median(vals) if vals else None
        out[f"{key}_spread"] = [min(vals), max(vals)] if vals else None
    return out


def time_queries(run_one, queries: list[Query], repeat: int) -> dict:
    """``run_one(query) -> total hits``; one warm-up pass, then ``repeat`` timed rounds (ms)."""
    totals = [run_one(q) for q in queries]  # warm-up, and the hit counts
    rounds = []
    per_query = [[] for _ in queries]
    for _ in range(max(1, repeat)):
        lat = []
        for i, q in enumerate(queries):
            t0 = time.perf_counter()
            run_one(q)
            ms = (time.perf_counter() - t0) * 1000
            lat.append(ms)
            per_query[i].append(ms)
        rounds.append(lat)
    summary = summarise_rounds(rounds)
    summary["queries"] = [{"kind": q.kind, "q": q.q, "hits": totals[i], "median_ms": statistics.median(per_query[i])}
                          for i, q in enumerate(queries)]
    return summary


def ours(index_dir, queries: list[Query], repeat: int) -> dict:
    from rapporteur.search.engine import Engine, SearchRequest

    engine = Engine(index_dir, cache_size=0)  # uncached: every timed search does the work
    try:
        def run_one(q: Query) -> int:
            res = engine.search(SearchRequest(q=q.q, page=1, size=10))
            assert all("snippet" in h for h in res.hits)
            return res.total

        return time_queries(run_one, queries, repeat)
    finally:
        engine.close()
