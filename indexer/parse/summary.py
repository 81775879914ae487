"""Summary records (SR, 简要记录) in any UN language: clean lines → a :class:`Record` with numbered
paragraphs. The language's :class:`~rapporteur.indexer.parse.grammar.Grammar` supplies the words.

The body is read line by line. A line is one of:

* the opening or closing line (``下午3时10分宣布开会。``, ``The meeting rose at…``) → record times;
* a section heading (an agenda item, or a short unpunctuated line after a finished sentence);
* a numbered paragraph (``10. Anton 先生(德国观察员)说,…``);
* an unnumbered paragraph that opens with a speaker: its number was lost in extraction and is
  restored from the sequence;
* otherwise the continuation of the paragraph before it, cut by a page break or by one
  sentence per line. Continuations are joined; a space inside Chinese text disappears.

A paragraph with no speaker opening continues the previous speaker, except procedural ones
(``议程通过。``) and the first after a section heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapporteur.indexer.model import Paragraph, Record
from rapporteur.indexer.text import normalize_text
from rapporteur.indexer.parse.grammar import Grammar
from rapporteur.indexer.parse.header import parse_header
from rapporteur.indexer.parse.speaker import Speaker

NUMBERED = re.compile(r"^(\d{1,4})\s*\.\s*(?=\S)")
MAX_NUMBER_JUMP = 10


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class _Chunk:
    text: str
    n: int | None = None
    speaker: Speaker | None = None
    section: str | None = None
    after_heading: bool = False
    continuations: list[str] = field(default_factory=list)

    def closed(self, terminal: tuple[str, ...]) -> bool:
        last = self.continuations[-1] if self.continuations else self.text
        return last.endswith(terminal)


def split_header(lines: list[str], grammar: Grammar) -> tuple[list[str], list[str]]:
    """Header lines and body lines: the body starts after the opening line, or at paragraph 1."""
    for i, line in enumerate(lines):
        if grammar.opening_line.match(line):
            return lines[: i + 1], lines[i + 1 :]
    for i, line in enumerate(lines):
        m = NUMBERED.match(line)
        if m and int(m.group(1)) <= 2:
            j = i
            while j > 0 and len(lines[j - 1]) <= grammar.max_heading and not grammar.sentence_punct.search(lines[j - 1]):
                j -= 1  # headings just above paragraph 1 belong to the body
            return lines[:j], lines[j:]
    return [], lines


def looks_like_summary(lines: list[str], grammar: Grammar) -> bool:
    """Numbered paragraphs or speaker openings, at least two of them."""
    found = 0
    for line in lines:
        if NUMBERED.match(line) or grammar.match_opening(line):
            found += 1
            if found >= 2:
                return True
    return False


class _Body:
    def __init__(self, record: Record, chair_honorific: str | None, grammar: Grammar):
        self.grammar = grammar
        self.record = record
        self.chair_honorific = chair_honorific
        self.agenda_keys = {_squash(item) for item in record.agenda}
        self.chunks: list[_Chunk] = []
        self.section: str | None = None
        self.after_heading = True
        self.last_n = 0

    def is_heading(self, text: str) -> bool:
        if _squash(text) in self.agenda_keys:
            return True
        g = self.grammar
        prev_closed = not self.chunks or self.chunks[-1].closed(g.terminal)
        return prev_closed and len(text) <= g.max_heading and not g.sentence_punct.search(text)

    def feed(self, line: str) -> None:
        g = self.grammar
        if g.closing_line.match(line):
            self.record.closed = g.to_time(line)
            return
        if g.opening_line.match(line):
            self.record.opened = g.to_time(line)
            return
        n = None
        text = line
        m = NUMBERED.match(line)
        if m and self.last_n < int(m.group(1)) <= self.last_n + MAX_NUMBER_JUMP:
            n, text = int(m.group(1)), line[m.end() :]
        speaker = g.match_opening(text)
        if n is None and speaker is None:
            if self.is_heading(text):
                self.section = text
                self.after_heading = True
                return
            if self.chunks:
                self.chunks[-1].continuations.append(text)
                return
        if n is not None:
            self.last_n = n
        self.chunks.append(_Chunk(text, n, speaker, self.section, self.after_heading))
        self.after_heading = False

    def _drop_false_restorations(self) -> list["_Chunk"]:
        """An unnumbered chunk without a speaker whose restored number a later paragraph prints
        was no paragraph with a lost number (two paragraphs would share one number and id):
        it joins the paragraph before it, or, before the first one, heads the section."""
        explicit = {c.n for c in self.chunks if c.n is not None}
        kept: list[_Chunk] = []
        prev_n = 0
        for k, chunk in enumerate(self.chunks):
            if chunk.n is None and chunk.speaker is None and prev_n + 1 in explicit:
                if kept:
                    kept[-1].continuations.extend([chunk.text, *chunk.continuations])
                else:
                    for later in self.chunks[k + 1:]:
                        if later.section is not None:
                            break
                        later.section = normalize_text(" ".join([chunk.text, *chunk.continuations]))
                continue
            prev_n = chunk.n if chunk.n is not None else prev_n + 1
            kept.append(chunk)
        return kept

    def paragraphs(self) -> list[Paragraph]:
        out: list[Paragraph] = []
        current: Paragraph | None = None  # whose statement runs on
        prev_n = 0
        for chunk in self._drop_false_restorations():
            n = chunk.n if chunk.n is not None else prev_n + 1
            prev_n = n
            text = normalize_text(" ".join([chunk.text, *chunk.continuations]))
            para = Paragraph(n=n, text=text, section=chunk.section)
            if chunk.speaker is not None:
                self._set_speaker(para, chunk.speaker)
                current = para
            elif chunk.after_heading or self.grammar.procedural.match(text) or current is None:
                current = None
            else:
                para.speaker, para.honorific = current.speaker, current.honorific
                para.delegation, para.role, para.spoke_in = current.delegation, current.role, current.spoke_in
            out.append(para)
        return out

    def _set_speaker(self, para: Paragraph, sp: Speaker) -> None:
        if sp.is_chair:
            para.speaker = self.record.chair
            para.honorific = self.chair_honorific if self.record.chair else None
            para.delegation = self.record.chair_delegation
            para.role = sp.role
            return
        para.speaker, para.honorific, para.delegation, para.role = sp.name, sp.honorific, sp.delegation, sp.role
        para.spoke_in = sp.spoke_in


def parse(lines: list[str], record: Record, grammar: Grammar) -> Record:
    header, body = split_header(lines, grammar)
    chair_honorific = parse_header(header, record, grammar)
    reader = _Body(record, chair_honorific, grammar)
    for line in body:
        reader.feed(line)
    record.paragraphs = reader.paragraphs()
    record.kind = record.kind or "SR"
    return record
