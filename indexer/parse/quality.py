"""Parse quality: what in a parsed :class:`~rapporteur.indexer.model.Record` an archivist should look at.

``assess(record)`` → :class:`QualityReport`; ``rapporteur parse --report`` prints one per file and
:class:`Totals` over them. A report lists:

* delegations without a code: ``paragraph.delegation`` set, ``delegation_code`` None (the
  delegation table does not know the name, or the parser read something else as a delegation);
* paragraphs without a speaker (``speaker`` None), procedural ones (``The agenda was
  adopted.``, the grammar's ``procedural``) left out, since they rightly have none; those that
  carry a role only (a chair whose name the record's header does not give) are counted apart;
* suspicious paragraphs: longer than :data:`LONG_PARAGRAPH` characters, or holding a speaker
  opening after a sentence end (the parser missed a paragraph break, and the second speaker's
  words are credited to the first);
* the parser's own warnings.

Openings inside a paragraph are read with the record's grammar, as the layout engines read them
at a paragraph's start. In verbatim records (and records of no recognised layout) an opening ends
with a colon (``verbatim.statement_opening``). In summary records a named opening
(``Mr. Anton (Germany)``) is enough, but a bare role (``The Chair``, ``The President``) starts
many ordinary sentences (``The Chair of the working group had…``): it counts only when the word
after it is one that follows a named opening at the start of a paragraph of the same record
(``said``, ``说``…), or a colon.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapporteur.indexer.model import Record
from rapporteur.indexer.parse.grammar import Grammar
from rapporteur.indexer.parse.grammars import GRAMMARS
from rapporteur.indexer.parse.speaker import Speaker
from rapporteur.indexer.parse.verbatim import statement_opening

LONG_PARAGRAPH = 5000  # characters; the longest paragraphs of well-parsed summary records stay under 3,000
OPENING_EXCERPT = 80  # characters of an inside opening quoted in a report

# A sentence ends with . ! ? (and their Chinese and Arabic forms), maybe closing quotes or brackets,
# then spaces, or nothing in Chinese; the next sentence starts at the first non-space character.
_SENTENCE_END = re.compile(r"[.!?。！？؟…]+[\"'”’»)\]」』]*\s*")
_WORD = re.compile(r"\s*(\w+)")
_COLON = re.compile(r"\s*[:：]")


@dataclass(frozen=True)
class InsideOpening:
    at: int  # character offset of the opening in the paragraph's text
    text: str  # the opening as written and the word after it, cut to OPENING_EXCERPT characters

    def to_dict(self) -> dict:
        return {"at": self.at, "text": self.text}


@dataclass
class Suspicious:
    n: int
    chars: int
    long: bool = False
    openings: list[InsideOpening] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        out = []
        if self.long:
            out.append("long")
        if self.openings:
            out.append("speaker opening inside")
        return out

    def to_dict(self) -> dict:
        return {"n": self.n, "reasons": self.reasons, "chars": self.chars,
                "openings": [o.to_dict() for o in self.openings]}


@dataclass
class QualityReport:
    source: str | None
    symbol: str | None
    lang: str | None
    kind: str | None
    date: str | None
    paragraphs: int
    speakers: int  # distinct (speaker, delegation) pairs; a role stands for a speaker without a name
    uncoded: dict[str, int] = field(default_factory=dict)  # delegation name → paragraphs, most first
    no_speaker: list[int] = field(default_factory=list)  # paragraph numbers, procedural ones left out
    role_only: int = 0  # of no_speaker: paragraphs with a role but no name (one problem for them all)
    suspicious: list[Suspicious] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    flagged: int = 0  # distinct paragraphs with at least one finding, a role without a name aside

    @property
    def problems(self) -> int:
        """Flagged paragraphs, plus warnings, plus one for a role without a name: how much there is to look at.

        The paragraphs of a role without a name (``The President:`` in a record without its cover
        page) share one cause, the chair's name the record does not give: counted one by one
        they would rank every such verbatim record above the records with real breaks."""
        return self.flagged + len(self.warnings) + bool(self.role_only)

    def to_dict(self) -> dict:
        return {
            "path": self.source, "symbol": self.symbol, "lang": self.lang, "kind": self.kind, "date": self.date,
            "paragraphs": self.paragraphs, "speakers": self.speakers, "flagged": self.flagged,
            "problems": self.problems,
            "uncoded_delegations": [{"name": k, "count": v} for k, v in self.uncoded.items()],
            "no_speaker": self.no_speaker, "role_only": self.role_only,
            "suspicious": [s.to_dict() for s in self.suspicious],
            "warnings": self.warnings,
        }


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read or parsed, with the reason ``rapporteur index`` would give."""
    source: str
    reason: str

    def to_dict(self) -> dict:
        return {"path": self.source, "error": self.reason}


def _opening_reader(record: Record, grammar: Grammar):
    """A function: text → the Speaker whose opening starts it, as an opening inside a paragraph counts."""
    if record.kind != "SR":
        return lambda text: statement_opening(text, grammar)
    following = set()  # the words after the named openings that start this record's paragraphs
    for p in record.paragraphs:
        sp = grammar.match_opening(p.text)
        if sp is not None and sp.name is not None:  # a bare role may itself be a misreading
            m = _WORD.match(p.text, sp.end)
            if m:
                following.add(m.group(1))

    def read(text: str) -> Speaker | None:
        sp = grammar.match_opening(text)
        if sp is None or sp.name is not None:
            return sp
        if _COLON.match(text, sp.end):
            return sp
        rest = text[sp.end:].lstrip(" ,")
        return sp if any(rest.startswith(w) for w in following) else None

    return read


def inside_openings(text: str, read) -> list[InsideOpening]:
    """Speaker openings at the sentence starts of ``text`` after its first (which is the paragraph's own)."""
    out = []
    for m in _SENTENCE_END.finditer(text):
        start = m.end()
        if start >= len(text):
            break
        sp = read(text[start:])
        if sp is not None:
            end = start + max(sp.end, 1)
            # and the word after it, unless a colon ends it: "Ms. Kim (Republic of Korea) said"
            word = None if text[end - 1] in ":：" else _WORD.match(text, end)
            excerpt = text[start:word.end() if word else end]
            if len(excerpt) > OPENING_EXCERPT:
                excerpt = excerpt[:OPENING_EXCERPT - 1] + "…"
            out.append(InsideOpening(start, excerpt))
    return out


def ranked(counts: dict[str, int]) -> list[tuple[str, int]]:
    """``(name, count)`` pairs, most first, then by name."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def assess(record: Record) -> QualityReport:
    """The quality report of one parsed record."""
    grammar = GRAMMARS.get(record.lang)
    read = _opening_reader(record, grammar) if grammar is not None else None
    speakers: set = set()
    uncoded: Counter = Counter()
    no_speaker: list[int] = []
    role_only = 0
    suspicious: list[Suspicious] = []
    flagged: set[int] = set()
    for p in record.paragraphs:
        if p.speaker:
            speakers.add((p.speaker, p.delegation))
        elif p.role:
            speakers.add((None, p.role))
        if p.delegation and p.delegation_code is None:
            uncoded[p.delegation] += 1
            flagged.add(p.n)
        if not p.speaker and not (grammar is not None and grammar.procedural.match(p.text)):
            no_speaker.append(p.n)
            if p.role:
                role_only += 1
            else:
                flagged.add(p.n)
        text = p.text or ""
        found = Suspicious(p.n, len(text), long=len(text) > LONG_PARAGRAPH,
                           openings=inside_openings(text, read) if read is not None else [])
        if found.reasons:
            suspicious.append(found)
            flagged.add(p.n)
    return QualityReport(
        source=record.source, symbol=record.symbol, lang=record.lang, kind=record.kind, date=record.date,
        paragraphs=len(record.paragraphs), speakers=len(speakers),
        uncoded=dict(ranked(uncoded)),
        no_speaker=no_speaker, role_only=role_only, suspicious=suspicious, warnings=list(record.warnings),
        flagged=len(flagged),
    )


@dataclass
class Totals:
    files: int = 0  # files read
    unreadable: int = 0
    with_problems: int = 0
    paragraphs: int = 0
    flagged: int = 0
    no_speaker: int = 0
    role_only: int = 0
    uncoded_paragraphs: int = 0
    uncoded: Counter = field(default_factory=Counter)  # delegation name → paragraphs over all files
    long: int = 0
    openings_inside: int = 0  # paragraphs holding at least one
    warnings: int = 0
    no_date: int = 0
    kinds: Counter = field(default_factory=Counter)  # "SR" / "PV" / "none"

    def add(self, item: QualityReport | Unreadable) -> None:
        if isinstance(item, Unreadable):
            self.unreadable += 1
            return
        self.files += 1
        self.with_problems += item.problems > 0
        self.paragraphs += item.paragraphs
        self.flagged += item.flagged
        self.no_speaker += len(item.no_speaker)
        self.role_only += item.role_only
        self.uncoded_paragraphs += sum(item.uncoded.values())
        self.uncoded.update(item.uncoded)
        self.long += sum(s.long for s in item.suspicious)
        self.openings_inside += sum(bool(s.openings) for s in item.suspicious)
        self.warnings += len(item.warnings)
        self.no_date += item.date is None
        self.kinds[item.kind or "none"] += 1

    def to_dict(self) -> dict:
        return {
            "files": self.files, "unreadable": self.unreadable, "with_problems": self.with_problems,
            "paragraphs": self.paragraphs, "flagged": self.flagged, "no_speaker": self.no_speaker,
            "role_only": self.role_only, "uncoded_paragraphs": self.uncoded_paragraphs,
            "uncoded_delegations": [{"name": k, "count": v} for k, v in ranked(self.uncoded)],
            "long": self.long, "openings_inside": self.openings_inside, "warnings": self.warnings,
            "no_date": self.no_date, "kinds": dict(sorted(self.kinds.items())),
        }


def totals(items) -> Totals:
    out = Totals()
    for item in items:
        out.add(item)
    return out


def worst_first(items: list) -> list:
    """Unreadable files first, then reports by problems (then share of flagged paragraphs), most first;
    stable, so equal files keep their order."""
    def key(item):
        if isinstance(item, Unreadable):
            return (0, 0, 0.0)
        return (1, -item.problems, -(item.flagged / item.paragraphs if item.paragraphs else 1.0))
    return sorted(items, key=key)
