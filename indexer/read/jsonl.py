"""Structured records in JSON Lines: one record per line, in the shape of ``rapporteur parse --json``::

    {"record": {"symbol": "S/AC.44/SR.74", "lang": "zh", "date": "2016-06-22", ...},
     "paragraphs": [{"n": 1, "speaker": "Anton", "delegation": "德国", "text": "…"}, ...]}

:func:`read_jsonl` validates every line and returns the good records and, for each bad line,
its number and the reason. Paragraph text is normalised as the parser normalises it, so that
imported records search exactly like parsed ones.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, fields

from rapporteur.indexer import languages
from rapporteur.indexer.errors import UnreadableRecord
from rapporteur.indexer.model import Paragraph, Record
from rapporteur.indexer.text import normalize_text
from rapporteur.indexer.delegations import assign_codes
from rapporteur.indexer.read.text import MAX_BYTES
from rapporteur.indexer.symbols import normalize_symbol

_RECORD_FIELDS = {f.name for f in fields(Record)} - {"paragraphs", "warnings"}
_PARAGRAPH_FIELDS = {f.name for f in fields(Paragraph)}
_INT_FIELDS = {"meeting"}
_LIST_FIELDS = {"agenda"}
# A day, or only the month or the year where no more is known (ISO 8601 reduced precision:
# the General Debate Corpus dates a statement by its session's year alone).
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _iso_date(value: str) -> bool:
    m = _ISO_DATE.match(value)
    if not m:
        return False
    try:
        dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return False
    return True


@dataclass
class LineError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class Invalid(ValueError):
    pass


def _string(where: str, value, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise Invalid(f"{where} is required")
        return None
    if not isinstance(value, str):
        raise Invalid(f"{where} must be a string, not {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise Invalid(f"{where} is required")
    return value or None


def _record(data: dict) -> Record:
    unknown = sorted(set(data) - _RECORD_FIELDS)
    if unknown:
        raise Invalid(f"record: unknown field {unknown[0]!r}")
    rec = Record()
    for name, value in data.items():
        where = f"record.{name}"
        if name in _INT_FIELDS:
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                raise Invalid(f"{where} must be a whole number")
        elif name in _LIST_FIELDS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise Invalid(f"{where} must be a list of strings")
        else:
            value = _string(where, value)
        setattr(rec, name, value)
    rec.symbol = normalize_symbol(_string("record.symbol", rec.symbol, required=True))
    if languages.known(rec.lang) is None:  # a UN language, or one of the others the parser tells
        raise Invalid(f"record.lang must be one of {', '.join(languages.KNOWN)}, not {rec.lang!r}")
    if rec.date is not None and not _iso_date(rec.date):
        raise Invalid(f"record.date must be an ISO date (YYYY-MM-DD, or YYYY-MM or YYYY), not {rec.date!r}")
    return rec


def _paragraph(i: int, data) -> Paragraph:
    where = f"paragraphs[{i}]"
    if not isinstance(data, dict):
        raise Invalid(f"{where} must be an object")
    unknown = sorted(set(data) - _PARAGRAPH_FIELDS)
    if unknown:
        raise Invalid(f"{where}: unknown field {unknown[0]!r}")
    n = data.get("n")
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise Invalid(f"{where}.n must be a positive whole number")
    values = {name: _string(f"{where}.{name}", data.get(name)) for name in _PARAGRAPH_FIELDS - {"n", "text"}}
    text = normalize_text(_string(f"{where}.text", data.get("text"), required=True))
    return Paragraph(n=n, text=text, **values)


def record_from_json(obj) -> Record:
    """One decoded JSON value → a validated :class:`Record`, or :class:`Invalid` with the reason."""
    if not isinstance(obj, dict):
        raise Invalid("each line must be a JSON object")
    unknown = sorted(set(obj) - {"record", "paragraphs"})
    if unknown:
        raise Invalid(f"unknown key {unknown[0]!r} (expected 'record' and 'paragraphs')")
    head, paras = obj.get("record"), obj.get("paragraphs")
    if not isinstance(head, dict):
        raise Invalid("'record' must be an object")
    if not isinstance(paras, list) or not paras:
        raise Invalid("'paragraphs' must be a non-empty list")
    rec = _record(head)
    rec.paragraphs = [_paragraph(i, p) for i, p in enumerate(paras)]
    seen: set[int] = set()
    for i, p in enumerate(rec.paragraphs):
        if p.n in seen:
            raise Invalid(f"paragraphs[{i}].n: paragraph {p.n} appears twice")
        seen.add(p.n)
    assign_codes(rec)
    return rec


def read_jsonl(path: str | os.PathLike, limit: int = 10 * MAX_BYTES) -> tuple[list[tuple[int, Record]], list[LineError]]:
    """Validate every line of a JSONL file: ``([(line, record)], [LineError])``.

    Raises :class:`UnreadableRecord` when the file itself cannot be read.
    """
    good: list[tuple[int, Record]] = []
    errors: list[LineError] = []
    first_line: dict[tuple[str, str], int] = {}
    try:
        size = os.path.getsize(path)
        if size > limit:
            raise UnreadableRecord(path, f"too large ({size / 1048576:.1f} MB; split it into files under {limit // 1048576} MB)")
        fh = open(path, encoding="utf-8-sig")
    except FileNotFoundError:
        raise UnreadableRecord(path, "no such file") from None
    except IsADirectoryError:
        raise UnreadableRecord(path, "is a folder, not a JSONL file") from None
    except PermissionError:
        raise UnreadableRecord(path, "permission denied") from None
    with fh:
        try:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = record_from_json(json.loads(line))
                except json.JSONDecodeError as exc:
                    errors.append(LineError(number, f"invalid JSON: {exc.msg} at column {exc.colno}"))
                    continue
                except Invalid as exc:
                    errors.append(LineError(number, str(exc)))
                    continue
                key = (rec.symbol, rec.lang)
                if key in first_line:
                    errors.append(LineError(number, f"record {rec.symbol} ({rec.lang}) already given on line {first_line[key]}"))
                    continue
                first_line[key] = number
                good.append((number, rec))
        except UnicodeDecodeError as exc:
            raise UnreadableRecord(path, f"not UTF-8 text (byte {exc.start})") from None
    if not good and not errors:
        raise UnreadableRecord(path, "empty file")
    return good, errors
