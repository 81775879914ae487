"""The ``--index DIR`` option shared by the commands that read or write the index."""
from __future__ import annotations

import click

from rapporteur.indexer.store.locations import ENV_VAR, default_index_dir, resolve_index_dir

index_option = click.option(
    "--index", "index_dir", metavar="DIR",
    help=f"Index folder (default: ${ENV_VAR}, else {default_index_dir()}).",
)


def open_engine(index_dir: str | None):
    """The engine on the chosen index; IndexMissing (a RapporteurError) if there is none."""
    from rapporteur.search.engine import Engine

    return Engine(resolve_index_dir(index_dir))
