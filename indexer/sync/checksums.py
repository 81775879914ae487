"""Checksums of record files, and a cache that spares re-reading the unchanged ones.

The checksum a sync compares for a file a manifest describes also covers its manifest row
(:func:`described_checksum`).

A sync compares every file's SHA-256 with the one the index holds. Reading and hashing the
whole collection on each run is what made one new record cost seconds on a large index, so
:class:`ChecksumCache` remembers each file's checksum with its ``stat`` identity (device,
inode, size, mtime and ctime in nanoseconds). A file whose identity is unchanged is not read
again. The ctime changes on every write and on every ``touch``/``utime`` (programs cannot set
it), so a file rewritten with the same size and a restored mtime is still read. An entry is
trusted only if the file had not changed for :data:`SETTLE_NS` before it was hashed: a file
written in the same clock tick as the hash could change again without a visible ctime step.

The cache is an optimisation only: it lives beside the index as one JSON file, written by
replacing it whole; a missing, unreadable or foreign file is ignored and rebuilt, and a failed
write leaves the sync's result untouched.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from pathlib import Path

from rapporteur.indexer.errors import UnreadableRecord
from rapporteur.indexer.read.text import file_identity

CACHE_NAME = "checksums.json"
FORMAT = 1
SETTLE_NS = 2_000_000_000


def file_checksum(path: Path) -> str:
    """SHA-256 of a regular file. Raises :class:`UnreadableRecord` for a pipe, socket or device
    (opened without blocking: a FIFO must not wait for a writer, /dev/zero never ends)."""
    h = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with open(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnreadableRecord(path, "not a regular file (a pipe, socket or device)")
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def described_checksum(checksum: str, entry) -> str:
    """The checksum a sync compares for a file that a manifest row describes: of the file's
    checksum and the row's content (:attr:`~rapporteur.indexer.read.manifest.Entry.fingerprint`)
    together, so that a changed row rewrites the file's record as a changed file would. The
    record's header keeps the file's own checksum."""
    return hashlib.sha256(f"{checksum}\n{entry.fingerprint}".encode("utf-8")).hexdigest()


def _identity(st: os.stat_result) -> list[int]:
    return list(file_identity(st))  # as JSON keeps it


class ChecksumCache:
    """``checksum(path)`` as :func:`file_checksum`, from the cache when the file is unchanged.
    ``save()`` writes the entries of this session's files and keeps those of other files that
    still exist (another folder indexed into the same index)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.entries: dict[str, list] = {}
        self.used: dict[str, list] = {}
        self.asked: set[str] = set()
        self.hits = 0
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("files"), dict):
                self.entries = data["files"]
        except (OSError, ValueError, UnicodeError):
            pass

    def checksum(self, path: Path) -> str:
        src = str(path)
        self.asked.add(src)
        try:
            st = os.stat(path)
        except OSError:
            st = None
        ident = _identity(st) if st is not None and stat.S_ISREG(st.st_mode) else None
        entry = self.entries.get(src)
        if (ident is not None and isinstance(entry, list) and len(entry) == 2 and entry[0] == ident
                and isinstance(entry[1], str)):
            self.hits += 1
            self.used[src] = entry
            return entry[1]
        hashed_at = time.time_ns()
        digest = file_checksum(path)  # raises for what cannot be read (a FIFO, a vanished file)
        if ident is not None and _identity(os.stat(path)) == ident and st.st_ctime_ns < hashed_at - SETTLE_NS:
            self.used[src] = [ident, digest]
        return digest

    def forget(self, path: Path) -> None:
        """Remember nothing of ``path`` from this session's :meth:`checksum`: the file is to be
        read and parsed, and only the checksum of the bytes parsed may be kept (:meth:`remember`)."""
        self.used.pop(str(path), None)

    def remember(self, path: Path, identity, digest: str, read_ns: int) -> None:
        """Keep ``digest``, the checksum of the bytes of ``path`` that were parsed, with the
        file's ``identity`` when they were read (:class:`~rapporteur.indexer.read.text.FileBytes`),
        if the file had settled then (see the module doc)."""
        src = str(path)
        self.asked.add(src)
        if identity is not None and len(identity) == 5 and identity[4] < read_ns - SETTLE_NS:
            self.used[src] = [list(identity), digest]

    def save(self) -> None:
        files = {src: e for src, e in self.entries.items() if src not in self.asked and os.path.isfile(src)}
        files.update(self.used)
        replace_json(self.path, {"format": FORMAT, "files": files})


def replace_json(path: Path, data) -> None:
    """Write ``data`` as the JSON file ``path``, whole: to a temporary file beside it, then
    renamed over it. Best effort, for a file beside the index that a sync may do without: a
    failed write leaves the old file (or none) and raises nothing."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
