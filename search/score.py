"""Score: BM25F over numpy arrays, and the top of a ranking (the fourth stage).

A term's score in a document is Whoosh's BM25F, computed for a whole set of documents at
once: its posting weights and the documents' field lengths (one byte a document, decoded as
Whoosh decodes it) through the same formula, in the same order of operations, so a term's
floats are Whoosh's. ``And`` and ``Or`` add their parts' scores pairwise in a balanced tree;
Whoosh balances its matcher trees by estimated sizes, per segment, so a sum of three or more
parts can differ from Whoosh's in the last digit. A ``Prefix`` or ``TermRange`` of several
terms scores a constant (its boost, 1) for each match. Anything else (a query type this
does not know) is scored by Whoosh's own matchers, moved to each wanted document.

How a term's matches score (see :class:`~rapporteur.search.execute.TermMatch`): a word match
its BM25F score (× :data:`ADJACENT_BOOST` where a Han term of several words stands whole); a
substring-only match the small constant :data:`CHAR_SCORE`, so word matches
rank above them; a quoted term ``CHAR_SCORE`` plus the BM25F score of any of its words. A query
adds its groups' scores (within a group, the scores of the terms that match); the OR fallback
adds, per term, the best of the term's and its words' scores.

Only the paragraphs that can be on the page are sorted: the page's lowest score is found by a
partial sort, and the ties and better are ordered by score, then document number.
"""
from __future__ import annotations

import bisect

import numpy as np
from whoosh import scoring
from whoosh.query import And, Or, Prefix, Query, Term, TermRange

from rapporteur.search import whoosh_io
from rapporteur.search.context import SearchContext
from rapporteur.search.execute import Outcome, TermMatch, member

CHAR_SCORE = 0.001

# BM25F's length normalisation. Whoosh's default (B = 0.75) ranked a one-word query almost by
# ascending paragraph length, short headings first; on the judged set (python -m bench.relevance)
# B = 0.5 gave nDCG@10 0.809 → 0.820 and MRR@10 0.927 → 0.970.
BM25_B = 0.5

# A Han term of several words (人道主义援助: 人道主义 + 援助) scores this much more in a paragraph
# that holds it whole, its words adjacent and in order, than in one that holds its words apart
# (特别经济、人道主义和救灾援助). On the judged set: zh15 nDCG@10 0.62 → 0.73, no other query moved.
ADJACENT_BOOST = 1.5


def weighting() -> scoring.BM25F:
    """The scoring every searcher uses (see :data:`BM25_B`)."""
    return scoring.BM25F(B=BM25_B)


class Scorer:
    """Scores for one context."""

    def __init__(self, ctx: SearchContext):
        self.ctx = ctx

    def query(self, q: Query, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(matched, scores)`` of ``q`` over ``docs`` (sorted): which of them it matches, and
        their scores (0 where it does not match)."""
        if not len(docs):
            return np.zeros(0, dtype=bool), np.zeros(0)
        if type(q) is Term and q.boost == 1.0:
            return self._term(q.fieldname, q.text, docs)
        if type(q) in (And, Or) and q.subqueries and q.boost == 1.0 and not getattr(q, "minmatch", 0) \
                and not getattr(q, "scale", None):
            parts = [self.query(sub, docs) for sub in q.subqueries]
            return self._combine(parts, conjunction=type(q) is And)
        if type(q) in (Prefix, TermRange):
            return self._expanded(q, docs)
        return self._by_matchers(q, docs)

    def _expanded(self, q, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A ``Prefix`` or ``TermRange``: one term scores as that term; several score the
        query's boost (1) for every match, so a prefix does not outweigh the other terms by
        how many words begin with it (Whoosh's ``constantscore``, without its per-segment
        expansion)."""
        found, terms = self.ctx.expanded_docs(q)
        if terms == 1:
            btext = whoosh_io.expand(q, self.ctx.searcher.reader())[0]
            matched, scores = self._term(q.fieldname, btext, docs)
            return matched, scores * q.boost if q.boost != 1.0 else scores
        matched = member(docs, found)
        return matched, np.where(matched, float(q.boost), 0.0)

    def _term(self, fieldname: str, text, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        self.ctx.deadline.check()
        ids, ws = self.ctx.term_postings(fieldname, text)
        matched = member(docs, ids)
        scores = np.zeros(len(docs))
        if not matched.any():
            return matched, scores
        hit = docs[matched]
        w = ws[np.searchsorted(ids, hit)].astype(np.float64)
        btext = whoosh_io.term_bytes(self.ctx.searcher.schema, fieldname, text)
        params = whoosh_io.bm25_parameters(self.ctx.searcher, fieldname, btext)
        if params is None:
            scores[matched] = w
        else:
            idf, avgfl, b, k1 = params
            fl = whoosh_io.LENGTH_OF_BYTE[self.ctx.lengths(fieldname)[hit]]
            scores[matched] = idf * ((w * (k1 + 1)) / (w + k1 * ((1 - b) + b * fl / avgfl)))
        return matched, scores

    @staticmethod
    def _combine(parts, conjunction: bool) -> tuple[np.ndarray, np.ndarray]:
        """Parts that match nowhere are left out (Whoosh drops inactive matchers), the others
        added pairwise as a balanced binary tree, as Whoosh's compound matchers are built."""
        if conjunction:
            matched = np.logical_and.reduce([m for m, _s in parts])
            live = parts
        else:
            live = [p for p in parts if p[0].any()]
            if not live:
                return parts[0][0], parts[0][1]
            matched = np.logical_or.reduce([m for m, _s in live])

        def tree(items):
            if len(items) == 1:
                return items[0][1]
            mid = len(items) // 2
            return tree(items[:mid]) + tree(items[mid:])

        scores = tree(live)
        return matched, np.where(matched, scores, 0.0)

    def _by_matchers(self, q: Query, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whoosh's matchers: one per segment, moved to each wanted document."""
        searcher = self.ctx.searcher
        matched = np.zeros(len(docs), dtype=bool)
        scores = np.zeros(len(docs))
        ordered = docs.tolist()
        context = searcher.context()
        for sub, offset in searcher.leaf_searchers():
            lo = bisect.bisect_left(ordered, offset)
            hi = bisect.bisect_left(ordered, offset + sub.doc_count_all())
            if lo == hi:
                continue
            m = q.matcher(sub, context)
            for i in range(lo, hi):
                if not i & 7:
                    self.ctx.deadline.check()
                if not m.is_active():
                    break
                local = ordered[i] - offset
                if m.id() < local:
                    m.skip_to(local)
                    if not m.is_active():
                        break
                if m.id() == local:
                    matched[i] = True
                    scores[i] = m.score()
        return matched, scores

    # -- terms and queries -----------------------------------------------------------------

    def contributions(self, m: TermMatch, docs: np.ndarray) -> np.ndarray:
        """The term's score for each of ``docs`` (0 where it does not match)."""
        self.ctx.deadline.check()
        mine = member(docs, m.docs)
        out = np.zeros(len(docs))
        if not mine.any():
            return out
        sub = docs[mine]
        if m.bonus:
            extra = self.query(m.query, sub)[1] if m.query is not None else 0.0
            out[mine] = CHAR_SCORE + extra
            return out
        part = np.full(len(sub), CHAR_SCORE)
        words = member(sub, m.words)
        if m.query is not None and words.any():
            matched, scored = self.query(m.query, sub[words])
            if m.adjacent is not None and len(m.adjacent):
                scored = np.where(member(sub[words], m.adjacent), scored * ADJACENT_BOOST, scored)
            part[words] = np.where(matched, scored, CHAR_SCORE)
        out[mine] = part
        return out

    def and_scores(self, matched: list[list[TermMatch]], docs: np.ndarray) -> np.ndarray:
        total = np.zeros(len(docs))
        for ms in matched:
            for m in ms:
                total += self.contributions(m, docs)
        return total

    def or_scores(self, matched: list[list[TermMatch]], docs: np.ndarray) -> np.ndarray:
        total = np.zeros(len(docs))
        for ms in matched:
            best = np.zeros(len(docs))
            for m in ms:
                np.maximum(best, self.contributions(m, docs), out=best)
            total += best
        return total


class Ranking:
    """The exact set of matching paragraphs (``docs``, ``total``) and their order, computed
    when a page is asked for: :meth:`top` ``(docnum, score)`` by score, then docnum."""

    def __init__(self, scorer: Scorer, outcome: Outcome):
        self.scorer = scorer
        self.outcome = outcome
        self.docs = outcome.docs
        self._scores: np.ndarray | None = outcome.scores

    @property
    def total(self) -> int:
        return len(self.docs)

    def scores(self) -> np.ndarray:
        """Every matching paragraph's score, aligned with :attr:`docs`."""
        if self._scores is None:
            how = self.outcome.how
            if how == "and":
                self._scores = self.scorer.and_scores(self.outcome.matched, self.docs)
            elif how == "or":
                self._scores = self.scorer.or_scores(self.outcome.matched, self.docs)
            else:
                self._scores = np.zeros(len(self.docs))
        return self._scores

    def top(self, n: int) -> list[tuple[int, float]]:
        """The first ``n`` ``(docnum, score)``, best first (equal scores: lower docnum first)."""
        if n < 1 or not len(self.docs):
            return []
        return top(self.docs, self.scores(), n)


def top(docs: np.ndarray, scores: np.ndarray, n: int) -> list[tuple[int, float]]:
    """The first ``n`` ``(docnum, score)``, best first (equal scores: lower docnum first)."""
    if n < 1 or not len(docs):
        return []
    if len(docs) > n:
        floor = np.partition(scores, len(scores) - n)[len(scores) - n]  # the n-th best score
        keep = scores >= floor
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:n]
    return [(int(docs[i]), float(scores[i])) for i in order]
