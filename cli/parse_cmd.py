"""``rapporteur parse``: show what the parser reads from one record file, or report on the parse
quality of many (``--report``)."""
from __future__ import annotations

import sys

import click

from rapporteur.cli.common import echo_json, fail, fit, language_label, warn
from rapporteur.cli.parse_report import file_block, total_lines, unreadable_line
from rapporteur.indexer.errors import UnreadableRecord
from rapporteur.indexer.parse.quality import Unreadable, assess, totals, worst_first
from rapporteur.indexer.sync.manifests import parse_described
from rapporteur.indexer.sync.pool import parse_record
from rapporteur.indexer.sync.scan import scan

PROGRESS_FROM = 50  # files: a progress bar on a terminal's stderr above this many


@click.command("parse")
@click.argument("paths", nargs=-1, required=True, metavar="FILE | --report PATH...")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (shapes below).")
@click.option("--report", is_flag=True,
              help="Report the parse quality of every record file in PATH... (files and folders).")
@click.option("--worst", type=click.IntRange(1), default=None, metavar="N",
              help="With --report: only the N files with most problems, worst first (the totals still cover all).")
def parse_command(paths: tuple[str, ...], as_json: bool, report: bool, worst: int | None) -> None:
    """Parse one record FILE and print its paragraphs, or, with --report, report what the
    parser found doubtful in many.

    Each paragraph is shown with its number, speaker, delegation, role and the start of its
    text. With --json the output is one object:

    \b
      {"record": {"symbol", "lang", "original_lang", "body", "meeting", "date",
                  "chair", "agenda", ...},
       "paragraphs": [{"n", "speaker", "honorific", "delegation", "role",
                       "section", "text"}, ...]}

    A manifest beside FILE (records.csv, records.json or records.jsonl; see 'rapporteur index
    --help') is applied as 'rapporteur index' applies it; its problems that concern FILE are
    printed as warnings. Absent values are null. Exit status: 0 on success, 1 when the file cannot be read,
    2 on a usage error.

    --report takes files and folders (searched for *.txt, *.pdf and *.docx, as 'rapporteur
    index' does) and prints one block per file: its symbol, language, kind (SR summary, PV
    verbatim) and date; paragraphs and distinct speakers; delegations the table has no code
    for, with their paragraph counts; paragraphs without a speaker (procedural ones such as
    "The agenda was adopted." left out); suspicious paragraphs, longer than 5,000 characters
    or holding another speaker's opening after a sentence end (a missed paragraph break);
    and the parser's warnings. A file's problems are its flagged paragraphs plus its
    warnings, plus one for a role without a name. A file that cannot be read gets one line with the reason. The last line
    totals all files; --worst N keeps the N files with most problems (unreadable ones
    first; files without problems left out). A block reads:

    \b
      records/A_AC.999_SR.12.en.txt  [4 problems: 4 of 5 paragraphs flagged]
        record               A/AC.999/SR.12  en  SR  2025-03-03
        paragraphs       5   speakers 3
        no code          1   Atlantis (1)
        no speaker       1   ¶ 5
        suspicious       2   ¶ 2     speaker opening inside at 125: Ms. Kim (Republic of Korea) said
                             ¶ 4     long: 5,770 characters
      records/broken.pdf: cannot read: malformed PDF (…)

    Speakers are distinct (speaker, delegation) pairs; a role without a name (the President
    of a verbatim record without its cover page) counts as one speaker, and its paragraphs
    as without a speaker "with a role only", not flagged: one cause, one problem. Paths in
    the JSON are absolute. With --json the output is one object:

    \b
      {"files": [{"path", "symbol", "lang", "kind", "date", "paragraphs", "speakers",
                  "flagged", "problems",
                  "uncoded_delegations": [{"name", "count"}, ...],
                  "no_speaker": [n, ...], "role_only",
                  "suspicious": [{"n", "reasons": ["long", "speaker opening inside"],
                                  "chars", "openings": [{"at", "text"}, ...]}, ...],
                  "warnings": [...]}
                 | {"path", "error"}, ...],
       "totals": {"files", "unreadable", "with_problems", "paragraphs", "flagged",
                  "no_speaker", "role_only", "uncoded_paragraphs",
                  "uncoded_delegations": [{"name", "count"}, ...], "long",
                  "openings_inside", "warnings", "no_date", "kinds"}}

    A progress bar goes to stderr when it is a terminal and there are more than 50 files.
    Exit status with --report: 0 when every file was read, 1 when some could not be (the
    others are still reported), 2 on a usage error.

    \b
    Examples:
      rapporteur parse corpus/S_AC.44_SR.74.zh.txt --json
      rapporteur parse --report records/ more/A_AC.183_SR.413.en.txt
      rapporteur parse --report records/ --worst 10
      rapporteur parse --report records/ --json > quality.json
    """
    if report:
        _report(paths, as_json, worst)
        return
    if worst is not None:
        raise click.UsageError("--worst goes with --report")
    if len(paths) > 1:
        raise click.UsageError("one FILE at a time; several files and folders go with --report")
    file = paths[0]
    try:
        record = parse_described(file)
    except UnreadableRecord as err:
        fail(str(err))
    for message in record.warnings:
        warn(message)
    if as_json:
        echo_json(record.to_dict())
        return
    head = record.header_dict()
    click.echo(
        f"{head['symbol'] or '-'}  [{language_label(head['lang'])}]  {head['body'] or ''}  "
        f"meeting {head['meeting'] or '-'}  {head['date'] or ''}  chair: {head['chair'] or '-'}"
        f"{' (' + head['chair_delegation'] + ')' if head['chair_delegation'] else ''}"
    )
    click.echo(f"{len(record.paragraphs)} paragraphs")
    click.echo(f"{'n':>4}  {fit('speaker', 18)} {fit('delegation', 22)} {fit('role', 16)} text")
    for p in record.paragraphs:
        click.echo(
            f"{p.n:>4}  {fit(p.speaker, 18)} {fit(p.delegation, 22)} {fit(p.role, 16)} {fit(p.text, 40).rstrip()}"
        )


def _report(paths: tuple[str, ...], as_json: bool, worst: int | None) -> None:
    found = scan(paths)
    files = found.files + found.missing  # a missing path is read like a file, and reported with its reason
    if not files:
        warn("no record files (*.txt, *.pdf, *.docx) in " + ", ".join(paths))
    # Links that point outside the paths given, and folders that cannot be read: one line each, as index says.
    items = [Unreadable(path, reason) for path, reason in found.refused + found.unreadable + found.unreadable_roots]
    bar = (click.progressbar(length=len(files), label="parsing", file=sys.stderr)
           if sys.stderr.isatty() and len(files) > PROGRESS_FROM else None)
    try:
        for path in files:
            # with the manifest, and inside the paths given, as index reads it
            record, reason = parse_record(lambda p: parse_described(p, within=found.roots), path)
            items.append(assess(record) if record is not None else Unreadable(str(path), reason))
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.render_finish()
    total = totals(items)
    shown = items if worst is None else [i for i in worst_first(items)
                                         if isinstance(i, Unreadable) or i.problems][:worst]
    if as_json:
        echo_json({"files": [i.to_dict() for i in shown], "totals": total.to_dict()})
    else:
        for item in shown:  # a blank line after each block
            if isinstance(item, Unreadable):
                click.echo(unreadable_line(item) + "\n")
            else:
                click.echo("\n".join(file_block(item)) + "\n")
        click.echo("\n".join(total_lines(total)))
    if total.unreadable:
        sys.exit(1)
