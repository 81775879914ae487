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
    """Report records, paragraphs, those without a date, languages, delegations, index size
    and generation.

    Records without a date (and their paragraphs) are never found by a date filter (date:2016,
    date_from/date_to on the web); a search with one says how many matching paragraphs it left out.

    With --json: {"records", "paragraphs", "undated_records", "undated_paragraphs", "languages",
    "delegations", "index_bytes", "generation"}, all integers (languages and delegations are
    counts of distinct values).
    """
    try:
        with open_engine(index_dir) as engine:
            stats = engine.stats()
    except RapporteurError as err:
        fail(str(err))
    if as_json:
        echo_json(stats)
        return
    column = max(map(len, stats))
    for key, value in stats.items():
        click.echo(f"{key:<{column}} {value}")
