"""``rapporteur index``: bring the index in step with record files and folders."""
from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import click

from rapporteur.cli.common import fail, warn
from rapporteur.cli.index_option import index_option
from rapporteur.indexer.errors import RapporteurError
from rapporteur.indexer.store.lock import DEFAULT_TIMEOUT
from rapporteur.indexer.store.locations import resolve_index_dir


def bundled_corpus() -> Path:
    return Path(str(resources.files("rapporteur.corpus")))


class ProgressReporter:
    """Failures as one line each on stderr; a progress bar when stderr is a terminal."""

    def __init__(self, show_bar: bool, log_changes: bool = False):
        self.show_bar = show_bar
        self.log_changes = log_changes
        self.bar = None

    def __call__(self, status: str, path: str, detail: str | None = None) -> None:
        if status == "scanned":
            if self.show_bar and int(detail or 0) > 1:
                self.bar = click.progressbar(length=int(detail), label="indexing", file=sys.stderr)
                self.bar.__enter__()
            return
        if status == "reanalysing":
            click.echo(f"the index was written by an earlier version of the analysis: "
                       f"analysing its {detail} records again (once)…", err=True)
            return
        if status == "texts":  # the text store of a segment, written after the commits
            if self.show_bar:
                self._clear()
                click.echo(f"writing the text store of a segment ({detail} documents)…", err=True)
            return
        if status == "failed":
            self._clear()
            click.echo(f"failed: {path}: {detail}", err=True)
        elif self.log_changes and status in ("added", "updated", "removed"):
            click.echo(f"{status}: {path}")
        if self.bar is not None and status != "removed":
            self.bar.update(1)

    def _clear(self):
        if self.bar is not None:
            click.echo("", err=True)

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def run_sync(index_dir, paths, *, rebuild=False, wait=DEFAULT_TIMEOUT, log_changes=False, workers=None):
    """Run one sync with CLI reporting (failures as they happen, then the problems of the
    folders' manifests and the files left out for an imported record as warnings); returns the
    report (raises RapporteurError)."""
    from rapporteur.indexer.sync.writer import sync

    reporter = ProgressReporter(show_bar=sys.stderr.isatty() and not log_changes, log_changes=log_changes)

    def on_wait(pid):
        who = f"process {pid}" if pid else "another process"
        click.echo(f"waiting for {who}, which is writing the index (up to {wait:g}s)…", err=True)

    def on_stale(pid):  # said at once: this run may be killed too, before it ends
        warn(f"cleared a stale lock left by process {pid}, which did not finish")

    try:
        report = sync(index_dir, paths, rebuild=rebuild, progress=reporter, lock_timeout=wait, on_wait=on_wait,
                      on_stale=on_stale, workers=workers)
    finally:
        reporter.close()
    for message in report.manifest_problems + report.notices:
        warn(message)
    return report


def undated_line(index_dir) -> str | None:
    """``12 of 277 records have no date; date filters leave them out``, or None when every
    record has a date (or there is no index to read)."""
    from rapporteur.search.engine import Engine

    try:
        with Engine(index_dir, cache_size=0) as engine:
            undated, records = engine.undated_records()
    except RapporteurError:
        return None
    if not undated:
        return None
    verb, them = ("has", "it") if undated == 1 else ("have", "them")
    return f"{undated:,} of {records:,} records {verb} no date; date filters leave {them} out"


@click.command("index")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@index_option
@click.option("--rebuild", is_flag=True, help="Build a fresh index beside the old one and swap it in when complete.")
@click.option("--wait", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another running index to finish.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes that read, parse and analyse files (default: $RAPPORTEUR_WORKERS, "
                   "or the number of cores up to 4); 1 does everything in this process.")
def index_command(paths, index_dir, rebuild, wait, workers):
    """Index record files and folders (default: the bundled corpus/).

    Incremental: new files are added, changed files (by SHA-256) replaced, and records whose
    files are gone removed; unchanged files are skipped. Folders are searched for *.txt,
    *.pdf and *.docx files (in any case); records imported with 'rapporteur import' are kept,
    and win over a file that holds the same symbol and language (the file is left out with a
    warning naming both). A file that cannot be read or parsed is reported on one line and
    skipped; so is a link that points outside the PATHs given, and a file that keeps changing
    while it is read (the next run reads it again). A folder given that cannot be read
    stops the run with one line and the index unchanged; so does one that has vanished
    (renamed, deleted) or is not the folder indexed before (its file system unmounted,
    another mounted there, the folder replaced by a new one; by device and inode,
    remembered in folders.json beside the index), and a mount point below it that was
    unmounted, when the index holds records under it: those are never taken for deleted.
    --rebuild with the folders takes what is there now. Only folders are refused: a file
    given by name that has been deleted loses its record, as do files deleted from a
    folder. Only one index runs at a time; a second one waits up to --wait seconds.

    A folder may carry a manifest, records.csv, records.json (an array of objects) or
    records.jsonl, with one row per file beside it: 'file' (required, the file's name), and
    any of symbol, date (YYYY-MM-DD), body, lang (ISO 639-1), kind (SR, PV or statement),
    meeting, place, which replace what the parser read, and speaker, delegation, role, which
    fill the paragraphs that have no speaker. A bad row is one warning line,
    'records.csv:LINE: reason', and is skipped; the other rows apply. Editing a row reindexes
    the file it describes.

    Ends with one line: added N, updated N, removed N, failed N in X.Xs; then, when some
    records the index holds have no date, one more: N of M records have no date; date filters
    leave them out. Exit status 1 when files failed and none was indexed, a folder given has
    vanished, cannot be read or is not the one indexed before, or the index is busy; 2 on a
    usage error.

    \b
    A manifest, records/records.csv:
      file,symbol,date,lang,kind,speaker,delegation
      baerbock.txt,A/79/PV.5,2024-09-24,en,statement,Annalena Baerbock,Germany

    \b
    Examples:
      rapporteur index                          # the bundled corpus
      rapporteur index records/ more/A_77.txt   # folders and files
      rapporteur index records/ --rebuild       # from scratch, swapped in when done
    """
    target = resolve_index_dir(index_dir)
    try:
        report = run_sync(target, list(paths) or [bundled_corpus()], rebuild=rebuild, wait=wait,
                          workers=workers)
    except RapporteurError as err:
        fail(str(err))
    except OSError as err:
        fail(f"cannot write the index at {target}: {err.strerror or err}")
    click.echo(report.summary())
    undated = undated_line(target)
    if undated:
        click.echo(undated)
    if report.failed and not (report.added or report.updated or report.unchanged):
        sys.exit(1)
