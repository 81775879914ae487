"""What one search may ask for. Over a limit the answer is a clear error naming it (the web: a
400 with ``"limit"``; the CLI: one line, exit status 2), not the work.

* ``terms``: at most :data:`MAX_TERMS` search terms (positive and excluded) after every
  expansion. The parser keeps the first 64 terms it reads, but one token can split into many
  (``a:a:a:…`` is 250 words; so is ``x"y"z…``): those are counted after splitting.
* ``or``: at most :data:`MAX_OR_CLAUSES` ``OR`` alternatives.
* ``filters``: at most :data:`MAX_FILTERS` field filters (``speaker:``, ``-lang:``, ``date:`` …),
  each a lookup of its own.
* ``window``: ``page × size`` at most :data:`MAX_RESULT_WINDOW` (Elasticsearch's
  ``index.max_result_window`` is the same idea): a deep page ranks every hit above it.
* ``prefix``: a prefix (``S/PV.87*``) may stand for at most :data:`MAX_PREFIX_TERMS` distinct
  indexed words (Elasticsearch caps a prefix's expansions the same way); ``a*`` stands for
  thousands, each a posting list to read. Counted when the query runs, before any list is read.

A long query of plain words is not over a limit: the parser reads it as a pasted passage (or,
without that, searches its first words with a notice). The limits apply to what a parsed query
will run, so they hold whatever the syntax that produced it.
"""
from __future__ import annotations

from rapporteur.indexer.errors import RapporteurError
from rapporteur.search.parse import MAX_TERMS, ParsedQuery

MAX_OR_CLAUSES = 16
MAX_FILTERS = 32
MAX_RESULT_WINDOW = 1000
MAX_PREFIX_TERMS = 1000


class QueryTooCostly(RapporteurError, ValueError):
    """A search over one of the cost limits. ``limit``: its name (``terms``, ``or``,
    ``filters``, ``window``); ``param``: the request parameter at fault (``q``, ``page``).
    A ``ValueError`` too, as the other errors of a request that cannot be served as asked."""

    def __init__(self, limit: str, message: str, param: str = "q"):
        self.limit, self.param = limit, param
        super().__init__(message)


def check_window(page: int, size: int) -> None:
    if page * size > MAX_RESULT_WINDOW:
        raise QueryTooCostly(
            "window", f"page × size may be at most {MAX_RESULT_WINDOW} (the first {MAX_RESULT_WINDOW} hits), "
                      f"not {page} × {size}; narrow the search instead", param="page")


def check_query(parsed: ParsedQuery) -> None:
    """:class:`QueryTooCostly` when the parsed query is over a limit."""
    terms = len(parsed.positive_terms()) + len(parsed.excluded)
    if getattr(parsed, "passage", None) is None and terms > MAX_TERMS:
        raise QueryTooCostly(
            "terms", f"The query has {terms} search terms once split (at ':' and '\"' too); "
                     f"the limit is {MAX_TERMS}.")
    alternatives = sum(len(group) - 1 for group in parsed.groups)
    if alternatives > MAX_OR_CLAUSES:
        raise QueryTooCostly("or", f"The query has {alternatives} OR alternatives; the limit is {MAX_OR_CLAUSES}.")
    filters = sum(len(v) for v in parsed.filters.values()) + len(parsed.excluded_filters) + len(parsed.dates)
    if filters > MAX_FILTERS:
        raise QueryTooCostly("filters", f"The query has {filters} field filters; the limit is {MAX_FILTERS}.")


def check_prefix(text: str, words: int, limit: int = MAX_PREFIX_TERMS) -> None:
    """:class:`QueryTooCostly` when a prefix stands for more than ``limit`` words."""
    if words > limit:
        raise QueryTooCostly(
            "prefix", f"'{text}*' stands for more than {limit} indexed words; the limit is {limit}: "
                      f"make the prefix longer.")
