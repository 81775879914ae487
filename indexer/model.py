"""The record model: plain dataclasses that every layer speaks.

A :class:`Record` is one meeting record in one language; its :class:`Paragraph` s
are the numbered paragraphs of the record. A paragraph's stable id is
``symbol:lang:n`` (UN symbols never contain a colon).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields


@dataclass
class Paragraph:
    n: int
    text: str
    speaker: str | None = None
    honorific: str | None = None
    delegation: str | None = None
    role: str | None = None
    section: str | None = None
    delegation_code: str | None = None  # ISO 3166 alpha-3 for states, a short code for organisations
    spoke_in: str | None = None  # verbatim records: the language spoken, ISO 639-1

    def to_dict(self) -> dict:
        return {
            "n": self.n,
            "speaker": self.speaker,
            "honorific": self.honorific,
            "delegation": self.delegation,
            "delegation_code": self.delegation_code,
            "role": self.role,
            "spoke_in": self.spoke_in,
            "section": self.section,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Paragraph":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


# What a record is: a summary record, a verbatim record, or one delegation's statement.
RECORD_KINDS = ("SR", "PV", "statement")


def paragraph_id(symbol: str | None, lang: str | None, n: int) -> str:
    return f"{symbol or ''}:{lang or ''}:{n}"


@dataclass
class Record:
    symbol: str | None = None
    lang: str | None = None
    original_lang: str | None = None
    kind: str | None = None  # one of RECORD_KINDS ("SR" summary, "PV" verbatim, "statement"), None unknown
    body: str | None = None
    meeting: int | None = None
    date: str | None = None  # ISO 8601, e.g. 2016-06-22; 1990 or 1990-09 where only the year or month is known
    opened: str | None = None  # 24h time, e.g. 15:10
    closed: str | None = None
    place: str | None = None
    chair: str | None = None
    chair_delegation: str | None = None
    agenda: list[str] = field(default_factory=list)
    source: str | None = None
    checksum: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    # Problems the parser met but worked around, one line each; not part of the record's data.
    warnings: list[str] = field(default_factory=list, repr=False, compare=False)

    def paragraph_id(self, n: int) -> str:
        return paragraph_id(self.symbol, self.lang, n)

    def header_dict(self) -> dict:
        data = asdict(self)
        data.pop("paragraphs")
        data.pop("warnings")
        return data

    def to_dict(self) -> dict:
        """The shape of ``rapporteur parse --json``."""
        return {
            "record": self.header_dict(),
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Record":
        names = {f.name for f in fields(cls)} - {"paragraphs", "warnings"}
        head = data.get("record", {})
        rec = cls(**{k: v for k, v in head.items() if k in names})
        rec.paragraphs = [Paragraph.from_dict(p) for p in data.get("paragraphs", [])]
        return rec
