"""Record files read with their manifest row applied, by ``rapporteur parse`` and by every sync.

A folder's manifest (:mod:`rapporteur.indexer.read.manifest`) is applied around the parser, not
inside it: :func:`read_record` parses a file and then gives the record its row, and both
``rapporteur parse FILE`` (:func:`parse_described`) and a sync (the worker pool,
:mod:`.pool`) go through it, so the two always show the same record.

A sync reads each folder's manifest once (:class:`Manifests`) while it makes its plan, and folds
each file's row into the checksum it compares with the index
(:func:`~.checksums.described_checksum`): editing one row rewrites exactly the record of the
file it describes on the next sync, and creating or deleting a manifest rewrites the files it
describes. The row goes to the pool with the file, so a record is written with the row its
checksum was taken with, even if the manifest changes while the sync runs (the next sync sees
the change).
"""
from __future__ import annotations

import os
from pathlib import Path

from rapporteur.indexer.model import Record
from rapporteur.indexer.read.manifest import Entry, Manifest, Problem, apply, read_manifest
from rapporteur.indexer.read.text import RawText, read_text


class Manifests:
    """The manifests of one sync: each folder's read the first time a file in it is asked about."""

    def __init__(self, within=None):
        self._folders: dict[str, Manifest] = {}
        self.within = within  # the resolved folders a manifest must lie in (None: anywhere)

    def entry(self, path) -> Entry | None:
        """The manifest row of the record file ``path``, or None."""
        folder = os.path.dirname(os.path.abspath(path))
        manifest = self._folders.get(folder)
        if manifest is None:
            manifest = self._folders[folder] = read_manifest(folder, self.within)
        return manifest.entry(path)

    @property
    def problems(self) -> list[Problem]:
        """Every problem of the manifests read, folder by folder in the order they were read."""
        return [p for m in self._folders.values() for p in m.problems]


def read_described(path, entry: Entry | None = None, parse=None, within=None) -> tuple[Record, RawText | None]:
    """The record of ``path`` as ``parse`` reads it (default: the record parser, from one read of
    the file, ``within`` the resolved folders it must lie in), with its manifest row ``entry``
    applied, and what was read (None from a custom ``parse``, which reads the file itself).
    Raises what ``parse`` raises."""
    if parse is None:
        from rapporteur.indexer.parse import parse_raw

        raw = read_text(path, within=within)
        record = parse_raw(raw, path)
    else:
        raw, record = None, parse(path)
    return (apply(record, entry) if entry is not None else record), raw


def read_record(path, entry: Entry | None = None, parse=None) -> Record:
    """The record of ``path`` as ``parse`` reads it (default: the record parser), with its
    manifest row ``entry`` applied. Raises what ``parse`` raises."""
    return read_described(path, entry, parse)[0]


def parse_described(path, within=None) -> Record:
    """The record of one file with the row of the manifest beside it; the manifest's problems
    that may concern this file come first in ``record.warnings``. ``within``: the resolved
    folders the file must lie in (None: anywhere)."""
    manifest = read_manifest(Path(path).parent)
    record = read_described(path, manifest.entry(path), within=within)[0]
    record.warnings[:0] = [str(p) for p in manifest.problems_for(Path(path).name)]
    return record
