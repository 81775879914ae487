"""Record files → :class:`~rapporteur.indexer.model.Record`.

``parse_file`` reads a file (any supported encoding), finds its language and layout, and hands
it to the parser for that layout: summary records (``summary.py``) or verbatim records
(``verbatim.py``), with the language's grammar (``grammars/``). Text in neither layout goes to
``statement.py``: a delegation's statement (its header read for the speaker, office and date),
or any other text, as paragraphs at the text's own boundaries; text not recognised as a
statement gets one warning in ``record.warnings``. A file that cannot be read raises
:class:`~rapporteur.indexer.errors.UnreadableRecord`.
"""
from __future__ import annotations

import os
from pathlib import Path

from rapporteur.indexer import delegations
from rapporteur.indexer.model import Record
from rapporteur.indexer.parse import language, statement, summary, symbols, verbatim
from rapporteur.indexer.parse.grammars import GRAMMARS
from rapporteur.indexer.parse.lines import page_blocks, record_lines
from rapporteur.indexer.read.text import read_text
from rapporteur.indexer.symbols import normalize_symbol


def _layout(lines: list[str], blocks: list[str], grammar, symbol: str | None) -> str | None:
    """"SR", "PV" or None (not recognised)."""
    if symbol and "/PV." in symbol and verbatim.looks_like_verbatim(blocks, grammar, need=1):
        return "PV"
    if sum(1 for line in lines if summary.NUMBERED.match(line)) >= 2:
        return "SR"
    if verbatim.looks_like_verbatim(blocks, grammar):
        return "PV"
    if summary.looks_like_summary(lines, grammar):
        return "SR"
    return None


def parse_text(text: str, source: str | None = None, checksum: str | None = None) -> Record:
    """Parse record text. ``source`` (a path) supplies the symbol and language the text lacks."""
    record = Record(source=source, checksum=checksum)
    name_symbol, name_lang = symbols.from_filename(source) if source else (None, None)
    marked = record_lines(text)
    lines = [line.text for line in marked]
    lang = language.detect(lines, text) or name_lang
    grammar = GRAMMARS.get(lang)
    layout = None
    blocks = [block for block, _ in page_blocks(text, name_symbol)]
    if grammar is not None:
        layout = _layout(lines, blocks, grammar, name_symbol)
        if layout == "SR" and statement.not_a_summary(lines, grammar):
            layout = None
        if layout == "SR":
            summary.parse(lines, record, grammar)
        elif layout == "PV":
            verbatim.parse(record_lines(text, name_symbol), record, grammar)
    if layout is None:
        record.lang = lang
        if not statement.parse(text, record, statement.forms_for(grammar, source), source):
            record.warnings.append(
                f"{source or 'text'}: layout not recognised; indexed as {len(record.paragraphs)} plain paragraphs without speakers"
            )
    # One spelling of a symbol, wherever it was read (header, file name): see indexer/symbols.py.
    record.symbol = normalize_symbol(record.symbol or name_symbol or (Path(source).stem if source else None))
    record.lang = record.lang or lang
    delegations.assign_codes(record)
    return record


def parse_file(path: str | os.PathLike, within=None) -> Record:
    """The record of one file, parsed from one read of it (``within``: the resolved folders it
    must lie in, see :func:`~rapporteur.indexer.read.text.read_file`)."""
    return parse_raw(read_text(path, within=within), path)


def parse_raw(raw, path: str | os.PathLike) -> Record:
    """The record of a file's text as read (:class:`~rapporteur.indexer.read.text.RawText`): its
    checksum is that of the bytes the text came from."""
    return parse_text(raw.text, source=str(path), checksum=raw.checksum)
