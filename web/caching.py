"""``Cache-Control`` and ``Vary`` on every response, and why.

* Search results, records and statistics change when the index does (``rapporteur index`` or
  ``watch`` in another process), so pages and their JSON may be kept :data:`MAX_AGE` seconds: a
  reload or a back button within a minute costs the server nothing, and no cache shows an
  answer more than a minute older than the index.
* JSON (``/api/…``) depends on its URL alone (:mod:`rapporteur.web.i18n`): ``public``, no ``Vary``.
* An HTML page in the language its URL asks for (``?ui=``) is ``public`` too, unless it sets the
  language cookie; one whose language the cookie or ``Accept-Language`` chose is ``private``
  (a shared cache must not hand it to someone else) with ``Vary: Accept-Language, Cookie`` (the
  browser's own cache must not show it after the language is switched).
* ``/healthz``: ``no-store``; a health check must see the server as it is now.
* Static files: ``public``, :data:`STATIC_MAX_AGE` (a day). Their names carry no version, so a
  day bounds how long a browser keeps an old asset after an upgrade; they are revalidated by
  ``ETag`` and ``Last-Modified`` after that.
* Errors (4xx, 5xx): ``no-store``. A 503 while the index is being built, or a 404 for a record
  not indexed yet, must not outlive its cause.
"""
from __future__ import annotations

from flask import Flask, g, request

from rapporteur.web import routes
from rapporteur.web.guard import NO_STORE
from rapporteur.web.i18n import URL

MAX_AGE = 60
STATIC_MAX_AGE = 24 * 3600


def cache_headers(response) -> None:
    """Set the response's ``Cache-Control`` and ``Vary`` (see the module doc)."""
    path = request.path
    if response.status_code >= 400 or path == routes.HEALTH:
        response.headers["Cache-Control"] = NO_STORE
    elif routes.is_static(path):
        return  # Flask's (SEND_FILE_MAX_AGE_DEFAULT, set below), with its conditional answers
    elif routes.is_json(path):
        response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    else:
        by_request = g.get("ui_chosen_by", URL) != URL
        if by_request:
            response.vary.update(("Accept-Language", "Cookie"))
        private = by_request or "Set-Cookie" in response.headers
        response.headers["Cache-Control"] = f"{'private' if private else 'public'}, max-age={MAX_AGE}"


def init_app(app: Flask) -> None:
    """Register the headers; call before :func:`rapporteur.web.i18n.init_app`, so that they are
    set after the language cookie is (Flask runs ``after_request`` functions last first)."""
    if app.config.get("SEND_FILE_MAX_AGE_DEFAULT") is None:
        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = STATIC_MAX_AGE

    @app.after_request
    def _cache(response):
        cache_headers(response)
        return response
