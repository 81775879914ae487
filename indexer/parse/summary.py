"""Summary records (SR, 简要记录) in any UN language: clean lines → a :class:`Record` with numbered
paragraphs. The language's :class:`~rapporteur.indexer.parse.grammar.Grammar` supplies the words.

The body is read line by line. A line is one of:

* the opening or closing line (``下午3时10分宣布开会。``, ``The meeting rose at…``) → record times;
* a section heading (an agenda item, or a short unpunctuated line after a finished sentence);
* a numbered paragraph (``10. Anton 先生(德国观察员)说,…``);
* an unnumbered paragraph that opens with a speaker: its number was lost in extraction and is
  restored from the sequence — unless the line before it left its sentence unfinished: then it
  is a wrapped line that happens to start with a name ("… as stated by" / "Mr. Kim (Republic of
  Korea), the …");
* a "took the Chair" line (:mod:`~rapporteur.indexer.parse.chair`), which is no paragraph;
* otherwise the continuation of the paragraph before it, cut by a page break or by one
  sentence per line. Continuations are joined; a space inside Chinese text disappears, and a
  word hyphenated at a line end is made whole.

A speaker's parenthesis cut by a line wrap ("Mr. Smith (United Kingdom of Great" / "Britain and
Northern Ireland) said") is joined before the lines are read. A paragraph with no speaker
opening continues the previous speaker, except procedural ones (``议程通过。``, "Mr. X withdrew.")
and the first after a section heading.

**Lost numbers.** When the printed numbers skip (14, then 16) and paragraph 14's lines hold
exactly as many places where a paragraph can start (a short line ending a sentence, then a new
sentence) as numbers are missing, it is split there. Any other count leaves it whole: a guess
that moves every later number would be worse than one long paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapporteur.indexer.model import Paragraph, Record
from rapporteur.indexer.parse.chair import Chair
from rapporteur.indexer.parse.grammar import Grammar, took_chair
from rapporteur.indexer.parse.lines import join_pieces
from rapporteur.indexer.parse.speaker import Speaker, carry, fill

NUMBERED = re.compile(r"^(\d{1,4})\s*\.\s*(?=\S)")
MAX_NUMBER_JUMP = 10
MAX_WRAP_JOIN = 2  # a cut parenthesis or "took the Chair" line is looked for this many lines on
SHORT_LAST_LINE = 0.8  # a paragraph's last line is shorter than this share of the longest line


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
    chair: "Chair | None" = None  # who was in the Chair when the chunk began (a copy)

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


def join_wrapped(lines: list[str], grammar: Grammar) -> list[str]:
    """Join a line to the next ones where a line wrap cut a speaker's parenthesis or a "took
    the Chair" line: the joined text reads as one and the line alone does not."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not _reads_alone(line, grammar):
            for k in range(1, min(MAX_WRAP_JOIN, len(lines) - 1 - i) + 1):
                joined = join_pieces([line, *lines[i + 1 : i + k + 1]])
                if _reads_alone(joined, grammar):
                    line, i = joined, i + k
                    break
        out.append(line)
        i += 1
    return out


def _reads_alone(text: str, grammar: Grammar) -> bool:
    m = NUMBERED.match(text)
    body = text[m.end():] if m else text
    return (body.count("(") <= body.count(")") and grammar.match_opening(body) is not None) or took_chair(grammar, body) is not None


def _split_points(chunk: "_Chunk", terminal: tuple[str, ...]) -> list[int]:
    """Where in a chunk's continuation lines a paragraph whose number was lost can start."""
    pieces = [chunk.text, *chunk.continuations]
    longest = max(len(p) for p in pieces)
    return [
        i for i in range(1, len(pieces))
        if pieces[i - 1].endswith(terminal) and len(pieces[i - 1]) < SHORT_LAST_LINE * longest and pieces[i][:1].isupper()
    ]


class _Body:
    def __init__(self, record: Record, chair: Chair, grammar: Grammar):
        self.grammar = grammar
        self.record = record
        self.chair = chair
        self.agenda_keys = {_squash(item) for item in record.agenda}
        self.chunks: list[_Chunk] = []
        self.section: str | None = None
        self.after_heading = True
        self.last_n = 0
        # The last line read as a heading, with the section and flag it replaced, until the next line
        # shows whether it was one.
        self.heading: tuple[str, str | None, bool] | None = None

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
        if self.chair.line(text):
            self.chair_changed = True
            if n is None:
                return
            # A numbered "5. Ms. Lindqvist (Sweden) resumed the Chair.": a paragraph, and no one's statement.
            self.last_n = n
            self.chunks.append(_Chunk(text, n, None, self.section, True, chair=self._chair_copy()))
            return
        speaker = g.match_opening(text)
        if n is None and speaker is not None and self.chunks and not self.chunks[-1].closed(g.terminal):
            speaker = None  # a wrapped line that starts with a name, inside an unfinished sentence
            self.chunks[-1].continuations.append(text)
            return
        if n is None and speaker is None:
            if self.heading is not None and text[:1].islower() and self.chunks:
                # The "heading" goes on in lower case: it was a line of the paragraph before it.
                line, self.section, self.after_heading = self.heading
                self.chunks[-1].continuations.append(line)
            self.heading = None
            if self.is_heading(text):
                self.heading = (text, self.section, self.after_heading)
                self.section = text
                self.after_heading = True
                return
            if self.chunks:
                self.chunks[-1].continuations.append(text)
                return
        self.heading = None
        if n is not None:
            self.last_n = n
        self.chunks.append(_Chunk(text, n, speaker, self.section, self.after_heading, chair=self._chair_copy()))
        self.after_heading = False

    chair_changed = True

    def _chair_copy(self) -> Chair:
        """The Chair's state for a new chunk: shared until a "took the Chair" line changes it."""
        if self.chair_changed or not self.chunks:
            snapshot = Chair(self.grammar)
            snapshot.chair, snapshot.acting = self.chair.chair, self.chair.acting
            self._snapshot = snapshot
            self.chair_changed = False
        return self._snapshot

    def _restore_lost_numbers(self, chunks: list["_Chunk"]) -> list["_Chunk"]:
        out: list[_Chunk] = []
        for k, chunk in enumerate(chunks):
            out.append(chunk)
            nxt = chunks[k + 1] if k + 1 < len(chunks) else None
            if chunk.n is None or nxt is None or nxt.n is None or not chunk.continuations:
                continue
            missing = nxt.n - chunk.n - 1
            if missing <= 0:
                continue
            points = _split_points(chunk, self.grammar.terminal)
            if len(points) != missing:
                continue
            pieces = [chunk.text, *chunk.continuations]
            bounds = [0, *points, len(pieces)]
            chunk.continuations = pieces[1 : points[0]]
            for j, (a, b) in enumerate(zip(bounds[1:], bounds[2:]), 1):
                out.append(_Chunk(pieces[a], chunk.n + j, None, chunk.section, False, pieces[a + 1 : b], chunk.chair))
        return out

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
                        later.section = join_pieces([chunk.text, *chunk.continuations])
                continue
            prev_n = chunk.n if chunk.n is not None else prev_n + 1
            kept.append(chunk)
        return kept

    def paragraphs(self) -> list[Paragraph]:
        out: list[Paragraph] = []
        current: Paragraph | None = None  # whose statement runs on
        current_chair: Chair | None = None  # the Chair, when the statement that runs on is the chair's
        prev_n = 0
        for chunk in self._restore_lost_numbers(self._drop_false_restorations()):
            n = chunk.n if chunk.n is not None else prev_n + 1
            prev_n = n
            text = join_pieces([chunk.text, *chunk.continuations])
            para = Paragraph(n=n, text=text, section=chunk.section)
            if chunk.speaker is not None:
                current_chair = self._set_speaker(para, chunk.speaker, chunk.chair)
                current = para
            elif chunk.after_heading or self.grammar.procedural.match(text) or current is None:
                current = current_chair = None
            else:
                carry(para, current)
                if current_chair is not None:
                    current_chair.follow(para)
            out.append(para)
        return out

    def _set_speaker(self, para: Paragraph, sp: Speaker, chair: Chair) -> Chair | None:
        """Fill the paragraph's speaker; the Chair's state when the speaker is the chair."""
        if sp.is_chair:
            chair.speak(para, sp)
            return chair
        fill(para, sp)
        return None


def parse(lines: list[str], record: Record, grammar: Grammar) -> Record:
    header, body = split_header(join_wrapped(lines, grammar), grammar)
    reader = _Body(record, Chair.from_header(header, record, grammar), grammar)
    for line in body:
        reader.feed(line)
    record.paragraphs = reader.paragraphs()
    record.kind = record.kind or "SR"
    return record
