"""The app's one engine, opened lazily and shared by all request threads.

The engine refreshes itself when another process reindexes, so the app never reopens it
for that. What this adds: an app can start before any index exists (every request then
retries, and the first one after ``rapporteur index`` succeeds), and ``close()`` releases
the engine's files when the server stops.

:func:`search_deadline` is each search's :class:`~rapporteur.search.deadline.Deadline`: the
app's ``SEARCH_DEADLINE`` seconds, and the search also stops when waitress says the client has
disconnected (``waitress.client_disconnected``, set when ``channel_request_lookahead`` > 0).
"""
from __future__ import annotations

import threading

from flask import current_app, request

from rapporteur.search.deadline import Deadline
from rapporteur.search.engine import Engine


class IndexSource:
    def __init__(self, index_dir):
        self.index_dir = index_dir
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    def engine(self) -> Engine:
        """The open engine; raises ``IndexMissing`` while there is no index."""
        engine = self._engine
        if engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = Engine(self.index_dir)
                engine = self._engine
        return engine

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.close()
                self._engine = None


def engine() -> Engine:
    """The current app's engine, for the views of every page and of the JSON API."""
    return current_app.extensions["rapporteur"].engine()


def search_deadline() -> Deadline:
    """The deadline of the search this request asks for (see the module doc)."""
    return Deadline(current_app.config["SEARCH_DEADLINE"], cancelled=request.environ.get("waitress.client_disconnected"))
