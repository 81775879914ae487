"""The WSGI edge around the Flask app: what the app never sees, and what it lets escape.

:func:`rapporteur.web.create_app` wraps the app's ``wsgi_app`` in :class:`Guard`, so every
server (waitress, Flask's test client) goes through it:

* A ``Host`` header that is not a host name (``a..b``, a label over 63 characters, a name over
  253, anything but ASCII letters, digits, ``-``, ``_`` and dots, an optional port) is a 400:
  Werkzeug cannot build the site's links from it, and a request the site cannot link back to
  has nothing to be answered with.
* A body on GET or HEAD (``Content-Length`` over 0, or ``Transfer-Encoding``) is a 413, and the
  body is never read: the site is read-only and no page takes one. (``rapporteur serve`` also
  has waitress refuse any body over :data:`rapporteur.cli.workers.MAX_REQUEST_BODY` before it
  is read, whatever the method.)
* An exception the app lets escape is a 500 (the app's own error handlers answer the others).

Each is one line in the log, never a traceback for a request a client got wrong; a crash's
traceback is logged the first time that crash (its type and place) is met in the process, one
line each time after (:func:`log_crash`). Every answer carries the security headers of
:data:`rapporteur.web.security.HEADERS` and ``Cache-Control: no-store``, as JSON under ``/api/``
and ``/healthz``, as a small HTML page elsewhere.
"""
from __future__ import annotations

import json
import logging
import re
import sys
import threading
import traceback

from markupsafe import escape

from rapporteur.web import routes
from rapporteur.web.security import HEADERS

NO_STORE = "no-store"
_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
_HOST = re.compile(rf"(?:\[[0-9A-Fa-f:.]+\]|(?P<name>{_LABEL}(?:\.{_LABEL})*\.?))(?::[0-9]{{1,5}})?")
MAX_HOST_NAME = 253
REASONS = {400: "Bad Request", 413: "Content Too Large", 500: "Internal Server Error"}
MAX_LOGGED = 300  # characters of a URL or header value in a log line


def loggable(text: str, limit: int = MAX_LOGGED) -> str:
    """``text`` for one log line: printable characters only (others as ``?``), cut to ``limit``."""
    return "".join(c if c.isprintable() else "?" for c in text[:limit])


def host_problem(host: str | None) -> str | None:
    """Why ``host`` (a Host header's value) is not a host name, or None when it is one (or absent)."""
    if host is None:
        return None
    m = _HOST.fullmatch(host)
    if m is None:
        return "is not a host name"
    if m.group("name") and len(m.group("name").rstrip(".")) > MAX_HOST_NAME:
        return f"is longer than {MAX_HOST_NAME} characters"
    return None


def body_problem(environ) -> str | None:
    """Why a GET or HEAD request may not be answered for its body, or None."""
    if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
        return None
    if environ.get("HTTP_TRANSFER_ENCODING"):
        return "a GET or HEAD request has no body (Transfer-Encoding)"
    length = environ.get("CONTENT_LENGTH", "").strip()
    if length and (not length.isdigit() or int(length) > 0):
        return "a GET or HEAD request has no body (Content-Length)"
    return None


_seen_crashes: set[tuple] = set()
_seen_lock = threading.Lock()


def log_crash(logger: logging.Logger, err: BaseException, where: str) -> None:
    """Log a crash: its traceback the first time its type and place are met in this process,
    one line after that (a bug that a request can trigger must not let it fill the log)."""
    frames = traceback.extract_tb(err.__traceback__)
    place = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    key = (type(err).__name__, place)
    with _seen_lock:
        first = key not in _seen_crashes
        _seen_crashes.add(key)
    line = f"error on {loggable(where)}: {type(err).__name__} at {place}: {loggable(str(err), 200)}"
    if first:
        logger.error(line, exc_info=(type(err), err, err.__traceback__))
    else:
        logger.error("%s (traceback logged before)", line)


def request_line(environ) -> str:
    """``METHOD /path?query`` of the request, as sent (for a log line)."""
    query = environ.get("QUERY_STRING", "")
    path = environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
    return f"{environ.get('REQUEST_METHOD', '?')} {path}"


def plain_response(status: int, message: str, path: str) -> tuple[str, list, bytes]:
    """``(status line, headers, body)`` of an answer made without the app: JSON under ``/api/``
    and ``/healthz``, else a small HTML page; the security headers and ``no-store``."""
    reason = REASONS.get(status, "Error")
    if routes.is_json(path):
        body = json.dumps({"error": message, "status": status}, ensure_ascii=False).encode("utf-8")
        kind = "application/json"
    else:
        body = (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{status} {reason}</title>'
                f'</head>\n<body><h1>{status} {reason}</h1>\n<p>{escape(message)}</p></body></html>\n').encode("utf-8")
        kind = "text/html; charset=utf-8"
    headers = [("Content-Type", kind), ("Content-Length", str(len(body))), ("Cache-Control", NO_STORE),
               *HEADERS.items()]
    return f"{status} {reason}", headers, body


class Guard:
    """The WSGI middleware of the module doc, around ``app`` (a WSGI callable)."""

    def __init__(self, app, logger: logging.Logger):
        self.app, self.logger = app, logger

    def __call__(self, environ, start_response):
        host = environ.get("HTTP_HOST")
        if host is None and environ.get("SERVER_PROTOCOL") == "HTTP/1.1":  # RFC 9112, 3.2: required
            return self._refuse(environ, start_response, 400, "an HTTP/1.1 request without a Host header")
        problem = host_problem(host)
        if problem:
            return self._refuse(environ, start_response, 400, f"the Host header {loggable(host, 80)!r} {problem}")
        problem = body_problem(environ)
        if problem:
            return self._refuse(environ, start_response, 413, problem)
        try:
            return self.app(environ, start_response)
        except Exception as err:  # noqa: BLE001 — the last line of defence: answered, logged, never raised to the server
            log_crash(self.logger, err, request_line(environ))
            status, headers, body = plain_response(500, "The server could not complete this request.",
                                                   environ.get("PATH_INFO", ""))
            start_response(status, headers, sys.exc_info())
            return [body]

    def _refuse(self, environ, start_response, status: int, message: str):
        self.logger.warning("refused %s (%d): %s", loggable(request_line(environ)), status, message)
        status_line, headers, body = plain_response(status, message, environ.get("PATH_INFO", ""))
        start_response(status_line, headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]
