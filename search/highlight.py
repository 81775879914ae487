"""Snippets and marks, from the stored text and its stored word boundaries.

No jieba runs here: the writer stored each paragraph's whole-word spans, and a match found
in the text (``str.find`` on the folded text, so there is no length limit) is widened to
the whole words it touches, so a word is never marked by half. The snippet is the best
sentence (most marks), grown with its neighbours up to :data:`SNIPPET_CHARS`, cut at
sentence ends (``。！？；`` and ``.!?;``); everything but the marks is HTML-escaped.

Costs are linear in the paragraph: each sentence's marks are counted by bisection over the
sorted marks (not sentences × marks: a 1 MB paragraph of 11,000 sentences and 14,000 marks
took 30 s a hit), and the engine looks for marks in the first :data:`MAX_MARKED_CHARS`
characters of a hit only (see :func:`marked_part`).
"""
from __future__ import annotations

import bisect
import re
from html import escape

from rapporteur.indexer.text import HAN_CHAR, find_bounded, fold

SNIPPET_CHARS = 200
# Marks for a hit's snippet are looked for in this many characters of its text at most
# (Elasticsearch's highlighter stops at 1,000,000 by default, index.highlight.max_analyzed_offset).
# A UN paragraph is a few thousand characters; past this a paragraph is a whole document
# pasted as one, and analysing it (the stemmer runs over every word, ~0.6 s per 1 MB) would
# cost every search that hits it. The snippet of such a paragraph comes from its beginning.
MAX_MARKED_CHARS = 100_000
_SENTENCE_END = re.compile(r"[。！？；!?;]+|\.(?=\s|$)")


def _widen(start: int, end: int, spans: list[tuple[int, int]], starts: list[int]) -> tuple[int, int]:
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and spans[i][0] <= start < spans[i][1]:
        start = spans[i][0]
    j = bisect.bisect_right(starts, end - 1) - 1
    if j >= 0 and spans[j][0] <= end - 1 < spans[j][1]:
        end = max(end, spans[j][1])
    return start, end


def find_marks(text: str, spans: list[tuple[int, int]], terms: list[str],
               extra: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Character ranges to mark in ``text`` for the (folded) ``terms``, merged and sorted.

    A term with Han characters marks every occurrence, widened to whole words (an occurrence
    that begins or ends with a Latin letter or digit only at a word boundary); a term of an
    alphabetic script marks whole tokens only (``Mali``, never the ``mali`` of ``Somalia``).
    ``extra`` ranges (e.g. from :func:`analysed_marks`) are merged in.
    """
    folded = fold(text)
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    found: list[tuple[int, int]] = []
    for term in {t for t in terms if t}:
        han = HAN_CHAR.search(term) is not None
        for i in find_bounded(term, folded):
            j = i + len(term)
            found.append(_widen(i, j, spans, starts) if han else (i, j))
    return _merge(found + list(extra))


def analysed_marks(text: str, analyzer, wanted: set[str]) -> list[tuple[int, int]]:
    """Whole words of ``text`` whose analysed form (stem, normalised Arabic) is in ``wanted``.

    For languages whose analysis changes words, a match is not a substring of the query
    (``délégations`` finds ``délégation``): the hit's text is analysed again (a regular
    expression and a stemmer, no jieba for these languages) and the matching words are
    marked whole.
    """
    if not wanted or not text:
        return []
    return [(t.startchar, t.endchar) for t in analyzer(text, mode="query", chars=True) if t.text in wanted]


def marked_part(text: str, limit: int = MAX_MARKED_CHARS) -> str:
    """The beginning of ``text`` in which marks are looked for: all of it up to ``limit``
    characters, else cut there (at the last space in the final 100 characters, if there is
    one, so that no word is cut in half)."""
    if len(text) <= limit:
        return text
    space = text.rfind(" ", limit - 100, limit)
    return text[:space if space > 0 else limit]


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges of ``text``, each ending after its closing punctuation."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out or [(0, len(text))]


def mark_html(text: str, marks: list[tuple[int, int]], lo: int = 0, hi: int | None = None) -> str:
    """``text[lo:hi]`` escaped, with ``marks`` wrapped in ``<mark>``."""
    hi = len(text) if hi is None else hi
    out, pos = [], lo
    for s, e in marks:
        s, e = max(s, lo), min(e, hi)
        if s >= e:
            continue
        out.append(escape(text[pos:s], quote=False))
        out.append(f"<mark>{escape(text[s:e], quote=False)}</mark>")
        pos = e
    out.append(escape(text[pos:hi], quote=False))
    return "".join(out)


def _is_sorted(marks) -> bool:
    """Whether ``marks`` are sorted and do not overlap (what :func:`find_marks` returns)."""
    return all(a[1] <= b[0] for a, b in zip(marks, marks[1:]))


def _window(text: str, marks, limit: int) -> tuple[int, int]:
    if not _is_sorted(marks):
        marks = _merge(marks)
    starts = [s for s, _ in marks]
    ends = [e for _, e in marks]
    sents = sentences(text)
    # Marks touching sentence [a, b): those starting before b, less those ending by a (the
    # marks are sorted and disjoint, so their ends are sorted too).
    counts = [bisect.bisect_left(starts, b) - bisect.bisect_right(ends, a) for a, b in sents]
    best = max(range(len(sents)), key=lambda i: (counts[i], -i))
    lo, hi = sents[best]
    left, right = best - 1, best + 1
    while True:  # grow with whole neighbouring sentences, the following one first
        if right < len(sents) and sents[right][1] - lo <= limit:
            hi = sents[right][1]
            right += 1
        elif left >= 0 and hi - sents[left][0] <= limit:
            lo = sents[left][0]
            left -= 1
        else:
            break
    if hi - lo > limit:  # one long sentence: a window around its first mark, on whole marks
        i = bisect.bisect_left(starts, lo)
        first = starts[i] if i < len(starts) and starts[i] < hi else lo
        lo = max(lo, first - limit // 3)
        hi = min(hi, lo + limit)
        for edge in (lo, hi):  # never cut a mark in half
            j = bisect.bisect_right(starts, edge) - 1
            if j >= 0 and starts[j] < edge < ends[j]:
                if edge == lo:
                    lo = starts[j]
                else:
                    hi = ends[j]
    return lo, hi


def snippet(text: str, marks: list[tuple[int, int]], limit: int = SNIPPET_CHARS) -> str:
    """The paragraph's best passage as HTML, cut at sentence ends, with ``…`` where cut."""
    if not text:
        return ""
    lo, hi = _window(text, marks, limit)
    while lo < hi and text[lo].isspace():
        lo += 1
    body = mark_html(text, marks, lo, hi)
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")
