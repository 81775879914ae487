"""``rapporteur serve``: the search page and JSON API, served by waitress in worker processes
(see :mod:`rapporteur.cli.workers`)."""
from __future__ import annotations

import logging
import os
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


def _deadline(value: float) -> float | None:
    return None if value == 0 else value


@click.command("serve")
@index_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one (the URL printed says which).")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Worker processes, each with its own engine and --threads threads "
                   "(default: the number of cores).")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Threads per worker process (plus 2 of its own for /healthz and static files).")
@click.option("--deadline", default=5.0, show_default=True, type=click.FloatRange(0), metavar="SECONDS",
              help="Stop a search after this long and answer 503 (timed_out); 0: no limit.")
def serve_command(index_dir: str | None, host: str, port: int, workers: int | None, threads: int,
                  deadline: float) -> None:
    """Serve the search page and the JSON API with waitress, on every core.

    If the index does not exist yet, the bundled corpus/ is indexed first (each file is
    listed as it is added). The app follows later reindexing (`rapporteur index` or `watch`
    in another process) without a restart. Read-only: no route writes anything.

    One process binds the port and starts --workers worker processes (default: one per core),
    each with its own engine and --threads threads; requests in a worker never wait for each
    other. A worker that dies is replaced; SIGTERM or Ctrl+C stops them all (requests in progress
    are finished first, within the deadline) and no worker outlives the parent. A search stops
    after --deadline seconds (503, "timed_out": true in the JSON) or as soon as its client
    disconnects; idle connections are closed after 30 s, and each worker holds up to 1,000.

    \b
    Routes:
      /                      the search page        /api/search?q=…   the same, as JSON
      /record/SYMBOL?lang=   a whole record         /api/record/SYMBOL?lang=
      /api/stats             index statistics       /healthz          200 and the generation

    \b
    Examples:
      rapporteur serve --port 8080      # then open http://127.0.0.1:8080/
      rapporteur serve --workers 8 --threads 8 --deadline 10
    """
    from rapporteur.cli.workers import (
        Supervisor, bind, default_workers, raise_open_files_limit, run_waitress, waitress_settings,
    )
    from rapporteur.indexer.analysis.segmentation import segmenter
    from rapporteur.indexer.errors import RapporteurError
    from rapporteur.indexer.store.locations import read_current, resolve_index_dir
    from rapporteur.search.engine import Engine

    index_path = resolve_index_dir(index_dir)
    workers = workers or default_workers()
    limit = _deadline(deadline)
    grace = min(60.0, (limit or 30.0) + 5.0)  # a worker's time to finish its requests on SIGTERM
    try:
        if read_current(index_path) is None:
            click.echo(f"No index at {index_path} yet: indexing the bundled corpus first.")
            click.echo(f"Indexed: {run_sync(index_path, [bundled_corpus()], log_changes=True).summary()}")
        with Engine(index_path) as engine:  # open it once here: a broken index fails now, with one line
            engine.warm()  # the paragraph set and facet columns, shared by the workers forked below
        segmenter()  # the Chinese dictionary, loaded before the workers are forked (they share it)
        settings = waitress_settings(threads, raise_open_files_limit())
        sockets = bind(host, port)
    except RapporteurError as err:
        fail(str(err))
    except OSError as err:
        fail(f"cannot serve on {host}:{port} or read {index_path}: {err.strerror or err}")
    url = url_of(host, sockets[0].getsockname()[1])

    def serve_worker(socks, ready_fd: int | None) -> int:
        """One worker: its own app and engine, then waitress on the inherited sockets."""
        from rapporteur.web import create_app

        app = create_app(index_path, SEARCH_DEADLINE=limit)
        try:
            app.extensions["rapporteur"].engine().warm()  # its own engine, open and warm before accepting
        except RapporteurError as err:
            fail(str(err))
        segmenter()  # already loaded in the parent; per process, so set up again after the fork
        logging.getLogger("waitress.queue").addFilter(QueueWarnings())

        def ready():
            if ready_fd is not None:
                os.write(ready_fd, f"{os.getpid()}\n".encode())
                os.close(ready_fd)

        try:
            run_waitress(app, socks, settings, grace, ready)
        finally:
            app.extensions["rapporteur"].close()
        return 0

    def announce():
        noun = "worker process" if workers == 1 else "worker processes"
        stop = f"searches stop after {limit:g} s" if limit else "no search deadline"
        click.echo(f"Rapporteur is serving {index_path} on {url}  ({workers} {noun} × {threads} threads, "
                   f"{stop}; Ctrl+C stops)")
        sys.stdout.flush()  # the URL must reach a pipe (tests, supervisors) before serving blocks

    if not hasattr(os, "fork"):  # no worker processes here: serve in this process
        announce()
        serve_worker(sockets, None)
        return
    try:
        status = Supervisor(sockets, workers, serve_worker, grace=grace).run(on_ready=announce)
    finally:
        for sock in sockets:
            sock.close()
    if status:
        fail("the workers could not start (see above)")
