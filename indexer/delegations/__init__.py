"""One delegation, every language: map delegation names as written to a stable code.

The bundled table ``data/delegations.tsv`` beside this module (generated at dev time by
``tools/build_delegations.py``) lists the UN Member States, the observer
States and common organisations, with their UN short and formal names in the
six UN languages and usual variants. This package loads it once and offers:

* :func:`lookup` — a delegation string from a record (``Observer for Germany``,
  ``德国观察员``, ``de l'Allemagne``, ``наблюдатель от Германии``,
  ``المراقب عن ألمانيا``) → :class:`Delegation` or ``None``;
* :func:`codes_matching` — a user's filter text (``delegation:德国``) → codes;
* :func:`assign_codes` — every paragraph of a record gets its delegation's code;
* :func:`get`, :func:`from_alpha2` (ISO 3166-1 alpha-2 codes), :func:`all_delegations`, :func:`role_of`.

Modules: :mod:`.table` (the data), :mod:`.names` (matching keys, role words, Russian
genitives), :mod:`.matching` (lookups).

Matching works on normalised keys: NFKC, Traditional→Simplified Chinese,
case-folding, accents and Arabic vowel marks stripped, alef/ya/ta-marbuta
unified, apostrophes unified, punctuation and hyphens as spaces, spaces
collapsed (and dropped inside Chinese). Lookups are dictionary hits.
"""
from __future__ import annotations

from rapporteur.indexer.delegations import matching, table
from rapporteur.indexer.delegations.matching import assign_codes, codes_matching, lookup
from rapporteur.indexer.delegations.names import normalize_name, role_of, russian_genitives
from rapporteur.indexer.delegations.table import (
    DATA_FILE, KINDS, LANGS, Delegation, all_delegations, ambiguous_keys, from_alpha2, get,
)

__all__ = [
    "Delegation", "lookup", "codes_matching", "assign_codes", "get", "from_alpha2", "all_delegations", "ambiguous_keys",
    "role_of", "normalize_name", "russian_genitives", "reload", "DATA_FILE", "KINDS", "LANGS",
]


def reload() -> None:
    """Forget the loaded table and the cached matches (the build script and tests use this)."""
    table.forget()
    matching._match_key.cache_clear()
