"""Where the index lives, and how an index folder is laid out.

The default is the per-user data folder (``platformdirs.user_data_dir("rapporteur")/index``,
e.g. ``~/.local/share/rapporteur/index`` on Linux); ``--index DIR`` or the
``RAPPORTEUR_INDEX`` environment variable overrides it.

An index folder holds::

    CURRENT      {"dir": "ix-3", "base": 17, "analysis": 2, "id": "9f0c…"}: the live Whoosh index,
                 its generation base, the analysis version it was written with and its id
    ix-3/        the Whoosh index (a rebuild writes ix-4/ beside it, then swaps CURRENT)
    writer.lock  the writer lock (see :mod:`rapporteur.indexer.store.lock`)

The index *generation* is ``base`` plus the Whoosh TOC generation, so it increases on every
commit and across a rebuild (the new base is the old generation + 1). It does not tell one index
from another: an index folder deleted and built again counts its generations from 0 anew. The
*id*, a random UUID written with every new Whoosh index folder (the first index, a rebuild, a
reanalysis), does; a reader follows ``(id, generation)``.
"""
from __future__ import annotations

import json
import os
import pickle
import struct
import uuid
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from whoosh.filedb.filestore import FileStorage

from rapporteur.indexer.errors import IndexDamaged

ENV_VAR = "RAPPORTEUR_INDEX"
CURRENT = "CURRENT"
LOCK = "writer.lock"
INDEX_NAME = "MAIN"


def default_index_dir() -> Path:
    return Path(platformdirs.user_data_dir("rapporteur")) / "index"


def resolve_index_dir(option: str | os.PathLike | None = None) -> Path:
    """``--index`` if given, else ``$RAPPORTEUR_INDEX``, else the per-user default."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else default_index_dir()


@dataclass(frozen=True)
class Current:
    dir: str
    base: int
    analysis: int = 1  # the analysis version the index was written with (1: before it was recorded)
    # The index's identity. Written: its id (see the module doc; :func:`new_index_id`). Read
    # (:func:`read_current`): that id, or ``CURRENT`` for an index written before ids were
    # recorded, with the CURRENT file's own inode and mtime: ``<id>-<inode>-<mtime ns>``. CURRENT is
    # written exactly when a new index folder goes live, as a new file renamed into place, so that
    # pair changes exactly when an id would; and a copy of an index (same id, same generations)
    # moved into the folder in place of the index served is another file, so another identity.
    # (Not the index folder's inode: a file system gives a freed inode to the next file made, so a
    # folder deleted and made again often has the same one; and its mtime changes with every commit.)
    id: str | None = None


def new_index_id() -> str:
    """The id of a new index folder."""
    return uuid.uuid4().hex


def index_storage(path: Path) -> FileStorage:
    """An index folder opened without mmap: with it Whoosh copies every compound-segment
    sub-file it opens into memory (the server held the index twice; at 1M paragraphs a sync
    that changed nothing spent 12 of its 14 s on it)."""
    return FileStorage(str(path), supports_mmap=False)


# What Whoosh raises when an index file was cut short or overwritten (a disk fault, a copy broken
# off, a file of the index deleted): a pickled table of contents or segment directory that does
# not load, a read past the end of a file, a block that does not decompress.
DAMAGE = (pickle.UnpicklingError, EOFError, struct.error, zlib.error, UnicodeDecodeError, ValueError, KeyError,
          IndexError, FileNotFoundError)


@contextmanager
def reading(path: Path):
    """Turn what Whoosh raises on a damaged index, while the block opens the index at ``path`` or a
    searcher of it, into :class:`~rapporteur.indexer.errors.IndexDamaged` (one line, which says to
    rebuild)."""
    try:
        yield
    except IndexDamaged:
        raise
    except DAMAGE as exc:
        raise IndexDamaged(path, exc) from exc


def open_searcher(ix, path: Path, **kwargs):
    """``ix.searcher(**kwargs)``, its segments opened; :class:`IndexDamaged` when they cannot be read."""
    with reading(path):
        return ix.searcher(**kwargs)


def open_index(path: Path):
    """The Whoosh index in the folder ``path``, read with this version's schema.

    The schema is given, not unpickled from the index: the pickled one names the classes of the
    version that wrote the index (its analyzers' modules), so an index written before a module
    moved would not open. Field names and kinds are what the segments depend on, and they are
    the same; the analyzers are this version's, which is what a search wants."""
    from rapporteur.indexer.store.schema import build_schema

    with reading(path):
        return index_storage(path).open_index(INDEX_NAME, schema=build_schema())


def create_index(path: Path):
    """A new, empty Whoosh index in the folder ``path`` (which must exist)."""
    from rapporteur.indexer.store.schema import build_schema

    return index_storage(path).create_index(build_schema(), indexname=INDEX_NAME)


def read_current(index_dir: Path) -> Current | None:
    """The live index pointer, or None when the folder holds no index. Its ``id`` is never None
    (see :attr:`Current.id` for an index written before ids were recorded)."""
    try:
        with open(Path(index_dir) / CURRENT, "rb") as f:
            st = os.fstat(f.fileno())  # the file read, whatever replaces it meanwhile
            data = json.loads(f.read().decode("utf-8"))
        ident = f"{data.get('id') or CURRENT}-{st.st_ino}-{st.st_mtime_ns}"
        return Current(dir=str(data["dir"]), base=int(data["base"]), analysis=int(data.get("analysis", 1)),
                       id=str(ident))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_current(index_dir: Path, current: Current) -> None:
    """Point the index at ``current`` atomically (write a temporary file, then rename)."""
    tmp = Path(index_dir) / f"{CURRENT}.tmp"
    data = {"dir": current.dir, "base": current.base, "analysis": current.analysis}
    if current.id:
        data["id"] = current.id
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, Path(index_dir) / CURRENT)


def toc_generation(ix_path: Path) -> int:
    """Whoosh's generation for the index in ``ix_path`` (-1 if none), from the file names."""
    best = -1
    prefix = f"_{INDEX_NAME}_"
    try:
        names = os.listdir(ix_path)
    except OSError:
        return -1
    for name in names:
        if name.startswith(prefix) and name.endswith(".toc"):
            num = name[len(prefix):-4]
            if num.isdigit():
                best = max(best, int(num))
    return best


def generation(index_dir: Path) -> int:
    """The index generation (see the module doc); -1 when there is no index."""
    cur = read_current(index_dir)
    if cur is None:
        return -1
    return cur.base + toc_generation(Path(index_dir) / cur.dir)
