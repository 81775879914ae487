"""Statements (a delegation's speech as it publishes it) and any text in no SR/PV layout:
numbered paragraphs at the text's own boundaries, the speaker and office from the header.

A statement has no speaker openings and, mostly, no paragraph numbers. Its paragraphs are found
where the text itself ends them, whatever the language:

* a blank line;
* an indented line (a first-line indent);
* in text whose lines are paragraphs (one long line each, the General Debate Corpus), a line
  that ends a sentence;
* in text with the line breaks of a PDF page, a line that ends a sentence and stops short: the
  next line's first word would have fitted on it (the column is as wide as the text's long
  lines), so the line was ended on purpose. A short line that greets or heads (``Mesdames et
  Messieurs,``, ``I. Apertura``) ends a paragraph the same way;
* a printed number or bullet at the start of a line (``12.``, ``3)``, ``•``) after a finished
  sentence;
* a heading: a line in capitals in text that is not set in capitals, or a short line alone
  before a blank line.

A break is undone where a page or a blank line falls mid-sentence: the next line starts lower
case (``… la 79e Assemblée`` / ``générale des Nations unies.``), or the line before fills the
column, ends no sentence and page furniture (a page number, a footer) stands between them. A
paragraph never runs on past :data:`MAX_CHARS` while its source has line breaks that end a
sentence: it is cut at the shortest such line (the likeliest paragraph end), so a speech
whose text has no blank lines is never one paragraph. Page furniture goes: page numbers and
footers (``lines.py``, and ``- 3 -``, ``Página 3 de 15``, ``Débat général 2/17``, running
heads ``A/70/PV.15 28/09/2015``), a mission's contact lines, any line printed on three pages or
more that ends in no punctuation (a letterhead; a salutation or refrain said again keeps its
comma or stop). A paragraph of fewer than four letters is none: a drop capital (``The``) or an
OCR'd scrap of a logo opens the next one, a rule (``---``) goes.

Measured on the General Debate Corpus (2,110 statements): blank-line blocks gave 13,300
paragraphs, 844 of them over 6,000 characters (up to 109,082: speeches with no blank line);
these rules give 66,203, and the 4 over 6,000 are transcripts of one line each, with nothing to
cut at. On the 39 statements of 2024 (``ga79-statements``), 2,549 blank-line blocks with
sentences cut at page breaks became 2,024 paragraphs.

Numbering is deterministic, a function of the text alone, so paragraph ids are stable across
reindexing. Where the text prints paragraph numbers (``12. …``; older OCR'd statements keep
those of the verbatim record, ``71.`` onwards) and they number most paragraphs, the printed
number wins and is taken off the text; a paragraph between two printed numbers takes the next
free number, or, when there is none, joins the paragraph before (or, if it is a short line that
ends no sentence, the one after). Otherwise paragraphs are numbered in order from 1.

Salutations (``Monsieur le Président,``, ``Mr. President,``, ``Señor Presidente:``) are a short
paragraph of their own where the text sets them apart, and join the next paragraph where it
does not (a salutation run into the first sentence). Keeping them apart needs no list of
salutations, so paragraph boundaries stay free of language knowledge, and the paragraph after
one begins with what the speaker says, which is what a citation quotes. Where printed numbers
leave no number for a salutation, it joins the numbered paragraph it opens.

The header (the lines before the first salutation, read by :mod:`.statement_header`) gives the
speaker, their office (``role``) and the date; its lines are not paragraphs. A file named as the
General Assembly's statement collections name them, ``<ISO 3166 alpha-2>_<language>.txt``
(``ad_fr.txt``: Andorra, in French), gives the delegation of every paragraph and, where the
text does not tell, the language; see :func:`collection_symbol` for the symbol such a record gets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapporteur.indexer import delegations, languages
from rapporteur.indexer.model import Paragraph, Record
from rapporteur.indexer.parse import dates, statement_header, symbols
from rapporteur.indexer.parse.grammar import Grammar
from rapporteur.indexer.parse.grammars import GRAMMARS
from rapporteur.indexer.parse.lines import clean_line, is_furniture
from rapporteur.indexer.parse.statement_forms import StatementForms
from rapporteur.indexer.parse.summary import NUMBERED
from rapporteur.indexer.text import has_cjk, normalize_text

MAX_CHARS = 6000  # a paragraph longer than this is cut at a line end that ends a sentence, if it has one
LONG_LINES = 200  # text whose typical line is this long has one paragraph per line
FIT = 0.92  # a line ended on purpose when it and the next word take less than this share of the column
SHORT = 0.55  # a greeting or heading line is shorter than this share of the column
FILLS = 0.75  # a line cut by a page break or a stray blank line fills at least this share of the column
MIN_LINES = 8  # fewer lines than this give no column width to measure
MAX_NUMBER_JUMP = 10  # a printed number further than this from the last one is not the next paragraph's
PRINTED_SHARE = 0.5  # printed numbers count where they number at least this share of the substantial paragraphs
SUBSTANTIAL = 150  # a paragraph of this many characters is not a greeting or heading
CAPITALS_SHARE = 0.3  # text with more lines than this in capitals is set in capitals
MIN_LETTERS = 4  # a paragraph with fewer letters (and no CJK) is a scrap: a drop capital, a logo
RUNNING, RUNNING_CHARS = 3, 8  # a line of this many characters printed this many times is a running head

_TERMINAL = ".!?…。！？؟"
_CLOSERS = "\"'”’»)]*"
_FOOTNOTE_MARK = re.compile(r"(?<=[.!?…])\d{1,2}$")
NUMBERED = re.compile(r"^(\d{1,3})\s*[.)](?!\d)\s*(?=\S)")
_NUMBER_ONLY = re.compile(r"^(\d{1,3})[.)]$")
_BULLET = re.compile(r"^\s*[-–—•·*▪■●○◦]\s+")
# Page furniture of statements beyond lines.py's: a running head "A/70/PV.15 28/09/2015",
# "- 3 -", "Página 3 de 15", "Débat général 2/17", contact lines of a mission's letterhead.
_RUNNING_HEAD = re.compile(rf"^(?:{symbols.SYMBOL.pattern})(?:\s+\d{{1,2}}/\d{{1,2}}/\d{{2,4}})?$")
_DASHED_PAGE = re.compile(r"^[-–—(]\s*\d{1,3}\s*[-–—)]$")
_PAGE_OF = re.compile(r"^(?:page|página|pagina|pág\.|страница|стр\.|صفحة)?\s*\d{1,3}\s*(?:/|de|of|sur|di|из|من)\s*\d{1,3}$", re.I)
# "10-55128 8", "2 05-51226", "30/09/2015 A/70/PV.19", "363 A/PV.2371": a job number or a
# symbol with a page number or a date.
_JOB_PAGE = re.compile(rf"^(?:\d{{1,4}}|\d{{2}}/\d{{2}}/\d{{4}})\s+(?:\d{{2}}-\d{{5}}|{symbols.SYMBOL.pattern})$"
                       rf"|^(?:\d{{2}}-\d{{5}}|{symbols.SYMBOL.pattern})\s+\d{{1,4}}$")
_TITLED_PAGE = re.compile(r"^(?:[^\W\d_][\w'’.-]*\s+){1,4}(\d{1,3})\s*/\s*(\d{1,3})$")  # "Débat général 2/17"
_CONTACT = re.compile(r"(?:\bTel\b|\bTél\b|\bFax\b|\bE-?mail\b)\.?\s*:?\s*[+(\d]|\S@\S+\.\w", re.I)
_PAUSE = ",:;"


@dataclass
class Line:
    """One line of text as the splitter sees it."""

    text: str  # cleaned and normalised
    indent: int = 0
    blank_before: bool = False
    furniture_before: bool = False
    bullet: bool = False
    number_before: int | None = None  # a printed number standing alone on the line before ("8.")


@dataclass
class Segment:
    """The lines of one paragraph, and the number the text prints for it."""

    lines: list[Line] = field(default_factory=list)
    printed: int | None = None

    def text(self) -> str:
        return join_lines([line.text for line in self.lines])


def _is_furniture(line: str, symbol: str | None, raw: str = "") -> bool:
    titled = _TITLED_PAGE.match(line)
    return (is_furniture(line, symbol) or bool(_RUNNING_HEAD.match(line)) or bool(_DASHED_PAGE.match(raw.strip()))
            or bool(_PAGE_OF.match(line)) or bool(_CONTACT.search(line)) or bool(_JOB_PAGE.match(line))
            or bool(titled and 0 < int(titled.group(1)) <= int(titled.group(2))))


def _running(cleaned: list[str]) -> set[str]:
    """Lines printed on every page: a letterhead or a running footer (``Misión Permanente de
    …``), repeated :data:`RUNNING` times or more and ending in no punctuation (a salutation or a
    refrain said again ends with its comma or its stop, and stays)."""
    counts: dict[str, int] = {}
    for line in cleaned:
        if len(line) >= RUNNING_CHARS and not ends_sentence(line) and line[-1:] not in _PAUSE + "!":
            counts[line] = counts.get(line, 0) + 1
    return {line for line, n in counts.items() if n >= RUNNING}


def read_lines(text: str, symbol: str | None = None) -> list[Line]:
    """Raw text → its lines, each marked with what stood before it (a blank line, page furniture,
    a printed number alone on a line)."""
    out: list[Line] = []
    blank = furniture = False
    number: int | None = None
    raws = text.replace("\ufeff", "").splitlines()
    cleaned = [clean_line(raw) for raw in raws]
    running = _running(cleaned)
    for raw, line in zip(raws, cleaned):
        bullet = bool(_BULLET.match(raw))
        if not line:
            blank = True
            continue
        if line in running or _is_furniture(line, symbol, raw):
            furniture = True
            continue
        alone = _NUMBER_ONLY.match(line)
        if alone:
            number = int(alone.group(1))
            continue
        indent = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())
        out.append(Line(line, indent, blank, furniture, bullet, number))
        blank = furniture = False
        number = None
    return out


def join_lines(texts: list[str]) -> str:
    """The lines of a paragraph as one text: a word hyphenated at a line end keeps its hyphen
    and loses the space (``bien-`` / ``être`` → ``bien-être``); CJK text loses the spaces."""
    out = ""
    for text in texts:
        if not out:
            out = text
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and text[:1].isalpha():
            out += text
        else:
            out += " " + text
    return normalize_text(out)


def ends_sentence(text: str) -> bool:
    """The line's last sentence is finished: ``.``, ``!``, ``?``, ``…`` (or CJK and Arabic
    ones), before any closing quotes and brackets or a footnote mark (``».1``)."""
    text = _FOOTNOTE_MARK.sub("", text.rstrip(_CLOSERS + " "))
    text = text.rstrip(_CLOSERS + " ")
    return bool(text) and text[-1] in _TERMINAL


def _first_letter(text: str) -> str:
    return next((ch for ch in text if ch.isalpha()), "")


def starts_lower(text: str) -> bool:
    return _first_letter(text).islower()


def starts_upper(text: str) -> bool:
    """An upper-case letter, a digit or a quote first; scripts without case count as upper."""
    ch = _first_letter(text)
    return not ch.islower() if ch else True


def _percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0


@dataclass(frozen=True)
class _Measure:
    width: int  # the column: what the text's long lines fill
    long_lines: bool  # one paragraph per line
    indent: int  # the body's usual indent
    measured: bool  # enough lines to trust the width
    capitals: bool  # the text is set in capitals: a line in capitals is no heading


def measure(lines: list[Line]) -> _Measure:
    lengths = [len(line.text) for line in lines]
    indents = [line.indent for line in lines]
    usual_indent = max(set(indents), key=indents.count) if indents else 0
    in_capitals = sum(1 for line in lines if not any(ch.islower() for ch in line.text))
    return _Measure(width=_percentile(lengths, 0.9), long_lines=_percentile(lengths, 0.75) >= LONG_LINES,
                    indent=usual_indent, measured=len(lines) >= MIN_LINES,
                    capitals=in_capitals > CAPITALS_SHARE * max(1, len(lines)))


def _heading(line: Line, m: _Measure) -> bool:
    """A line in capitals, in text that is not (``[PAZ Y SEGURIDAD INTERNACIONALES]``)."""
    text = line.text
    return (not m.capitals and len(text) < 0.9 * m.width and not any(ch.islower() for ch in text)
            and sum(ch.isalpha() for ch in text) >= 6 and not ends_sentence(text))


def _numbered(line: Line) -> int | None:
    """The number the text prints for the paragraph this line would open. A number alone on the
    line before a lower-case line strayed there (OCR): that line goes on a sentence."""
    if line.number_before is not None and not starts_lower(line.text):
        return line.number_before
    m = NUMBERED.match(line.text)
    return int(m.group(1)) if m else None


def _alone(line: Line, after: Line | None, m: _Measure) -> bool:
    """A short line that ends no sentence with a blank line after it: a greeting or a heading."""
    return (after is not None and after.blank_before and m.measured and len(line.text) < SHORT * m.width
            and not ends_sentence(line.text))


def breaks(prev: Line, cur: Line, m: _Measure, after: Line | None = None) -> bool:
    """Does a paragraph end between ``prev`` and ``cur`` (``after``: the line after ``cur``)?"""
    p, c = prev.text, cur.text
    finished = ends_sentence(p)
    marked = _numbered(cur) is not None or cur.bullet
    if starts_lower(c) and not cur.bullet and not NUMBERED.match(c):
        return False  # a sentence runs on, across a line, a blank line or a page (or an OCR'd number astray)
    cut_off = not finished and p[-1:] not in _PAUSE and len(p) >= FILLS * m.width and m.measured
    if (cur.furniture_before or cur.blank_before) and cut_off and not marked:
        return False  # a page break, or a blank line, mid-sentence: the line before fills the column
    if cur.blank_before:
        return True
    if (finished or p[-1:] in _PAUSE or _heading(prev, m)) and (_alone(cur, after, m) or _heading(cur, m)):
        return True
    if _heading(prev, m) and starts_upper(c):
        return True
    if marked and (finished or p[-1:] in _PAUSE):
        return True
    if m.long_lines:
        if finished:
            return True
        return len(p) < 100 and (p[-1:] in _PAUSE or p[-1:].isalnum()) and starts_upper(c)
    if not m.measured:
        return False
    if cur.indent > m.indent and prev.indent <= m.indent and starts_upper(c):
        return True
    first_word = len(c.split(" ", 1)[0])
    fits = len(p) + 1 + first_word <= FIT * m.width
    if finished and fits:
        return True
    return fits and len(p) < SHORT * m.width and (p[-1:] in _PAUSE or p[-1:].isalnum()) and starts_upper(c)


def segments(lines: list[Line]) -> list[Segment]:
    """The lines grouped into paragraphs (no cap on their length yet)."""
    m = measure(lines)
    out: list[Segment] = []
    for i, line in enumerate(lines):
        if i == 0 or breaks(lines[i - 1], line, m, lines[i + 1] if i + 1 < len(lines) else None):
            out.append(Segment([line], _numbered(line)))
        else:
            out[-1].lines.append(line)
    return out


def _cut_long(segment: Segment) -> list[Segment]:
    """A segment longer than :data:`MAX_CHARS` cut at the shortest line that ends a sentence,
    again until every piece is short enough or has no such line."""
    if len(segment.text()) <= MAX_CHARS:
        return [segment]
    lines = segment.lines
    candidates = [i for i in range(len(lines) - 1) if ends_sentence(lines[i].text)]
    if not candidates:
        return [segment]
    total = sum(len(line.text) for line in lines)
    # the shortest sentence-ending line, preferring the middle third of the segment when it has one
    done, middle = 0, []
    for i, line in enumerate(lines[:-1]):
        done += len(line.text)
        if i in candidates and total / 3 <= done <= 2 * total / 3:
            middle.append(i)
    cut = min(middle or candidates, key=lambda i: (len(lines[i].text), i))
    head = Segment(lines[: cut + 1], segment.printed)
    tail = Segment(lines[cut + 1 :], None)
    return _cut_long(head) + _cut_long(tail)


def _printed_chain(segs: list[Segment]) -> set[int]:
    """Indexes of the segments whose printed numbers follow each other (each one more than the
    last, by at most :data:`MAX_NUMBER_JUMP`), if they number most substantial paragraphs."""
    chain: list[int] = []
    last = None
    for i, seg in enumerate(segs):
        n = seg.printed
        if n is None:
            continue
        if last is None or last < n <= last + MAX_NUMBER_JUMP:
            chain.append(i)
            last = n
    substantial = sum(1 for seg in segs if len(seg.text()) >= SUBSTANTIAL)
    if len(chain) >= 3 and len(chain) >= PRINTED_SHARE * substantial:
        return set(chain)
    return set()


def _strip_number(text: str) -> str:
    m = NUMBERED.match(text)
    return text[m.end():] if m else text


def _split_at_printed(segs: list[Segment], chain: set[int]) -> tuple[list[Segment], set[int]]:
    """In printed-number text, a line inside a paragraph that prints the next number starts
    the next paragraph (its sentence before ended without a stop, an OCR slip)."""
    out: list[Segment] = []
    numbered: set[int] = set()
    last = 0
    for i, seg in enumerate(segs):
        if i in chain:
            last = seg.printed
            numbered.add(len(out))
        out.append(Segment([seg.lines[0]], seg.printed))
        for line in seg.lines[1:]:
            n = _numbered(line)
            if n is not None and n == last + 1:
                last = n
                numbered.add(len(out))
                out.append(Segment([line], n))
            else:
                out[-1].lines.append(line)
    return out, numbered


def _greeting(text: str) -> bool:
    return len(text) < SUBSTANTIAL and not ends_sentence(text)


def number(segs: list[Segment]) -> list[tuple[int, str]]:
    """``(n, text)`` for each paragraph: printed numbers where the text has them (see the
    module doc), else 1, 2, 3…"""
    chain = _printed_chain(segs)
    if not chain:
        return [(n, seg.text()) for n, seg in enumerate(segs, 1)]
    segs, chain = _split_at_printed(segs, chain)
    texts = [seg.text() for seg in segs]
    out: list[list] = []  # [n, text]
    lead: list[str] = []  # unnumbered paragraphs before the first printed number
    prefix: list[str] = []  # short lines waiting to open the next numbered paragraph
    next_printed = [None] * len(segs)
    upcoming = None
    for i in range(len(segs) - 1, -1, -1):
        next_printed[i] = upcoming
        if i in chain:
            upcoming = segs[i].printed
    for i, seg in enumerate(segs):
        text = texts[i]
        if i in chain:
            n = seg.printed
            body = _strip_number(text) if seg.lines[0].number_before is None else text
            if not out and lead:
                if len(lead) < n:
                    out.extend([n - len(lead) + k, t] for k, t in enumerate(lead))
                else:
                    prefix = lead + prefix
                lead = []
            out.append([n, join_lines(prefix + [body])])
            prefix = []
            continue
        if not out:
            lead.append(text)
            continue
        last = out[-1][0]
        following = next_printed[i]
        if following is None or last + 1 < following:
            out.append([last + 1, join_lines(prefix + [text])])
            prefix = []
        elif _greeting(text):
            prefix.append(text)
        else:
            out[-1][1] = join_lines([out[-1][1], *prefix, text])
            prefix = []
    if prefix and out:
        out[-1][1] = join_lines([out[-1][1], *prefix])
    return [(n, text) for n, text in out]


def _scraps_joined(segs: list[Segment]) -> list[Segment]:
    """A paragraph of fewer than :data:`MIN_LETTERS` letters (and no CJK) is no paragraph: with
    no letter at all (``---``) it goes; a word or two (a drop capital ``The``, ``Mr.``, an
    OCR'd scrap of a logo) opens the next paragraph."""
    out: list[Segment] = []
    waiting: list[Line] = []
    for seg in segs:
        text = seg.text()
        letters = sum(ch.isalpha() for ch in text)
        if letters >= MIN_LETTERS or has_cjk(text):
            if waiting and seg.printed is not None and out:
                out[-1].lines += waiting  # a numbered paragraph opens with its number
            elif waiting:
                seg = Segment(waiting + seg.lines, seg.printed)
            out.append(seg)
            waiting = []
        elif letters:
            waiting += seg.lines
    if waiting and out:
        out[-1].lines += waiting
    return out


def split_lines(lines: list[Line]) -> list[tuple[int, str]]:
    """Lines (as :func:`read_lines` gives them) → numbered paragraphs ``(n, text)``."""
    segs = [piece for seg in _scraps_joined(segments(lines)) for piece in _cut_long(seg)]
    return number(segs)


def split_paragraphs(text: str, symbol: str | None = None) -> list[tuple[int, str]]:
    """Raw text → numbered paragraphs ``(n, text)``, by the rules of the module doc. ``symbol``:
    the record's own symbol, dropped where it runs at the top of a page."""
    return split_lines(read_lines(text, symbol))


# ----------------------------------------------------------------------------- the record

# A statement collection's file name: "ad_fr.txt" (ISO 3166 alpha-2, underscore, language).
_COLLECTION_NAME = re.compile(r"^(?P<country>[a-z]{2})_(?P<lang>[a-z]{2})$")
# Languages a collection's file name may give besides the six: statements are delivered in others.
COLLECTION_LANGUAGES = frozenset(languages.CODES) | {"pt", "it", "de"}


@dataclass(frozen=True)
class CollectionName:
    delegation: delegations.Delegation
    lang: str  # ISO 639-1, possibly not a UN language


def collection_name(source: str | None) -> CollectionName | None:
    """``…/ad_fr.txt`` → Andorra, ``fr``; None for a name of any other shape, or an unknown country."""
    if not source:
        return None
    stem = re.split(r"[\\/]", source)[-1].rsplit(".", 1)[0]
    m = _COLLECTION_NAME.match(stem)
    if not m or m.group("lang") not in COLLECTION_LANGUAGES:
        return None
    found = delegations.from_alpha2(m.group("country"))
    return CollectionName(found, m.group("lang")) if found else None


def collection_symbol(code: str, date: str | None) -> str:
    """The symbol of a statement known by its delegation and date: ``statement-AND-2024-09-27``
    (``statement-AND`` when the text gives no date).

    A statement published by its delegation has no UN document symbol. This one is built from
    what identifies it, who spoke and when, is stable as long as the file is, and cannot be
    taken for a UN symbol: it has no ``/`` (every UN symbol has one, and
    :data:`~rapporteur.indexer.parse.symbols.SYMBOL` needs it) and starts with a lower-case word.
    """
    return f"statement-{code}-{date}" if date else f"statement-{code}"


def forms_for(grammar: Grammar | None, source: str | None = None) -> StatementForms | None:
    """The statement words of the record's language, or of the language its file name gives."""
    if grammar is not None:
        return grammar.statement
    from_name = collection_name(source)
    found = GRAMMARS.get(from_name.lang) if from_name else None
    return found.statement if found else None


def not_a_summary(lines: list[str], grammar: Grammar) -> bool:
    """Numbered paragraphs made a text look like a summary record, but it has neither a
    summary record's heading (``Summary record of the 12th meeting``) nor one speaker opening:
    a statement that prints its paragraph numbers."""
    if any(grammar.header.meeting.search(line) for line in lines[:60]):
        return False
    return not any(grammar.match_opening(line[m.end():] if (m := NUMBERED.match(line)) else line) for line in lines)


DATELINE_TOP, DATELINE_END = 30, 5  # a statement without a dated header may be dated near its top or at its end


def _dateline(lines: list[Line], lang: str | None) -> str | None:
    """The date of the first line that is a dateline, no more (``New York, le 25 septembre
    2024``): a date inside a sentence (``le 7 octobre 2023, le monde…``) dates something else."""
    for line in lines:
        if statement_header.is_dateline(line.text):
            return dates.find_date(line.text, lang)
    return None


def parse(text: str, record: Record, forms: StatementForms | None, source: str | None = None) -> bool:
    """Fill ``record`` from a text in no SR/PV layout: header, paragraphs, delegation. ``forms``:
    the words of the record's language (None: no header is read). Returns whether the text was
    recognised as a statement (a header named it, or its file name did)."""
    from_name = collection_name(source)
    if record.lang is None and from_name and from_name.lang in languages.CODES:
        record.lang = from_name.lang
    lines = read_lines(text, record.symbol)
    header = statement_header.read(lines, forms, record.lang) if forms else statement_header.Header()
    body = lines[header.end:]
    record.date = record.date or header.date or _dateline(body[:DATELINE_TOP] + body[-DATELINE_END:], record.lang)
    record.paragraphs = [Paragraph(n=n, text=t) for n, t in split_lines(body)]
    delegation = from_name.delegation if from_name else None
    for p in record.paragraphs:
        p.speaker, p.role = header.speaker, header.role
        if delegation is not None:
            p.delegation, p.delegation_code = delegation.label(record.lang), delegation.code
    if from_name and record.symbol is None:
        record.symbol = collection_symbol(from_name.delegation.code, record.date)
    return bool(from_name or header.recognised)
