"""One grammar per UN language: ``GRAMMARS["en"]`` … Each module builds its own."""
from __future__ import annotations

from rapporteur.indexer.parse.grammar import Grammar
from rapporteur.indexer.parse.grammars import ar, en, es, fr, ru, zh

GRAMMARS: dict[str, Grammar] = {g.lang: g for g in (zh.GRAMMAR, en.GRAMMAR, fr.GRAMMAR, es.GRAMMAR, ru.GRAMMAR, ar.GRAMMAR)}
