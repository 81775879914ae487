"""``rapporteur stats``: what the index holds."""
from __future__ import annotations

import click

from rapporteur.cli.common import echo_json, fail
from rapporteur.cli.index_option import index_option, open_engine
from rapporteur.indexer.errors import RapporteurError


@click.command("stats")
@index_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats_command(index_dir, as_json):
    """Report records, paragraphs, languages, delegations, index size and generation.

    With --json: {"records", "paragraphs", "languages", "delegations", "index_bytes",
    "generation"}, all integers (languages and delegations are counts of distinct values).
    """
    try:
        with open_engine(index_dir) as engine:
            stats = engine.stats()
    except RapporteurError as err:
        fail(str(err))
    if as_json:
        echo_json(stats)
        return
    for key, value in stats.items():
        click.echo(f"{key:<12} {value}")
