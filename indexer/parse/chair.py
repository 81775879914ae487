"""Who is in the Chair, and for whom the presiding officer speaks: shared by the layout engines.

A record's header names its chair ("President: Mr. Yang (Cameroon)", "主席: …(西班牙)"). Two
things change that while the meeting runs, and both are written the same way in every record
kind, so summary and verbatim records read them here:

* **Someone else takes the Chair.** "In the absence of the President, Mr. Rai (Nepal),
  Vice-President, took the Chair." / "El Sr. X (México), Vicepresidente, ocupa la Presidencia." /
  "主席缺席,副主席 X 先生(墨西哥)代行主席职务。" The line is no paragraph (it carries no number, and
  counting it as one gave a record two paragraphs 7). From then on "The Acting President:",
  代理主席说, and the chair's own openings are the acting chair's, until "The President returned to
  the Chair."
* **The presiding officer speaks for their country.** "I shall now make a statement in my capacity
  as the representative of China." Those paragraphs belong to China's delegation, so that
  ``delegation:China`` finds what China said from the presidency, until "I now resume my
  functions as President of the Council."
"""
from __future__ import annotations

from dataclasses import dataclass

from rapporteur.indexer.model import Paragraph, Record
from rapporteur.indexer.parse.grammar import Grammar, took_chair
from rapporteur.indexer.parse.header import parse_header
from rapporteur.indexer.parse.speaker import Speaker

# A national statement announced this far into a paragraph is the paragraph's business; a
# "resume my functions" this close to its start makes the paragraph the presidency's again.
RESUME_AT_START = 80


@dataclass
class Person:
    name: str | None
    honorific: str | None
    delegation: str | None


class Chair:
    """The chair's state through one record, fed the record's lines or blocks in order."""

    def __init__(self, grammar: Grammar):
        self.grammar = grammar
        self.chair: Person | None = None
        self.acting: Person | None = None
        self.national: str | None = None  # the delegation the presiding officer now speaks for
        self.current: Person | None = None  # who presides over the statement being read

    @classmethod
    def from_header(cls, header: list[str], record: Record, grammar: Grammar) -> "Chair":
        """Read the header into ``record``; the Chair as the header leaves it."""
        chair = cls(grammar)
        for line in header:
            chair.line(line)
        honorific = parse_header(header, record, grammar)
        if record.chair:
            chair.chair = Person(record.chair, honorific, record.chair_delegation)
        return chair

    def line(self, text: str) -> bool:
        """Consume a "took the Chair" or "returned to the Chair" line; True if it was one."""
        m = took_chair(self.grammar, text)
        if m:
            # The person as a speaker opening reads them ("Mr. Rai (Nepal)", "Mr. Rai (Vice-President)"
            # names an office, not a delegation); the line's own groups where it does not.
            start = min(m.start("name"), m.start("hon") if m.group("hon") else len(text))
            sp = self.grammar.match_opening(text[start:])
            if sp is not None and sp.name:
                self.acting = Person(sp.name, sp.honorific, sp.delegation)
            else:
                deleg = m.groupdict().get("deleg")
                self.acting = Person(m.group("name").strip(), m.groupdict().get("hon"), deleg.strip() if deleg else None)
            return True
        if self.grammar.left_chair.match(text):
            self.acting = None
            return True
        return False

    def presiding(self, sp: Speaker) -> Person | None:
        """Who a chair opening ("The President:", "The Acting President:") names."""
        if self.acting is not None:
            return self.acting
        return None if sp.acting else self.chair

    def speak(self, para: Paragraph, sp: Speaker) -> None:
        """Fill a chair paragraph's speaker, and its delegation for a national statement."""
        person = self.current = self.presiding(sp)
        self.national = None
        if person is not None:
            para.speaker, para.honorific, para.delegation = person.name, person.honorific, person.delegation
        para.role = sp.role
        self.follow(para)

    def follow(self, para: Paragraph) -> None:
        """A chair paragraph (or one continuing the chair's statement): a national statement
        starts, goes on or ends in it."""
        g = self.grammar
        m = g.national.search(para.text)
        if m:
            self.national = m.group("d").strip()
        if self.national is None:
            return
        end = g.national_end.search(para.text)
        if end is None or end.start() > RESUME_AT_START:
            para.delegation = self.national
        else:
            para.delegation = self.current.delegation if self.current else None
        if end is not None and (m is None or end.start() > m.start()):
            self.national = None
