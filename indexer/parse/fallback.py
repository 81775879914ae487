"""Records in a layout no parser recognises: blank-line paragraphs, numbered in order, no speaker."""
from __future__ import annotations

from rapporteur.indexer.model import Paragraph, Record


def parse(blocks: list[str], record: Record) -> Record:
    """``blocks`` as :func:`rapporteur.indexer.parse.lines.clean_blocks` gives them."""
    record.paragraphs.extend(Paragraph(n=n, text=text) for n, text in enumerate(blocks, 1))
    return record
