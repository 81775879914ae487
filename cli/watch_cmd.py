"""``rapporteur watch``: keep the index in step with folders as files change."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import click

from rapporteur.cli.common import fail
from rapporteur.cli.index_cmd import bundled_corpus, run_sync
from rapporteur.cli.index_option import index_option
from rapporteur.indexer.errors import IndexLocked, RapporteurError, SourceUnavailable
from rapporteur.indexer.store.locations import resolve_index_dir
from rapporteur.indexer.sync.folders import identity

DEBOUNCE = 0.5  # seconds of quiet after a change before reindexing


def _log(message: str) -> None:
    click.echo(f"{time.strftime('%H:%M:%S')} {message}")


def _replaced(folders: dict[Path, tuple[int, int]]) -> Path | None:
    """The first of ``folders`` that is there but with another identity than it had."""
    for folder, before in folders.items():
        try:
            now = identity(folder)
        except OSError:  # the check of access says it
            continue
        if now not in (None, before):
            return folder
    return None


@click.command("watch")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@index_option
def watch_command(paths, index_dir):
    """Index PATHs, then reindex whenever files in them are added, changed or removed.

    Each change is logged (added/updated/removed/failed with the file), followed by the
    summary line. A folder's manifest (records.csv, records.json, records.jsonl; see
    'rapporteur index --help') is watched too: when it is created, changed or deleted, the
    records of the files whose rows changed are written again. Stop with Ctrl+C.

    A watched folder that vanishes (renamed, deleted), cannot be read any more, or is no
    longer the folder it was (its file system unmounted, another mounted there, the folder
    replaced by a new one: checked by device and inode every second and before each
    reindex) stops the watch with one line and exit status 1; its records stay in the
    index. A folder below it that is a mount point and is not any more (or the reverse)
    stops it the same way, at the next reindex.

    \b
    Example:
      rapporteur watch records/ --index /tmp/rapporteur-index
    """
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    target = resolve_index_dir(index_dir)
    roots = list(dict.fromkeys(Path(p).resolve() for p in paths)) or [bundled_corpus()]  # a folder named twice is one
    for root in roots:
        if not root.exists():
            fail(f"{root}: no such file or folder")
    folders = {root: identity(root) for root in roots if root.is_dir()}
    changed = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            if event.event_type in ("created", "modified", "deleted", "moved"):
                changed.set()

    def sync_once():
        try:
            report = run_sync(target, roots, wait=5.0, log_changes=True)
            _log(report.summary())
        except IndexLocked as err:
            _log(f"{err}; will retry")
            changed.set()
        except SourceUnavailable as err:  # never taken for the removal of its records
            fail(f"{err}; stopped watching")
        except RapporteurError as err:
            _log(str(err))
        except OSError as err:  # disk full, I/O error: the previous index stays; retry on the next change
            _log(f"cannot write the index at {target}: {err.strerror or err}; will retry on the next change")

    sync_once()
    observer = Observer()
    for root in roots:
        observer.schedule(Handler(), str(root if root.is_dir() else root.parent), recursive=root.is_dir())
    observer.start()
    _log(f"watching {', '.join(map(str, roots))} (Ctrl+C stops)")
    try:
        while True:
            due = changed.wait(1.0)
            if due:
                time.sleep(DEBOUNCE)
                while changed.is_set():
                    changed.clear()
                    time.sleep(DEBOUNCE)
            gone = [root for root in folders if not os.access(root, os.R_OK | os.X_OK)]
            if gone:  # renamed, deleted or made unreadable: said and stopped, nothing removed
                fail(f"{gone[0]}: the folder being watched has gone or cannot be read; stopped watching "
                     "(its records stay in the index)")
            other = _replaced(folders)
            if other:  # unmounted, mounted over or replaced: this watch no longer hears it
                fail(f"{other}: not the folder being watched (another file system is mounted there, or it was "
                     "unmounted, or the folder was replaced); stopped watching (its records stay in the index)")
            if due:
                sync_once()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join()
