"""Record files → :class:`~indexer.model.Record`.

``parse_file`` reads a file (any supported encoding), recognises its layout and hands it to the
parser for that layout. A layout no parser recognises still yields blank-line paragraphs, with one
warning in ``record.warnings``. A file that cannot be read raises
:class:`~indexer.errors.UnreadableRecord`.
"""
from __future__ import annotations

import os
from pathlib import Path

from indexer.model import Record
from indexer.normalize import has_cjk
from indexer.parse import fallback, summary_zh, symbols
from indexer.parse.lines import clean_lines
from indexer.readers import read_text


def detect_script_lang(text: str) -> str | None:
    """A guess at the language from the script alone: enough to route a record to a parser."""
    sample = text[:20_000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return None
    cjk = sum(1 for ch in letters if has_cjk(ch))
    if cjk / len(letters) > 0.3:
        return "zh"
    cyr = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff")
    if cyr / len(letters) > 0.5:
        return "ru"
    if arabic / len(letters) > 0.5:
        return "ar"
    return None


def parse_text(text: str, source: str | None = None, checksum: str | None = None) -> Record:
    """Parse record text. ``source`` (a path) supplies the symbol and language the text lacks."""
    record = Record(source=source, checksum=checksum)
    name_symbol, name_lang = symbols.from_filename(source) if source else (None, None)
    lines = clean_lines(text)
    script_lang = detect_script_lang(text)
    if script_lang == "zh" and summary_zh.looks_like_summary(lines):
        summary_zh.parse(lines, record)
    else:
        fallback.parse(text, record)
        label = source or "text"
        record.warnings.append(
            f"{label}: layout not recognised; indexed as {len(record.paragraphs)} plain paragraphs without speakers"
        )
    record.symbol = record.symbol or name_symbol or (Path(source).stem if source else None)
    record.lang = record.lang or name_lang or script_lang
    return record


def parse_file(path: str | os.PathLike) -> Record:
    raw = read_text(path)
    return parse_text(raw.text, source=str(path), checksum=raw.checksum)
