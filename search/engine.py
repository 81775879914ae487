"""The search engine: opens the index, answers searches, rebuilds records.

One :class:`Engine` serves many requests, from many threads at once: each request checks out
a *view* (its own Whoosh searcher and search context, see :mod:`rapporteur.search.views`) of the
latest index generation, so a search always sees the latest committed data and no request
waits for another's. Result pages are cached per index generation (``(index id, generation)``:
an index deleted and built again is another index, whatever its generation number), within a
budget in bytes.

A search is the pipeline :mod:`~rapporteur.search.parse` → :mod:`~rapporteur.search.plan` →
:mod:`~rapporteur.search.execute` → :mod:`~rapporteur.search.score` →
:mod:`~rapporteur.search.collect`, on the view's :class:`~rapporteur.search.context.SearchContext`.

A search runs under a :class:`~rapporteur.search.deadline.Deadline` (the engine's default
seconds, or the caller's), checked in the matching loops and per hit; past it, or once the
caller has gone, :class:`~rapporteur.search.deadline.SearchTimeout`. A query over a cost limit
(:mod:`rapporteur.search.limits`) is refused before any work.

The :class:`SearchResult` is the one result object the CLI, the JSON API and the HTML page
all render.
"""
from __future__ import annotations

import copy
import os
import sys
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh.query import And, Term

from rapporteur.indexer import delegations
from rapporteur.indexer.analysis.analyzers import ANALYSIS_VERSION
from rapporteur.indexer.model import Record
from rapporteur.indexer.settings import env_number
from rapporteur.indexer.store.documents import record_from_fields, record_key
from rapporteur.indexer.store.schema import FACETS, PARA, RECORD
from rapporteur.indexer.symbols import normalize_symbol
from rapporteur.search import collect
from rapporteur.search.context import SEGMENT_CACHE, SearchContext
from rapporteur.search.deadline import NO_DEADLINE, Deadline
from rapporteur.search.execute import Executor
from rapporteur.search.facets import facet_counts
from rapporteur.search.limits import check_query, check_window
from rapporteur.search.parse import (Notice, ParsedQuery, date_filter_text, notice_text, parse_date_range,
                                     parse_query)
from rapporteur.search.plan import plan
from rapporteur.search.score import Ranking, Scorer
from rapporteur.search.views import View, ViewPool

MAX_PAGE_SIZE = 100


def _optional_str(name: str, value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text")
    return value.strip() or None


def _positive_int(name: str, value, upper: int | None = None) -> int:
    try:
        number = int(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or number < 1 or (isinstance(value, float) and value != number):
        raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")
    if upper is not None and number > upper:
        raise ValueError(f"{name} must be at most {upper}, not {number}")
    return number


def _date(name: str, value) -> str | None:
    value = _optional_str(name, value)
    if value is None:
        return None
    try:
        parse_date_range(value)
    except ValueError:
        raise ValueError(f"{name} must be a date like 2016, 2016-06 or 2016-06-22, not {value!r}") from None
    if ".." in value:
        raise ValueError(f"{name} must be one date, not a range")
    return value


@dataclass
class SearchRequest:
    """One search: the query string, optional filters and the page wanted. Validated on creation."""

    q: str = ""
    lang: str | None = None
    delegation: str | None = None
    speaker: str | None = None
    symbol: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    page: int = 1
    size: int = 10
    # The interface language of the delegation facet's labels (``zh``, ``en``, ``fr-FR`` …).
    # None: the language most hits are in (so a Chinese search reads 德国, an English one
    # Germany). A language the table lacks falls back to English.
    ui_lang: str | None = None

    def __post_init__(self):
        self.q = "" if self.q is None else self.q
        if not isinstance(self.q, str):
            raise ValueError("q must be text")
        for name in ("lang", "delegation", "speaker", "symbol", "ui_lang"):
            setattr(self, name, _optional_str(name, getattr(self, name)))
        self.date_from = _date("date_from", self.date_from)
        self.date_to = _date("date_to", self.date_to)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from ({self.date_from}) is after date_to ({self.date_to})")
        self.page = _positive_int("page", self.page)
        self.size = _positive_int("size", self.size, MAX_PAGE_SIZE)
        check_window(self.page, self.size)  # QueryTooCostly, a ValueError naming page

    def filters(self) -> list[tuple[str, str]]:
        return [(n, getattr(self, n)) for n in ("lang", "delegation", "speaker", "symbol") if getattr(self, n)]

    def dates(self) -> list[tuple[str | None, str | None]]:
        return [(self.date_from, self.date_to)] if (self.date_from or self.date_to) else []


@dataclass
class SearchResult:
    query: str
    total: int
    page: int
    size: int
    took_ms: float
    notices: list[Notice] = field(default_factory=list)
    hits: list[dict] = field(default_factory=list)
    facets: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def notice(self) -> str | None:
        """The notices in English, as one text (None: none)."""
        return notice_text(self.notices)

    def to_dict(self) -> dict:
        return {
            "query": self.query, "total": self.total, "page": self.page, "size": self.size,
            "took_ms": self.took_ms, "notice": self.notice, "notices": [n.to_dict() for n in self.notices],
            "hits": self.hits, "facets": self.facets,
        }


# Result pages kept per engine, an LRU keyed by request and index generation, within a budget
# in bytes (:func:`footprint`; ``RAPPORTEUR_RESULT_CACHE`` megabytes, 0: no cache, e.g. to
# measure a server uncached). A page of 10 hits is 15–60 kB, one of 100 hits 0.25–0.8 MB (their
# texts), so the default keeps about 400 of the first, or 20 to 60 of the second.
RESULT_CACHE_MB = 16
_ENV = "RAPPORTEUR_RESULT_CACHE"


def _default_cache_bytes() -> int:
    return int(env_number(_ENV, RESULT_CACHE_MB, maximum=64 * 1024) * 2 ** 20)


def footprint(obj, _size=sys.getsizeof) -> int:
    """The bytes ``obj`` (a cached :class:`SearchResult`, or a part of one) holds: ``sys.getsizeof``
    of each container, string and number in it, found by walking it (about 0.3 ms for 100 hits).
    Dictionary keys are left out (they are the field names every hit shares), and so are the
    objects Python shares anyway (None, booleans, small integers). Measured against the memory
    a cached page really holds by ``tests/reliability/test_result_cache.py``."""
    if isinstance(obj, str):
        return _size(obj)
    if obj is None or isinstance(obj, bool) or (isinstance(obj, int) and -5 <= obj <= 256):
        return 0
    if isinstance(obj, (int, float)):
        return _size(obj)
    if isinstance(obj, dict):
        return _size(obj) + sum(footprint(v) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return _size(obj) + sum(footprint(v) for v in obj)
    fields = getattr(obj, "__dict__", None)
    return _size(obj) + (footprint(fields) if fields is not None else 0)


class Engine:
    """Searches, records and statistics over one index folder, for any number of threads.

    ``deadline``: the seconds a search may run by default (None: no limit); a call may pass its
    own :class:`~rapporteur.search.deadline.Deadline` (the web's also stops when the client goes).
    """

    def __init__(self, index_dir, cache_size: int | None = None, deadline: float | None = None):
        """``cache_size``: the result cache's budget in bytes (default: ``RAPPORTEUR_RESULT_CACHE``
        megabytes, else :data:`RESULT_CACHE_MB`; 0: no cache)."""
        self.index_dir = Path(index_dir)
        self.deadline = deadline
        self._cache: OrderedDict[tuple, tuple[SearchResult, int]] = OrderedDict()  # key → (page, bytes)
        self._cache_size = _default_cache_bytes() if cache_size is None else max(0, int(cache_size))
        SEGMENT_CACHE.max_bytes  # noqa: B018 — its setting read now: a value that cannot be used fails here
        self._cache_bytes = 0
        self._lock = threading.Lock()  # the result cache only; never held while searching
        # The newest (index id, generation) seen: only its pages are cached.
        self._cache_generation: tuple[str, int] | None = None
        self._pool = ViewPool(self.index_dir, on_new_generation=self._new_generation)
        self._pool.resident()  # open now: a missing or broken index fails here (IndexMissing …)

    # -- views and generations ----------------------------------------------------------

    def _new_generation(self, index: str, number: int) -> None:
        """The pool serves a newer generation, or another index: pages of the others can never
        be asked for again."""
        with self._lock:
            self._cache_generation = (index, number)
            for key in [k for k in self._cache if k[0] != self._cache_generation]:
                self._cache_bytes -= self._cache.pop(key)[1]

    def view(self):
        """``with engine.view() as v:`` a searcher (``v.searcher``) and its search context
        (``v.ctx``) of the latest generation, for this thread alone until the block ends."""
        return self._pool.view()

    @property
    def _searcher(self):
        """The searcher of a view of the latest generation, not checked out: for tests and
        tools on one thread only (use :meth:`view` otherwise)."""
        return self._pool.resident().searcher

    @property
    def _ctx(self) -> SearchContext:
        """That view's search context (one thread only, as :attr:`_searcher`)."""
        return self._pool.resident().ctx

    def warm(self) -> None:
        """Read what every search needs once: the paragraph set and the facet columns. Their
        per-segment parts are kept process-wide, so worker processes forked after this share
        them (``rapporteur serve`` warms the parent before forking, then each worker)."""
        with self._pool.view() as view:
            if not view.ctx.size:  # an empty index: nothing to read
                return
            _ = view.ctx.paragraphs
            _ = view.ctx.undated  # what date filters count as left out
            delegations.get("CHN")  # the delegation table, read once (facet labels)
            for name in FACETS:
                if view.ctx.facets.supports(name):
                    view.ctx.facets.codes(name)

    def close(self) -> None:
        self._pool.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def generation(self) -> int:
        """The live index generation, read from the index folder (no searcher is opened, and
        nothing waits for a search); IndexMissing when there is no index."""
        return self._pool.generation

    @property
    def identity(self) -> tuple[str, int]:
        """``(index id, generation)`` of the live index, read as :attr:`generation` is."""
        return self._pool.identity

    @property
    def result_cache_bytes(self) -> int:
        """The bytes the result cache holds, by :func:`footprint`."""
        return self._cache_bytes

    # -- searching ---------------------------------------------------------------------

    def search(self, req: SearchRequest, deadline: Deadline | None = None) -> SearchResult:
        """One page of results. Pages are cached by (request, index id and generation), so a
        commit, a rebuild or a new index is seen at once; a cached page is returned as a copy.

        ``deadline`` (default: :attr:`deadline` seconds from now) bounds the work: past it
        :class:`~rapporteur.search.deadline.SearchTimeout` is raised and nothing is cached. A
        query over a cost limit raises :class:`~rapporteur.search.limits.QueryTooCostly`."""
        t0 = time.perf_counter()
        if deadline is None:
            deadline = Deadline(self.deadline)
        key = (self._pool.identity, req.q, req.lang, req.delegation, req.speaker, req.symbol, req.date_from,
               req.date_to, req.page, req.size, req.ui_lang)
        cached = self._cached(key)
        if cached is not None:
            cached.took_ms = round((time.perf_counter() - t0) * 1000, 2)
            return cached
        parsed = parse_query(req.q)
        check_query(parsed)
        with self._pool.view() as view:
            result = self._search(view, req, parsed, t0, deadline)
            key = (view.identity,) + key[1:]
        if self._cache_size:
            self._keep(key, result)
        return result

    def _keep(self, key: tuple, result: SearchResult) -> None:
        """Cache a copy of ``result``, the least recently used pages out beyond the budget; a
        page over a quarter of the budget is not kept."""
        kept = copy.deepcopy(result)
        size = footprint(kept)
        if size * 4 > self._cache_size:
            return
        with self._lock:
            if key[0] != self._cache_generation:
                return
            old = self._cache.pop(key, None)
            if old is not None:
                self._cache_bytes -= old[1]
            self._cache[key] = (kept, size)
            self._cache_bytes += size
            while self._cache_bytes > self._cache_size:
                self._cache_bytes -= self._cache.popitem(last=False)[1][1]

    def _cached(self, key: tuple) -> SearchResult | None:
        if not self._cache_size:
            return None
        with self._lock:
            cached = self._cache.get(key)
            if cached is None:
                return None
            self._cache.move_to_end(key)
        return copy.deepcopy(cached[0])

    def _search(self, view: View, req: SearchRequest, parsed: ParsedQuery, t0: float,
                deadline: Deadline) -> SearchResult:
        ctx = view.ctx
        ctx.deadline = deadline
        try:
            deadline.check()
            qp = plan(parsed, req.filters(), req.dates())
            outcome = Executor(ctx).run(qp)
            ranking = Ranking(Scorer(ctx), outcome)
            terms = parsed.positive_terms()
            hits = collect.page_hits(ctx, ranking, req.page, req.size, terms, view.gen.symbols)
            facets = collect.facets(ctx, ranking, req.ui_lang)
        finally:
            ctx.deadline = NO_DEADLINE
        notices = list(parsed.notices)
        if outcome.widened:
            notices.append(Notice.of("widened"))
        if outcome.undated:
            notices.append(Notice.of("undated", count=outcome.undated,
                                     dates=" ".join(date_filter_text(lo, hi) for lo, hi in qp.dates)))
        if view.gen.analysis < ANALYSIS_VERSION:  # the next sync analyses the index again
            notices.append(Notice.of("outdated_analysis"))
        return SearchResult(
            query=req.q, total=ranking.total, page=req.page, size=req.size,
            took_ms=round((time.perf_counter() - t0) * 1000, 2), notices=list(dict.fromkeys(notices)),
            hits=hits, facets=facets,
        )

    def highlight_terms(self, q: str) -> list[str]:
        """The normalised strings to mark on a record page opened from a search for ``q``."""
        return collect.highlight_strings(parse_query(q).positive_terms())

    # -- records -----------------------------------------------------------------------

    @staticmethod
    def _documents(view: View, q) -> list[dict]:
        return [view.searcher.stored_fields(d) for d in sorted(view.searcher.docs_for_query(q))]

    def languages(self, symbol: str) -> list[str]:
        """The languages of the record ``symbol`` (as written, or else as the index writes
        symbols: ``s/pv.8700`` is ``S/PV.8700``)."""
        with self._pool.view() as view:
            docs = self._documents(view, And([Term("kind", RECORD), Term("symbol", symbol)]))
            if not docs and normalize_symbol(symbol) != symbol:
                docs = self._documents(view, And([Term("kind", RECORD), Term("symbol", normalize_symbol(symbol))]))
        return sorted({d.get("lang") or "" for d in docs})

    def record(self, symbol: str, lang: str | None = None) -> Record | None:
        """The record ``(symbol, lang)`` rebuilt from the index; ``lang=None``: the first language.
        ``symbol`` as written, or else as the index writes symbols."""
        found = self._record(symbol, lang)
        if found is None and normalize_symbol(symbol) != symbol:
            found = self._record(normalize_symbol(symbol), lang)
        return found

    def _record(self, symbol: str, lang: str | None) -> Record | None:
        if lang is None:
            langs = self.languages(symbol)
            if not langs:
                return None
            lang = langs[0]
        rkey = record_key(symbol, lang)
        with self._pool.view() as view:
            head = self._documents(view, And([Term("kind", RECORD), Term("rkey", rkey)]))
            if not head:
                return None
            paras = self._documents(view, And([Term("kind", PARA), Term("rkey", rkey)]))
        return record_from_fields(head[0], paras)

    def stats(self) -> dict:
        """Counts: records, paragraphs, languages, delegations; the records and paragraphs
        without a date (which a date filter leaves out); index size in bytes; generation."""
        with self._pool.view() as view:
            ctx = view.ctx
            para = ctx.paragraphs
            counts = facet_counts(view.searcher, para, names=("lang", "delegation"), limit=None,
                                  columns=ctx.facets)
            records = ctx.term_docs("kind", RECORD)
            size = sum(e.stat().st_size for e in os.scandir(view.gen.path) if e.is_file())
            return {
                "records": len(records), "paragraphs": len(para),
                "undated_records": _undated(ctx, records), "undated_paragraphs": len(ctx.undated),
                "languages": len(counts["lang"]), "delegations": len(counts["delegation"]),
                "index_bytes": size, "generation": view.generation,
            }

    def undated_records(self) -> tuple[int, int]:
        """``(records without a date, records)``: what a sync can say of the index it wrote
        (the record documents only: no paragraph set is read)."""
        with self._pool.view() as view:
            records = view.ctx.term_docs("kind", RECORD)
            return _undated(view.ctx, records), len(records)


def _undated(ctx: SearchContext, docs) -> int:
    """How many of ``docs`` have no date."""
    return int(np.count_nonzero(ctx.no_date_mask()[docs])) if len(docs) else 0
