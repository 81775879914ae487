"""``rapporteur serve``: the search page and JSON API, served by waitress."""
from __future__ import annotations

import logging
import sys
import time

import click

from rapporteur.cli.common import fail
from rapporteur.cli.index_cmd import bundled_corpus, run_sync
from rapporteur.cli.index_option import index_option


def url_of(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


class QueueWarnings(logging.Filter):
    """At most one of waitress's "Task queue depth is N" warnings per ``interval`` seconds.

    Waitress logs one for every request that arrives while all worker threads are busy: with
    more clients than threads that is nearly every request (about 3,000 lines in 30 s with 8
    clients on 4 threads), and it logs them from its one I/O thread while holding its task
    queue lock, so a slow or full stderr stalls every request. The line that passes says how
    many were left out."""

    def __init__(self, interval: float = 10.0):
        super().__init__()
        self.interval, self.last, self.skipped = interval, float("-inf"), 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        if now - self.last < self.interval:
            self.skipped += 1
            return False
        if self.skipped:
            record.msg = f"{record.msg} ({self.skipped} such warnings in the last {now - self.last:.0f} s left out)"
        self.last, self.skipped = now, 0
        return True


@click.command("serve")
@index_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one (the URL printed says which).")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64), help="Worker threads.")
def serve_command(index_dir: str | None, host: str, port: int, threads: int) -> None:
    """Serve the search page and the JSON API with waitress.

    If the index does not exist yet, the bundled corpus/ is indexed first (each file is
    listed as it is added). The app follows later reindexing (`rapporteur index` or `watch`
    in another process) without a restart. Read-only: no route writes anything.

    \b
    Routes:
      /                      the search page        /api/search?q=…   the same, as JSON
      /record/SYMBOL?lang=   a whole record         /api/record/SYMBOL?lang=
      /api/stats             index statistics       /healthz          200 and the generation

    \b
    Example:
      rapporteur serve --port 8080      # then open http://127.0.0.1:8080/
    """
    import waitress

    from rapporteur.indexer.errors import RapporteurError
    from rapporteur.indexer.analysis.segmentation import segmenter
    from rapporteur.indexer.store.locations import read_current, resolve_index_dir
    from rapporteur.web import create_app

    index_path = resolve_index_dir(index_dir)
    try:
        if read_current(index_path) is None:
            click.echo(f"No index at {index_path} yet: indexing the bundled corpus first.")
            click.echo(f"Indexed: {run_sync(index_path, [bundled_corpus()], log_changes=True).summary()}")
        app = create_app(index_path)
        app.extensions["rapporteur"].engine()  # open now: a broken index fails here, not per request
        segmenter()  # load the Chinese dictionary now, not during the first user's search
        logging.getLogger("waitress.queue").addFilter(QueueWarnings())
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="rapporteur")
    except RapporteurError as err:
        fail(str(err))
    except OSError as err:
        fail(f"cannot serve on {host}:{port} or read {index_path}: {err.strerror or err}")
    click.echo(f"Rapporteur is serving {index_path} on {url_of(host, server.effective_port)}  (Ctrl+C stops)")
    sys.stdout.flush()  # the URL must reach a pipe (tests, supervisors) before serving blocks
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        app.extensions["rapporteur"].close()
