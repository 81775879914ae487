"""Evaluate a parsed query on a Whoosh searcher: which paragraphs match, with what score.

Each term follows its script. A term with Han characters matches a paragraph when

* its words are in the paragraph's word fields (unquoted terms only; BM25F score), or
* its text is a substring of the paragraph's normalised text. Candidates come from the
  bigram field (AND of the term's rarest bigrams), and each is verified against the stored
  text, so the result is exact whatever jieba did with the context. Where the term begins or
  ends with a letter or digit of an alphabetic script, the match must begin or end there
  too (``G20峰会`` is not found in ``XG20峰会``).

A term in an alphabetic script never matches inside another word (``Mali`` is not in
``Somalia``, ``Oman`` not in ``woman``):

* unquoted, its words match the word fields after the language's analysis (stems, case,
  accents);
* quoted, its folded words must stand adjacent and in order in the paragraph's text, whole
  and unstemmed (case, accents and Arabic marks folded). Candidates come from a phrase query
  over the analysed words; each is verified against the stored text's words.

Word matches score their BM25F score; substring-only matches a small constant
(:data:`CHAR_SCORE`), so word matches rank above them. Quoted phrases must be substrings
(Han) or exact word sequences (other scripts); their words only add to the score.

A query runs in two phases. First the *set* of matching paragraphs is found with id
iteration and set algebra only (no scoring): that gives the exact total and the facets.
Then only the paragraphs that can be on the page wanted are scored: for one plain word
(the common case with thousands of hits), Whoosh's top-k collector with block-quality
skipping; otherwise each term's word query is scored on the matching paragraphs alone
(never over the whole index). The scores are the same floats, added in the same order, as
scoring every hit would give, so the ranking is unchanged.
"""
from __future__ import annotations

import bisect
import heapq
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from whoosh import scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, Or, Prefix, Query, Term, TermRange
from whoosh.util.numeric import byte_to_length

from rapporteur.indexer.analysis.segmentation import phrase_words
from rapporteur.indexer.text import alphabetic, find_bounded, fold
from rapporteur.indexer.store.schema import BIGRAMS, PARA
from rapporteur.search.deadline import NO_DEADLINE
from rapporteur.search.facets import FacetColumns
from rapporteur.search.query import (
    MAX_BIGRAMS, ParsedQuery, QTerm, date_query, filter_query, grams_query, phrase_query, prefix_query, single_han,
    words_query,
)

CHAR_SCORE = 0.001

# BM25F's length normalisation. Whoosh's default (B = 0.75) ranked a one-word query almost by
# ascending paragraph length, short headings first; on the judged set (python -m bench.relevance)
# B = 0.5 gave nDCG@10 0.809 → 0.820 and MRR@10 0.927 → 0.970.
BM25_B = 0.5


def weighting() -> scoring.BM25F:
    """The scoring every searcher uses (see :data:`BM25_B`)."""
    return scoring.BM25F(B=BM25_B)

# A passage is matched by its rarest words (a common word adds little and costs a long posting
# list); a paragraph must hold this share of their weight (idf) to be a hit. The paragraph that
# contains the whole passage, or is contained in it, ranks first.
PASSAGE_TERMS = 24
PASSAGE_SHARE = 0.5
PASSAGE_VERIFY = 50

Scores = dict[int, float]


# Characters of folded paragraph text kept for substring verification, per index generation and
# shared by its searchers (search/views.py). A long-lived server meets ever more paragraphs; past
# this budget the least recently used are dropped.
TEXT_CACHE_CHARS = 20_000_000


class SharedTexts:
    """Folded paragraph texts by document number for every view of one generation, least
    recently used first out beyond ``max_chars`` characters. Thread-safe; a text is read with
    the asking view's own searcher (:meth:`reader`), never another view's."""

    def __init__(self, max_chars: int = TEXT_CACHE_CHARS):
        self.max_chars = max_chars
        self.chars = 0
        self._texts: OrderedDict[int, str] = OrderedDict()
        self._lock = threading.Lock()

    def reader(self, searcher):
        """A ``docnum → folded text`` callable for one view (what ``QueryRunner.text`` is)."""
        def text(docnum: int) -> str:
            return self.get(docnum, searcher)
        return text

    def get(self, docnum: int, searcher) -> str:
        with self._lock:
            text = self._texts.get(docnum)
            if text is not None:
                self._texts.move_to_end(docnum)
                return text
        text = fold(searcher.stored_fields(docnum).get("text", ""))  # outside the lock
        with self._lock:
            if docnum not in self._texts:
                self._texts[docnum] = text
                self.chars += len(text)
                while self.chars > self.max_chars and len(self._texts) > 1:
                    _old, dropped = self._texts.popitem(last=False)
                    self.chars -= len(dropped)
        return text


# Above this many word-matched paragraphs, one plain word is ranked with Whoosh's top-k
# collector (block-quality skipping) instead of scoring every hit.
TOPK_MIN_DOCS = 1000
# From this many documents, a word's scores are computed from its posting blocks, unless its
# posting lists are longer than this many postings per wanted document (then Whoosh's
# matchers skip to the wanted documents: a phrase's few hits among a common word's postings).
FAST_SCORE_MIN_DOCS = 32
POSTINGS_PER_WANTED_DOC = 8


def _flat_terms(q: Query) -> list[Term] | None:
    """The terms of ``q`` if it is a term or an ``Or`` of terms (nested ``Or`` and a
    one-part ``And`` flattened), unboosted; None for anything else."""
    if type(q) is Term:
        return [q] if q.boost == 1.0 and not q.minquality else None
    if type(q) is And and len(q.subqueries) == 1 and q.boost == 1.0:  # one word's AND
        return _flat_terms(q.subqueries[0])
    if type(q) is Or and q.boost == 1.0 and not q.scale and not q.minmatch:
        out: list[Term] = []
        for sub in q.subqueries:
            terms = _flat_terms(sub)
            if terms is None:
                return None
            out += terms
        return out
    return None


def contains_bounded(needle: str, text: str) -> bool:
    """Whether ``needle`` is in ``text``, not beginning or ending inside an alphabetic word."""
    return next(find_bounded(needle, text), None) is not None


def contains_words(words: list[str], phrase: list[str]) -> bool:
    """Whether the word list ``phrase`` stands in ``words``, adjacent and in order."""
    n = len(phrase)
    first = phrase[0]
    return any(words[i:i + n] == phrase for i, w in enumerate(words) if w == first)


class FieldLengths:
    """Each segment's per-document field lengths as Whoosh stores them (one byte per
    document), read once per searcher and field; ``None`` when the codec is not Whoosh 3."""

    def __init__(self):
        self._tables: dict[tuple, bytes | None] = {}

    def get(self, reader, fieldname: str) -> bytes | None:
        key = (reader, fieldname)
        if key not in self._tables:
            self._tables[key] = self._load(reader, fieldname)
        return self._tables[key]

    @staticmethod
    def _load(reader, fieldname: str) -> bytes | None:
        perdoc = getattr(reader, "_perdoc", None)
        if not isinstance(perdoc, W3PerDocReader):
            return None
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return None
        return bytes(column[i] for i in range(reader.doc_count_all()))


@dataclass
class TermMatch:
    """The paragraphs one term matches, and how each would score (computed only on demand).

    ``docs``: every match. ``words``: the docs scored by ``query`` (BM25F). For a quoted term
    (``bonus``) every doc scores ``CHAR_SCORE`` plus its ``query`` score if it has one; for an
    unquoted term a doc outside ``words`` scores ``CHAR_SCORE``."""

    docs: set[int]
    query: Query | None = None
    words: set[int] = field(default_factory=set)
    bonus: bool = False


class QueryRunner:
    """Runs parsed queries against one searcher, one thread at a time (the engine gives each
    request its own runner). ``paragraphs`` and ``text`` may be shared by the runners of one
    index generation. ``deadline``: checked in the loops that can run long (per term, posting
    block, segment, batch of candidates verified); the engine sets it for each search."""

    def __init__(self, searcher, paragraphs: set[int] | None = None, text=None):
        self.searcher = searcher
        self.text = SharedTexts().reader(searcher) if text is None else text
        self.facets = FacetColumns(searcher)
        self.lengths = FieldLengths()
        self.paragraphs = set(searcher.docs_for_query(Term("kind", PARA))) if paragraphs is None else paragraphs
        self.deadline = NO_DEADLINE

    def _checked(self, docs):
        """``docs`` one by one, the deadline checked every 8 (candidate verification: one
        candidate can be a long paragraph to read, fold or split into words)."""
        check = self.deadline.check
        for k, d in enumerate(docs):
            if not k & 7:
                check()
            yield d

    # -- building blocks ---------------------------------------------------------------

    def docs(self, q: Query) -> set[int]:
        """The documents ``q`` matches. Terms are read as id lists; ``And`` and ``Or`` of
        them, and the terms of a ``Prefix`` or ``TermRange``, become set algebra (Whoosh's
        own compound matchers step doc by doc in Python, several times slower); anything
        else goes to Whoosh."""
        if type(q) is Term:
            return self._term_docs(q.fieldname, q.text)
        if type(q) in (And, Or) and q.subqueries:
            parts = [self.docs(sub) for sub in q.subqueries]
            if type(q) is Or:
                return set().union(*parts)
            parts.sort(key=len)
            out = parts[0]
            for part in parts[1:]:
                if not out:
                    break
                out = out & part
            return out
        if type(q) in (Prefix, TermRange):  # a lone Han character (thousands of bigrams), dates
            out: set[int] = set()
            for btext in q._btexts(self.searcher.reader()):  # the terms Whoosh would OR
                self.deadline.check()
                if btext:
                    out |= self._term_docs(q.fieldname, btext)
            return out
        return set(self.searcher.docs_for_query(q))

    def _term_docs(self, fieldname: str, text) -> set[int]:
        """The live documents holding a term, read a posting block at a time (Whoosh's
        ``all_ids`` steps through a matcher per document). Other codecs: ``docs_for_query``."""
        schema = self.searcher.schema
        if fieldname not in schema:
            return set()
        try:
            btext = schema[fieldname].to_bytes(text) if isinstance(text, str) else text
        except ValueError:
            return set()
        out: set[int] = set()
        for leaf, offset in self.searcher.reader().leaf_readers():
            if (fieldname, btext) not in leaf:
                continue
            m = leaf.postings(fieldname, btext)
            deleted = None
            if isinstance(m, FilterMatcher):  # a segment with deletions
                m, deleted = m.child, leaf.deleted_docs_set
            if not isinstance(m, W3LeafMatcher):
                return set(self.searcher.docs_for_query(Term(fieldname, btext)))
            ids: list[int] = []
            while m.is_active():
                self.deadline.check()
                m._read_ids()
                ids.extend(m._ids)
                m._next_block()
            found = set(ids) if not offset else {offset + i for i in ids}
            if deleted:
                found -= {offset + i for i in deleted}
            out |= found
        return out

    def scores_for(self, q: Query, docs) -> Scores:
        """``q``'s scores for those of ``docs`` it matches, and no others: the same floats as
        ``searcher.search`` gives. A term, or an ``Or`` of terms (a word in every word field),
        is scored from its posting blocks (see :meth:`_posting_scores`); anything else, and
        documents that more than one of those terms match, by Whoosh's own matchers."""
        terms = _flat_terms(q) if len(docs) >= FAST_SCORE_MIN_DOCS else None
        if terms is not None and self._postings_size(terms) > POSTINGS_PER_WANTED_DOC * len(docs):
            terms = None  # a few wanted documents in long posting lists: the matchers skip to them
        if terms is not None:
            fast = self._posting_scores(terms, docs)
            if fast is not None:
                single, multi = fast
                if multi:
                    single.update(self._matcher_scores(q, multi))
                return single
        return self._matcher_scores(q, docs)

    def _postings_size(self, terms: list[Term]) -> int:
        return sum(self.searcher.doc_frequency(t.fieldname, t.text) for t in terms)

    def _posting_scores(self, terms: list[Term], docs) -> tuple[Scores, set[int]] | None:
        """Scores of the documents of ``docs`` matched by exactly one of ``terms``, computed
        as Whoosh's BM25F leaf matcher does (``scorer._score(weight, field length)``, the
        same scorer object, weight and length), once per distinct (weight, length) pair;
        and the set of documents matched by several terms (their sum is left to Whoosh, in
        its order). None when the index or weighting is not the one this knows."""
        weighting = self.searcher.weighting
        single: Scores = {}
        multi: set[int] = set()
        for leaf, offset in self.searcher.leaf_searchers():
            reader = leaf.reader()
            for t in terms:
                field = leaf.schema[t.fieldname] if t.fieldname in leaf.schema else None
                if field is None:
                    continue
                try:
                    btext = field.to_bytes(t.text) if isinstance(t.text, str) else t.text
                except ValueError:
                    continue
                if (t.fieldname, btext) not in reader:
                    continue
                m = reader.postings(t.fieldname, btext)
                if isinstance(m, FilterMatcher):  # deletions: deleted docs are never in docs
                    m = m.child
                scorer = weighting.scorer(leaf, t.fieldname, btext)
                lbytes = self.lengths.get(reader, t.fieldname)
                if (not isinstance(m, W3LeafMatcher) or lbytes is None
                        or not isinstance(scorer, scoring.WeightLengthScorer)
                        or type(scorer).score is not scoring.WeightLengthScorer.score):
                    return None
                score = scorer._score
                memo: dict[tuple, float] = {}
                while m.is_active():
                    self.deadline.check()
                    m._read_ids()
                    m._read_weights()
                    for i, w in zip(m._ids, m._weights):
                        d = i + offset
                        if d not in docs:
                            continue
                        lb = lbytes[i]
                        s = memo.get((w, lb))
                        if s is None:
                            s = memo[(w, lb)] = score(w, byte_to_length(lb) if lb else None)
                        if d in single or d in multi:
                            multi.add(d)
                        else:
                            single[d] = s
                    m._next_block()
        for d in multi:
            single.pop(d, None)
        return single, multi

    def _matcher_scores(self, q: Query, docs) -> Scores:
        """Scores by Whoosh's matchers: one per segment, moved to each wanted document."""
        out: Scores = {}
        if not docs:
            return out
        ordered = sorted(docs)
        context = self.searcher.context()
        for sub, offset in self.searcher.leaf_searchers():
            lo = bisect.bisect_left(ordered, offset)
            hi = bisect.bisect_left(ordered, offset + sub.doc_count_all())
            if lo == hi:
                continue
            m = q.matcher(sub, context)
            for d in self._checked(ordered[lo:hi]):
                if not m.is_active():
                    break
                local = d - offset
                if m.id() < local:
                    m.skip_to(local)
                    if not m.is_active():
                        break
                if m.id() == local:
                    out[d] = m.score()
        return out

    def top(self, q: Query, n: int, allow: set[int]) -> list[tuple[float, int]]:
        """The ``n`` best ``(score, docnum)`` of ``q`` among ``allow``, best first, lower
        docnum first on equal scores (Whoosh's top-k collector, block-quality skipping)."""
        if not allow or n < 1:
            return []
        return list(self.searcher.search(q, limit=n, filter=allow).top_n)

    def substring(self, term: QTerm, within: set[int] | None, skip: set[int] = frozenset()) -> set[int]:
        """Paragraphs whose text contains the term's text: bigram candidates, then verified.
        Candidates in ``skip`` (already known to match otherwise) are left out unverified."""
        grams = term.grams()
        if not grams:
            return set()
        if single_han(term):
            cands = self.docs(grams_query(grams))
            cands = cands & within if within is not None else cands
            return cands - skip if skip else cands
        freq = [(self.searcher.doc_frequency(BIGRAMS, g), g) for g in grams]
        if min(f for f, _ in freq) == 0:
            return set()
        # Candidates: the rarest bigram's documents, narrowed by the next rarest only while
        # reading a posting list costs less than verifying the candidates it would remove.
        ranked = sorted(freq)[:MAX_BIGRAMS]
        cands = self.docs(Term(BIGRAMS, ranked[0][1]))
        if within is not None:
            cands &= within
        if skip:
            cands -= skip
        for f, g in ranked[1:]:
            if not cands or f > 2 * len(cands):
                break
            cands &= self.docs(Term(BIGRAMS, g))
        needle = term.text
        if len(ranked) == 1 and needle == ranked[0][1] and not any(alphabetic(c) for c in needle):
            return cands  # the term is one bigram: its postings are the exact answer
        return {d for d in self._checked(cands) if contains_bounded(needle, self.text(d))}

    def phrase(self, term: QTerm, within: set[int] | None) -> set[int]:
        """Paragraphs whose text holds the alphabetic phrase's folded words, adjacent and in
        order: phrase-query candidates, then verified against the stored text's words."""
        wanted = term.phrase_words()
        q = phrase_query(term.text) if wanted else None
        if q is None:
            return set()
        cands = self._within(self.docs(q), within)
        return {d for d in self._checked(cands) if contains_words(phrase_words(self.text(d)), wanted)}

    def match(self, term: QTerm, within: set[int] | None) -> TermMatch:
        """Which paragraphs (of ``within``, or all) the term matches: sets only, no scoring."""
        self.deadline.check()
        if term.prefix:
            q = prefix_query(term.text)
            docs = self._within(self.docs(q), within) & self.paragraphs
            return TermMatch(docs, q, docs)
        words = term.words()
        if not term.han:
            return self._match_words(term, words, within)
        if term.quoted:
            found = self.substring(term, within)
            if not found and not term.grams() and words:  # e.g. "a": no bigram to look for
                q = words_query(words)
                wdocs = self._within(self.docs(q), within)
                return TermMatch(wdocs, q, wdocs)
            if words and found:
                return TermMatch(found, words_query(words, conjunction=False), bonus=True)
            return TermMatch(found, bonus=True)
        q = words_query(words) if words else None
        wdocs = self._within(self.docs(q), within) if words else set()
        docs = set(wdocs)
        if len(term.text) >= 2 or single_han(term):
            docs |= self.substring(term, within, skip=wdocs)
        return TermMatch(docs, q, wdocs)

    def _match_words(self, term: QTerm, words: list[str], within: set[int] | None) -> TermMatch:
        """An alphabetic term: whole words (unquoted) or an exact word sequence (quoted)."""
        if term.quoted:
            found = self.phrase(term, within)
            return TermMatch(found, words_query(words, conjunction=False) if words and found else None, bonus=True)
        q = words_query(words) if words else None
        wdocs = self._within(self.docs(q), within) if q is not None else set()
        return TermMatch(wdocs, q, wdocs)

    def contributions(self, m: TermMatch, docs: set[int]) -> Scores:
        """The term's score for each of ``docs`` it matches (as :meth:`match` describes)."""
        self.deadline.check()
        mine = m.docs & docs if len(docs) < len(m.docs) else {d for d in docs if d in m.docs}
        if m.bonus:
            bonus = self.scores_for(m.query, mine) if m.query is not None else {}
            return {d: CHAR_SCORE + bonus.get(d, 0.0) for d in mine}
        scored = self.scores_for(m.query, mine & m.words) if m.query is not None else {}
        return {d: scored.get(d, CHAR_SCORE) for d in mine}

    def term(self, term: QTerm, within: set[int] | None) -> Scores:
        """``docnum → score`` of every paragraph the term matches."""
        m = self.match(term, within)
        return self.contributions(m, m.docs)

    @staticmethod
    def _within(docs: set[int], within: set[int] | None) -> set[int]:
        return docs if within is None else docs & within

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

    def run(self, parsed: ParsedQuery, extra=(), dates=()) -> tuple["Ranking", str | None]:
        """``(ranking, notice)`` for a parsed query plus extra filters: the exact set of
        matching paragraphs, ranked on demand."""
        filtered = bool(parsed.filters or parsed.dates or parsed.excluded_filters or extra or dates)
        allowed = self.allowed(parsed, list(extra), dates)
        within = allowed if filtered else None
        notice = None
        plan: tuple = ("zero",)
        if parsed.passage is not None:
            scores = self._passage(parsed, within)
            docs = set(scores)
            plan = ("scored", scores)
        elif not parsed.groups:
            docs = set(allowed) if filtered or parsed.excluded else set()
        else:
            groups, docs = self._and_sets(parsed.groups, within)
            plan = ("and", groups)
            if not docs and self._can_widen(parsed):
                terms, docs = self._or_sets(parsed.positive_terms(), within)
                plan = ("or", terms)
                if docs:
                    notice = "No paragraph matches all the words; showing paragraphs that match any of them."
        docs &= self.paragraphs
        for term in parsed.excluded:
            if not docs:
                break
            docs -= self.match(term, docs).docs
        return Ranking(self, docs, plan), notice

    def _passage(self, parsed: ParsedQuery, within: set[int] | None) -> Scores:
        """A pasted passage: the paragraphs holding at least :data:`PASSAGE_SHARE` of the idf
        weight of its :data:`PASSAGE_TERMS` rarest words, scored by that weight; the best
        :data:`PASSAGE_VERIFY` are checked against the text, and one that contains the passage
        (or that the passage contains) gets a weight above every other."""
        n = max(1, len(self.paragraphs))
        weighted = []
        for word in parsed.passage_words():
            q = words_query([word])
            df = sum(self.searcher.doc_frequency(t.fieldname, t.text) for t in _flat_terms(q) or [])
            if df:
                weighted.append((df, word, q))
        weighted.sort(key=lambda x: x[0])
        chosen = [(math.log(1 + n / df), q) for df, _word, q in weighted[:PASSAGE_TERMS]]
        if not chosen:
            return {}
        scores: Scores = {}
        for idf, q in chosen:
            for d in self._within(self.docs(q), within):
                scores[d] = scores.get(d, 0.0) + idf
        need = PASSAGE_SHARE * sum(idf for idf, _q in chosen)
        scores = {d: s for d, s in scores.items() if s >= need and d in self.paragraphs}
        whole = sum(idf for idf, _q in chosen)
        passage = parsed.passage
        for d in heapq.nlargest(PASSAGE_VERIFY, scores, key=scores.get):
            text = self.text(d)
            if passage in text or (len(text) >= 20 and text in passage):
                scores[d] += whole
        return scores

    def _and_sets(self, groups: list[list[QTerm]], within: set[int] | None):
        matched: list[list[TermMatch]] = []
        result: set[int] | None = None
        for group in groups:
            ms = [self.match(term, within if result is None else result) for term in group]
            matched.append(ms)
            union = set().union(*(m.docs for m in ms))
            result = union if result is None else result & union
            if not result:
                return matched, set()
        return matched, result or set()

    def _and_scores(self, matched: list[list[TermMatch]], docs: set[int]) -> Scores:
        result: Scores | None = None
        for ms in matched:
            union: Scores = {}
            for m in ms:
                for d, s in self.contributions(m, docs).items():
                    union[d] = union.get(d, 0.0) + s
            result = union if result is None else {d: result[d] + s for d, s in union.items() if d in result}
        return result or {}

    @staticmethod
    def _can_widen(parsed: ParsedQuery) -> bool:
        terms = parsed.positive_terms()
        return len(terms) > 1 or any(not t.quoted and len(t.words()) > 1 for t in terms)

    def _or_sets(self, terms: list[QTerm], within: set[int] | None):
        matched: list[list[TermMatch]] = []
        docs: set[int] = set()
        for term in terms:
            parts = [term] + ([QTerm(w) for w in term.words()] if not term.quoted else [])
            ms = [self.match(part, within) for part in parts]
            matched.append(ms)
            for m in ms:
                docs |= m.docs
        return matched, docs

    def _or_scores(self, matched: list[list[TermMatch]], docs: set[int]) -> Scores:
        union: Scores = {}
        for ms in matched:
            best: Scores = {}
            for m in ms:
                for d, s in self.contributions(m, docs).items():
                    best[d] = max(best.get(d, 0.0), s)
            for d, s in best.items():
                union[d] = union.get(d, 0.0) + s
        return union


class Ranking:
    """The exact set of matching paragraphs (``docs``, ``total``) and their order, computed
    only as far as a page needs: :meth:`top` ``(docnum, score)`` by score, then docnum."""

    def __init__(self, runner: QueryRunner, docs: set[int], plan: tuple):
        self.runner = runner
        self.docs = docs
        self.plan = plan
        self._scores: Scores | None = None

    @property
    def total(self) -> int:
        return len(self.docs)

    def scores(self) -> Scores:
        """Every matching paragraph's score."""
        if self._scores is None:
            kind = self.plan[0]
            if kind == "and":
                self._scores = self.runner._and_scores(self.plan[1], self.docs)
            elif kind == "or":
                self._scores = self.runner._or_scores(self.plan[1], self.docs)
            elif kind == "scored":
                self._scores = self.plan[1]
            else:
                self._scores = dict.fromkeys(self.docs, 0.0)
        return self._scores

    def top(self, n: int) -> list[tuple[int, float]]:
        """The first ``n`` ``(docnum, score)``, best first (equal scores: lower docnum first)."""
        if n < 1 or not self.docs:
            return []
        if self._scores is None:
            fast = self._top_single(n)
            if fast is not None:
                return fast
        scores = self.scores()
        if len(scores) <= n:
            return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        # The n-th best score (a plain float comparison), then only the ties and better are sorted.
        floor = heapq.nlargest(n, scores.values())[-1]
        best = [(d, s) for d, s in scores.items() if s >= floor]
        best.sort(key=lambda kv: (-kv[1], kv[0]))
        return best[:n]

    def _top_single(self, n: int) -> list[tuple[int, float]] | None:
        """One term alone (of several words: scores of one word come faster from its posting
        blocks), with many word matches: the word query's top ``n`` from Whoosh's collector,
        merged with the term's other matches. None when that does not apply or
        cannot be shown exact (then every match is scored)."""
        if self.plan[0] != "and" or len(self.plan[1]) != 1 or len(self.plan[1][0]) != 1:
            return None
        m = self.plan[1][0][0]
        if m.query is None or _flat_terms(m.query) is not None:  # those are scored faster whole
            return None
        if m.bonus:
            scored = self.docs  # every match may have a bonus; the rest score CHAR_SCORE + 0.0
        else:
            scored = self.docs & m.words
        if len(scored) < TOPK_MIN_DOCS:
            return None
        extra = 8
        best = self.runner.top(m.query, n + extra, scored)
        add = (lambda s: CHAR_SCORE + s) if m.bonus else (lambda s: s)
        mapped = [(d, add(s)) for s, d in best]
        if len(best) == n + extra:
            # Word matches left out score at most the last one returned. For a quoted term,
            # CHAR_SCORE + bonus may round two bonuses to one score, so the page is exact only
            # if the last one returned scores strictly below the page's last.
            if m.bonus and not mapped[-1][1] < mapped[n - 1][1]:
                return None
            if m.bonus:
                return mapped[:n]
        # Every other match scores CHAR_SCORE (+ 0.0): only the first n by docnum can count.
        # (Quoted: when fewer than n + extra came back, they were all the bonus matches.)
        have = {d for d, _s in mapped}
        pool = self.docs if m.bonus else self.docs - m.words
        rest = heapq.nsmallest(n, (d for d in pool if d not in have))
        rest_score = CHAR_SCORE + 0.0 if m.bonus else CHAR_SCORE
        merged = sorted(mapped + [(d, rest_score) for d in rest], key=lambda kv: (-kv[1], kv[0]))
        return merged[:n]
