"""What a language brings to the statement layout (``statement.py``, ``statement_header.py``).

A statement delivered to a meeting, as its delegation publishes it, opens with a header that
names the speech, the speaker and their office, and often the place and date, then greets the
chair::

    Intervention du Chef du Gouvernement, M. Xavier Espot Zamora     ← title: office, honorific, name
    New York, le 27 septembre 2024                                   ← date
    Monsieur le Président,                                           ← salutation: the speech begins

Each language's grammar (``grammars/*.py``) gives its words as regular expressions, matched
case-insensitively (headers are often in capitals); the engines know no language.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per language
class StatementForms:
    titles: str  # the word that opens a statement's title: "Intervention", "Discurso", "Выступление"
    honorifics: str  # words before a speaker's name: "Son Excellence Monsieur", "S.E.M.", "Excmo. Sr. D."
    offices: str  # words that open an office: "Président", "Ministra", "Chef", "Министра"
    ends: str  # where the speaker part of a title ends: "à l'occasion de", "en el debate", "на общеполитической"
    salutations: str  # a line that greets the chair or the hall: "Monsieur le Président,", "Señoras y señores:"
    prepositions: str = r"(?!)"  # between the title word and the speaker: "de la", "du", "del", "by"
    # An office that belongs to the meeting's officers the speech greets, not to the speaker
    # ("Président de l'Assemblée générale", "Secretary-General").
    chair: str = r"(?!)"
    # Words of an office as a title inflects them → the office's own form (lower case keys):
    # Russian titles put the speaker in the genitive ("Выступление Министра" → "Министр").
    heads: dict[str, str] = field(default_factory=dict)
    # Surname endings as a title inflects them → the nominative ("Лаврова" → "Лавров"), longest first.
    name_endings: tuple[tuple[str, str], ...] = ()
    # A regex a name must match in full, where names have a shape of their own ("С.В.Лаврова");
    # None: two to seven capitalised words.
    name_shape: str | None = None
