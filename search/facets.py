"""Facet counts over a whole result set, read from the facet fields' columns."""
from __future__ import annotations

from collections import Counter

from indexer.schema import FACETS

MAX_FACET_VALUES = 50


def facet_counts(searcher, docnums, names=FACETS, limit: int = MAX_FACET_VALUES) -> dict[str, list[dict]]:
    """``{facet: [{"value", "count"}, …]}``, most frequent first; empty values are not listed."""
    docnums = list(docnums)
    if not docnums:  # also spares an empty index, whose reader has no columns
        return {name: [] for name in names}
    reader = searcher.reader()
    out = {}
    for name in names:
        column = reader.column_reader(name)
        counts = Counter(column[d] for d in docnums)
        counts.pop("", None)
        counts.pop(None, None)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        out[name] = [{"value": v, "count": c} for v, c in ranked]
    return out
