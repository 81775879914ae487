"""Scanning: the record files under the paths a sync is given, and what a record's source says.

A source is the absolute path of a record file, or ``<absolute path of a JSONL file>#L<line>``
for a record imported from one line of a JSON Lines file (``rapporteur import``): such a record
belongs to its JSONL file, and a folder sync never removes it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

RECORD_SUFFIXES = (".txt", ".pdf", ".docx")


def scan(paths) -> tuple[list[Path], list[Path], list[Path]]:
    """Record files under ``paths`` (folders: :data:`RECORD_SUFFIXES`, hidden entries skipped), the roots, and
    the paths that do not exist."""
    files: dict[str, Path] = {}
    roots: list[Path] = []
    missing: list[Path] = []
    for raw in paths:
        try:
            p = Path(raw).resolve()
        except (OSError, RuntimeError):  # a symlink loop: named with its reason when it is read
            p = Path(os.path.abspath(raw))
            roots.append(p)
            files[str(p)] = p
            continue
        if p.is_dir():
            roots.append(p)
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if not name.startswith(".") and name.lower().endswith(RECORD_SUFFIXES):
                        f = Path(dirpath) / name
                        files[str(f)] = f
        elif p.exists():
            roots.append(p)
            files[str(p)] = p
        else:
            roots.append(p)  # a file given by name and now gone: its record is removed
            missing.append(p)
    return list(files.values()), roots, missing


_IMPORTED = re.compile(r"#L\d+$")


def imported_source(jsonl_path, line: int) -> str:
    """The source of the record imported from ``line`` of a JSONL file."""
    return f"{Path(jsonl_path).resolve()}#L{line}"


def is_imported(source: str) -> bool:
    """Whether a record's source is a line of a JSONL import (owned by that file, not a folder)."""
    return bool(_IMPORTED.search(source)) and not os.path.exists(source)


def under(path: str, roots: list[Path]) -> bool:
    """Whether ``path`` is one of ``roots`` or lies below one."""
    p = Path(path)
    return any(p == r or r in p.parents for r in roots)
