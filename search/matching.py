"""Evaluate a parsed query on a Whoosh searcher: which paragraphs match, with what score.

A term matches a paragraph when

* its words are in the paragraph's word fields (unquoted terms only; BM25F score), or
* its text is a substring of the paragraph's normalised text. Candidates come from the
  bigram field (AND of the term's rarest bigrams), and each is verified with ``in``
  against the stored text, so the result is exact whatever jieba did with the context.

Word matches score their BM25F score; substring-only matches a small constant
(:data:`CHAR_SCORE`), so word matches rank above them. Quoted phrases must be substrings;
their words only add to the score.
"""
from __future__ import annotations

from whoosh.query import Query, Term

from indexer.analysis import fold
from indexer.schema import BIGRAMS, PARA
from search.query import (
    MAX_BIGRAMS, ParsedQuery, QTerm, date_query, filter_query, grams_query, single_han, words_query,
)

CHAR_SCORE = 0.001

Scores = dict[int, float]


class TextCache:
    """Folded paragraph texts by document number, loaded on first use (one per searcher)."""

    def __init__(self, searcher):
        self.searcher = searcher
        self._texts: dict[int, str] = {}

    def __call__(self, docnum: int) -> str:
        text = self._texts.get(docnum)
        if text is None:
            text = fold(self.searcher.stored_fields(docnum).get("text", ""))
            self._texts[docnum] = text
        return text


class QueryRunner:
    """Runs parsed queries against one searcher (not thread-safe; the engine serialises)."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.text = TextCache(searcher)
        self.paragraphs = set(searcher.docs_for_query(Term("kind", PARA)))

    # -- building blocks ---------------------------------------------------------------

    def docs(self, q: Query) -> set[int]:
        return set(self.searcher.docs_for_query(q))

    def scored(self, q: Query) -> Scores:
        results = self.searcher.search(q, limit=None)
        return {docnum: score for score, docnum in results.top_n}

    def substring(self, term: QTerm, within: set[int] | None) -> set[int]:
        """Paragraphs whose text contains the term's text: bigram candidates, then verified."""
        grams = term.grams()
        if not grams:
            return set()
        if single_han(term):
            cands = self.docs(grams_query(grams))
            return cands & within if within is not None else cands
        freq = [(self.searcher.doc_frequency(BIGRAMS, g), g) for g in grams]
        if min(f for f, _ in freq) == 0:
            return set()
        rarest = [g for _f, g in sorted(freq)[:MAX_BIGRAMS]]
        cands = self.docs(grams_query(rarest))
        if within is not None:
            cands &= within
        needle = term.text
        return {d for d in cands if needle in self.text(d)}

    def term(self, term: QTerm, within: set[int] | None) -> Scores:
        words = term.words()
        if term.quoted:
            found = self.substring(term, within)
            if not found and not term.grams() and words:  # e.g. "a": no bigram to look for
                return self._within(self.scored(words_query(words)), within)
            bonus = self.scored(words_query(words, conjunction=False)) if words and found else {}
            return {d: CHAR_SCORE + bonus.get(d, 0.0) for d in found}
        scores = self._within(self.scored(words_query(words)), within) if words else {}
        if len(term.text) >= 2 or single_han(term):
            for d in self.substring(term, within):
                scores.setdefault(d, CHAR_SCORE)
        return scores

    @staticmethod
    def _within(scores: Scores, within: set[int] | None) -> Scores:
        if within is None:
            return scores
        return {d: s for d, s in scores.items() if d in within}

    # -- the whole query ---------------------------------------------------------------

    def allowed(self, parsed: ParsedQuery, extra: list[tuple[str, str]], dates) -> set[int]:
        """Paragraphs that pass the filters (all paragraphs when there are none)."""
        allowed = self.paragraphs
        for name, values in parsed.filters.items():
            found: set[int] = set()
            for v in values:
                found |= self.docs(filter_query(name, v))
            allowed = allowed & found
        for name, value in extra:
            allowed = allowed & self.docs(filter_query(name, value))
        for lo, hi in list(parsed.dates) + list(dates):
            allowed = allowed & self.docs(date_query(lo, hi))
        for name, value in parsed.excluded_filters:
            allowed = allowed - self.docs(filter_query(name, value))
        return allowed

    def run(self, parsed: ParsedQuery, extra=(), dates=()) -> tuple[Scores, str | None]:
        """``(docnum → score, notice)`` for a parsed query plus extra filters."""
        filtered = bool(parsed.filters or parsed.dates or parsed.excluded_filters or extra or dates)
        allowed = self.allowed(parsed, list(extra), dates)
        within = allowed if filtered else None
        notice = None
        if not parsed.groups:
            scores = {d: 0.0 for d in allowed} if filtered or parsed.excluded else {}
        else:
            scores = self._and(parsed.groups, within)
            if not scores and self._can_widen(parsed):
                scores = self._or(parsed.positive_terms(), within)
                if scores:
                    notice = "No paragraph matches all the words; showing paragraphs that match any of them."
        scores = {d: s for d, s in scores.items() if d in self.paragraphs}
        for term in parsed.excluded:
            for d in self.term(term, set(scores)):
                scores.pop(d, None)
        return scores, notice

    def _and(self, groups: list[list[QTerm]], within: set[int] | None) -> Scores:
        result: Scores | None = None
        for group in groups:
            union: Scores = {}
            for term in group:
                for d, s in self.term(term, within if result is None else set(result)).items():
                    union[d] = union.get(d, 0.0) + s
            result = union if result is None else {d: result[d] + s for d, s in union.items() if d in result}
            if not result:
                return {}
        return result or {}

    @staticmethod
    def _can_widen(parsed: ParsedQuery) -> bool:
        terms = parsed.positive_terms()
        return len(terms) > 1 or any(not t.quoted and len(t.words()) > 1 for t in terms)

    def _or(self, terms: list[QTerm], within: set[int] | None) -> Scores:
        union: Scores = {}
        for term in terms:
            parts = [term] + ([QTerm(w) for w in term.words()] if not term.quoted else [])
            best: Scores = {}
            for part in parts:
                for d, s in self.term(part, within).items():
                    best[d] = max(best.get(d, 0.0), s)
            for d, s in best.items():
                union[d] = union.get(d, 0.0) + s
        return union
