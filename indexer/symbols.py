"""How a UN document symbol is written: the one rule, applied wherever a symbol enters.

A record is known by its symbol and language (``S/PV.8700:en``), so two spellings of one
symbol would be two records. The United Nations writes a symbol's elements in upper case
(``S/PV.8700``, ``A/C.1/71/L.1``), except the words of its suffix elements, which are in title
case: ``Add.1`` (addendum), ``Corr.1`` (corrigendum), ``Rev.1`` (revision), ``Amend.1``
(amendment) and ``Sub.2`` (a sub-commission, ``E/CN.4/Sub.2/2005/1``). A meeting resumed under
the same symbol carries ``(Resumption 1)``. :func:`normalize_symbol` writes any spelling that
way: ``s/pv.8700`` and ``S/PV.8700`` are the same record, ``a/c.1/71/l.1/rev.1`` is
``A/C.1/71/L.1/Rev.1``.

Only what has the shape of a UN symbol is rewritten: one to six letters (optionally with a
number, ``TD.1``) before a ``/``, and no space but before the parenthesis. Anything else, such as the symbol a
delegation's statement is given (``statement-AND-2024-09-27``, no ``/``) or a file's name used
for lack of a symbol, is left exactly as it is.
"""
from __future__ import annotations

import re

# Element words the UN writes in title case; every other element is upper case.
TITLE_ELEMENTS = ("Add", "Corr", "Rev", "Amend", "Sub")
# Words inside the parenthesis after a symbol, in title case: "(Resumption 1)", "(Part 2)".
TITLE_QUALIFIERS = ("Resumption", "Part")

_SHAPE = re.compile(r"[A-Za-z]{1,6}(?:\.\d+)?/\S*")
_QUALIFIER = re.compile(r"\s*(\([^()]*\))$")
_ELEMENT = re.compile(r"^(" + "|".join(TITLE_ELEMENTS) + r")(?=\.|\d|$)", re.I)
_TITLE = {w.upper(): w for w in TITLE_ELEMENTS}
_QUALIFIER_WORD = re.compile(r"\b(" + "|".join(TITLE_QUALIFIERS) + r")\b", re.I)


def is_un_symbol(symbol: str | None) -> bool:
    """Whether ``symbol`` has the shape of a UN document symbol (letters, then a ``/``…)."""
    if not symbol:
        return False
    base = _QUALIFIER.sub("", symbol.strip())
    return bool(_SHAPE.fullmatch(base))


def _element(element: str) -> str:
    m = _ELEMENT.match(element)
    if m:
        return _TITLE[m.group(1).upper()] + element[m.end():].upper()
    return element.upper()


def normalize_symbol(symbol: str | None) -> str | None:
    """``symbol`` as the UN writes it (see the module doc); None and anything that is not a UN
    symbol are returned unchanged."""
    if not is_un_symbol(symbol):
        return symbol
    symbol = symbol.strip()
    qualifier = ""
    m = _QUALIFIER.search(symbol)
    if m:
        qualifier = " " + _QUALIFIER_WORD.sub(lambda w: w.group(1).capitalize(), m.group(1))
        symbol = symbol[: m.start()]
    return "/".join(_element(e) for e in symbol.split("/")) + qualifier


def symbol_prefixes(prefix: str) -> list[str]:
    """The spellings, as :func:`normalize_symbol` writes whole symbols, of the beginning of a
    symbol (a search for ``s/pv.87*``), so that each is a prefix of the symbols it stands for.
    A last element that may begin an element word or an upper-case element (``A/C.1/71/L.1/re``,
    ``A/co``) gives both spellings."""
    if "/" not in prefix:
        return [prefix.upper()]
    head, _, last = prefix.rpartition("/")
    base = normalize_symbol(head + "/X")
    if not base.endswith("/X"):  # not the shape of a symbol
        return [prefix.upper()]
    base = base[:-1]
    out = [base + last.upper()]
    word = re.match(r"[A-Za-z]*", last).group(0)
    for title in TITLE_ELEMENTS:
        if word and (title.upper().startswith(word.upper()) if word == last else _ELEMENT.match(last)):
            out.append(base + (title[: len(word)] if word == last else _element(last)))
            break
    return list(dict.fromkeys(out))
