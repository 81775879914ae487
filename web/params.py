"""Request arguments → a ``SearchRequest``, with the bounds a public site needs.

Shared by the HTML page and its JSON twin so that both accept exactly the same URLs.
The checks of meaning (page a whole number ≥ 1, size within the engine's limit, valid
dates) belong to ``SearchRequest``; this module only bounds the lengths of what it passes on
and names the parameter in the error.
"""
from __future__ import annotations

import re

from rapporteur.search.engine import SearchRequest

# The parameters that narrow a search; the page shows each one in use as a removable chip.
FILTERS = ("lang", "delegation", "speaker", "symbol", "date_from", "date_to")
NUMBERS = ("page", "size")
# Every parameter a page reads (``lang`` and ``with`` name a record's versions on its page); any
# other is ignored, and never carried into a link.
PAGE_PARAMS = ("q", *FILTERS, *NUMBERS, "with")
NUMBER_LENGTH = 12
# A UN symbol: slash-separated parts, each starting with a letter or digit, so none is
# empty, "." or "..". Anything else (``../../etc/passwd``) cannot name a record.
_SYMBOL_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9.() +_-]*")
_LANG = re.compile(r"[a-z]{2,3}")


class BadParameter(ValueError):
    """A request parameter the user got wrong; ``str()`` is the message, ``param`` its name,
    ``limit`` the cost limit it is over, if that is what is wrong (see ``search.limits``)."""

    def __init__(self, param: str, message: str, limit: str | None = None):
        self.param, self.limit = param, limit
        super().__init__(message)


def _text(args, name: str, limit: int) -> str | None:
    value = args.get(name, "").strip()
    if len(value) > limit:
        raise BadParameter(name, f"{name} is too long ({len(value)} characters; the limit is {limit})")
    return value or None


def query(args, config) -> str:
    """The query text, ``""`` if none; :class:`BadParameter` when it is over-long."""
    return _text(args, "q", config["MAX_QUERY_LENGTH"]) or ""


def search_request(args, config, ui_lang: str | None = None) -> SearchRequest:
    """Build the engine's request from URL arguments; raises :class:`BadParameter`.

    ``ui_lang`` is the interface language, in which the engine labels the delegation facet.
    """
    fields = {"q": query(args, config), "ui_lang": ui_lang}
    for name in FILTERS:
        fields[name] = _text(args, name, config["MAX_FILTER_LENGTH"])
    fields["page"] = _text(args, "page", NUMBER_LENGTH) or 1
    fields["size"] = _text(args, "size", NUMBER_LENGTH) or config["PAGE_SIZE"]
    try:
        return SearchRequest(**fields)
    except ValueError as err:
        raise BadParameter(getattr(err, "param", "") or _named_in(err), str(err), getattr(err, "limit", None)) from None


def _named_in(err: ValueError) -> str:
    text = str(err)
    for name in ("q", *FILTERS, *NUMBERS):
        if re.search(rf"\b{name}\b", text):
            return name
    return ""


def active_filters(args) -> list[tuple[str, str]]:
    """``(name, value)`` of each filter in use, in the order of :data:`FILTERS`."""
    return [(name, args[name].strip()) for name in FILTERS if args.get(name, "").strip()]


def record_symbol(symbol: str) -> str | None:
    """The symbol if it can be a UN symbol, else None (the caller answers 404)."""
    if len(symbol) > 200:
        return None
    parts = symbol.split("/")
    if all(_SYMBOL_PART.fullmatch(p) for p in parts):
        return symbol
    return None


def record_lang(args, name: str = "lang") -> str | None:
    """A record language code from ``args[name]``, None if absent; :class:`BadParameter` if malformed."""
    lang = args.get(name, "").strip().lower()  # EN is en, as the symbol is taken in any case
    if not lang:
        return None
    if not _LANG.fullmatch(lang):
        raise BadParameter(name, f"{name} must be a language code such as zh or en, not {lang[:20]!r}")
    return lang


def second_lang(args, first: str | None) -> str | None:
    """The ``with`` language of the side-by-side view: a code other than ``first``, or None when
    not asked for (``first`` is None for a record whose language is unknown)."""
    other = record_lang(args, "with")
    if other is not None and other == first:
        raise BadParameter("with", f"with must name a language other than the record's own ({first})")
    return other
