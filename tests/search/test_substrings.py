"""The substring guarantee on the seed: quoted substrings return exactly their paragraphs,
unquoted ones at least find theirs."""
from __future__ import annotations

import random

import pytest

from rapporteur.indexer.text import normalize_query
from rapporteur.search.engine import SearchRequest

SAMPLES = 520


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
        if '"' in s or s != s.strip() or normalize_query(s) != s:
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
        expected = {n for n, text in seed_paragraphs.items() if s.lower() in text.lower()}
        got = _all(seed_engine, f'"{s}"')
        if got != expected:
            wrong.append((s, sorted(expected ^ got)))
    assert not wrong, wrong[:10]


def test_unquoted_substrings_find_their_paragraph(seed_engine, seed_paragraphs, samples):
    missing = []
    for s in samples:
        if " " in s or s.startswith("-") or "OR" in s or ":" in s:
            continue  # query syntax, not a substring: covered by the quoted test
        expected = {n for n, text in seed_paragraphs.items() if s.lower() in text.lower()}
        got = _all(seed_engine, s)
        if not expected <= got:
            missing.append((s, sorted(expected - got)))
    assert not missing, missing[:10]
