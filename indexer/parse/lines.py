"""Raw record text → clean lines: markdown noise and page furniture removed, text normalised.

PDF-to-text conversion leaves list dashes (``- 2.``), bold marks (``**Sison**``), page footers
(``16-10499 (C) 3/8``), running symbols and page numbers between the lines of the record.
"""
from __future__ import annotations

import re

from rapporteur.indexer.text import normalize_text
from rapporteur.indexer.parse import symbols

_FURNITURE = (
    re.compile(r"^\d{2}-\d{5}\s*(\([A-Z]\))?(\s+\d{1,3}/\d{1,3})?$"),  # 16-10499 (C) 3/8
    re.compile(r"^\d{1,3}/\d{1,3}(\s+\d{2}-\d{5}\s*(\([A-Z]\))?)?$"),  # 3/8 16-10499 (C)
    re.compile(r"^\d{1,3}$"),  # a bare page number
    re.compile(r"^\*\d{5,}\*$"),  # barcode text
    re.compile(r"^(请回收|Please recycle)\W*$", re.I),
    re.compile(r"^GE\.\d{2}-\d{4,6}"),  # Geneva job numbers
)
_BLANK = re.compile(r"\n\s*\n")
_LIST_DASH = re.compile(r"^\s*(?:[-*•]\s+)+")
_HEADING_HASH = re.compile(r"^\s*#{1,6}\s+")
_BOLD = re.compile(r"\*\*|__")


def is_furniture(line: str, symbol: str | None = None) -> bool:
    if any(p.match(line) for p in _FURNITURE):
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


def clean_lines(text: str) -> list[str]:
    """Non-empty, normalised lines with page furniture removed."""
    out: list[str] = []
    symbol = None
    for raw in text.splitlines():
        line = clean_line(raw)
        if not line:
            continue
        if symbol is None and len(out) < 3:
            symbol = symbols.from_header_line(line)
        if is_furniture(line, symbol):
            continue
        out.append(line)
    return out


def clean_blocks(text: str, symbol: str | None) -> list[str]:
    """Blank-line separated blocks, each cleaned and joined into one normalised line, with page
    furniture dropped; empty blocks are skipped."""
    out = []
    for block in _BLANK.split(text):
        lines = [clean_line(raw) for raw in block.splitlines()]
        kept = clean_line(" ".join(line for line in lines if line and not is_furniture(line, symbol)))
        if kept:
            out.append(kept)
    return out
