"""Interface language: the catalogues in ``web/i18n/*.json`` and the choice of one per request.

The choice on an HTML page, strongest first: ``?ui=`` in the URL (which also sets a cookie so
that the choice persists), the ``ui`` cookie, the ``Accept-Language`` header, then the default.
JSON (``/api/…``, ``/healthz``) depends on its URL alone, so that any cache may keep it: ``?ui=``,
else English for error messages and, for the delegation facet's labels, the engine's own choice.
How the language was chosen (:data:`URL`, :data:`REQUEST`, :data:`FIXED`) decides the page's
``Vary`` and ``Cache-Control`` (:mod:`rapporteur.web.caching`).
Record text is never translated; only the interface labels are.
"""
from __future__ import annotations

import json
from importlib import resources

from flask import Flask, current_app, g, request

from rapporteur.indexer.languages import display_name
from rapporteur.web import routes

COOKIE = "ui"
COOKIE_MAX_AGE = 365 * 24 * 3600
JSON_LANGUAGE = "en"  # of JSON error messages without ?ui=

# How a request's interface language was chosen: by its URL, by its cookie or Accept-Language
# header, or fixed (JSON without ?ui=).
URL, REQUEST, FIXED = "url", "request", "fixed"


class Catalog:
    """One language's labels; ``catalog("key", n=3)`` formats the label with its fields."""

    def __init__(self, code: str, labels: dict[str, str]):
        self.code = code
        self.labels = labels

    def __call__(self, key: str, **fields) -> str:
        label = self.labels[key]  # a missing label is a bug: tests check every catalogue is complete
        return label.format(**fields) if fields else label

    def language(self, code: str | None) -> str:
        """The name of a record language: the catalogue's for the UN six (``zh`` → 中文), the
        declared one for the others (``pt`` → 葡萄牙文, Portuguese), the code for an undeclared
        one, and "unknown language" for a record whose language could not be told (``None``
        or ``""``)."""
        if not code:
            return self.labels["lang_unknown"]
        return self.labels.get(f"lang_{code}") or display_name(code, self.code) or code


def load_catalogs(languages) -> dict[str, Catalog]:
    folder = resources.files("rapporteur.web") / "i18n"
    return {
        code: Catalog(code, json.loads((folder / f"{code}.json").read_text(encoding="utf-8")))
        for code in languages
    }


def negotiate(accept_language, supported, default: str) -> str:
    """The first language in ``Accept-Language`` (by quality) whose primary tag we support.

    Werkzeug's ``best_match`` prefers an exact ``zh`` at q=0.5 over ``en-GB`` at q=1, so the
    primary-tag match is done here, in order of the client's preference.
    """
    for tag, _quality in accept_language:  # already sorted by quality
        primary = tag.split("-")[0].split("_")[0].lower()
        if primary in supported:
            return primary
    return default


def url_choice() -> str:
    """What ``?ui=`` asks for, in any case (``?ui=EN`` is ``en``); ``""`` when nothing."""
    return request.args.get("ui", "").strip().lower()


def choose_language() -> tuple[str, str]:
    """``(language, how it was chosen)``: see the module doc."""
    supported = current_app.config["UI_LANGUAGES"]
    asked = url_choice()
    if asked in supported:
        return asked, URL
    if routes.is_json(request.path):
        return (JSON_LANGUAGE if JSON_LANGUAGE in supported else current_app.config["UI_DEFAULT"]), FIXED
    cookie = request.cookies.get(COOKIE, "")
    if cookie in supported:
        return cookie, REQUEST
    return negotiate(request.accept_languages, supported, current_app.config["UI_DEFAULT"]), REQUEST


def labels() -> Catalog:
    """The request's catalogue, chosen once per request (also for errors raised early)."""
    if "t" not in g:
        g.ui, g.ui_chosen_by = choose_language()
        g.t = current_app.extensions["rapporteur.i18n"][g.ui]
    return g.t


def asked_language() -> str | None:
    """The interface language the URL asks for (``?ui=``), None when it asks for none."""
    labels()
    return g.ui if g.ui_chosen_by == URL else None


def init_app(app: Flask) -> None:
    app.extensions["rapporteur.i18n"] = load_catalogs(app.config["UI_LANGUAGES"])

    @app.after_request
    def _remember_choice(response):
        """An HTML page asked for in another language sets the cookie (if it says otherwise)."""
        asked = url_choice()
        if (asked in app.config["UI_LANGUAGES"] and not routes.is_json(request.path)
                and request.cookies.get(COOKIE) != asked):
            response.set_cookie(COOKIE, asked, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True)
        return response

    @app.context_processor
    def _labels():
        return {"_": labels(), "ui": g.ui, "ui_languages": app.extensions["rapporteur.i18n"]}
