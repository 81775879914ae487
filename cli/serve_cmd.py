"""``rapporteur serve``: the search page and JSON API, served by waitress."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from cli import main
from cli.common import fail


def bundled_corpus() -> Path:
    import corpus

    return Path(corpus.__file__).resolve().parent


def index_bundled_corpus(index_dir: Path) -> None:
    """First run: index the bundled records so that the first page has something to search."""
    from indexer.writer import sync

    source = bundled_corpus()
    click.echo(f"No index at {index_dir}; indexing the bundled corpus ({source}) first…")

    def progress(status, path, detail=None):
        click.echo(f"  {status:<9} {Path(path).name}{'  ' + detail if detail else ''}")

    report = sync(index_dir, [source], progress=progress)
    click.echo(f"Indexed: {report.summary()}")


def url_of(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


@main.command("serve")
@click.option("--index", "index_dir", metavar="DIR", help="Index folder (default: $RAPPORTEUR_INDEX, else the per-user data folder).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one (the URL printed says which).")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64), help="Worker threads.")
def serve_command(index_dir: str | None, host: str, port: int, threads: int) -> None:
    """Serve the search page and the JSON API with waitress.

    If the index does not exist yet, the bundled corpus/ is indexed first. The app follows
    later reindexing (`rapporteur index` or `watch` in another process) without a restart.
    Routes: / (search), /record/SYMBOL, /api/search, /api/record/SYMBOL, /api/stats, /healthz.

    \b
    Example:
      rapporteur serve --port 8080      # then open http://127.0.0.1:8080/
    """
    import waitress

    from indexer.errors import RapporteurError
    from indexer.locations import read_current, resolve_index_dir
    from web import create_app

    index_path = resolve_index_dir(index_dir)
    try:
        if read_current(index_path) is None:
            index_bundled_corpus(index_path)
        app = create_app(index_path)
        app.extensions["rapporteur"].engine()  # open now: a broken index fails here, not per request
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="rapporteur")
    except (RapporteurError, OSError) as err:
        fail(str(err))
    click.echo(f"Rapporteur is serving {index_path} on {url_of(host, server.effective_port)}  (Ctrl+C stops)")
    sys.stdout.flush()  # the URL must reach a pipe (tests, supervisors) before serving blocks
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        app.extensions["rapporteur"].close()
