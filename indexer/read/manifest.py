"""Record manifests: what the collector of a folder of record files knows about each of them.

Statement files, press copies and extracted texts often carry no header the parser can read (no
symbol, no date, no speaker line), while whoever gathered them has all of it in a spreadsheet.
A folder may hold one manifest beside its record files, ``records.csv``, ``records.json`` (a JSON
array of objects) or ``records.jsonl`` (one object a line), with one row per file it describes::

    file,symbol,date,lang,kind,meeting,speaker,delegation
    baerbock.txt,A/79/PV.5,2024-09-24,en,statement,5,Annalena Baerbock,Germany
    S_AC.44_SR.74.zh.txt,,2016-06-22,,,,,

``file`` (required) names a file beside the manifest: its path relative to the manifest's
folder, which is where it must be (a manifest describes the files of its own folder, not of the
folders below it, so ``rapporteur parse FILE`` and ``rapporteur index`` always agree on which
manifest applies). Every other column is optional, and an empty cell (in JSON, ``null`` or an
absent key) says nothing. :func:`apply` gives a parsed record its row: the record columns
(:data:`RECORD_COLUMNS`) replace what the parser read; the speaker columns
(:data:`SPEAKER_COLUMNS`) fill the paragraphs that have no speaker (a statement delivered by one
person), then the delegation codes are assigned.

:func:`read_manifest` validates every row and never raises. A bad row is left out with one
:class:`Problem`, the others apply::

    records.csv:4: date '2024-13-01' is not a date (YYYY-MM-DD)

``date`` is ISO (``YYYY-MM-DD``); ``lang`` any lower-case ISO 639-1 code (a record may be in a
language the index has no analysis for); ``kind`` one of :data:`~rapporteur.indexer.model.RECORD_KINDS`;
``meeting`` a whole number; ``symbol`` has no ``:`` (a record is known as ``symbol:lang``). A
row that names no file, a file that does not exist or is not beside the manifest, or a file an
earlier row already described is bad too. In CSV the first line names the columns (in any case
and order): an unknown column is one problem on line 1 and is ignored; without a ``file`` column
nothing applies. In JSON a row's line is the line its object begins on, and an unknown key makes
the row bad. A manifest that cannot be read or parsed is one problem, and no row applies.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapporteur.indexer.delegations import assign_codes
from rapporteur.indexer.errors import UnreadableRecord
from rapporteur.indexer.languages import ISO_639_1
from rapporteur.indexer.model import RECORD_KINDS, Record
from rapporteur.indexer.read.text import read_bytes
from rapporteur.indexer.symbols import normalize_symbol
from rapporteur.indexer.text import normalize_text

# The file names a manifest may have, in the order one is chosen when a folder holds several.
MANIFEST_NAMES = ("records.csv", "records.json", "records.jsonl")
RECORD_COLUMNS = ("symbol", "date", "body", "lang", "kind", "meeting", "place")
SPEAKER_COLUMNS = ("speaker", "delegation", "role")
COLUMNS = ("file",) + RECORD_COLUMNS + SPEAKER_COLUMNS
MAX_BYTES = 20 * 1024 * 1024
MAX_MEETING = 2**31 - 1  # the index keeps a meeting number in a 32-bit numeric field

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHOLE = re.compile(r"\d+")


@dataclass(frozen=True)
class Problem:
    """One line for the user: ``path:line: reason`` (``path: reason`` for the manifest as a whole)."""

    path: str
    line: int | None
    reason: str
    file: str | None = None  # the file the bad row names, when it names one

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}" if self.line is not None else f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Entry:
    """The validated row of one file: ``values`` are the other columns it gives, in :data:`COLUMNS` order."""

    file: str  # the file's name in the manifest's folder
    line: int
    values: tuple[tuple[str, object], ...]

    def get(self, column: str):
        return dict(self.values).get(column)

    @property
    def fingerprint(self) -> str:
        """The row's content (not its place in the manifest): what a sync compares."""
        return json.dumps(dict(self.values), ensure_ascii=False, sort_keys=True)


@dataclass
class Manifest:
    """A folder's manifest: its good rows by file name, and its problems. ``path`` is None when
    the folder has none."""

    path: Path | None = None
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def entry(self, record_file) -> Entry | None:
        """The row of ``record_file`` (a path in the manifest's folder), or None."""
        return self.entries.get(Path(record_file).name)

    def problems_for(self, name: str) -> list[Problem]:
        """The problems that may concern the file ``name``: the manifest's own, and those of
        the bad rows that name it or name no file."""
        return [p for p in self.problems if p.file is None or p.file == name]


class Invalid(ValueError):
    """Why a row is bad (one line); ``file``: the file it names, when that is known."""

    def __init__(self, reason: str, file: str | None = None):
        super().__init__(reason)
        self.file = file


class _Unusable(ValueError):
    """Why no row of a manifest can apply, and the line where that was found (or None)."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason, self.line = reason, line


def read_manifest(folder, within=None) -> Manifest:
    """The manifest of ``folder`` (see the module doc); an empty one when there is none.
    ``within``: the resolved folders it must lie in (a manifest that is a link to a file outside
    them is not read: one problem says so)."""
    folder = Path(folder)
    found = [folder / name for name in MANIFEST_NAMES if _is_file(folder / name)]
    if not found:
        return Manifest()
    path = found[0]
    manifest = Manifest(path)
    for other in found[1:]:
        manifest.problems.append(Problem(str(other), None, f"ignored: the folder's manifest is {path.name}"))
    try:
        text = _text(path, within)
        rows = _csv_rows(path, text, manifest) if path.suffix == ".csv" else _json_rows(path, text)
    except _Unusable as exc:  # the manifest as a whole: nothing of it applies
        manifest.problems.append(Problem(str(path), exc.line, exc.reason))
        return manifest
    first_line: dict[str, int] = {}
    for line, raw in rows:
        try:
            entry = _entry(folder, line, raw)
            if entry.file in first_line:
                raise Invalid(f"file {entry.file!r} is already described on line {first_line[entry.file]}")
        except Invalid as exc:
            manifest.problems.append(Problem(str(path), line, str(exc), _named(raw)))
            continue
        first_line[entry.file] = line
        manifest.entries[entry.file] = entry
    return manifest


def apply(record: Record, entry: Entry) -> Record:
    """Give ``record`` its manifest row: the record columns replace the parsed values, the
    speaker columns fill each paragraph without a speaker (where it has none of its own), and
    every paragraph with a delegation gets its code."""
    values = dict(entry.values)
    for name in RECORD_COLUMNS:
        if name in values:
            setattr(record, name, values[name])
    fill = {name: values[name] for name in SPEAKER_COLUMNS if name in values}
    if fill:
        for p in record.paragraphs:
            if not p.speaker:
                for name, value in fill.items():
                    if not getattr(p, name):
                        setattr(p, name, value)
    assign_codes(record)
    return record


# ---- reading


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a folder that cannot be looked into: its files cannot be read either
        return False


def _text(path: Path, within=None) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _Unusable(f"too large ({size / 1048576:.1f} MB; a manifest over {MAX_BYTES // 1048576} MB is refused)")
        data = read_bytes(path, limit=MAX_BYTES, within=within)
    except OSError as exc:
        raise _Unusable(f"cannot be read ({exc.strerror or exc})") from None
    except UnreadableRecord as exc:
        raise _Unusable(exc.reason) from None
    if not data.strip():
        raise _Unusable("empty file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Unusable(f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None


# A row as read: the object or cells by column, or why it could not be read.
Row = tuple[int, "dict | object | Invalid"]


def _csv_rows(path: Path, text: str, manifest: Manifest) -> list[Row]:
    """``(line, {column: cell})`` of each row that is not blank; header problems go to ``manifest``."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, strict=True)
    end = 0  # the last line of the rows read
    try:
        header = [cell.strip().lower() for cell in next(reader)]
        if "file" not in header:
            raise _Unusable(f"no 'file' column (the first line names the columns: {', '.join(COLUMNS)})", 1)
        columns: list[str | None] = []
        notes = []  # the header's problems, kept if the rest can be read
        for name in header:
            if name and name not in COLUMNS:
                notes.append(f"unknown column {name!r} (ignored; the columns are {', '.join(COLUMNS)})")
            elif name and name in columns:
                notes.append(f"column {name!r} appears twice (the second is ignored)")
            columns.append(name if name in COLUMNS and name not in columns else None)
        rows = []
        end = reader.line_num
        for cells in reader:
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
                named = cells[columns.index("file")].strip()
                rows.append((line, Invalid(f"{len(cells)} cells for {len(columns)} columns",
                                           os.path.normpath(named) if named else None)))
                continue
            rows.append((line, {name: cell for name, cell in zip(columns, cells) if name is not None}))
        manifest.problems.extend(Problem(str(path), 1, note) for note in notes)
        return rows
    except csv.Error as exc:
        raise _Unusable(f"not readable as CSV: {exc}", end + 1) from None  # the line its row begins on
    except StopIteration:
        raise _Unusable("empty file") from None


_SPACE = re.compile(r"\s*")


def _json_rows(path: Path, text: str) -> list[Row]:
    """``(line, object)`` of each row: the objects of the array (the line each begins on), or of
    each line of a ``.jsonl`` file."""
    if path.suffix == ".jsonl":
        rows = []
        for line, raw in enumerate(text.splitlines(), 1):
            if raw.strip():
                try:
                    rows.append((line, json.loads(raw)))
                except json.JSONDecodeError as exc:
                    rows.append((line, Invalid(f"invalid JSON: {exc.msg} (column {exc.colno})")))
                except RecursionError:
                    rows.append((line, Invalid("invalid JSON: nested too deeply")))
        return rows
    decoder = json.JSONDecoder()
    try:
        whole = decoder.decode(text)  # the file as a whole first: an error is the file's
    except json.JSONDecodeError as exc:
        raise _Unusable(f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise _Unusable("invalid JSON: nested too deeply") from None
    if not isinstance(whole, list):
        raise _Unusable("must be a JSON array of objects, one per file")
    rows, pos = [], _SPACE.match(text).end() + 1  # past the opening [
    for _ in whole:  # each element again, from where it begins: its line
        pos = _SPACE.match(text, pos).end()
        obj, end = decoder.raw_decode(text, pos)
        rows.append((text.count("\n", 0, pos) + 1, obj))
        pos = _SPACE.match(text, end).end() + 1  # past the comma
    return rows


# ---- one row


def _named(raw) -> str | None:
    if isinstance(raw, Invalid):
        return raw.file
    value = raw.get("file") if isinstance(raw, dict) else None
    return os.path.normpath(value.strip()) if isinstance(value, str) and value.strip() else None


def _entry(folder: Path, line: int, raw) -> Entry:
    if isinstance(raw, Invalid):  # found while reading the row
        raise raw
    if not isinstance(raw, dict):
        raise Invalid(f"each row must be a JSON object, not {_json_type(raw)}")
    unknown = [k for k in raw if k not in COLUMNS]
    if unknown:
        raise Invalid(f"unknown key {unknown[0]!r} (the keys are {', '.join(COLUMNS)})")
    name = _file(folder, raw.get("file"))
    values = tuple((column, value) for column in COLUMNS[1:] if (value := _value(column, raw.get(column))) is not None)
    return Entry(name, line, values)


def _json_type(value) -> str:
    return {bool: "true or false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "an object"}.get(type(value), "null")


def _value(name: str, value):
    """A cell's value, validated; None when it says nothing."""
    if value is None:
        return None
    if name == "meeting" and isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0 or (isinstance(value, float) and not value.is_integer()):
            raise Invalid(f"meeting {value!r} is not a whole number")
        return _meeting(int(value))
    if not isinstance(value, str):
        raise Invalid(f"{name} must be text, not {_json_type(value)}")
    value = normalize_text(value)
    if not value:
        return None
    if name == "symbol":
        if ":" in value:
            raise Invalid(f"symbol {value!r} has a ':' (a record is known as symbol:lang)")
        return normalize_symbol(value)
    if name == "date":
        try:
            if not _DATE.fullmatch(value):
                raise ValueError
            dt.date.fromisoformat(value)
        except ValueError:
            raise Invalid(f"date {value!r} is not a date (YYYY-MM-DD)") from None
    elif name == "lang" and value not in ISO_639_1:
        raise Invalid(f"lang {value!r} is not a two-letter ISO 639-1 code"
                      + (f" (write it in lower case: {value.lower()!r})" if value.lower() in ISO_639_1 else ""))
    elif name == "kind" and value not in RECORD_KINDS:
        raise Invalid(f"kind {value!r} is not one of {', '.join(RECORD_KINDS)}")
    elif name == "meeting":
        if not _WHOLE.fullmatch(value):
            raise Invalid(f"meeting {value!r} is not a whole number")
        return _meeting(int(value))
    return value


def _meeting(number: int) -> int:
    if number > MAX_MEETING:
        raise Invalid(f"meeting {number} is too large (at most {MAX_MEETING})")
    return number


def _file(folder: Path, value) -> str:
    if value is not None and not isinstance(value, str):
        raise Invalid(f"file must be text, not {_json_type(value)}")
    value = (value or "").strip()
    if not value:
        raise Invalid("no file named (the 'file' column is required)")
    name = os.path.normpath(value)
    if os.path.isabs(name) or os.path.dirname(name) or name in (".", ".."):
        raise Invalid(f"file {value!r} is not beside the manifest (a manifest describes the files of its own folder)")
    target = folder / name
    try:
        exists, is_dir = target.exists(), target.is_dir()
    except OSError as exc:
        raise Invalid(f"file {value!r} cannot be looked up ({exc.strerror or exc})") from None
    if not exists:
        raise Invalid(f"file {value!r} does not exist")
    if is_dir:
        raise Invalid(f"file {value!r} is a folder")
    return name
