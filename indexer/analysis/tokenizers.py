"""Tokenizers: text → Whoosh tokens, for the two kinds of field the schema declares.

* **Word fields** rank results. :class:`WordTokenizer` yields the word spans of
  :mod:`~rapporteur.indexer.analysis.segmentation` (index or query mode).
* **The bigram field** finds exact substrings. :class:`BigramTokenizer` yields every pair of
  adjacent non-space characters of the folded text (no positions), plus the single Han
  character before a space or the end, so that a prefix search on one character is exact.
  A query is the AND of its bigrams; candidates are then checked against the stored text.
"""
from __future__ import annotations

from whoosh.analysis import Token, Tokenizer

from rapporteur.indexer.analysis.segmentation import Segmented, _word_spans
from rapporteur.indexer.text import HAN_CHAR, fold


def _make_token(text, pos, start, end, *, positions, chars, start_pos, start_char, mode, removestops):
    t = Token(positions=positions, chars=chars, removestops=removestops, mode=mode)
    t.text = t.original = text
    t.boost = 1.0
    t.stopped = False
    if positions:
        t.pos = start_pos + pos
    if chars:
        t.startchar = start_char + start
        t.endchar = start_char + end
    return t


class WordTokenizer(Tokenizer):
    """Han text by jieba, other text by :data:`COMPOUND`.

    ``search=True`` is the index side (sub-words and compound parts too),
    ``search=False`` the query side (precise words and whole compounds only).
    """

    def __init__(self, search: bool):
        self.search = search

    def __eq__(self, other):
        return type(self) is type(other) and self.search == other.search

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if self.search and type(value) is Segmented:
            spans = value.spans  # segmented once by the writer
        else:
            spans = _word_spans(value, self.search)
        for word, pos, start, end in spans:
            yield _make_token(word, pos, start, end, positions=positions, chars=chars,
                              start_pos=start_pos, start_char=start_char, mode=mode,
                              removestops=removestops)


def bigrams(text: str, ends: bool = True) -> list[str]:
    """The bigram field's terms for a (normalised) text: see the module doc.

    ``ends=False`` (a query's bigrams) leaves out the lone Han characters before a space or
    the end: a substring need not end where the paragraph does.
    """
    t = fold(text)
    out = []
    n = len(t)
    for i in range(n):
        c = t[i]
        if c.isspace():
            continue
        if i + 1 < n and not t[i + 1].isspace():
            out.append(t[i:i + 2])
        elif ends and HAN_CHAR.match(c):
            out.append(c)
    return out


class BigramTokenizer(Tokenizer):
    """Adjacent character pairs of the folded text, frequency only (no positions)."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        for i, gram in enumerate(bigrams(value)):
            yield _make_token(gram, i, 0, 0, positions=positions, chars=False,
                              start_pos=start_pos, start_char=start_char, mode=mode,
                              removestops=removestops)
