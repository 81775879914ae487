"""Execute: a plan → the exact set of matching paragraphs (the third stage; no scoring here).

Document sets are sorted ``int32`` arrays of document numbers, combined by numpy: a posting
list is read a block at a time (:mod:`~rapporteur.search.whoosh_io`), ``And`` and ``Or`` of
terms are intersections and unions, a ``Prefix`` or ``TermRange`` the union of its terms.

Each term follows its script. A term with Han characters matches a paragraph when

* its words are in the paragraph's word fields (unquoted terms only), or
* its text is a substring of the paragraph's normalised text. Candidates come from the
  bigram field (AND of the term's rarest bigrams), and each is verified against the stored
  text, so the result is exact whatever jieba did with the context; a term that is one bigram
  needs no verification (its postings are the answer). Where the term begins or ends with a
  letter or digit of an alphabetic script, the match must begin or end there too (``G20峰会``
  is not found in ``XG20峰会``).

A term in an alphabetic script never matches inside another word (``Mali`` is not in
``Somalia``, ``Oman`` not in ``woman``):

* unquoted, its words match the word fields after the language's analysis (stems, case,
  accents);
* quoted, its folded words must stand adjacent and in order in the paragraph's text, whole
  and unstemmed (case, accents and Arabic marks folded). Candidates come from the paragraphs
  holding all its analysed words in one text field; each is verified against the text's words.

A pasted passage (:func:`passage`) is matched by its rarest words, weighted by idf.

A date filter (``date:``, a request's ``date_from``/``date_to``) leaves out every paragraph
without a date. With one, the executor also counts the paragraphs it left out only for that
(:meth:`Executor.undated`): the query runs again on the undated paragraphs that pass the other
filters, a set kept per index generation and read from the ``date`` column's value lengths. A
query without a date filter does none of this.
"""
from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np
from whoosh.query import And, Or, Prefix, Query, Term, TermRange

from rapporteur.indexer.store.schema import BIGRAMS
from rapporteur.indexer.text import alphabetic, find_bounded
from rapporteur.search import whoosh_io
from rapporteur.search.context import SearchContext
from rapporteur.search.limits import MAX_PREFIX_TERMS, check_prefix
from rapporteur.search.parse import MAX_BIGRAMS
from rapporteur.search.plan import QueryPlan, TermPlan, grams_query

EMPTY = whoosh_io.EMPTY_IDS

# A passage is matched by its rarest words (a common word adds little and costs a long posting
# list); a paragraph must hold this share of their weight (idf) to be a hit. The paragraph that
# contains the whole passage, or is contained in it, ranks first.
PASSAGE_TERMS = 24
PASSAGE_SHARE = 0.5
PASSAGE_VERIFY = 50


# ---- set algebra on sorted document arrays ----------------------------------------------

def _mask(size: int, docs: np.ndarray) -> np.ndarray:
    m = np.zeros(size, dtype=bool)
    m[docs] = True
    return m


def intersect(a: np.ndarray, b: np.ndarray, size: int) -> np.ndarray:
    if not len(a) or not len(b):
        return EMPTY
    if len(a) > len(b):
        a, b = b, a
    if len(a) * 16 < len(b):  # a few documents in a long list: binary search
        pos = np.searchsorted(b, a)
        pos[pos == len(b)] = 0
        return a[b[pos] == a]
    return a[_mask(size, b)[a]]


def union(parts: list[np.ndarray], size: int) -> np.ndarray:
    parts = [p for p in parts if len(p)]
    if not parts:
        return EMPTY
    if len(parts) == 1:
        return parts[0]
    total = sum(len(p) for p in parts)
    if total * 32 < size:
        return np.unique(np.concatenate(parts))
    m = np.zeros(size, dtype=bool)
    for p in parts:
        m[p] = True
    return np.flatnonzero(m).astype(np.int32)


def difference(a: np.ndarray, b: np.ndarray, size: int) -> np.ndarray:
    if not len(a) or not len(b):
        return a
    return a[~_mask(size, b)[a]]


def member(docs: np.ndarray, of: np.ndarray) -> np.ndarray:
    """A boolean array: which of ``docs`` (sorted) are in ``of`` (sorted)."""
    if not len(of) or not len(docs):
        return np.zeros(len(docs), dtype=bool)
    pos = np.searchsorted(of, docs)
    pos[pos == len(of)] = 0
    return of[pos] == docs


def as_docs(values) -> np.ndarray:
    return np.unique(np.fromiter(values, dtype=np.int32))


# ---- contains checks (verification) -----------------------------------------------------

def contains_bounded(needle: str, text: str) -> bool:
    """Whether ``needle`` is in ``text``, not beginning or ending inside an alphabetic word."""
    return next(find_bounded(needle, text), None) is not None


@dataclass
class TermMatch:
    """The paragraphs one term matches, and how each scores (computed only on demand).

    ``docs``: every match. ``words``: the docs scored by ``plan.query`` (BM25F). For a quoted
    term (``bonus``) every doc scores ``CHAR_SCORE`` plus its ``plan.bonus`` score if any; for
    an unquoted term a doc outside ``words`` scores ``CHAR_SCORE``. ``adjacent``: for an
    unquoted Han term of several words, the word matches whose text holds the term itself (its
    words adjacent, in order), which score more (``score.ADJACENT_BOOST``)."""

    plan: TermPlan
    docs: np.ndarray
    words: np.ndarray
    query: Query | None
    bonus: bool = False
    adjacent: np.ndarray | None = None  # a Han term of several words: word matches that hold it whole


@dataclass
class Outcome:
    """What executing a plan found: the exact set of matching paragraphs (``docs``), how
    (``and``: every group matched; ``or``: the fallback, any term; ``scored``: a passage, whose
    ``scores`` are known; ``none``: filters alone, unranked), the term matches the scores are
    computed from, and whether the query was widened to OR."""

    docs: np.ndarray
    how: str
    matched: list[list[TermMatch]]
    scores: np.ndarray | None = None
    widened: bool = False
    undated: int = 0  # paragraphs the query matches but its date filter left out for lack of a date


class Executor:
    """Document sets for one context (one searcher, one thread)."""

    def __init__(self, ctx: SearchContext):
        self.ctx = ctx
        self.size = ctx.size

    # -- queries → sets ----------------------------------------------------------------

    def docs(self, q: Query) -> np.ndarray:
        """The documents ``q`` matches: terms as posting lists, ``And``/``Or`` as set algebra,
        ``Prefix``/``TermRange`` as the union of their terms; anything else through Whoosh."""
        if type(q) is Term:
            return self.ctx.term_docs(q.fieldname, q.text)
        if type(q) in (And, Or) and q.subqueries:
            if type(q) is Or:
                return union([self.docs(sub) for sub in q.subqueries], self.size)
            parts = sorted((self.docs(sub) for sub in q.subqueries), key=len)
            out = parts[0]
            for part in parts[1:]:
                if not len(out):
                    break
                out = intersect(out, part, self.size)
            return out
        if type(q) in (Prefix, TermRange):  # a lone Han character (thousands of bigrams), dates
            return self.ctx.expanded_docs(q)[0]
        return as_docs(self.ctx.searcher.docs_for_query(q))

    def within(self, docs: np.ndarray, within: np.ndarray | None) -> np.ndarray:
        return docs if within is None else intersect(docs, within, self.size)

    # -- one term ------------------------------------------------------------------------

    def substring(self, tp: TermPlan, within: np.ndarray | None, skip: np.ndarray | None = None) -> np.ndarray:
        """Paragraphs whose text contains the term's text: bigram candidates, then verified.
        Candidates in ``skip`` (already known to match otherwise) are left out unverified."""
        grams = tp.grams
        if not grams:
            return EMPTY
        ctx = self.ctx
        if len(grams) == 1 and len(grams[0]) == 1:  # a lone Han character: every bigram it begins
            cands = self.within(self.docs(grams_query(grams)), within)
            return difference(cands, skip, self.size) if skip is not None else cands
        freq = sorted((ctx.doc_frequency(BIGRAMS, g), g) for g in grams)
        if freq[0][0] == 0:
            return EMPTY
        # Candidates: the rarest bigram's documents, narrowed by the next rarest only while
        # reading a posting list costs less than verifying the candidates it would remove.
        ranked = freq[:MAX_BIGRAMS]
        cands = self.within(ctx.term_docs(BIGRAMS, ranked[0][1]), within)
        if skip is not None:
            cands = difference(cands, skip, self.size)
        for f, g in ranked[1:]:
            if not len(cands) or f > 2 * len(cands):
                break
            cands = intersect(cands, ctx.term_docs(BIGRAMS, g), self.size)
        needle = tp.term.text
        if len(ranked) == 1 and needle == ranked[0][1] and not any(alphabetic(c) for c in needle):
            return cands  # the term is one bigram: its postings are the exact answer
        return as_docs(d for d in ctx.checked(cands) if contains_bounded(needle, ctx.text(d)))

    def phrase(self, tp: TermPlan, within: np.ndarray | None) -> np.ndarray:
        """Paragraphs whose text holds the alphabetic phrase's folded words, adjacent and in
        order: candidates holding all its analysed words, then verified against the text's
        words (``" w1 w2 "`` in the paragraph's words joined by spaces)."""
        if tp.candidates is None:
            return EMPTY
        cands = self.within(self.docs(tp.candidates), within)
        return cands[self.ctx.holding_words(cands, tp.phrase)] if len(cands) else EMPTY

    def match(self, tp: TermPlan, within: np.ndarray | None) -> TermMatch:
        """Which paragraphs (of ``within``, or all) the term matches."""
        self.ctx.deadline.check()
        kind = tp.kind
        if kind == "prefix":
            check_prefix(tp.term.text, self.ctx.expansions(tp.query, MAX_PREFIX_TERMS), MAX_PREFIX_TERMS)
            docs = self.ctx.only_paragraphs(self.within(self.docs(tp.query), within))
            return TermMatch(tp, docs, docs, tp.query)
        if kind == "words":
            docs = self.within(self.docs(tp.query), within) if tp.query is not None else EMPTY
            return TermMatch(tp, docs, docs, tp.query)
        if kind == "phrase":
            found = self.phrase(tp, within)
            return TermMatch(tp, found, EMPTY, tp.bonus if len(found) else None, bonus=True)
        if kind == "han_quoted":
            found = self.substring(tp, within)
            if not len(found) and tp.query is not None:  # no bigram to look for
                wdocs = self.within(self.docs(tp.query), within)
                return TermMatch(tp, wdocs, wdocs, tp.query)
            return TermMatch(tp, found, EMPTY, tp.bonus if len(found) else None, bonus=True)
        wdocs = self.within(self.docs(tp.query), within) if tp.query is not None else EMPTY
        if not tp.substring:
            return TermMatch(tp, wdocs, wdocs, tp.query)
        if len(tp.words) > 1 and len(wdocs):  # the whole term as a substring: word matches too
            whole = self.substring(tp, within)
            return TermMatch(tp, union([wdocs, whole], self.size), wdocs, tp.query,
                             adjacent=intersect(whole, wdocs, self.size))
        return TermMatch(tp, union([wdocs, self.substring(tp, within, skip=wdocs)], self.size), wdocs, tp.query)

    # -- the whole query -----------------------------------------------------------------

    def allowed_but_dates(self, qp: QueryPlan) -> np.ndarray:
        """Paragraphs that pass every filter but the date ranges (all when there are none)."""
        allowed = self.ctx.paragraphs
        for alternatives in qp.include:
            allowed = intersect(allowed, union([self.docs(q) for q in alternatives], self.size), self.size)
        for q in qp.exclude:
            allowed = difference(allowed, self.docs(q), self.size)
        return allowed

    def in_dates(self, qp: QueryPlan, allowed: np.ndarray) -> np.ndarray:
        """Those of ``allowed`` within every date range of the plan."""
        for q in qp.date_queries:
            allowed = intersect(allowed, self.docs(q), self.size)
        return allowed

    def run(self, qp: QueryPlan) -> Outcome:
        """The exact set of paragraphs a plan matches (excluded terms removed); with a date
        filter, also how many it left out for lack of a date (:meth:`undated`)."""
        base = self.allowed_but_dates(qp)
        outcome = self._run(qp, self.in_dates(qp, base))
        if qp.date_queries:
            outcome.undated = self.undated(qp, base, outcome)
        return outcome

    def _run(self, qp: QueryPlan, allowed: np.ndarray) -> Outcome:
        within = allowed if qp.filtered else None
        if qp.passage is not None:
            docs, scores = self.passage(qp, within)
            return Outcome(docs, "scored", [], scores)
        if not qp.groups:
            docs = allowed if (qp.filtered or qp.excluded) else EMPTY
            return Outcome(self._exclude(qp, docs), "none", [])
        matched, docs = self.and_sets(qp.groups, within)
        how, widened = "and", False
        if not len(docs) and qp.can_widen():
            matched, docs = self.or_sets(qp.positive(), within)
            how, widened = "or", bool(len(docs))
        docs = self.ctx.only_paragraphs(docs)
        return Outcome(self._exclude(qp, docs), how, matched, widened=widened)

    def undated(self, qp: QueryPlan, base: np.ndarray, outcome: Outcome) -> int:
        """How many paragraphs without a date pass every filter but the date (``base``) and
        match the query as the result matched it: all its words (every group), or any of them
        when the result was widened to any; when not even one dated paragraph matched any
        word, all the words, else any (the search's own fallback, on the undated paragraphs).
        A date filter leaves every one of them out, whatever its range.

        The query runs again on those paragraphs alone: the posting lists are the ones just
        read (kept per segment), and only undated candidates are verified; nothing is read
        when no paragraph is undated."""
        undated = self.ctx.undated
        if not len(undated):
            return 0
        pool = undated if base is self.ctx.paragraphs else base[self.ctx.no_date_mask()[base]]
        if not len(pool):
            return 0
        if qp.passage is not None:
            return len(self.passage(qp, pool, verify=False)[0])
        if not qp.groups:
            return len(self._exclude(qp, pool))
        if outcome.how == "or" and outcome.widened:
            _m, docs = self.or_sets(qp.positive(), pool)
        else:
            _m, docs = self.and_sets(qp.groups, pool)
            if not len(docs) and outcome.how == "or":  # nothing dated matched even one word
                _m, docs = self.or_sets(qp.positive(), pool)
        return len(self._exclude(qp, self.ctx.only_paragraphs(docs)))

    def _exclude(self, qp: QueryPlan, docs: np.ndarray) -> np.ndarray:
        for tp in qp.excluded:
            if not len(docs):
                break
            docs = difference(docs, self.match(tp, docs).docs, self.size)
        return docs

    def and_sets(self, groups: list[list[TermPlan]], within: np.ndarray | None):
        """``(matches per group, docs)``: paragraphs matching a term of every group."""
        matched: list[list[TermMatch]] = []
        result: np.ndarray | None = None
        for group in groups:
            ms = [self.match(tp, within if result is None else result) for tp in group]
            matched.append(ms)
            docs = union([m.docs for m in ms], self.size)
            result = docs if result is None else intersect(result, docs, self.size)
            if not len(result):
                return matched, EMPTY
        return matched, EMPTY if result is None else result

    def or_sets(self, terms: list[TermPlan], within: np.ndarray | None):
        """``(matches per term, docs)``: paragraphs matching any term, or any word of one."""
        matched = [[self.match(part, within) for part in tp.parts()] for tp in terms]
        return matched, union([m.docs for ms in matched for m in ms], self.size)

    def passage(self, qp: QueryPlan, within: np.ndarray | None,
                verify: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """A pasted passage: ``(docs, scores)`` of the paragraphs holding at least
        :data:`PASSAGE_SHARE` of the idf weight of its :data:`PASSAGE_TERMS` rarest words, scored
        by that weight; the best :data:`PASSAGE_VERIFY` are checked against the text, and one
        that contains the passage (or that the passage contains) gets a weight above every other
        (``verify=False``: not checked, for a count, which the check does not change)."""
        ctx = self.ctx
        n = max(1, len(ctx.paragraphs))
        weighted = []
        for word, q in qp.passage or []:
            df = sum(ctx.doc_frequency(t.fieldname, t.text) for t in _leaf_terms(q))
            if df:
                weighted.append((df, word, q))
        weighted.sort(key=lambda x: x[0])
        chosen = [(math.log(1 + n / df), q) for df, _word, q in weighted[:PASSAGE_TERMS]]
        if not chosen:
            return EMPTY, np.zeros(0)
        acc = np.zeros(self.size, dtype=np.float64)
        for idf, q in chosen:
            acc[self.within(self.docs(q), within)] += idf
        whole = sum(idf for idf, _q in chosen)
        keep = acc >= PASSAGE_SHARE * whole
        keep &= ctx.paragraph_mask()
        docs = np.flatnonzero(keep).astype(np.int32)
        scores = acc[docs]
        text = qp.parsed.passage
        if not verify:
            return docs, scores
        for i in heapq.nlargest(PASSAGE_VERIFY, range(len(docs)), key=scores.__getitem__):
            para = ctx.text(docs[i])
            if text in para or (len(para) >= 20 and para in text):
                scores[i] += whole
        return docs, scores


def _leaf_terms(q: Query) -> list[Term]:
    if type(q) is Term:
        return [q]
    return [t for sub in getattr(q, "subqueries", ()) for t in _leaf_terms(sub)]
