"""The sync plan: what one sync does to each file, decided once, before anything is written.

:func:`make_plan` compares the scanned files with what the index holds (``source → (record key,
checksum)``) and the checksum of each file (:mod:`.checksums`, which reads a file again only
when its size, times or inode changed). Every file gets one :class:`FileStep`, in file order:

* ``unreadable``: its checksum could not be taken; reported with the reason;
* ``unchanged``: the index holds it with the same checksum; skipped;
* ``write``: new or changed; read, parsed and analysed (by the worker pool), then written.

A file's checksum covers its row in the manifest beside it, if any (:mod:`.manifests`): the row
is part of what the file says, and the step carries it to the pool.

Records whose files are gone (no longer under a scanned folder, or deleted) are listed in
:attr:`SyncPlan.gone`; paths given by name that do not exist and held nothing in
:attr:`SyncPlan.missing`. The writer executes the plan in file order; the pool is handed
:meth:`SyncPlan.jobs`, the ``write`` steps in the same order, so a step and its parsed record
always meet.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from rapporteur.indexer.errors import UnreadableRecord
from rapporteur.indexer.read.manifest import Entry
from rapporteur.indexer.sync.checksums import ChecksumCache, described_checksum
from rapporteur.indexer.sync.manifests import Manifests
from rapporteur.indexer.sync.scan import is_imported, under

UNREADABLE, UNCHANGED, WRITE = "unreadable", "unchanged", "write"


@dataclass(frozen=True)
class Indexed:
    """A record the index held when the sync began."""

    rkey: str
    checksum: str | None


@dataclass(frozen=True)
class FileStep:
    path: Path
    action: str  # UNREADABLE, UNCHANGED or WRITE
    checksum: str | None = None
    reason: str | None = None  # why it is unreadable
    indexed: Indexed | None = None  # what the index held from this file
    entry: Entry | None = None  # its row in the manifest beside it

    @property
    def source(self) -> str:
        return str(self.path)


@dataclass
class SyncPlan:
    steps: list[FileStep]  # one per scanned file, in file order
    gone: list[tuple[str, Indexed]]  # (source, record) of records whose files are gone
    missing: list[str]  # paths given by name that do not exist and held nothing
    indexed: dict[str, Indexed]  # source → record, as the index held them at the start
    owners: dict[str, str] = field(default_factory=dict)  # record key → source, after the removals

    def jobs(self) -> list[tuple[Path, str, Entry | None]]:
        """``(path, checksum, manifest row)`` of the files to read and write, in file order."""
        return [(s.path, s.checksum, s.entry) for s in self.steps if s.action == WRITE]

    def scanned(self, source: str) -> bool:
        return source in self._scanned

    def __post_init__(self):
        self._scanned = {s.source for s in self.steps}


def _checksum(checksums: ChecksumCache, path: Path) -> tuple[str | None, str | None]:
    try:
        return checksums.checksum(path), None
    except UnreadableRecord as exc:
        return None, exc.reason
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"


def make_plan(files: list[Path], roots: list[Path], missing: list[Path], indexed: dict[str, Indexed],
              checksums: ChecksumCache, manifests: Manifests | None = None) -> SyncPlan:
    """The plan for files, roots and missing paths from :func:`~.scan.scan` against the records
    ``indexed`` (empty for a rebuild); ``manifests`` gives each file's manifest row (None: no
    manifests are read)."""
    scanned = {str(f) for f in files}
    gone = [(src, rec) for src, rec in indexed.items()
            if src not in scanned and not is_imported(src) and (under(src, roots) or not os.path.exists(src))]
    not_found = [str(p) for p in missing if not any(under(src, [p]) for src in indexed)]
    steps = []
    for f in files:
        checksum, reason = _checksum(checksums, f)
        entry = manifests.entry(f) if manifests is not None and reason is None else None
        if entry is not None:
            checksum = described_checksum(checksum, entry)
        known = indexed.get(str(f))
        if reason is not None:
            action = UNREADABLE
        elif known is not None and known.checksum == checksum:
            action = UNCHANGED
        else:
            action = WRITE
        steps.append(FileStep(f, action, checksum, reason, known, entry))
    gone_sources = {src for src, _rec in gone}
    owners = {rec.rkey: src for src, rec in indexed.items() if src not in gone_sources}
    return SyncPlan(steps, gone, not_found, indexed, owners)
