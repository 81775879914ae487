"""The worst queries we could build, and what they cost.

A fixed list of adversarial queries (:func:`build`): many short common words, quoted common
words, a phrase of stop words, a token that splits into 251 words, single common Han
characters, one-letter prefixes, 2,000-character passages of the commonest words. The common
words and characters are counted in a seeded sample of the corpus (a fixed English list
stands in when it has no English). Each query goes through ``Engine.search`` with the
server's default deadline (``rapporteur serve --deadline``), result cache off, at the
largest page size: ``1 + repeat`` runs, each timed (the first is the coldest), and the
outcome: ``ok`` (with the hit count), ``timed_out`` (``SearchTimeout``), ``too_costly``
(``QueryTooCostly``, refused before any work) or ``error``.

The served half (one client sending these in a loop while the others send the normal
queries) is in :mod:`bench.serve`.
"""
from __future__ import annotations

import collections
import random
import re
import statistics
import time

from bench.passage import _notice, max_chars

PAGE_SIZE = 100  # the engine's MAX_PAGE_SIZE: the most work one page asks for
EN_COMMON = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "be", "its",
             "this", "it", "was", "are", "which", "at", "from", "an", "had", "has", "have", "not", "were", "or",
             "all", "their", "been", "would", "should", "states", "united", "nations", "committee", "also",
             "said", "he", "his", "she", "her", "they", "there", "those", "such", "any", "more"]
TWO_LETTER = ["of", "to", "in", "is", "on", "as", "by", "be", "it", "at", "an", "or", "we", "he", "no", "so",
              "up", "if", "do", "us", "my", "me", "am", "go", "un", "eu", "mr", "ms", "dr", "st"]
UNKNOWN = "qzxjvkwq"
_EN = re.compile(r"[a-z]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def default_deadline() -> float | None:
    """``rapporteur serve``'s default ``--deadline`` (None: no limit), read from the command."""
    try:
        from rapporteur.cli.serve_cmd import serve_command

        for param in serve_command.params:
            if param.name == "deadline":
                value = float(param.default)
                return None if value == 0 else value
    except Exception:  # noqa: BLE001 - the CLI moved: the documented default
        pass
    return 5.0


def _page_size() -> int:
    try:
        from rapporteur.search.engine import MAX_PAGE_SIZE

        return min(PAGE_SIZE, int(MAX_PAGE_SIZE))
    except ImportError:  # pragma: no cover
        return 10


def _counts(paragraphs: list[dict], seed: int, sample: int = 3000):
    rng = random.Random(seed * 31337 + 3)
    en = [p for p in paragraphs if p.get("lang") == "en"]
    zh = [p for p in paragraphs if p.get("lang") == "zh"]
    en_words: collections.Counter = collections.Counter()
    for p in rng.sample(en, min(sample, len(en))):
        en_words.update(_EN.findall(p["text"].lower()))
    zh_chars: collections.Counter = collections.Counter()
    zh_words: collections.Counter = collections.Counter()
    zh_sample = rng.sample(zh, min(sample, len(zh)))
    for p in zh_sample:
        zh_chars.update(_HAN.findall(p["text"]))
    if zh_sample:
        from bench.queries import _words

        for p in zh_sample[:1000]:
            zh_words.update(_words(p["text"], "zh"))
    return en_words, zh_chars, zh_words


def _fill(words: list[str], limit: int, sep: str) -> str:
    out, k = "", 0
    while words:
        nxt = (out + sep if out else "") + words[k % len(words)]
        if len(nxt) > limit:
            break
        out, k = nxt, k + 1
    return out


def build(paragraphs: list[dict], seed: int) -> list[dict]:
    """The adversarial queries: ``{"name", "q", "size"}``."""
    en_words, zh_chars, zh_words = _counts(paragraphs, seed)
    size = _page_size()
    limit = max_chars()
    common = [w for w, _ in en_words.most_common(60)] or EN_COMMON
    two = list(dict.fromkeys([w for w, _ in en_words.most_common() if len(w) == 2][:50] + TWO_LETTER))
    letters = "abcdefghijklmnopqrstuvwxyz"
    two += [a + b for a in letters for b in letters if a + b not in two]
    two = two[:50]
    han = [c for c, _ in zh_chars.most_common(40)]
    han += [c for c in "的国和会在委员议是对了中及有为与各以进行际合作人权发展安全理事这上说代表团问题报告决定支持重要方面我们" if c not in han]
    han = han[:40]
    zh_common = [w for w, _ in zh_words.most_common(60)] or han
    out = [
        {"name": "50 two-letter words + 1 unknown", "q": " ".join(two + [UNKNOWN])},
        {"name": 'quoted "the" "of" "and"', "q": '"the" "of" "and"'},
        {"name": "10 common words", "q": "the of and to in a is that for on"},
        {"name": 'phrase "the of and"', "q": '"the of and"'},
        {"name": "a:a:… (250 colons)", "q": ":".join(["a"] * 251)},
        {"name": "40 common Han characters", "q": " ".join(han)},
        {"name": "10 one-letter prefixes", "q": " ".join(f"{c}*" for c in "tasiopcdmr")},
        {"name": "2,000-char passage of common words (en)", "q": _fill(common, limit, " ")},
        {"name": "2,000-char passage of common words (zh)", "q": _fill(zh_common, limit, "")},
    ]
    for q in out:
        q["size"] = size
        q["chars"] = len(q["q"])
    return out


def run(index_dir, worst: list[dict], repeat: int, deadline: float | None) -> dict:
    from rapporteur.search.deadline import SearchTimeout
    from rapporteur.search.engine import Engine, SearchRequest
    from rapporteur.search.limits import QueryTooCostly

    engine = Engine(index_dir, cache_size=0, deadline=deadline)
    rows = []
    try:
        for w in worst:
            times, outcomes = [], collections.Counter()
            row = {"name": w["name"], "chars": w["chars"], "size": w["size"], "q": w["q"][:120]}
            for _ in range(1 + max(1, repeat)):
                t0 = time.perf_counter()
                try:
                    res = engine.search(SearchRequest(q=w["q"], page=1, size=w["size"]))
                except SearchTimeout:
                    outcomes["timed_out"] += 1
                except QueryTooCostly as exc:
                    outcomes["too_costly"] += 1
                    row["limit"] = getattr(exc, "limit", None) or str(exc)[:80]
                except Exception as exc:  # noqa: BLE001 - a figure of the report, not a crash of the run
                    outcomes["error"] += 1
                    row["error"] = f"{type(exc).__name__}: {exc}"[:200]
                else:
                    outcomes["ok"] += 1
                    row["hits"] = res.total
                    row["notice"] = _notice(res.notice)
                times.append((time.perf_counter() - t0) * 1000)
            row.update(first_ms=times[0], median_ms=statistics.median(times), max_ms=max(times),
                       outcome=outcomes.most_common(1)[0][0], outcomes=dict(outcomes))
            rows.append(row)
    finally:
        engine.close()
    slowest = max(rows, key=lambda r: r["max_ms"]) if rows else None
    return {"deadline_s": deadline, "runs_per_query": 1 + max(1, repeat), "queries": rows,
            "max_ms": slowest["max_ms"] if slowest else None, "slowest": slowest["name"] if slowest else None,
            "over_deadline": sum(1 for r in rows if deadline and r["max_ms"] > deadline * 1000),
            "timed_out": sum(r["outcomes"].get("timed_out", 0) for r in rows),
            "too_costly": sum(1 for r in rows if r["outcomes"].get("too_costly")),
            "errors": sum(r["outcomes"].get("error", 0) for r in rows)}
