"""Verbatim records (PV): statements in order, each opening ``Speaker (Delegation) (spoke in X): …``.

The layout as published, after PDF-to-text::

    United Nations                 A/79/PV.5          ← the cover: symbol, body, session,
    General Assembly               Official Records      meeting ("5th plenary meeting"), the
    5th plenary meeting                                   date line, the President
    Tuesday, 24 September 2024, 3 p.m.
    President: Mr. Yang . . . . . . . . . . (Cameroon)
    In the absence of the President, Mr. Rai (Nepal), Vice-President, took the Chair.
    The meeting was called to order at 3.05 p.m.
    Agenda item 8 (continued)                          ← sections
    General debate
    The Acting President: The Assembly will now hear…  ← a statement: Mr. Rai (Nepal)
    This record contains the text of speeches…        ← the correction notice, job number, bar
    24-27354 (E)  *2427354*                               code, running heads: furniture
    A/79/PV.5 24/09/2024

A verbatim record prints no paragraph numbers: paragraphs are numbered in order. A paragraph
ends at a speaker opening, or at a blank line after a finished sentence; never at a page end,
so the halves of a paragraph a page cut in two are joined again. A paragraph with no opening
continues the statement before it. Who is in the Chair, and for whom the presiding officer
speaks, is :mod:`rapporteur.indexer.parse.chair`'s business.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapporteur.indexer.model import Paragraph, Record
from rapporteur.indexer.parse.chair import Chair
from rapporteur.indexer.parse.grammar import Grammar
from rapporteur.indexer.parse.lines import Line, join_pieces
from rapporteur.indexer.parse.speaker import Speaker, carry, fill

_COLON = re.compile(r"\s*[:：]")
SECTION_JOIN = " — "
_HEADING_END = re.compile(r"[.;:!?。；：！？؟؛][\s\"'”’»)]*$")


def statement_opening(text: str, grammar: Grammar) -> Speaker | None:
    """A speaker opening followed by a colon: how a verbatim statement begins."""
    sp = grammar.match_opening(text)
    if sp is None:
        return None
    m = _COLON.match(text, sp.end)
    if not m:
        return None
    sp.end = m.end()
    return sp


def looks_like_verbatim(blocks: list[str], grammar: Grammar, need: int = 2) -> bool:
    """At least ``need`` statement openings among the first blocks."""
    return sum(1 for b in blocks[:200] if statement_opening(b, grammar)) >= need


@dataclass
class _Block:
    lines: list[str] = field(default_factory=list)
    page_break: bool = False  # a page ended just before it

    @property
    def text(self) -> str:
        return join_pieces(self.lines)


def blocks(lines: list[Line], grammar: Grammar) -> list[_Block]:
    """Lines → blocks: a blank line ends one, and so does a line that opens a statement after
    a finished sentence (extraction does not always leave a blank line before a speaker)."""
    out: list[_Block] = []
    for line in lines:
        starts = (
            not out
            or line.blank_before
            or (out[-1].lines[-1].endswith(grammar.terminal) and statement_opening(line.text, grammar) is not None)
        )
        if starts:
            out.append(_Block(page_break=line.page_break))
        out[-1].lines.append(line.text)
    return out


def _split_header(bl: list[_Block], grammar: Grammar) -> tuple[list[str], list[_Block]]:
    """The header's lines and the body's blocks. The header ends at the line that opens the
    meeting, or else before the first statement."""
    first = next((i for i, b in enumerate(bl) if statement_opening(b.text, grammar)), 0)
    for i, b in enumerate(bl[:first]):
        for j, line in enumerate(b.lines):
            if grammar.opening_line.match(line):
                header = [ln for blk in bl[:i] for ln in blk.lines] + b.lines[: j + 1]
                rest = b.lines[j + 1 :]
                return header, ([_Block(rest)] if rest else []) + bl[i + 1 :]
    return [ln for blk in bl[:first] for ln in blk.lines], bl[first:]


class _Body:
    def __init__(self, record: Record, grammar: Grammar, chair: Chair):
        self.record, self.grammar, self.chair = record, grammar, chair
        self.section: str | None = None
        self.in_headings = False
        self.current: Paragraph | None = None  # the statement that runs on
        self.current_is_chair = False

    def is_heading(self, text: str) -> bool:
        g = self.grammar
        return len(text) <= g.max_heading and not _HEADING_END.search(text) and not text[:1].islower()

    def joins_previous(self, block: _Block, text: str) -> bool:
        """A page (or a stray blank line) cut this block from the paragraph before it."""
        prev = self.record.paragraphs[-1] if self.record.paragraphs else None
        if prev is None or self.in_headings:
            return False
        if text[:1].islower():
            return True
        return not prev.text.endswith(self.grammar.terminal) and (block.page_break or not self.is_heading(text))

    def feed(self, block: _Block) -> None:
        g, record = self.grammar, self.record
        text = block.text
        if not text:
            return
        if g.closing_line.match(text):
            record.closed = g.to_time(text)
            return
        if g.opening_line.match(text):
            record.opened = g.to_time(text)
            return
        if self.chair.line(text):
            return
        sp = statement_opening(text, g)
        if sp is None and self.joins_previous(block, text):
            prev = record.paragraphs[-1]
            prev.text = join_pieces([prev.text, text])
            if self.current_is_chair and prev is self.current:
                self.chair.follow(prev)
            return
        if sp is None and self.is_heading(text):
            self.section = f"{self.section}{SECTION_JOIN}{text}" if self.in_headings and self.section else text
            self.in_headings = True
            self.current = None
            return
        self.in_headings = False
        para = Paragraph(n=len(record.paragraphs) + 1, text=text, section=self.section)
        if sp is not None:
            self.speak(para, sp)
        elif g.procedural.match(text):
            self.current = None
        elif self.current is not None:
            carry(para, self.current)
            if self.current_is_chair:
                self.chair.follow(para)
            self.current = para
        record.paragraphs.append(para)

    def speak(self, para: Paragraph, sp: Speaker) -> None:
        self.current, self.current_is_chair = para, sp.is_chair
        if sp.is_chair:
            self.chair.speak(para, sp)
        else:
            fill(para, sp)
            if para.delegation is None:
                self.announced(para)
        para.spoke_in = sp.spoke_in

    def announced(self, para: Paragraph) -> None:
        """A head of State or Government with no delegation in the opening ("President Bellini
        (spoke in Italian):") speaks for the country the section's "Address by" heading names."""
        m = self.grammar.address.search(self.section or "")
        if m and para.speaker and para.speaker.split()[-1] in m.group("name"):
            para.delegation = m.group("d").strip()
            para.role = para.role or m.group("role").strip()


def parse(lines: list[Line], record: Record, grammar: Grammar) -> Record:
    """``lines`` as :func:`rapporteur.indexer.parse.lines.record_lines` gives them."""
    header, body = _split_header(blocks(lines, grammar), grammar)
    reader = _Body(record, grammar, Chair.from_header(header, record, grammar))
    for block in body:
        reader.feed(block)
    record.kind = "PV"
    return record
