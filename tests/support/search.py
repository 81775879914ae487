"""Search helpers shared by test modules."""
from __future__ import annotations

from pathlib import Path


def hits(index_dir: Path, q: str) -> set[str]:
    """The symbols of the records with a paragraph matching ``q`` (first 100 hits)."""
    from rapporteur.search.engine import Engine, SearchRequest

    with Engine(index_dir) as eng:
        return {h["symbol"] for h in eng.search(SearchRequest(q=q, size=100)).hits}
