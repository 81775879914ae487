"""Snippets cost time linear in the paragraph: a 1 MB paragraph is a hit like any other. The
window is chosen as before (the sentence with the most marks, grown with its neighbours); marks
are looked for in the first ``MAX_MARKED_CHARS`` characters of a hit only."""
from __future__ import annotations

import random

import pytest

from rapporteur.indexer.model import Paragraph, Record
from rapporteur.indexer.sync.writer import import_records
from rapporteur.search.engine import Engine, SearchRequest
from rapporteur.search.highlight import MAX_MARKED_CHARS, find_marks, marked_part, sentences, snippet

WORDS = "the other thing that those theatre thermal with three this than they".split()


def english(chars: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out, n = [], 0
    while n < chars:
        s = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 25))).capitalize() + ". "
        out.append(s)
        n += len(s)
    return "".join(out)[:chars]


def reference_window(text, marks, limit):
    """The window as it was chosen before (sentences × marks), for comparison."""
    sents = sentences(text)
    counts = [sum(1 for s, e in marks if s < b and e > a) for a, b in sents]
    best = max(range(len(sents)), key=lambda i: (counts[i], -i))
    lo, hi = sents[best]
    left, right = best - 1, best + 1
    while True:
        if right < len(sents) and sents[right][1] - lo <= limit:
            hi = sents[right][1]
            right += 1
        elif left >= 0 and hi - sents[left][0] <= limit:
            lo = sents[left][0]
            left -= 1
        else:
            break
    if hi - lo > limit:
        first = next((s for s, e in marks if lo <= s < hi), lo)
        lo = max(lo, first - limit // 3)
        hi = min(hi, lo + limit)
        for s, e in marks:
            if s < lo < e:
                lo = s
            if s < hi < e:
                hi = e
    return lo, hi


@pytest.mark.parametrize("seed", range(40))
def test_window_is_the_one_chosen_before(seed):
    from rapporteur.search.highlight import _window

    rng = random.Random(seed)
    text = english(rng.randint(50, 3000), seed)
    if seed % 3 == 0:  # long sentences too
        text = text.replace(". ", " ", rng.randint(1, 50))
    terms = rng.sample(WORDS, rng.randint(1, 3))
    marks = find_marks(text, [], terms)
    for limit in (40, 200, 1000):
        assert _window(text, marks, limit) == reference_window(text, marks, limit), (seed, limit)


def test_a_1mb_paragraph_highlights_through_the_engine(tmp_path):
    big = english(1_000_000)
    tail = "Finally the delegation of Zanzibaria spoke."  # its only mention, past MAX_MARKED_CHARS
    paras = [Paragraph(n=1, text=big, speaker="Anton"),
             Paragraph(n=2, text="A short paragraph about the theatre.", speaker="Anton"),
             Paragraph(n=3, text=english(300_000, seed=2) + " " + tail, speaker="Anton")]
    (tmp_path / "r.jsonl").write_text("", encoding="utf-8")
    import_records(tmp_path / "index", tmp_path / "r.jsonl", [(1, Record(symbol="S/PV.9999", lang="en", paragraphs=paras))])
    with Engine(tmp_path / "index", cache_size=0) as engine:
        res = engine.search(SearchRequest(q="the", size=10))
        hits = {h["n"]: h for h in res.hits}
        assert set(hits) == {1, 2, 3}
        assert "<mark>the</mark>" in hits[1]["snippet"].lower() and len(hits[1]["snippet"]) < 2000
        assert hits[1]["text"] == big  # the hit carries its whole text
        stemmed = engine.search(SearchRequest(q="theatres")).hits  # English stems: marks from the analysis
        assert any("<mark>theatre</mark>" in h["snippet"] for h in stemmed)
        found = engine.search(SearchRequest(q="Zanzibaria")).hits
        assert [h["n"] for h in found] == [3]  # matched in the whole text …
        assert "<mark>" not in found[0]["snippet"] and found[0]["snippet"].endswith("…")  # … marked in the first part


def test_marked_part_cuts_between_words():
    text = english(MAX_MARKED_CHARS + 5000)
    part = marked_part(text)
    assert len(part) <= MAX_MARKED_CHARS and text.startswith(part) and text[len(part)] == " "
    assert marked_part("short") == "short"
    han = "出口管制" * (MAX_MARKED_CHARS // 2)
    assert len(marked_part(han)) == MAX_MARKED_CHARS  # no space to cut at: cut at the limit


def test_snippet_of_many_marks_in_one_long_text():
    text = english(1_000_000)
    marks = find_marks(text, [], ["the", "that", "this"])
    assert len(marks) > 10_000 and len(sentences(text)) > 10_000
    html = snippet(text, marks)
    assert html.count("<mark>") >= 3 and html.startswith(("…", "<mark>", "T"))
