"""The identity of the folders an index was built from, so that a folder still there but not the
one indexed before is never read as the deletion of its files.

A disk unmounted leaves its mount point, an empty folder; a folder renamed away may be replaced
by a new one (``mv records records.old && mkdir records``). Both look like every file deleted.
What tells them apart from files deleted is the folder's identity, its device and inode
(``st_dev``, ``st_ino``): :class:`FolderIdentities` remembers, at each sync that completes, the
identity of each folder given (a *root*) and of each folder below one that is on another file
system (a *mount point*, see :class:`~.scan.Scan`). The next sync compares
(:meth:`FolderIdentities.changed`): a root or mount point now on another device or inode, a
mount point gone, or a folder below a root that has become a mount point. The sync refuses when
the index holds records under such a folder (:func:`~.plan.refuse_unavailable`), unless it is a
rebuild, which takes what is there now; records under such a folder outside the folders given
are kept (:meth:`FolderIdentities.elsewhere`).

The identities live beside the index as one JSON file, written by replacing it whole, and so are
carried across a rebuild. A missing or unreadable file protects nothing that once: the sync
adopts the identities it finds.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from rapporteur.indexer.sync.checksums import replace_json
from rapporteur.indexer.sync.scan import Scan, under

FOLDERS_NAME = "folders.json"
FORMAT = 1
REPLACED, GONE = "replaced", "gone"


def identity(path) -> tuple[int, int] | None:
    """``(st_dev, st_ino)`` of ``path``; None when it does not exist. Raises other OSErrors."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def _table(data, key: str) -> dict[str, tuple[int, int]]:
    table = data.get(key)
    if not isinstance(table, dict):
        raise ValueError(key)
    out = {}
    for path, ident in table.items():
        if not (isinstance(ident, list) and len(ident) == 2 and all(isinstance(n, int) for n in ident)):
            raise ValueError(path)
        out[path] = (ident[0], ident[1])
    return out


def _below(path: str, folders) -> bool:
    """Whether ``path`` lies strictly below one of ``folders``."""
    return any(Path(f) in Path(path).parents for f in folders)


class FolderIdentities:
    """The roots and mount points of the syncs so far, by path: ``(st_dev, st_ino)``;
    ``known`` is False when the file was missing or unreadable (nothing to compare with)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.roots: dict[str, tuple[int, int]] = {}
        self.mounts: dict[str, tuple[int, int]] = {}
        self.known = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("format")
            self.roots, self.mounts = _table(data, "roots"), _table(data, "mounts")
            self.known = True
        except (OSError, ValueError, UnicodeError):
            self.roots, self.mounts = {}, {}

    def changed(self, found: Scan) -> list[tuple[str, str]]:
        """``(folder, REPLACED or GONE)`` for each folder under the roots ``found`` scanned that
        is not the one indexed before, the topmost only; the roots that have gone are
        :attr:`Scan.missing`'s and not listed again."""
        out: list[tuple[str, str]] = []
        if not self.known:
            return out
        unreadable = [Path(folder) for folder, _reason in found.unreadable]
        unreadable_roots = {root for root, _reason in found.unreadable_roots}
        for root, now in found.identities.items():
            if root in unreadable_roots:  # refused as such
                continue
            before = self.roots.get(root, self.mounts.get(root))
            if before is not None and before != now:
                out.append((root, REPLACED))
                continue
            # Mount points below the root: those of the last sync, and new ones where a root
            # already indexed was walked (a file system mounted over a folder indexed before).
            below = {p for p in self.mounts if _below(p, [root]) and not under(p, unreadable)}
            below |= {p for p in found.mounts if _below(p, [root]) and under(p, [Path(k) for k in self.roots])}
            for folder in sorted(below):
                if any(under(folder, [Path(f)]) for f, _kind in out):
                    continue
                before, now = self.mounts.get(folder), found.mounts.get(folder)
                if now is None:
                    try:
                        now = identity(folder)
                    except OSError:  # the scan says why it cannot be read
                        continue
                if now != before:
                    out.append((folder, GONE if now is None else REPLACED))
        return out

    def elsewhere(self, roots: list[Path]) -> list[Path]:
        """The folders indexed before outside ``roots`` that are still there but not the same
        folder: the records under them are not taken for deleted by a sync of other folders."""
        out = []
        for folder, before in {**self.mounts, **self.roots}.items():
            if under(folder, roots):
                continue
            try:
                now = identity(folder)
            except OSError:
                continue
            if now is not None and now != before:
                out.append(Path(folder))
        return out

    def save(self, found: Scan) -> None:
        """Remember the identities ``found`` after a sync that completed: its roots', and its
        mount points in place of those below its roots (but below a folder that could not be
        read). Best effort: a failed write leaves the sync's result untouched."""
        unreadable = [Path(folder) for folder, _reason in found.unreadable]
        self.roots.update(found.identities)
        self.mounts = {p: found.identities.get(p, ident) for p, ident in self.mounts.items()
                       if p in found.identities or not _below(p, found.identities) or under(p, unreadable)}
        self.mounts.update(found.mounts)
        replace_json(self.path, {"format": FORMAT, "roots": {p: list(i) for p, i in self.roots.items()},
                                 "mounts": {p: list(i) for p, i in self.mounts.items()}})
