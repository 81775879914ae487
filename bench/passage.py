"""Pasted passages: a window of a corpus paragraph searched as the query, and where its source ranks.

About :data:`COUNT` paragraphs are drawn by seed (of at least :data:`MIN_CHARS` characters where
there are such, Chinese and English alike when the corpus has both); the query is a window of
up to :data:`WINDOW` characters of the paragraph's text (the whole text when it is shorter),
never more than the engine reads (``MAX_QUERY_CHARS``). Each goes through ``Engine.search``
as a user's pasted text would: page 1, size 10, snippets and facets, result cache off; one
untimed pass (which also gives the rank of the source paragraph, matched by symbol, language
and paragraph number), then ``repeat`` timed rounds.
"""
from __future__ import annotations

import random
import statistics
import time
import unicodedata

from bench.queries import percentiles, summarise_rounds

COUNT = 10
MIN_CHARS = 600
WINDOW = 2000


def max_chars() -> int:
    """The longest query the engine reads whole (``MAX_QUERY_CHARS``), at most :data:`WINDOW`."""
    import importlib

    for name in ("rapporteur.search.query", "rapporteur.search.parse"):  # where it was, where it may move
        try:
            return min(WINDOW, int(importlib.import_module(name).MAX_QUERY_CHARS))
        except (ImportError, AttributeError):
            continue
    return WINDOW


def _window(rng: random.Random, text: str, limit: int) -> str:
    if len(text) <= limit:
        window = text
    else:
        start = rng.randrange(len(text) - limit + 1)
        window = text[start:start + limit]
    # The engine normalises (NFKC) before it cuts: never let that push the window over.
    while window and len(unicodedata.normalize("NFKC", window)) > limit:
        window = window[:-1]
    return window.strip()


def draw(paragraphs: list[dict], seed: int, count: int = COUNT) -> list[dict]:
    """``count`` passages: ``{"symbol", "lang", "n", "source_chars", "q"}``, by seed."""
    rng = random.Random(seed * 104729 + 7)
    limit = max_chars()
    by_lang: dict[str, list[int]] = {}
    for i, p in enumerate(paragraphs):
        by_lang.setdefault(p.get("lang") or "?", []).append(i)
    langs = sorted(by_lang)
    picked: list[int] = []
    chosen: set[int] = set()
    # An even share per language (zh and en both, when present), the long paragraphs first.
    per_lang = {lang: count // len(langs) + (1 if k < count % len(langs) else 0) for k, lang in enumerate(langs)} \
        if langs else {}
    for lang in langs:
        pool = by_lang[lang]
        long_ = [i for i in pool if len(paragraphs[i]["text"]) >= MIN_CHARS]
        short = [i for i in pool if len(paragraphs[i]["text"]) < MIN_CHARS and paragraphs[i]["text"].strip()]
        want = per_lang[lang]
        for source in (long_, sorted(short, key=lambda i: -len(paragraphs[i]["text"]))):
            if want <= 0:
                break
            take = rng.sample(source, min(want, len(source))) if source is long_ else source[:want]
            for i in take:
                if i not in chosen:
                    chosen.add(i)
                    picked.append(i)
                    want -= 1
    out = []
    for i in picked:
        p = paragraphs[i]
        q = _window(rng, p["text"], limit)
        if q:
            out.append({"symbol": p.get("symbol"), "lang": p.get("lang"), "n": p.get("n"),
                        "source_chars": len(p["text"]), "q": q})
    return out


def _notice(notice) -> str | None:
    """The result's notice as text for the JSON report (a string, or an object that prints as one)."""
    return None if notice is None else notice if isinstance(notice, str) else str(notice)


def _same(hit: dict, passage: dict) -> bool:
    return (hit.get("symbol"), hit.get("lang"), str(hit.get("n"))) == \
        (passage["symbol"], passage["lang"], str(passage["n"]))


def run(index_dir, passages: list[dict], repeat: int) -> dict:
    from rapporteur.search.engine import Engine, SearchRequest

    engine = Engine(index_dir, cache_size=0)  # uncached, no deadline: as the queries section
    try:
        rows = []
        for p in passages:  # the untimed pass: warm-up, ranks and notices
            row = {"symbol": p["symbol"], "lang": p["lang"], "n": p["n"], "chars": len(p["q"]),
                   "source_chars": p["source_chars"]}
            try:
                res = engine.search(SearchRequest(q=p["q"], page=1, size=10))
            except Exception as exc:  # noqa: BLE001 - reported, not raised: one bad passage is a figure
                row.update(error=f"{type(exc).__name__}: {exc}", rank=None, total=None)
            else:
                rank = next((k + 1 for k, h in enumerate(res.hits) if _same(h, p)), None)
                row.update(rank=rank, total=res.total, notice=_notice(res.notice))
                if rank != 1 and res.hits:
                    top = res.hits[0]
                    row["top"] = f"{top.get('symbol')}:{top.get('lang')}:{top.get('n')}"
            rows.append(row)
        live = [k for k, r in enumerate(rows) if "error" not in r]
        per = {k: [] for k in live}
        rounds = []
        for _ in range(max(1, repeat)):
            lat = []
            for k in live:
                t0 = time.perf_counter()
                engine.search(SearchRequest(q=passages[k]["q"], page=1, size=10))
                ms = (time.perf_counter() - t0) * 1000
                lat.append(ms)
                per[k].append(ms)
            rounds.append(lat)
        for k in live:
            rows[k]["ms"] = statistics.median(per[k])
        summary = summarise_rounds(rounds) if live else {}
        at1 = sum(1 for r in rows if r.get("rank") == 1)
        return {"count": len(rows), "max_chars": max_chars(), "repeat": repeat,
                "p50": summary.get("p50"), "p95": summary.get("p95"), "max": summary.get("max"),
                "p95_spread": summary.get("p95_spread"),
                "all_ms": percentiles([x for r in rounds for x in r]),
                "rank1": at1, "rank1_share": at1 / len(rows) if rows else None,
                "in_top10": sum(1 for r in rows if r.get("rank")), "errors": len(rows) - len(live),
                "passages": rows}
    finally:
        engine.close()
