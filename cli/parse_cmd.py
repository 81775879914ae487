"""``rapporteur parse``: show what the parser reads from one record file."""
from __future__ import annotations

import click

from rapporteur.cli.common import echo_json, fail, fit, language_label, warn
from rapporteur.indexer.errors import UnreadableRecord
from rapporteur.indexer.sync.manifests import parse_described


@click.command("parse")
@click.argument("file", metavar="FILE")
@click.option("--json", "as_json", is_flag=True, help="Print the record and its paragraphs as one JSON object.")
def parse_command(file: str, as_json: bool) -> None:
    """Parse one record FILE and print its paragraphs.

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

    \b
    Example:
      rapporteur parse corpus/S_AC.44_SR.74.zh.txt --json
    """
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
