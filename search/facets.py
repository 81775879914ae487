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
"""
from __future__ import annotations

import bisect
from collections import Counter

from indexer import delegations
from indexer.schema import FACETS

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


def facet_counts(searcher, docnums, names=FACETS, limit: int | None = MAX_FACET_VALUES) -> dict[str, list[dict]]:
    """``{facet: [{"value", "count"}, …]}``, most frequent first; empty values are not listed."""
    docnums = list(docnums)
    if not docnums:  # also spares an empty index, whose reader has no columns
        return {name: [] for name in names}
    out = {}
    for name in names:
        counts = Counter(facet_values(searcher, name, docnums).values())
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
