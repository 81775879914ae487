"""``rapporteur import``: records in structured form (JSON Lines) into the index."""
from __future__ import annotations

import itertools
import sys
import time

import click

from rapporteur.cli.common import fail, warn
from rapporteur.cli.index_option import index_option
from rapporteur.indexer.errors import RapporteurError, UnreadableRecord
from rapporteur.indexer.store.lock import DEFAULT_TIMEOUT
from rapporteur.indexer.store.locations import resolve_index_dir


PROGRESS_SECONDS = 10.0  # a progress line this often when stderr is not a terminal


class ImportProgress:
    """How far a pass over the file has come, on stderr: on a terminal a bar (bytes of the file
    read) with the records done and their rate; otherwise one line every :data:`PROGRESS_SECONDS`,
    ``importing: 120,000 records (45% of the file), 850 records/s``. Bad lines are printed
    through :meth:`echo`, which keeps them off the bar."""

    def __init__(self, reader, verb: str):
        self.reader, self.verb = reader, verb
        self.done = 0
        self.t0 = self.last = time.monotonic()
        self.bar = None
        if sys.stderr.isatty():
            self.bar = click.progressbar(length=max(reader.size, 1), label=verb, file=sys.stderr,
                                         item_show_func=lambda _item: self._counts(share=False))
            self.bar.__enter__()
        self.shown = 0  # bytes the bar shows

    def __call__(self, status: str = "", path: str = "", detail: str | None = None) -> None:
        """One more record (the writer's progress callback, or a valid line); a warning of
        the writer's is printed at once."""
        if status == "warning":
            self.echo(f"warning: {detail}")
            return
        if status == "removed":
            return
        self.done += 1
        now = time.monotonic()
        if self.bar is not None:
            if now - self.last >= 0.2:
                self.last = now
                position = self.reader.position
                self.bar.update(position - self.shown, self)
                self.shown = position
        elif now - self.last >= PROGRESS_SECONDS:
            self.last = now
            click.echo(f"{self.verb}: {self._counts()}", err=True)

    def _counts(self, share: bool = True) -> str:
        done = f"{self.done:,} record{'' if self.done == 1 else 's'}"
        rate = f"{self.done / max(time.monotonic() - self.t0, 1e-9):,.0f} records/s"
        if not share:  # the bar shows it
            return f"{done}, {rate}"
        return f"{done} ({100 * self.reader.position // max(self.reader.size, 1)}% of the file), {rate}"

    def echo(self, message: str) -> None:
        if self.bar is not None:
            click.echo("\r\033[K", nl=False, err=True)  # over the bar, which is drawn again below
        click.echo(message, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(self.reader.size - self.shown, self)
            self.bar.__exit__(None, None, None)
            self.bar = None


def good_records(reader, file, progress: ImportProgress):
    """The good ``(line, Record)`` of ``reader``; each bad line printed as ``FILE:LINE: reason``."""
    from rapporteur.indexer.read.jsonl import LineError

    for line, item in reader:
        if isinstance(item, LineError):
            progress.echo(f"{file}:{line}: {item.reason}")
        else:
            yield line, item


def validate(file) -> int:
    """The validating pass of --strict: every bad line printed, nothing kept; the number of them."""
    from rapporteur.indexer.read.jsonl import JsonlReader

    with JsonlReader(file) as reader:
        progress = ImportProgress(reader, "validating")
        try:
            for _line_record in good_records(reader, file, progress):
                progress()
        finally:
            progress.close()
        return reader.errors


@click.command("import")
@click.argument("file", metavar="FILE.jsonl", type=click.Path(dir_okay=False))
@index_option
@click.option("--strict", is_flag=True, help="Import nothing when any line is bad (the file is read twice: validated, then imported).")
@click.option("--wait", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another process writing the index.")
def import_command(file, index_dir, strict, wait):
    """Import records from a JSON Lines file: one record per line, in the shape of
    'rapporteur parse --json'.

    \b
    {"record": {"symbol": "A/79/PV.3", "lang": "en", "date": "2024-09-24", ...},
     "paragraphs": [{"n": 1, "speaker": "...", "delegation": "...", "text": "..."}, ...]}

    "lang" is a language code, or null for a record whose language is not known. The file is
    read, validated and written one line at a time, so it may be of any size; a line may be up
    to 20 MB (as a record file). A bad line is reported as FILE:LINE: reason and skipped, a
    longer one as FILE:LINE: line too long (N MB; the limit is 20 MB); with --strict, nothing
    is imported. Each good record is written whole, all its paragraphs or none. The records
    belong to FILE: importing it again replaces them (unchanged lines are skipped, records no
    longer in it removed), and 'rapporteur index' runs on folders never remove them. A record
    that a file also holds (same symbol and language) is the import's: the warning names
    both, and 'rapporteur index' leaves that file out.

    Progress goes to stderr: a bar on a terminal, otherwise a line every 10 seconds (records
    done, the share of the file read, records a second). Ends with one line: added N, updated
    N, unchanged N, removed N, failed N (bad lines) in X.Xs. Exit status 1 when a line was bad
    or the file cannot be read, 2 on a usage error.

    \b
    Examples:
      rapporteur import speeches.jsonl
      python examples/ungdc_to_jsonl.py ../shared/corpus/ungdc-general-debate-en > gd.jsonl
      rapporteur import gd.jsonl --strict
    """
    from rapporteur.indexer.read.jsonl import JsonlReader
    from rapporteur.indexer.sync.writer import import_records

    try:
        bad = validate(file) if strict else 0
        if bad:
            fail(f"{bad} bad line{'s' if bad != 1 else ''}; nothing imported (--strict)")
        reader = JsonlReader(file)
    except UnreadableRecord as err:
        fail(f"{file}: {err.reason}")

    def on_wait(pid):
        who = f"process {pid}" if pid else "another process"
        click.echo(f"waiting for {who}, which is writing the index (up to {wait:g}s)…", err=True)

    target = resolve_index_dir(index_dir)
    with reader:
        progress = ImportProgress(reader, "importing")
        records = good_records(reader, file, progress)
        try:
            # The first good record is read before the index is opened: a file that is empty,
            # or not UTF-8, leaves the index untouched.
            first = next(records, None)
            stream = records if first is None else itertools.chain([first], records)
            report = import_records(target, file, stream, progress=progress, lock_timeout=wait, on_wait=on_wait)
        except (RapporteurError, OSError) as err:
            progress.close()
            if isinstance(err, UnreadableRecord):
                fail(f"{file}: {err.reason}")
            if isinstance(err, RapporteurError):
                fail(str(err))
            fail(f"cannot write the index at {target}: {err.strerror or err}")
        progress.close()
    if report.stale_lock_pid:
        warn(f"cleared a stale lock left by process {report.stale_lock_pid}, which did not finish")
    for w in report.warnings:
        warn(w)
    click.echo(f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
               f"removed {report.removed}, failed {reader.errors} in {report.seconds:.1f}s")
    if reader.errors:
        sys.exit(1)
