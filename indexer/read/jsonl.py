"""Structured records in JSON Lines: one record per line, in the shape of ``rapporteur parse --json``::

    {"record": {"symbol": "S/AC.44/SR.74", "lang": "zh", "date": "2016-06-22", ...},
     "paragraphs": [{"n": 1, "speaker": "Anton", "delegation": "德国", "text": "…"}, ...]}

:class:`JsonlReader` streams a file of any size: it reads, validates and hands on one line at a
time, as ``(line, Record)`` or ``(line, LineError)``, and keeps nothing of the lines before but
the keys they gave (on disk, :mod:`.keys`: a record given twice is a bad line). A line is at
most :data:`MAX_LINE_BYTES`, the limit of a record file: a longer one is never read whole (it
is skipped in bounded chunks) and is a bad line, ``line too long (195.3 MB; the limit is 20
MB)``; the file itself has no size limit. Paragraph text is normalised as the parser normalises
it, so that imported records search exactly like parsed ones. :func:`read_jsonl` gives a small
file's records and errors as two lists.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields

from rapporteur.indexer import languages
from rapporteur.indexer.errors import UnreadableRecord
from rapporteur.indexer.model import Paragraph, Record
from rapporteur.indexer.text import normalize_text
from rapporteur.indexer.delegations import assign_codes
from rapporteur.indexer.read.keys import scratch_table
from rapporteur.indexer.read.manifest import MAX_MEETING
from rapporteur.indexer.read.text import MAX_BYTES
from rapporteur.indexer.symbols import normalize_symbol

MAX_LINE_BYTES = MAX_BYTES  # a line is one record: the limit of a record file
_MAX_NUMBER = MAX_MEETING  # meeting and paragraph n: the index's 32-bit numeric fields
_SKIP_BYTES = 1 << 20  # a line too long is skipped this many bytes at a time
_MB = 1024 * 1024

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
            if value is not None and value > _MAX_NUMBER:
                raise Invalid(f"{where} {value} is too large (at most {_MAX_NUMBER})")
        elif name in _LIST_FIELDS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise Invalid(f"{where} must be a list of strings")
        else:
            value = _string(where, value)
        setattr(rec, name, value)
    rec.symbol = normalize_symbol(_string("record.symbol", rec.symbol, required=True))
    rec.lang = rec.lang.lower() if rec.lang else rec.lang  # "EN" is en: codes are written in lower case
    rec.original_lang = rec.original_lang.lower() if rec.original_lang else rec.original_lang
    # A UN language, one of the others the parser tells, or null: a language the parser could
    # not tell (``parse --json`` gives such a record "lang": null; its key is ``symbol:``).
    if languages.known(rec.lang) is None and not (rec.lang is None and "lang" in data and data["lang"] is None):
        given = "missing" if "lang" not in data else f"not {data['lang']!r}"
        raise Invalid(f"record.lang must be one of {', '.join(languages.KNOWN)}, "
                      f"or null for a language not known; {given}")
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
    if n > _MAX_NUMBER:
        raise Invalid(f"{where}.n {n} is too large (at most {_MAX_NUMBER})")
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


class JsonlReader:
    """The records of a JSON Lines file, streamed: iterating yields ``(line, Record)`` for each
    good line and ``(line, LineError)`` for each bad one, in the file's order; blank lines are
    skipped. Memory is bounded by one line (:data:`MAX_LINE_BYTES`) whatever the file's size.

    Opening raises :class:`UnreadableRecord` when the file cannot be opened; iterating raises it
    when the first line that is not blank is not UTF-8 (the file is in another encoding), or,
    at the end, when the file holds no line that is not blank. A later line that is not UTF-8
    is a bad line. :attr:`position` is how far the reading has come, in bytes of :attr:`size`.
    """

    def __init__(self, path: str | os.PathLike, *, max_line: int = MAX_LINE_BYTES):
        self.path = path
        self.max_line = max_line
        try:
            # Without blocking: a FIFO must not wait for a writer, and is refused with /dev/zero
            # and the like (a file of records has an end).
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
                raise UnreadableRecord(path, "not a regular file (a pipe, socket or device)")
            self._fh = open(fd, "rb")
        except FileNotFoundError:
            raise UnreadableRecord(path, "no such file") from None
        except IsADirectoryError:
            raise UnreadableRecord(path, "is a folder, not a JSONL file") from None
        except PermissionError:
            raise UnreadableRecord(path, "permission denied") from None
        self.size = os.fstat(self._fh.fileno()).st_size
        self.records = 0  # good lines so far
        self.errors = 0  # bad lines so far

    @property
    def position(self) -> int:
        return self._fh.tell() if not self._fh.closed else self.size

    def close(self) -> None:
        self._fh.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self) -> Iterator[tuple[int, Record | LineError]]:
        first: sqlite3.Connection = scratch_table("line INTEGER NOT NULL")  # record → its first line
        content = False  # a line that is not blank was read
        try:
            number = 0
            while (line := self._line()) is not None:
                number += 1
                raw, too_long = line
                del line
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark
                    raw = raw[3:]
                if too_long:
                    content = True
                    yield self._bad(number, f"line too long ({too_long / _MB:.1f} MB; "
                                            f"the limit is {self.max_line / _MB:g} MB)")
                    continue
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    if not content:
                        raise UnreadableRecord(self.path, f"not UTF-8 text (line {number}, byte {exc.start + 1})") from None
                    content = True
                    yield self._bad(number, f"not UTF-8 text (byte {exc.start + 1} of the line)")
                    continue
                if not text.strip():
                    continue
                content = True
                try:
                    rec = record_from_json(json.loads(text))
                except json.JSONDecodeError as exc:
                    yield self._bad(number, f"invalid JSON: {exc.msg} at column {exc.colno}")
                    continue
                except Invalid as exc:
                    yield self._bad(number, str(exc))
                    continue
                del text, raw
                key = f"{rec.symbol}\0{rec.lang or ''}"
                if first.execute("INSERT OR IGNORE INTO keys VALUES (?, ?)", (key, number)).rowcount == 0:
                    (earlier,) = first.execute("SELECT line FROM keys WHERE key = ?", (key,)).fetchone()
                    yield self._bad(number, f"record {rec.symbol} ({rec.lang or 'language not known'}) "
                                            f"already given on line {earlier}")
                    continue
                self.records += 1
                yield number, rec
        finally:
            first.close()
        if not content:
            raise UnreadableRecord(self.path, "empty file")

    def _bad(self, number: int, reason: str) -> tuple[int, LineError]:
        self.errors += 1
        return number, LineError(number, reason)

    def _line(self) -> tuple[bytes, int] | None:
        """The next line: ``(bytes without the line end, 0)``, or ``(b"", length)`` for a line
        longer than :attr:`max_line`, which is skipped without being held; None at the end."""
        try:
            return self._next_line()
        except OSError as exc:
            raise UnreadableRecord(self.path, f"cannot be read ({exc.strerror or exc})") from None

    def _next_line(self) -> tuple[bytes, int] | None:
        raw = self._fh.readline(self.max_line + 1)
        if not raw:
            return None
        if raw.endswith(b"\n"):
            return raw[:-1], 0
        if len(raw) <= self.max_line:  # the last line, without a line end
            return raw, 0
        length = len(raw)
        del raw
        while chunk := self._fh.readline(_SKIP_BYTES):
            if chunk.endswith(b"\n"):
                return b"", length + len(chunk) - 1
            length += len(chunk)
        return b"", length


def read_jsonl(path: str | os.PathLike, *, max_line: int = MAX_LINE_BYTES) -> tuple[list[tuple[int, Record]], list[LineError]]:
    """Validate every line of a JSONL file: ``([(line, record)], [LineError])``, every record held
    at once (for small files; ``rapporteur import`` streams with :class:`JsonlReader`).

    Raises :class:`UnreadableRecord` when the file itself cannot be read.
    """
    good: list[tuple[int, Record]] = []
    errors: list[LineError] = []
    with JsonlReader(path, max_line=max_line) as reader:
        for line, item in reader:
            if isinstance(item, LineError):
                errors.append(item)
            else:
                good.append((line, item))
    return good, errors
