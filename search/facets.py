"""Facet counts over a whole result set, read from the facet fields' columns.

Columns are read segment by segment. Whoosh's own multi-segment column reader leaves out
the segments that have no column file for a field (a segment whose documents all lack the
value, e.g. a plain-text record without speakers added by a later sync) and then maps
document numbers to the wrong segment: an ``IndexError``, or silently another document's
value. Here each document is looked up in its own segment, a segment without the column
gives no value, and a field without a column at all (``role``) is read from stored fields.

The ``delegation`` facet counts one entry per delegation: its code (``DEU``) when the
parser found one, else the delegation as written. :func:`label_delegations` adds a label
in the interface language; ``value`` stays what the ``delegation:`` filter accepts.

Counting over a result set of thousands of paragraphs must not read a column value per hit
through Whoosh: :class:`FacetColumns` holds each facet's values for every document of one
index generation as a compact array of value codes (4 bytes a document), and a count is one
``bincount`` over the codes of the hits. The codes are kept per segment (a segment never
changes), so a new generation reads the columns of its new segments only.
"""
from __future__ import annotations

import bisect
import threading
from collections import Counter, OrderedDict

import numpy as np

from rapporteur.indexer import delegations
from rapporteur.indexer.store.schema import FACETS
from rapporteur.search import whoosh_io

MAX_FACET_VALUES = 50
# facet → the fields whose first non-empty value is the facet value of a paragraph
FACET_SOURCES = {"delegation": ("delegation_code", "delegation")}


def field_values(searcher, name: str, docnums) -> dict[int, object]:
    """``docnum → value`` of field ``name`` (``None`` when absent), column-backed where possible."""
    docnums = sorted(docnums)
    reader = searcher.reader()
    if name not in reader.schema:  # e.g. an index written before the field existed
        return dict.fromkeys(docnums)
    if not reader.schema[name].column_type:
        return {d: searcher.stored_fields(d).get(name) for d in docnums}
    leaves = list(reader.leaf_readers())
    bases = [base for _r, base in leaves]
    columns: dict[int, object] = {}
    out: dict[int, object] = {}
    for d in docnums:
        i = bisect.bisect_right(bases, d) - 1
        leaf, base = leaves[i]
        column = columns.get(i)
        if column is None:
            column = columns[i] = leaf.column_reader(name)  # a default-valued column if absent
        try:
            out[d] = column[d - base]
        except IndexError:
            out[d] = None
    return out


def facet_values(searcher, name: str, docnums) -> dict[int, object]:
    """``docnum → facet value`` (see :data:`FACET_SOURCES`)."""
    sources = FACET_SOURCES.get(name, (name,))
    values = field_values(searcher, sources[0], docnums)
    for other in sources[1:]:
        missing = [d for d, v in values.items() if v in (None, "")]
        if missing:
            values.update(field_values(searcher, other, missing))
    return values


class FacetColumns:
    """Facet values of every document of one searcher, read once: per facet an ``array`` of
    value codes indexed by docnum, and the table of distinct values. Memory is 4 bytes per
    document and facet plus the distinct values. Only column-backed facets are held; others
    (``role``) are read per document. One thread at a time; ``codes``, a dict shared by the
    searchers of one index generation (the same documents, the same numbers), lets each of them
    read a facet with its own searcher and all of them use the first one read."""

    def __init__(self, searcher, codes: dict | None = None):
        self.searcher = searcher
        self._codes: dict[str, tuple[np.ndarray, list]] = {} if codes is None else codes

    def supports(self, name: str) -> bool:
        schema = self.searcher.reader().schema
        return all(f in schema and schema[f].column_type for f in FACET_SOURCES.get(name, (name,)))

    def codes(self, name: str) -> tuple[np.ndarray, list]:
        got = self._codes.get(name)
        if got is None:
            got = self._codes[name] = self._load(name)
        return got

    def _load(self, name: str) -> tuple[np.ndarray, list]:
        """The generation's codes: each segment's own codes (kept per segment: a commit reads
        only its new segments) mapped onto one table of values."""
        sources = FACET_SOURCES.get(name, (name,))
        table: dict[object, int] = {}
        parts = []
        for leaf in whoosh_io.leaves(self.searcher):
            codes, values = segment_codes(leaf, sources)
            mapping = np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int32, count=len(values))
            parts.append(mapping[codes] if len(codes) else codes)
        codes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
        return codes, list(table)

    def count(self, name: str, docnums) -> Counter:
        codes, table = self.codes(name)
        by_code = np.bincount(codes[as_array(docnums)], minlength=len(table))
        return Counter({table[c]: int(by_code[c]) for c in np.flatnonzero(by_code)})


def as_array(docnums) -> np.ndarray:
    """Document numbers as an int array (a set, a list or an array)."""
    if isinstance(docnums, np.ndarray):
        return docnums
    return np.fromiter(docnums, dtype=np.int64)


# Each segment's facet codes, by (segment, facet sources): a segment never changes, so a commit
# reads the columns of its new segments only. Least recently used first out past this many
# bytes of codes (4 a document and facet: 16 MB hold the four facets of a million paragraphs).
SEGMENT_FACETS_BYTES = 64 * 2 ** 20
_segment_codes: OrderedDict[tuple, tuple[np.ndarray, list]] = OrderedDict()
_segment_bytes = 0
_segment_lock = threading.Lock()


def segment_codes(leaf, sources: tuple[str, ...]) -> tuple[np.ndarray, list]:
    """``(codes, values)`` of one segment: each document's facet value (the first non-empty of
    ``sources``; None past a segment's column) as an index into ``values``."""
    key = (leaf.key, sources)
    if leaf.key is not None:
        with _segment_lock:
            got = _segment_codes.get(key)
            if got is not None:
                _segment_codes.move_to_end(key)
                return got
    values = whoosh_io.column_values(leaf, sources[0])
    for other in sources[1:]:
        if any(v in (None, "") for v in values):
            more = whoosh_io.column_values(leaf, other)
            values = [m if v in (None, "") else v for v, m in zip(values, more)]
    local: dict[object, int] = {}
    codes = np.fromiter((local.setdefault(v, len(local)) for v in values), dtype=np.int32, count=len(values))
    got = (codes, list(local))
    if leaf.key is not None:
        global _segment_bytes
        with _segment_lock:
            if key not in _segment_codes:
                _segment_codes[key] = got
                _segment_bytes += codes.nbytes
                while _segment_bytes > SEGMENT_FACETS_BYTES and len(_segment_codes) > 1:
                    _k, (old, _v) = _segment_codes.popitem(last=False)
                    _segment_bytes -= old.nbytes
    return got


def facet_counts(searcher, docnums, names=FACETS, limit: int | None = MAX_FACET_VALUES,
                 columns: FacetColumns | None = None) -> dict[str, list[dict]]:
    """``{facet: [{"value", "count"}, …]}``, most frequent first; empty values are not listed.
    ``columns``: the searcher's cached facet columns (else values are read per document)."""
    docnums = as_array(docnums)
    if not len(docnums):  # also spares an empty index, whose reader has no columns
        return {name: [] for name in names}
    out = {}
    for name in names:
        if columns is not None and columns.supports(name):
            counts = columns.count(name, docnums)
        else:
            counts = Counter(facet_values(searcher, name, docnums.tolist()).values())
        counts.pop("", None)
        counts.pop(None, None)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:limit]
        out[name] = [{"value": v, "count": c} for v, c in ranked]
    return out


def label_delegations(entries: list[dict], ui_lang: str | None) -> list[dict]:
    """Add ``label`` to delegation facet entries: a code's short name in ``ui_lang`` (English
    when the table has none), or the delegation as written when it has no code."""
    for entry in entries:
        found = delegations.get(entry["value"]) if isinstance(entry["value"], str) else None
        entry["label"] = found.label(ui_lang) if found else entry["value"]
    return entries
