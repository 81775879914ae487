"""What a language brings to the record parsers: its speaker openings and its header words.

The layout engines (``summary.py`` for summary records, ``verbatim.py`` for verbatim records)
and the header reader (``header.py``) are the same for every language; a :class:`Grammar`
supplies the words. One module per language in ``grammars/`` builds one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Pattern

from rapporteur.indexer.parse.speaker import Speaker
from rapporteur.indexer.parse.statement_forms import StatementForms

NEVER = re.compile(r"(?!)")


@dataclass(frozen=True)
class HeaderForms:
    meeting: Pattern  # group "n": the meeting number; group "kind" (optional): the record kind word
    kinds: dict[str, str]  # record-kind word (lower case) → "SR" / "PV"
    date: Callable[[str], str | None]  # a header line → ISO date, or None
    held: Pattern  # the line that gives date and place ("Held at …", "…举行")
    place: Pattern  # group 1: the place
    chair: Pattern  # groups "name", "deleg" and optional "hon"
    contents: tuple[str, ...]  # the word that opens the agenda list
    honorifics: tuple[str, ...] = ()  # stripped from the chair's name when written after it


@dataclass(frozen=True)
class Grammar:
    lang: str
    match_opening: Callable[[str], Speaker | None]
    header: HeaderForms
    opening_line: Pattern  # "The meeting was called to order at 10.10 a.m."
    closing_line: Pattern  # "The meeting rose at 12.05 p.m."
    to_time: Callable[[str], str | None]
    procedural: Pattern = NEVER  # paragraphs that belong to no speaker ("The agenda was adopted.")
    sentence_punct: Pattern = field(default_factory=lambda: re.compile(r"[.;!?]"))
    terminal: tuple[str, ...] = tuple(".!?\"')”’")
    max_heading: int = 120
    # "In the absence of the President, Mr. Rai (Nepal), Vice-President, took the Chair.": each
    # pattern has groups "name", "hon" and "deleg" (optional). Such a line is no paragraph; the
    # acting chair's paragraphs ("The Acting President:", 代理主席说) are theirs until ``left_chair``.
    took_chair: tuple[Pattern, ...] = ()
    left_chair: Pattern = NEVER  # "The President returned to the Chair."
    # A presiding officer speaking for their country: "in my capacity as the representative of
    # China" (group "d"), until "I now resume my functions as President of the Council".
    national: Pattern = NEVER
    national_end: Pattern = NEVER
    # A verbatim record's heading "Address by Mr. X, President of the Republic of Y": groups
    # "name", "role" and "d"; the head of State announced by it speaks for Y.
    address: Pattern = NEVER
    statement: StatementForms | None = None  # a delivered statement's header and salutations (statement.py)


def took_chair(grammar: Grammar, text: str) -> re.Match | None:
    """The match of a "took the Chair" line, or None."""
    for pattern in grammar.took_chair:
        m = pattern.match(text)
        if m:
            return m
    return None


def clock(hour: int, minute: int, period: str | None = None) -> str | None:
    """24-hour ``HH:MM`` from a clock reading; ``period`` is "am", "pm" or None (24-hour input)."""
    if period == "pm" and hour < 12:
        hour += 12
    elif period == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return f"{hour:02d}:{minute:02d}"


def month_date(pattern: Pattern, months: dict[str, int]) -> Callable[[str], str | None]:
    """A date reader for ``pattern`` with groups "d", "m" (a month word) and "y"."""

    def read(line: str) -> str | None:
        m = pattern.search(line)
        if not m:
            return None
        month = months.get(m.group("m").lower())
        if month is None:
            return None
        return f"{int(m.group('y')):04d}-{month:02d}-{int(m.group('d')):02d}"

    return read
