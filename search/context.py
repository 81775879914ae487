"""The search context: one searcher and every cache a search on it uses, in one object.

A :class:`SearchContext` belongs to one view (one Whoosh searcher, one thread at a time; see
:mod:`~rapporteur.search.views`). What is the same for every searcher of one index generation
is computed once and shared through a :class:`GenerationCache` (the paragraph set, the facet
columns, the field lengths, the folded texts kept for verification). What is the same for every
generation that keeps a segment (a segment never changes once written: a commit adds segments
and marks deletions) is kept process-wide in :data:`SEGMENT_CACHE`: decoded posting lists, by
segment, field and term, least recently used first out beyond a budget in bytes
(``RAPPORTEUR_POSTINGS_CACHE_MB``, default :data:`POSTINGS_CACHE_MB`; 0 turns it off).

Document sets are sorted ``int32`` numpy arrays of global document numbers.
"""
from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np
from whoosh.query import Prefix, TermRange

from rapporteur.indexer.settings import env_number
from rapporteur.indexer.model import paragraph_id
from rapporteur.indexer.store import textstore
from rapporteur.indexer.store.schema import PARA
from rapporteur.indexer.text import fold
from rapporteur.search import whoosh_io
from rapporteur.search.deadline import NO_DEADLINE
from rapporteur.search.facets import FacetColumns

POSTINGS_CACHE_MB = 128
EXPANDED_BYTES = 32 * 2 ** 20

# Characters of folded paragraph text kept for verification, per index generation and shared by
# its searchers. A long-lived server meets ever more paragraphs; past this budget the least
# recently used are dropped.
TEXT_CACHE_CHARS = 20_000_000


def _budget_bytes() -> int:
    return int(env_number("RAPPORTEUR_POSTINGS_CACHE_MB", POSTINGS_CACHE_MB, maximum=64 * 1024) * 2 ** 20)


class SegmentCache:
    """Decoded posting lists by ``(segment key, field, term)``, least recently used first out
    beyond ``max_bytes``. Thread-safe; a list is decoded outside the lock."""

    def __init__(self, max_bytes: int | None = None):
        self._max_bytes = max_bytes  # None: $RAPPORTEUR_POSTINGS_CACHE_MB, read when first needed
        self.bytes = 0
        self._items: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def max_bytes(self) -> int:
        """The budget; :class:`~rapporteur.indexer.errors.BadSetting` for a value of the variable
        that cannot be used (read when an engine opens, not when this module is imported)."""
        if self._max_bytes is None:
            self._max_bytes = _budget_bytes()
        return self._max_bytes

    def postings(self, leaf: whoosh_io.Leaf, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        if leaf.key is None:  # not a stored segment: nothing to keep
            return whoosh_io.postings(leaf, fieldname, btext)
        key = (leaf.key, fieldname, btext)
        with self._lock:
            got = self._items.get(key)
            if got is not None:
                self._items.move_to_end(key)
                return got
        got = whoosh_io.postings(leaf, fieldname, btext)
        size = got[0].nbytes + got[1].nbytes + 100
        if size * 4 > self.max_bytes:  # too big to keep (or no budget): decoded each time
            return got
        with self._lock:
            if key not in self._items:
                self._items[key] = got
                self.bytes += size
                while self.bytes > self.max_bytes and self._items:
                    _k, (ids, ws) = self._items.popitem(last=False)
                    self.bytes -= ids.nbytes + ws.nbytes + 100
        return got

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.bytes = 0


SEGMENT_CACHE = SegmentCache()


class SharedTexts:
    """Folded paragraph texts by document number for every view of one generation, least
    recently used first out beyond ``max_chars`` characters. Thread-safe; a text is read with
    the asking context's own searcher, never another's."""

    def __init__(self, max_chars: int = TEXT_CACHE_CHARS):
        self.max_chars = max_chars
        self.chars = 0
        self._texts: OrderedDict[int, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, docnum: int, searcher) -> str:
        with self._lock:
            text = self._texts.get(docnum)
            if text is not None:
                self._texts.move_to_end(docnum)
                return text
        text = fold(whoosh_io.stored(searcher, docnum).get("text", ""))  # outside the lock
        with self._lock:
            if docnum not in self._texts:
                self._texts[docnum] = text
                self.chars += len(text)
                while self.chars > self.max_chars and len(self._texts) > 1:
                    _old, dropped = self._texts.popitem(last=False)
                    self.chars -= len(dropped)
        return text


class GenerationCache:
    """What the contexts of one index generation share, computed by the first that needs it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.paragraphs: np.ndarray | None = None
        # Documents without a date (one boolean a document), and the live paragraphs among
        # them: what a date filter leaves out for lack of a date (see SearchContext.undated).
        self.no_date: np.ndarray | None = None
        self.undated: np.ndarray | None = None
        self.facet_codes: dict = {}
        self.lengths: dict[str, np.ndarray] = {}
        self.texts = SharedTexts()
        # The documents of recent Prefix and TermRange queries (a lone Han character stands for
        # thousands of bigrams), least recently used first out past EXPANDED_BYTES.
        self.expanded: OrderedDict[tuple, tuple[np.ndarray, int]] = OrderedDict()
        self._expanded_bytes = 0

    def keep_expanded(self, key: tuple, got: tuple[np.ndarray, int]) -> None:
        with self.lock:
            if key in self.expanded or got[0].nbytes > EXPANDED_BYTES:
                return
            self.expanded[key] = got
            self._expanded_bytes += got[0].nbytes
            while self._expanded_bytes > EXPANDED_BYTES:
                _k, (docs, _n) = self.expanded.popitem(last=False)
                self._expanded_bytes -= docs.nbytes


class SearchContext:
    """One searcher with its caches (see the module doc). One thread at a time; ``deadline``
    is set by the engine for each search and checked in every loop that can run long."""

    def __init__(self, searcher, shared: GenerationCache | None = None, segments: SegmentCache | None = None,
                 folder: Path | None = None):
        self.searcher = searcher
        self.folder = folder  # the index folder, where the text stores lie (None: stored fields only)
        self.shared = GenerationCache() if shared is None else shared
        self.segments = SEGMENT_CACHE if segments is None else segments
        self.leaves = whoosh_io.leaves(searcher)
        self.size = sum(leaf.count for leaf in self.leaves)  # document numbers run 0 … size-1
        self._live = [None if leaf.deleted is None else self._live_mask(leaf) for leaf in self.leaves]
        self._starts = [leaf.offset for leaf in self.leaves]
        self._stores: list = [False] * len(self.leaves)  # False: not looked for yet
        self._n_columns: dict[int, object] = {}
        self._para_mask: np.ndarray | None = None
        self.facets = FacetColumns(searcher, codes=self.shared.facet_codes)
        self.deadline = NO_DEADLINE

    @staticmethod
    def _live_mask(leaf: whoosh_io.Leaf) -> np.ndarray:
        live = np.ones(leaf.count, dtype=bool)
        live[leaf.deleted] = False
        return live

    # -- document sets -----------------------------------------------------------------

    def term_postings(self, fieldname: str, text, keep: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """``(docs, weights)`` of a term over the live documents, by global document number.
        ``keep=False``: not kept in the posting cache (one of the many terms of a prefix)."""
        btext = whoosh_io.term_bytes(self.searcher.schema, fieldname, text)
        if btext is None:
            return whoosh_io.EMPTY_IDS, whoosh_io.EMPTY_WEIGHTS
        ids_parts, w_parts = [], []
        for leaf, live in zip(self.leaves, self._live):
            self.deadline.check()
            ids, ws = (self.segments.postings(leaf, fieldname, btext) if keep
                       else whoosh_io.postings(leaf, fieldname, btext))
            if not len(ids):
                continue
            if live is not None:
                alive = live[ids]
                ids, ws = ids[alive], ws[alive]
            ids_parts.append(ids + leaf.offset if leaf.offset else ids)
            w_parts.append(ws)
        if not ids_parts:
            return whoosh_io.EMPTY_IDS, whoosh_io.EMPTY_WEIGHTS
        if len(ids_parts) == 1:
            return ids_parts[0], w_parts[0]
        return np.concatenate(ids_parts), np.concatenate(w_parts)

    def expansions(self, q, limit: int) -> int:
        """How many distinct terms the ``Prefix`` / ``TermRange`` parts of ``q`` stand for,
        counted over every segment's terms and stopped past ``limit``."""
        parts = [q] if type(q) in (Prefix, TermRange) else [p for p in getattr(q, "subqueries", ())
                                                            if type(p) in (Prefix, TermRange)]
        seen: set = set()
        for part in parts:
            for leaf in self.leaves:
                for btext in whoosh_io.expand(part, leaf.reader, limit + 1):  # each segment's first
                    seen.add((part.fieldname, btext))
                    if len(seen) > limit:
                        return len(seen)
        return len(seen)

    def expanded_docs(self, q) -> tuple[np.ndarray, int]:
        """``(docs, terms)``: the live documents of a ``Prefix`` or ``TermRange``, and how many
        distinct terms it stands for. Expanded segment by segment over each one's own terms (a
        term one segment lacks is never looked up there); the terms' lists are not put in the
        posting cache, the result is kept per generation."""
        key = (type(q).__name__, repr(q))
        got = self.shared.expanded.get(key)
        if got is not None:
            return got
        mask = np.zeros(self.size, dtype=bool)
        terms = set()
        for leaf, live in zip(self.leaves, self._live):
            for btext in whoosh_io.expand(q, leaf.reader):
                self.deadline.check()
                terms.add(btext)
                ids, _ws = whoosh_io.postings(leaf, q.fieldname, btext, known=True)
                if live is not None and len(ids):
                    ids = ids[live[ids]]
                mask[ids + leaf.offset if leaf.offset else ids] = True
        got = (np.flatnonzero(mask).astype(np.int32), len(terms))
        self.shared.keep_expanded(key, got)
        return got

    def term_docs(self, fieldname: str, text, keep: bool = True) -> np.ndarray:
        return self.term_postings(fieldname, text, keep)[0]

    def doc_frequency(self, fieldname: str, text) -> int:
        btext = whoosh_io.term_bytes(self.searcher.schema, fieldname, text)
        return 0 if btext is None else self.searcher.doc_frequency(fieldname, btext)

    @property
    def paragraphs(self) -> np.ndarray:
        """Every live paragraph (not the record documents)."""
        if self.shared.paragraphs is None:
            docs = self.term_docs("kind", PARA)
            with self.shared.lock:
                if self.shared.paragraphs is None:
                    self.shared.paragraphs = docs
        return self.shared.paragraphs

    def no_date_mask(self) -> np.ndarray:
        """One boolean a document (record documents included): it has no date. Read from the
        ``date`` column's value lengths, a segment at a time, once per generation."""
        if self.shared.no_date is None:
            parts = [whoosh_io.column_empty(leaf, "date") for leaf in self.leaves]
            mask = np.concatenate(parts) if parts else np.zeros(0, dtype=bool)
            with self.shared.lock:
                if self.shared.no_date is None:
                    self.shared.no_date = mask
        return self.shared.no_date

    @property
    def undated(self) -> np.ndarray:
        """Every live paragraph without a date (sorted; once per generation): the paragraphs a
        ``date:`` filter leaves out whatever its range."""
        if self.shared.undated is None:
            para = self.paragraphs
            docs = para[self.no_date_mask()[para]] if len(para) else para
            with self.shared.lock:
                if self.shared.undated is None:
                    self.shared.undated = docs
        return self.shared.undated

    # -- what scoring reads ------------------------------------------------------------

    def lengths(self, fieldname: str) -> np.ndarray:
        """Every document's length code in ``fieldname`` (one byte a document)."""
        got = self.shared.lengths.get(fieldname)
        if got is None:
            parts = [whoosh_io.field_length_bytes(leaf, fieldname) for leaf in self.leaves]
            got = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint8)
            with self.shared.lock:
                got = self.shared.lengths.setdefault(fieldname, got)
        return got

    def _store(self, docnum: int):
        """``(text store of its segment or None, number in the segment)``."""
        i = bisect.bisect_right(self._starts, docnum) - 1
        store = self._stores[i]
        if store is False:
            leaf = self.leaves[i]
            store = self._stores[i] = (textstore.open_segment(self.folder, leaf.key, leaf.count)
                                       if self.folder is not None else None)
        return store, docnum - self._starts[i]

    def text(self, docnum: int) -> str:
        """A paragraph's folded text (for verification): from its segment's text store, or
        (a segment without a valid one) from the stored fields, through the shared cache."""
        docnum = int(docnum)
        store, local = self._store(docnum)
        if store is not None:
            return store.get(local)
        return self.shared.texts.get(docnum, self.searcher)

    def words(self, docnum: int) -> str:
        """A paragraph's phrase words joined by single spaces (see
        :func:`~rapporteur.indexer.store.textstore.words_text`)."""
        docnum = int(docnum)
        store, local = self._store(docnum)
        if store is not None:
            return store.words(local)
        return textstore.words_text(self.shared.texts.get(docnum, self.searcher))

    def holding_words(self, docs: np.ndarray, phrase: list[str]) -> np.ndarray:
        """Which of ``docs`` (sorted) hold the phrase's folded words, adjacent and in order:
        from the text stores a segment at a time (see ``SegmentTexts.words_holding``), or
        a text at a time from the stored fields."""
        out = np.zeros(len(docs), dtype=bool)
        joined = " ".join(phrase)
        needle = f" {joined} "
        cuts = np.searchsorted(docs, self._starts + [self.size])
        for i in range(len(self.leaves)):
            lo, hi = int(cuts[i]), int(cuts[i + 1])
            if lo == hi:
                continue
            part = docs[lo:hi]
            store, _local = self._store(int(part[0]))
            if store is not None:
                out[lo:hi] = store.words_holding((part - self._starts[i]).tolist(), joined, self.deadline.check)
            else:
                out[lo:hi] = [needle in f" {self.words(d)} " for d in self.checked(part)]
        return out

    def stored(self, docnum: int) -> dict:
        return whoosh_io.stored(self.searcher, int(docnum))

    def symbol_paragraphs(self, symbol: str) -> dict[int, dict[str, str]]:
        """``n → {lang: paragraph id}`` of the live paragraphs of a record symbol, in every
        language: one term lookup for the symbol, then each paragraph's language from the facet
        column and its number from the ``n`` column (no lookup per id)."""
        docs = self.term_docs("symbol", symbol)
        if not len(docs):
            return {}
        docs = self.only_paragraphs(docs)
        codes, langs = self.facets.codes("lang")
        out: dict[int, dict[str, str]] = {}
        for d in docs.tolist():
            i = bisect.bisect_right(self._starts, d) - 1
            column = self._n_columns.get(i)
            if column is None:
                column = self._n_columns[i] = self.leaves[i].reader.column_reader("n")
            n, lang = column[d - self._starts[i]], langs[codes[d]]
            if lang:
                out.setdefault(n, {})[lang] = paragraph_id(symbol, lang, n)
        return out

    def only_paragraphs(self, docs: np.ndarray) -> np.ndarray:
        """``docs`` without the record documents (and anything not a live paragraph)."""
        return docs[self.paragraph_mask()[docs]] if len(docs) else docs

    def paragraph_mask(self) -> np.ndarray:
        """One boolean a document: a live paragraph (made once per context)."""
        if self._para_mask is None:
            mask = np.zeros(self.size, dtype=bool)
            mask[self.paragraphs] = True
            self._para_mask = mask
        return self._para_mask

    def has_id(self, doc_id: str) -> bool:
        """Whether a live document has this ``id`` (a term lookup, not a query)."""
        return bool(len(self.term_docs("id", doc_id)))

    def checked(self, docs):
        """``docs`` one by one, the deadline checked every 8 (verification: one candidate can
        be a long paragraph to read, fold or split into words)."""
        check = self.deadline.check
        for k, d in enumerate(docs):
            if not k & 7:
                check()
            yield int(d)
