"""Verbatim records (PV): statements in order, each opening ``Speaker (Delegation) (spoke in X): …``.

A verbatim record has no paragraph numbers. Each block of text (blank-line separated) is one
paragraph, numbered in order; a block that opens with a speaker and a colon starts a new
statement, and the blocks after it continue that statement. The meeting's opening and closing
lines go into the record.
"""
from __future__ import annotations

import re

from rapporteur.indexer.model import Paragraph, Record
from rapporteur.indexer.parse.grammar import Grammar
from rapporteur.indexer.parse.header import parse_header
from rapporteur.indexer.parse.speaker import Speaker

_COLON = re.compile(r"\s*[:：]")


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


def parse(blocks: list[str], record: Record, grammar: Grammar) -> Record:
    first = next((i for i, b in enumerate(blocks) if statement_opening(b, grammar)), 0)
    chair_honorific = parse_header(blocks[:first], record, grammar)
    current: Paragraph | None = None
    n = 0
    for block in blocks[first:]:
        if grammar.closing_line.match(block):
            record.closed = grammar.to_time(block)
            continue
        if grammar.opening_line.match(block):
            record.opened = grammar.to_time(block)
            continue
        n += 1
        para = Paragraph(n=n, text=block)
        sp = statement_opening(block, grammar)
        if sp is not None:
            if sp.is_chair:
                para.speaker, para.honorific = record.chair, chair_honorific if record.chair else None
                para.delegation = record.chair_delegation
            else:
                para.speaker, para.honorific, para.delegation = sp.name, sp.honorific, sp.delegation
            para.role, para.spoke_in = sp.role, sp.spoke_in
            current = para
        elif current is not None:
            para.speaker, para.honorific, para.delegation = current.speaker, current.honorific, current.delegation
            para.role, para.spoke_in = current.role, current.spoke_in
        record.paragraphs.append(para)
    record.kind = "PV"
    return record
