"""The families of the site's paths, for the code that answers every path alike (errors, the
headers of :mod:`rapporteur.web.caching`, the WSGI edge of :mod:`rapporteur.web.guard`): JSON
(``/api/…`` and ``/healthz``), static files, and HTML pages (everything else)."""
from __future__ import annotations

HEALTH = "/healthz"
STATIC = "/static/"


def is_json(path: str) -> bool:
    return path.startswith("/api/") or path == HEALTH


def is_static(path: str) -> bool:
    return path.startswith(STATIC)
