"""Searchers for concurrent requests: a pool of *views*, each one Whoosh searcher with its
search context, used by one thread at a time.

Whoosh searchers are not thread-safe: a compound segment's sub-files share one file handle
(seek, then read). Each view opens its own searcher, so its own handles, and a thread checks a
view out for the length of one request (:meth:`ViewPool.view`): requests in one process never
wait for each other (there is no lock around a search), only for a view to be opened when all
the open ones are in use.

Views belong to an index *generation* of one index, known by ``(index id, generation number)``
(see :mod:`rapporteur.indexer.store.locations`): the number alone cannot tell an index deleted
and built again up to the same number from the one before it. A checkout reads both on disk (the
``CURRENT`` file and the folder's TOC names, no Whoosh open) and hands out a view of them,
opening one when none is idle; the idle views of an older generation or of another index are
closed then, and a view of those still in use is closed when it comes back. So a request always
sees the latest commit of the index in the folder now, as with one searcher before.

Each view has its :class:`~rapporteur.search.context.SearchContext`. The views of one generation
share what is costly per searcher and the same for all of them
(:class:`~rapporteur.search.context.GenerationCache`: the paragraph set, the facet columns, the
field lengths, the folded texts kept for verification, one budget per generation, not per view).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from rapporteur.indexer.errors import IndexMissing
from rapporteur.indexer.store import textstore
from rapporteur.indexer.store.locations import open_searcher, open_index, read_current, toc_generation
from rapporteur.search.context import GenerationCache, SearchContext
from rapporteur.search.score import weighting

# Idle views kept per process beyond those in use right now (each holds open file handles):
# as many as a waitress worker has threads, by default.
MAX_IDLE_VIEWS = 16


class Generation:
    """What the views of one index generation share; ``index`` is the index's id."""

    def __init__(self, index: str, number: int, path: Path, analysis: int):
        self.index, self.number, self.path, self.analysis = index, number, path, analysis
        self.cache = GenerationCache()
        self.symbols: dict[str, dict] = {}  # symbol → its paragraphs by n and language, for hit versions


class View:
    """One searcher of one generation and its search context. One thread at a time."""

    def __init__(self, ix, searcher, gen: Generation):
        self.ix, self.searcher, self.gen = ix, searcher, gen
        self.ctx = SearchContext(searcher, shared=gen.cache, folder=gen.path)

    @property
    def generation(self) -> int:
        return self.gen.number

    @property
    def identity(self) -> tuple[str, int]:
        return self.gen.index, self.gen.number

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()


class OnDisk(NamedTuple):
    """The live index as its folder says: ``(index id, generation)`` is its identity."""

    index: str
    number: int
    path: Path
    analysis: int
    base: int

    @property
    def identity(self) -> tuple[str, int]:
        return self.index, self.number


def on_disk(index_dir: Path) -> OnDisk:
    """The live index, from ``CURRENT`` and the TOC file names only; :class:`IndexMissing` when
    there is none."""
    cur = read_current(index_dir)
    toc = toc_generation(index_dir / cur.dir) if cur else -1
    if cur is None or toc < 0:
        raise IndexMissing(f"no index at {index_dir}; run 'rapporteur index' first")
    return OnDisk(cur.id, cur.base + toc, index_dir / cur.dir, cur.analysis, cur.base)


# Attempts at opening a view of the index a checkout read on disk, should it be replaced by
# another (``rm -rf`` and a new ``rapporteur index``) between the read and the open.
OPEN_ATTEMPTS = 5


class ViewPool:
    """The views of one index folder (see the module doc)."""

    def __init__(self, index_dir: Path, on_new_generation=None):
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()  # the pool's lists only; never held while searching or opening
        self._gen: Generation | None = None
        self._replaced: set[str] = set()  # ids of the indexes another has replaced in the folder
        self._idle: list[View] = []
        self._open = 0  # views open, idle or in use
        self._closed = False
        self._on_new_generation = on_new_generation

    @property
    def generation(self) -> int:
        """The generation on disk (what the next checkout serves); IndexMissing without an index."""
        return on_disk(self.index_dir).number

    @property
    def identity(self) -> tuple[str, int]:
        """``(index id, generation)`` on disk; IndexMissing without an index."""
        return on_disk(self.index_dir).identity

    @property
    def open_views(self) -> int:
        return self._open

    @contextmanager
    def view(self):
        """A view of the latest generation, for this thread alone until the block ends."""
        view = self.checkout()
        try:
            yield view
        finally:
            self.checkin(view)

    def checkout(self) -> View:
        for attempt in range(OPEN_ATTEMPTS):
            disk = on_disk(self.index_dir)
            stale: list[View] = []
            with self._lock:
                if self._closed:
                    raise IndexMissing(f"the engine on {self.index_dir} is closed")
                if self._gen is not None and (self._gen.index != disk.index or self._gen.number < disk.number):
                    stale, self._idle = self._idle, []
                for i in range(len(self._idle) - 1, -1, -1):
                    if self._idle[i].identity == disk.identity:
                        view = self._idle.pop(i)
                        break
                else:
                    view = None
            self._close(stale)
            if view is not None:
                return view
            view = self._open_view(disk, last=attempt == OPEN_ATTEMPTS - 1)
            if view is not None:
                return view
        raise AssertionError("unreachable: the last attempt returns a view")

    def _open_view(self, disk: OnDisk, last: bool) -> View | None:
        """A new view of the index ``disk`` names; None (try again) when another index has
        taken its place in the folder since it was read, unless this is the ``last`` attempt."""
        path = disk.path
        if not path.is_dir():
            raise IndexMissing(f"no index at {self.index_dir}; run 'rapporteur index' first")
        ix = open_index(path)  # without mmap (see locations.index_storage)
        try:
            searcher = open_searcher(ix, path, weighting=weighting())
        except Exception:
            ix.close()
            raise
        cur = read_current(self.index_dir)
        if (cur is None or cur.id != disk.index) and not last:  # the folder opened may be the new index's
            searcher.close()
            ix.close()
            return None
        # The generation this searcher really reads (a commit may have landed since the checkout
        # read CURRENT): the folder's base plus the TOC it opened.
        toc = searcher.reader().generation()
        number = disk.base + (toc if toc is not None and toc >= 0 else toc_generation(path))
        with self._lock:
            gen, stale = self._gen, []
            if disk.index in self._replaced:
                gen = Generation(disk.index, number, path, disk.analysis)  # a replaced index, for this request only
                newer = False
            else:
                newer = gen is None or gen.index != disk.index or number > gen.number
            if newer:
                if gen is not None and gen.index != disk.index:
                    self._replaced.add(gen.index)
                gen = self._gen = Generation(disk.index, number, path, disk.analysis)
                stale, self._idle = self._idle, []
            elif number < gen.number:
                gen = Generation(disk.index, number, path, disk.analysis)  # an older one, for this request only
            self._open += 1
        self._close(stale)
        if newer:
            live = [leaf.segment().segment_id() for leaf, _o in searcher.reader().leaf_readers()
                    if leaf.segment() is not None]
            textstore.retain(path, live)  # the stores of segments gone are closed when unused
            if self._on_new_generation is not None:
                self._on_new_generation(gen.index, number)
        try:
            return View(ix, searcher, gen)
        except Exception:
            with self._lock:
                self._open -= 1
            searcher.close()
            ix.close()
            raise

    def checkin(self, view: View) -> None:
        with self._lock:
            keep = (not self._closed and self._gen is not None and view.gen is self._gen
                    and len(self._idle) < MAX_IDLE_VIEWS)
            if keep:
                self._idle.append(view)
        if not keep:
            self._close([view])

    def resident(self) -> View:
        """A view of the latest generation left in the pool (not checked out): for tests and
        tools that use the engine from one thread only."""
        view = self.checkout()
        self.checkin(view)
        with self._lock:
            return self._idle[-1] if self._idle and self._idle[-1] is view else view

    def _close(self, views: list[View]) -> None:
        for view in views:
            with self._lock:
                self._open -= 1
            view.close()

    def close(self) -> None:
        """Close the idle views now and the others as they come back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        self._close(idle)
