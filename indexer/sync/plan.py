"""The sync plan: what one sync does to each file, decided once, before anything is written.

:func:`make_plan` compares the scanned files (:class:`~.scan.Scan`) with what the index holds
(``source → (record key, checksum)``) and the checksum of each file (:mod:`.checksums`, which
reads a file again only when its size, times or inode changed). Every file gets one
:class:`FileStep`, in file order:

* ``unreadable``: its checksum could not be taken; reported with the reason;
* ``unchanged``: the index holds it with the same checksum; skipped;
* ``write``: new or changed; read, parsed and analysed (by the worker pool), then written
  with the checksum of the bytes parsed, not the one taken here: a file that changes between
  the two reads is written as it was parsed, and seen as changed by the next sync.

A file's checksum covers its row in the manifest beside it, if any (:mod:`.manifests`): the row
is part of what the file says, and the step carries it to the pool.

Records whose files are gone (no longer under a scanned folder, or deleted) are listed in
:attr:`SyncPlan.gone`; paths given by name that do not exist and held nothing in
:attr:`SyncPlan.missing`. Gone means deleted, never out of sight: the records under a folder
that could not be read are kept, and a folder given to the sync that has vanished or cannot be
read (a renamed folder, an unmounted disk) refuses the whole sync
(:class:`~rapporteur.indexer.errors.SourceUnavailable`) instead of removing its records; so
does a folder still there that is not the one indexed before (the empty mount point of a disk
unmounted, a folder replaced by a new one: :mod:`.folders`).

A record imported from a JSONL file (``rapporteur import``) wins over a file that holds the
same symbol and language: :attr:`SyncPlan.imports` names them, and the writer leaves such a
file out with a warning (an import is an explicit act, with structured data).

The writer executes the plan in file order; the pool is handed :meth:`SyncPlan.jobs`, the
``write`` steps in the same order, so a step and its parsed record always meet.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from rapporteur.indexer.errors import SourceUnavailable, UnreadableRecord
from rapporteur.indexer.read.manifest import Entry
from rapporteur.indexer.sync.checksums import ChecksumCache, described_checksum
from rapporteur.indexer.sync.folders import GONE, REPLACED
from rapporteur.indexer.sync.manifests import Manifests
from rapporteur.indexer.sync.scan import Scan, is_imported, under

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
    imports: dict[str, str] = field(default_factory=dict)  # record key → source of a JSONL import
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): links outside the roots
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (folder, reason): records kept

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


def _plural(n: int, what: str) -> str:
    return f"{n:,} {what}" + ("" if n == 1 else "s")


def refuse_unavailable(found: Scan, held: dict[str, Indexed], changed=()) -> None:
    """Raise :class:`SourceUnavailable` when a folder given has vanished (and held records
    below it) or cannot be read, or when a folder under the roots is not the one indexed
    before and held records (``changed``: ``(folder, REPLACED or GONE)``, see
    :meth:`~.folders.FolderIdentities.changed`): one line naming each and why. A file given
    by name that is gone is a deleted file (its record goes) and a path that held nothing is
    reported by the sync as not found."""
    problems, hints = [], []
    for root, reason in found.unreadable_roots:
        problems.append(f"{root}: the folder cannot be read ({reason})")
    gone = [(str(root), GONE) for root in found.missing] + [(f, kind) for f, kind in changed if kind == GONE]
    for folder, kind in gone + [(f, kind) for f, kind in changed if kind == REPLACED]:
        below = sum(1 for src in held if src != folder and under(src, [Path(folder)]) and not is_imported(src))
        if not below:
            continue
        if kind == GONE:
            problems.append(f"{folder}: the folder has gone (it held {_plural(below, 'record')})")
            hint = "to drop a folder's records on purpose, rebuild: rapporteur index --rebuild with the folders to keep"
        else:
            problems.append(f"{folder}: not the folder indexed before (another file system is mounted there, or it "
                            f"was unmounted, or the folder was replaced; it held {_plural(below, 'record')})")
            hint = ("to index what is there now in its place, rebuild: rapporteur index --rebuild with the same "
                    "folders")
        if hint not in hints:
            hints.append(hint)
    if problems:
        raise SourceUnavailable("; ".join(problems) + "; nothing was removed and the index is unchanged"
                                + "".join(f" ({hint})" for hint in hints))


def _deleted(source: str) -> bool:
    """Whether the file of a record outside the folders scanned was deleted: it is not there,
    and its folder is (a folder that has gone may be a disk not mounted now)."""
    try:
        os.stat(source)
        return False
    except FileNotFoundError:
        pass
    except OSError:
        return False
    try:
        return os.path.isdir(os.path.dirname(source)) and os.access(os.path.dirname(source), os.R_OK | os.X_OK)
    except OSError:
        return False


def make_plan(found: Scan, indexed: dict[str, Indexed], checksums: ChecksumCache,
              manifests: Manifests | None = None, held: dict[str, Indexed] | None = None,
              kept: list[Path] = ()) -> SyncPlan:
    """The plan for what :func:`~.scan.scan` found against the records ``indexed`` (empty for a
    rebuild); ``held``: what the live index holds (default ``indexed``; a rebuild's old index),
    for the folders that have vanished and the imported records; ``manifests`` gives each
    file's manifest row (None: no manifests are read); ``kept``: folders outside the roots
    that are not the ones indexed before, whose records are kept (see
    :meth:`~.folders.FolderIdentities.elsewhere`). Raises :class:`SourceUnavailable`
    (see :func:`refuse_unavailable`) before anything is decided."""
    held = indexed if held is None else held
    refuse_unavailable(found, held)
    roots = found.roots
    unreadable = [Path(folder) for folder, _reason in found.unreadable]
    scanned = {str(f) for f in found.files}
    gone = [(src, rec) for src, rec in indexed.items()
            if src not in scanned and not is_imported(src) and not under(src, unreadable) and not under(src, kept)
            and (under(src, roots) or _deleted(src))]
    not_found = [str(p) for p in found.missing if not any(under(src, [p]) for src in indexed)]
    steps = []
    for f in found.files:
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
            checksums.forget(f)  # only the checksum of the bytes parsed is kept
        steps.append(FileStep(f, action, checksum, reason, known, entry))
    gone_sources = {src for src, _rec in gone}
    owners = {rec.rkey: src for src, rec in indexed.items() if src not in gone_sources}
    imports = {rec.rkey: src for src, rec in held.items() if is_imported(src)}
    return SyncPlan(steps, gone, not_found, indexed, owners, imports, found.refused, found.unreadable)
