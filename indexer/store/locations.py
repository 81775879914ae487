"""Where the index lives, and how an index folder is laid out.

The default is the per-user data folder (``platformdirs.user_data_dir("rapporteur")/index``,
e.g. ``~/.local/share/rapporteur/index`` on Linux); ``--index DIR`` or the
``RAPPORTEUR_INDEX`` environment variable overrides it.

An index folder holds::

    CURRENT      {"dir": "ix-3", "base": 17, "analysis": 2}: the live Whoosh index, its generation
                 base and the analysis version it was written with
    ix-3/        the Whoosh index (a rebuild writes ix-4/ beside it, then swaps CURRENT)
    writer.lock  the writer lock (see :mod:`rapporteur.indexer.store.lock`)

The index *generation* is ``base`` plus the Whoosh TOC generation, so it increases on every
commit and across a rebuild (the new base is the old generation + 1).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from whoosh.filedb.filestore import FileStorage

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


def index_storage(path: Path) -> FileStorage:
    """An index folder opened without mmap: with it Whoosh copies every compound-segment
    sub-file it opens into memory (the server held the index twice; at 1M paragraphs a sync
    that changed nothing spent 12 of its 14 s on it)."""
    return FileStorage(str(path), supports_mmap=False)


def open_index(path: Path):
    """The Whoosh index in the folder ``path``, read with this version's schema.

    The schema is given, not unpickled from the index: the pickled one names the classes of the
    version that wrote the index (its analyzers' modules), so an index written before a module
    moved would not open. Field names and kinds are what the segments depend on, and they are
    the same; the analyzers are this version's, which is what a search wants."""
    from rapporteur.indexer.store.schema import build_schema

    return index_storage(path).open_index(INDEX_NAME, schema=build_schema())


def create_index(path: Path):
    """A new, empty Whoosh index in the folder ``path`` (which must exist)."""
    from rapporteur.indexer.store.schema import build_schema

    return index_storage(path).create_index(build_schema(), indexname=INDEX_NAME)


def read_current(index_dir: Path) -> Current | None:
    """The live index pointer, or None when the folder holds no index."""
    try:
        data = json.loads((Path(index_dir) / CURRENT).read_text(encoding="utf-8"))
        return Current(dir=str(data["dir"]), base=int(data["base"]), analysis=int(data.get("analysis", 1)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_current(index_dir: Path, current: Current) -> None:
    """Point the index at ``current`` atomically (write a temporary file, then rename)."""
    tmp = Path(index_dir) / f"{CURRENT}.tmp"
    tmp.write_text(json.dumps({"dir": current.dir, "base": current.base, "analysis": current.analysis}),
                   encoding="utf-8")
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
