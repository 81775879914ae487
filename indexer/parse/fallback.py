"""Records in a layout no parser recognises: blank-line paragraphs, numbered in order, no speaker."""
from __future__ import annotations

import re

from indexer.model import Paragraph, Record
from indexer.parse.lines import clean_line, is_furniture

_BLANK = re.compile(r"\n\s*\n")


def parse(text: str, record: Record) -> Record:
    n = 0
    for block in _BLANK.split(text):
        lines = [clean_line(raw) for raw in block.splitlines()]
        kept = " ".join(line for line in lines if line and not is_furniture(line, record.symbol))
        if not kept:
            continue
        n += 1
        record.paragraphs.append(Paragraph(n=n, text=clean_line(kept)))
    return record
