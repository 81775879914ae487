"""``rapporteur import``: records in structured form (JSON Lines) into the index."""
from __future__ import annotations

import sys

import click

from rapporteur.cli.common import fail, warn
from rapporteur.cli.index_option import index_option
from rapporteur.indexer.errors import RapporteurError, UnreadableRecord
from rapporteur.indexer.store.lock import DEFAULT_TIMEOUT
from rapporteur.indexer.store.locations import resolve_index_dir


@click.command("import")
@click.argument("file", metavar="FILE.jsonl", type=click.Path(dir_okay=False))
@index_option
@click.option("--strict", is_flag=True, help="Import nothing when any line is bad.")
@click.option("--wait", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another process writing the index.")
def import_command(file, index_dir, strict, wait):
    """Import records from a JSON Lines file: one record per line, in the shape of
    'rapporteur parse --json'.

    \b
    {"record": {"symbol": "A/79/PV.3", "lang": "en", "date": "2024-09-24", ...},
     "paragraphs": [{"n": 1, "speaker": "...", "delegation": "...", "text": "..."}, ...]}

    Every line is validated; a bad line is reported as FILE:LINE: reason and skipped (with
    --strict, nothing is imported). Each good record is written whole, all its paragraphs
    or none. The records belong to FILE: importing it again replaces them (unchanged lines
    are skipped, records no longer in it removed), and 'rapporteur index' runs on folders
    never remove them. A record that a file also holds (same symbol and language) is the
    import's: the warning names both, and 'rapporteur index' leaves that file out.

    Ends with one line: added N, updated N, unchanged N, removed N, failed N (bad lines) in X.Xs. Exit status 1 when
    a line was bad or the file cannot be read, 2 on a usage error.

    \b
    Examples:
      rapporteur import speeches.jsonl
      python examples/ungdc_to_jsonl.py ../shared/corpus/ungdc-general-debate-en > gd.jsonl
      rapporteur import gd.jsonl --strict
    """
    from rapporteur.indexer.read.jsonl import read_jsonl
    from rapporteur.indexer.sync.writer import import_records

    try:
        good, errors = read_jsonl(file)
    except UnreadableRecord as err:
        fail(f"{file}: {err.reason}")
    for e in errors:
        click.echo(f"{file}:{e.line}: {e.reason}", err=True)
    if errors and strict:
        fail(f"{len(errors)} bad line{'s' if len(errors) != 1 else ''}; nothing imported (--strict)")

    def on_wait(pid):
        who = f"process {pid}" if pid else "another process"
        click.echo(f"waiting for {who}, which is writing the index (up to {wait:g}s)…", err=True)

    target = resolve_index_dir(index_dir)
    try:
        report = import_records(target, file, good, lock_timeout=wait, on_wait=on_wait)
    except RapporteurError as err:
        fail(str(err))
    except OSError as err:
        fail(f"cannot write the index at {target}: {err.strerror or err}")
    if report.stale_lock_pid:
        warn(f"cleared a stale lock left by process {report.stale_lock_pid}, which did not finish")
    for w in report.warnings:
        warn(w)
    click.echo(f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
               f"removed {report.removed}, failed {len(errors)} in {report.seconds:.1f}s")
    if errors:
        sys.exit(1)
