"""The substring guarantee on the seed: quoted substrings of Han text return exactly their
paragraphs, unquoted ones at least find theirs.

Han text is matched by substrings; alphabetic scripts by whole words (tests/search/test_scripts.py).
So a sample holds Han, and where it begins or ends with a Latin letter or digit it begins or
ends at a word boundary there (``第 1540`` is a substring, ``第 154`` of ``第 1540`` is not)."""
from __future__ import annotations

import random
import re

import pytest

from rapporteur.indexer.text import normalize_query
from rapporteur.search.engine import SearchRequest

SAMPLES = 520
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ALNUM = r"[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff]"


def _pattern(s: str) -> re.Pattern:
    """``s`` as it must occur: not continuing a Latin or Cyrillic word at an alphanumeric edge."""
    head = rf"(?<!{_ALNUM})" if re.match(_ALNUM, s[0]) else ""
    tail = rf"(?!{_ALNUM})" if re.match(_ALNUM, s[-1]) else ""
    return re.compile(head + re.escape(s) + tail)


def _occurs(s: str, text: str) -> bool:
    return _pattern(s.lower()).search(text.lower()) is not None


def _sample(paragraphs: dict[int, str]) -> list[str]:
    rng = random.Random(20160622)
    out: set[str] = set()
    numbers = sorted(paragraphs)
    while len(out) < SAMPLES:
        text = paragraphs[rng.choice(numbers)]
        length = rng.randint(2, 8)
        if len(text) < length:
            continue
        start = rng.randrange(len(text) - length + 1)
        s = text[start:start + length]
        # a query cannot hold a double quote inside quotes, nor begin or end with a space
        if '"' in s or s != s.strip() or normalize_query(s) != s or not _HAN.search(s):
            continue
        if not _pattern(s).match(text, start):  # begins or ends inside a Latin word or number
            continue
        out.add(s)
    return sorted(out)


def _all(engine, q: str) -> set[int]:
    res = engine.search(SearchRequest(q=q, size=100))
    assert res.total <= 100
    return {h["n"] for h in res.hits}


@pytest.fixture(scope="module")
def samples(seed_paragraphs):
    return _sample(seed_paragraphs)


def test_quoted_substrings_return_exactly_their_paragraphs(seed_engine, seed_paragraphs, samples):
    assert len(samples) >= 500
    wrong = []
    for s in samples:
        expected = {n for n, text in seed_paragraphs.items() if _occurs(s, text)}
        got = _all(seed_engine, f'"{s}"')
        if got != expected:
            wrong.append((s, sorted(expected ^ got)))
    assert not wrong, wrong[:10]


def test_unquoted_substrings_find_their_paragraph(seed_engine, seed_paragraphs, samples):
    missing = []
    for s in samples:
        if " " in s or s.startswith("-") or "OR" in s or ":" in s:
            continue  # query syntax, not a substring: covered by the quoted test
        expected = {n for n, text in seed_paragraphs.items() if _occurs(s, text)}
        got = _all(seed_engine, s)
        if not expected <= got:
            missing.append((s, sorted(expected - got)))
    assert not missing, missing[:10]
