"""``rapporteur show``: print a record, or one paragraph, from the index."""
from __future__ import annotations

import click

from rapporteur.cli.common import fail, language_label
from rapporteur.cli.index_option import index_option, open_engine
from rapporteur.indexer.errors import RapporteurError


def paragraph_heading(p) -> str:
    who = " ".join(x for x in (p.speaker, p.honorific) if x)
    if p.delegation:
        who += f" ({p.delegation})"
    return f"¶{p.n}" + (f"  {who}" if who else "") + (f"  [{p.role}]" if p.role else "")


@click.command("show")
@click.argument("symbol", metavar="SYMBOL")
@click.option("--lang", metavar="L", help="Language version (default: the first indexed).")
@click.option("--para", "para", type=int, metavar="N", help="Only paragraph N.")
@index_option
def show_command(symbol, lang, para, index_dir):
    """Print the record SYMBOL (or paragraph N of it) as stored in the index.

    \b
    Examples:
      rapporteur show S/AC.44/SR.74
      rapporteur show S/AC.44/SR.74 --lang zh --para 10
    """
    try:
        with open_engine(index_dir) as engine:
            record = engine.record(symbol, lang)
            langs = engine.languages(symbol)
    except RapporteurError as err:
        fail(str(err))
    if record is None:
        have = f" (indexed languages: {', '.join(language_label(code) for code in langs)})" if langs else ""
        fail(f"no record {symbol}{' in ' + lang if lang else ''} in the index{have}")
    if para is not None:
        match = [p for p in record.paragraphs if p.n == para]
        if not match:
            fail(f"{symbol} [{language_label(record.lang)}] has no paragraph {para}")
        click.echo(paragraph_heading(match[0]))
        click.echo(match[0].text)
        return
    click.echo(f"{record.symbol} [{language_label(record.lang)}]  {record.body or ''}  meeting {record.meeting or '-'}  "
               f"{record.date or ''}  chair: {record.chair or '-'}")
    for item in record.agenda:
        click.echo(f"  agenda: {item}")
    click.echo(f"  source: {record.source or '-'}")
    for p in record.paragraphs:
        click.echo("")
        click.echo(paragraph_heading(p))
        click.echo(p.text)
