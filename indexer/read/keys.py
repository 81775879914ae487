"""Record keys seen along a stream, kept on disk so that memory stays bounded whatever the stream's length.

An import of a JSON Lines file streams its records, but must remember, for each one, small
facts about the records before it: which line first gave a key (a record given twice is a bad
line), and which records of the index it confirmed or replaced (those it never names are
removed at the end). In Python sets and dicts that is about 140 bytes a key: 140 MB at a
million lines, on top of the writer. :func:`scratch_table` keeps them in a private temporary
SQLite database instead (on disk, deleted when closed, never shared): about 6 µs a key to add
or look up, and a page cache of :data:`CACHE_KB` whatever the number of keys (a million keys
measured 8.5 MB).
"""
from __future__ import annotations

import sqlite3

CACHE_KB = 8192


def scratch_table(columns: str) -> sqlite3.Connection:
    """A new private temporary database with one table, ``keys(key TEXT PRIMARY KEY, <columns>)``.

    ``columns`` is the SQL of the other columns, e.g. ``"line INTEGER NOT NULL"``. Nothing is
    made durable (no journal, no sync): the table lives as long as the connection."""
    db = sqlite3.connect("", isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute(f"PRAGMA cache_size=-{CACHE_KB}")
    db.execute(f"CREATE TABLE keys(key TEXT PRIMARY KEY, {columns}) WITHOUT ROWID")
    db.execute("BEGIN")  # one transaction: a temporary table needs no commit per row
    return db
