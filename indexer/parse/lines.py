"""Raw record text → clean lines: markdown noise and page furniture removed, text normalised.

PDF-to-text conversion leaves list dashes (``- 2.``), bold marks (``**Sison**``), page footers
(``16-10499 (C) 3/8``), running heads (``A/79/PV.5 24/09/2024``), job numbers and bar codes,
"Please recycle" in six languages, the correction notice of the first page and page numbers
between the lines of the record. They are dropped here, and where they stood a page ended:
:func:`page_blocks` says so, so that the layout engines can join a paragraph the page cut in two.
A word hyphenated across a line or a page (``международ‑`` / ``ному``) is joined again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapporteur.indexer.text import normalize_text
from rapporteur.indexer.parse import symbols

_JOB = r"\d{2}-\d{5}\s*(?:\([A-Z]\))?"
_FURNITURE = (
    re.compile(rf"^{_JOB}(\s+\d{{1,3}}/\d{{1,3}})?$"),  # 16-10499 (C) 3/8
    re.compile(rf"^\d{{1,3}}/\d{{1,3}}(\s+{_JOB})?$"),  # 3/8 16-10499 (C)
    re.compile(rf"^{_JOB}(?:\s+\d{{6}}){{1,2}}(?:\s+\*\d{{5,}}\*)?$"),  # first page: 24-27354 (E) 240924 250924 *2427354*
    re.compile(r"^\d{1,3}$"),  # a bare page number
    re.compile(r"^\*\d{5,}\*$"),  # barcode text
    re.compile(r"^(请回收|Please recycle|Merci de recycler|Sírvase reciclar|Просьба отправить на вторичную переработку"
               r"|يرجى إعادة الاستعمال|يرجى إعادة التدوير)\W*$", re.I),
    re.compile(r"^GE\.\d{2}-\d{4,6}"),  # Geneva job numbers
)
_DAY = r"\d{2}/\d{2}/\d{4}"
# A running head: the symbol and the date, either way round (``A/79/PV.5 24/09/2024``).
_RUNNING_HEAD = re.compile(rf"^(?:{_DAY}\s+{symbols.SYMBOL.pattern}|{symbols.SYMBOL.pattern}\s+{_DAY})$")
# The correction notice on a record's first page opens with one of these and ends with the
# address of the Official Document System.
_CORRECTION_START = re.compile(
    r"^(This record (?:is subject to correction|contains the text of speeches)|Le présent compte rendu"
    r"|La presente acta (?:está sujeta|contiene)|В настоящем отчете содержатся|В настоящий отчет могут вноситься"
    r"|本记录可以更正|本记录包括|هذا المحضر (?:قابل|يتضمن))",
    re.I,
)
_CORRECTION_END = re.compile(r"(documents\.un\.org|ods\.un\.org|正式文件系统)\W*\)?\W*$", re.I)
CORRECTION_LINES = 10  # a notice longer than this is not one: only its first line is dropped
_HYPHEN_END = re.compile(r"(\w)[\-\u00ad\u2010\u2011]$")
_INLINE_BREAK = re.compile(r"(\w)[\u00ad\u2010\u2011]\s+(?=[^\W\d_])")
_BLANK = re.compile(r"\n\s*\n")
_LIST_DASH = re.compile(r"^\s*(?:[-*•]\s+)+")
_HEADING_HASH = re.compile(r"^\s*#{1,6}\s+")
_BOLD = re.compile(r"\*\*|__")


def is_furniture(line: str, symbol: str | None = None) -> bool:
    if any(p.match(line) for p in _FURNITURE) or _RUNNING_HEAD.match(line):
        return True
    if symbol and line.replace(" ", "") == symbol:
        return True  # a running symbol at the top of a page
    return False


def clean_line(raw: str) -> str:
    """One raw line → normalised text without markdown noise."""
    line = _BOLD.sub("", raw)
    line = _HEADING_HASH.sub("", line)
    line = _LIST_DASH.sub("", line)
    return normalize_text(line)


def join_pieces(pieces) -> str:
    """Lines of one paragraph → its text: joined with a space (which normalisation takes out
    between CJK characters), and a word hyphenated at a line end, or cut by a soft or
    non-breaking hyphen and a space, made whole when it goes on in lower case."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and piece[0].islower() and _HYPHEN_END.search(out):
            out = out[:-1] + piece
        else:
            out = f"{out} {piece}" if out else piece
    return normalize_text(_INLINE_BREAK.sub(lambda m: m.group(1), out))


def _correction_notice(lines: list[str], i: int) -> int:
    """How many lines from ``lines[i]`` the first page's correction notice takes (0: none)."""
    if not _CORRECTION_START.match(lines[i]):
        return 0
    for j in range(i, min(len(lines), i + CORRECTION_LINES)):
        if _CORRECTION_END.search(lines[j]):
            return j - i + 1
    return 1


@dataclass
class Line:
    text: str
    page_break: bool = False  # page furniture stood between this line and the one before it
    blank_before: bool = False  # a blank line (or more) stood before it


def record_lines(text: str, symbol: str | None = None) -> list[Line]:
    """Every non-empty line, cleaned and normalised, with furniture and the correction notice
    dropped, each marked with what stood before it: a blank line, a page break."""
    raw_lines = [clean_line(raw) for raw in text.splitlines()]
    out: list[Line] = []
    blank = page = False
    i = 0
    while i < len(raw_lines):
        line = raw_lines[i]
        if not line:
            blank, i = True, i + 1
            continue
        if symbol is None and len(out) < 3:
            symbol = symbols.from_header_line(line)
        skip = _correction_notice(raw_lines, i)
        if skip or is_furniture(line, symbol):
            page, i = True, i + max(skip, 1)
            continue
        out.append(Line(line, page_break=page, blank_before=blank))
        blank = page = False
        i += 1
    return out


def clean_lines(text: str) -> list[str]:
    """Non-empty, normalised lines with page furniture removed."""
    return [line.text for line in record_lines(text)]


def page_blocks(text: str, symbol: str | None) -> list[tuple[str, bool]]:
    """Blank-line separated blocks, each joined into one normalised line, with page furniture
    dropped, each with whether a page break stood before it (or inside it, at its top)."""
    out: list[tuple[str, bool]] = []
    current: list[str] = []
    broken = False
    for line in record_lines(text, symbol):
        if line.blank_before and current:
            out.append((join_pieces(current), broken))
            current, broken = [], False
        if not current:
            broken = broken or line.page_break
        current.append(line.text)
    if current:
        out.append((join_pieces(current), broken))
    return out


def clean_blocks(text: str, symbol: str | None) -> list[str]:
    """Blank-line separated blocks, each cleaned and joined into one normalised line, with page
    furniture dropped; empty blocks are skipped."""
    return [block for block, _ in page_blocks(text, symbol)]
