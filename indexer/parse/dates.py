"""Dates written in a record's text → ISO dates, in the six UN languages (and Italian, Portuguese).

:func:`find_date` reads the first date a text gives, trying the record's language first::

    New York, le 27 septembre 2024 / le 1er octobre 2024         fr
    Nueva York, 25 de septiembre de 2024 / 26 de septiembre 2024 es
    27 September 2024 / September 25, 2024 / 27th of September   en
    Нью-Йорк, 28 сентября 2024 года / 28 сентября 2024 г.        ru
    ٢٧ سبتمبر ٢٠٢٤ / 27 أيلول/سبتمبر 2024                         ar (Arabic-Indic digits too)
    2024年9月27日                                                 zh
    Mercoledì, 25 Settembre 2024 / 24 de setembro de 2024        it, pt

The month words are each grammar's ``MONTHS`` table (``grammars/*.py``), read through
:func:`~rapporteur.indexer.parse.grammar.month_date`; Italian and Portuguese, which have no
grammar, have their tables here. Month words are compared folded (case, accents: OCR'd
``SEPTEMBRE``, ``fevrier`` and ``Février`` are one month). ``\\d`` is any decimal digit, so
Arabic-Indic and Persian digits read as they are (``int("٢٧") == 27``).

The end of a range is not a date: ``du 20 au 28 septembre 2024``, ``20-26 SEPTEMBRE 2024``
give none (a session's span says nothing of the day a statement was made). A day that is not
in the calendar (``31 septembre``) is no date either.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Callable, Pattern

from rapporteur.indexer.parse.grammar import month_date
from rapporteur.indexer.parse.grammars import ar, en, es, fr, ru
from rapporteur.indexer.text import fold_word

# Languages without a grammar whose statements the collections hold.
_MONTHS_IT = {m: i for i, m in enumerate(
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split(), 1)}
_MONTHS_PT = {m: i for i, m in enumerate(
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split(), 1)}

_WORD = r"[^\W\d_]+"
# Day, month word, year, with the words languages put between them: "1er", "27th", "de", "of", "del".
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:er|ᵉʳ|st|nd|rd|th|º|°)?\s*(?:de\s+|of\s+)?(?:{_WORD}/)?(?P<m>{_WORD})\.?,?\s*(?:de\s+|del\s+)?(?P<y>\d{{4}})(?!\d)",
    re.I,
)
# "September 25, 2024"
_MONTH_DAY_YEAR = re.compile(rf"(?<![^\W\d_])(?P<m>{_WORD})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)", re.I)
_HAN = re.compile(r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
# What stands before the second date of a range: "20 au", "20-", "del 20 al", "to", "по".
_RANGE_BEFORE = re.compile(r"(?:\d\s*(?:-|–|—|/|a|y|et|and|и)|\b(?:au|al|to|till|until|по|до|إلى))\s*$", re.I)

MIN_YEAR, MAX_YEAR = 1945, 2100


def _folded(months: dict[str, int]) -> dict[str, int]:
    return {fold_word(word): n for word, n in months.items()}


MONTHS: dict[str, dict[str, int]] = {
    "en": _folded(en.MONTHS), "fr": _folded(fr.MONTHS), "es": _folded(es.MONTHS), "ru": _folded(ru.MONTHS),
    "ar": _folded(ar.MONTHS), "it": _folded(_MONTHS_IT), "pt": _folded(_MONTHS_PT),
}
LANGS = ("en", "fr", "es", "ru", "ar", "zh", "it", "pt")  # the order languages are tried after the record's own


class _Folding(dict):
    """A month table that folds the word the pattern read before looking it up."""

    def get(self, key, default=None):  # month_date looks words up with .get(word.lower())
        return super().get(fold_word(key), default)


def _han_date(text: str) -> str | None:
    m = _HAN.search(text)
    return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}" if m else None


def _readers(lang: str) -> list[tuple[Pattern, Callable[[str], str | None]]]:
    if lang == "zh":
        return [(_HAN, _han_date)]
    months = _Folding(MONTHS[lang])
    patterns = [_DAY_MONTH_YEAR] + ([_MONTH_DAY_YEAR] if lang == "en" else [])
    return [(p, month_date(p, months)) for p in patterns]


_READERS = {lang: _readers(lang) for lang in LANGS}


def _valid(iso: str | None) -> str | None:
    if iso is None:
        return None
    try:
        day = _dt.date.fromisoformat(iso)
    except ValueError:
        return None
    return iso if MIN_YEAR <= day.year <= MAX_YEAR else None


def _first(text: str, lang: str) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for pattern, read in _READERS[lang]:
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best[0]:
                break
            if _RANGE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue
            iso = _valid(read(m.group(0)))
            if iso:
                best = (m.start(), iso)
                break
    return best


def find_date(text: str, lang: str | None = None) -> str | None:
    """The first date ``text`` writes out in full (day, month, year), as ``YYYY-MM-DD``; the
    record's language ``lang`` is tried first, then the others. None if it gives none."""
    if not text:
        return None
    order = ([lang] if lang in _READERS else []) + [other for other in LANGS if other != lang]
    for each in order:
        found = _first(text, each)
        if found:
            return found[1]
    return None
