"""Scanning: the record files under the paths a sync is given, and what a record's source says.

A source is the absolute path of a record file, or ``<absolute path of a JSONL file>#L<line>``
for a record imported from one line of a JSON Lines file (``rapporteur import``): such a record
belongs to its JSONL file, and a folder sync never removes it.

The paths given, resolved, are the sync's *roots*, and nothing outside them is read. A link in a
folder (to a file or a folder) is followed only when where it points lies inside a root; a link
that points outside every root is refused with one line naming the link and its target
(:attr:`Scan.refused`), and is checked again where the file is opened
(:func:`~rapporteur.indexer.read.text.read_file`), since it could be swapped in after the scan.
A file is known by its resolved path, so a link to a file or folder inside a root never
indexes a file twice.

A folder that cannot be read is no evidence that its files are gone: a subfolder that cannot
be read is listed in :attr:`Scan.unreadable` (its records are kept), a root that cannot be read
in :attr:`Scan.unreadable_roots`, and a root that does not exist in :attr:`Scan.missing`; the
sync decides (:mod:`.plan`), before it writes anything, whether to refuse.

A folder that is still there may not be the folder indexed before: a disk unmounted leaves its
empty mount point, a folder renamed away may be replaced by a new one. The scan gives the
identity (device and inode) of each root folder in :attr:`Scan.identities` and of each folder
below a root that is on another file system than the folder above it (a mount point) in
:attr:`Scan.mounts`, for :mod:`.folders` to compare with what the index was built from. That
costs one ``stat`` a folder.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from rapporteur.indexer.read.text import inside, outside_reason

RECORD_SUFFIXES = (".txt", ".pdf", ".docx")


@dataclass
class Scan:
    files: list[Path] = field(default_factory=list)  # record files, resolved, each once, in folder order
    roots: list[Path] = field(default_factory=list)  # the paths given, resolved
    missing: list[Path] = field(default_factory=list)  # paths given that do not exist
    refused: list[tuple[str, str]] = field(default_factory=list)  # (link, reason): it points outside every root
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (folder, reason): below a root
    unreadable_roots: list[tuple[str, str]] = field(default_factory=list)  # (root, reason)
    identities: dict[str, tuple[int, int]] = field(default_factory=dict)  # root folder → (st_dev, st_ino)
    mounts: dict[str, tuple[int, int]] = field(default_factory=dict)  # mount point below a root → (st_dev, st_ino)


def _reason(exc: OSError) -> str:
    return "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))


def _is_record(name: str) -> bool:
    return name.lower().endswith(RECORD_SUFFIXES)


def scan(paths) -> Scan:
    """The record files under ``paths`` (folders: :data:`RECORD_SUFFIXES` in any case, hidden
    entries skipped) and what could not be looked at (see the module doc)."""
    out = Scan()
    files: dict[str, Path] = {}
    walk: list[Path] = []
    for raw in paths:
        try:
            p = Path(raw).resolve()
        except (OSError, RuntimeError):  # a symlink loop: named with its reason when it is read
            p = Path(os.path.abspath(raw))
            out.roots.append(p)
            files[str(p)] = p
            continue
        out.roots.append(p)
        try:
            st = os.stat(p)
        except FileNotFoundError:
            out.missing.append(p)  # a path given and now gone: the plan decides
            continue
        except OSError as exc:
            out.unreadable_roots.append((str(p), _reason(exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            walk.append((p, st.st_dev))
            out.identities[str(p)] = (st.st_dev, st.st_ino)
        else:
            files[str(p)] = p
    visited: set[str] = set()
    for root, dev in walk:
        _walk(root, dev, out, files, visited)
    out.files = list(files.values())
    return out


def _walk(root: Path, dev: int, out: Scan, files: dict[str, Path], visited: set[str]) -> None:
    """Depth first, each folder's files before its subfolders', both in name order (the order
    of ``os.walk``); links followed inside the roots only, each folder once. ``dev``: the
    root's device; a subfolder on another one is a mount point (:attr:`Scan.mounts`)."""
    stack = [(root, dev)]
    while stack:
        folder, dev = stack.pop()
        if str(folder) in visited:
            continue
        visited.add(str(folder))
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            (out.unreadable_roots if folder == root else out.unreadable).append((str(folder), _reason(exc)))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_symlink():
                    try:
                        real = Path(os.path.realpath(entry.path, strict=True))
                    except OSError:  # a broken link or a loop: the reader names it
                        if _is_record(entry.name):
                            files.setdefault(entry.path, Path(entry.path))
                        continue
                    is_dir = real.is_dir()
                    if not (is_dir or _is_record(entry.name)):
                        continue
                    if not inside(str(real), out.roots):
                        out.refused.append((entry.path, outside_reason(real)))
                    elif is_dir:
                        subfolders.append((real, _device(out, real, os.stat(real), os.stat(real.parent).st_dev)))
                    else:
                        files.setdefault(str(real), real)
                elif entry.is_dir(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    subfolders.append((Path(entry.path), _device(out, entry.path, st, dev)))
                elif _is_record(entry.name):
                    files.setdefault(entry.path, Path(entry.path))
            except OSError as exc:
                out.unreadable.append((entry.path, _reason(exc)))
        stack.extend(reversed(subfolders))


def _device(out: Scan, folder, st: os.stat_result, above: int) -> int:
    """The device of ``folder``; noted in :attr:`Scan.mounts` when it is not ``above``'s."""
    if st.st_dev != above:
        out.mounts[str(folder)] = (st.st_dev, st.st_ino)
    return st.st_dev


_IMPORTED = re.compile(r"#L\d+$")


def imported_source(jsonl_path, line: int) -> str:
    """The source of the record imported from ``line`` of a JSONL file."""
    return f"{Path(jsonl_path).resolve()}#L{line}"


def is_imported(source: str) -> bool:
    """Whether a record's source is a line of a JSONL import (owned by that file, not a folder)."""
    return bool(_IMPORTED.search(source)) and not os.path.exists(source)


def source_label(source: str) -> str:
    """A record's source for people: the file's path, or ``/path/gd.jsonl line 4``."""
    m = _IMPORTED.search(source)
    return f"{source[: m.start()]} line {source[m.start() + 2:]}" if m and is_imported(source) else source


def under(path: str, roots: list[Path]) -> bool:
    """Whether ``path`` is one of ``roots`` or lies below one."""
    return inside(str(path), roots)
