"""Interface language: the catalogues in ``web/i18n/*.json`` and the choice of one per request.

The choice, strongest first: ``?ui=`` in the URL (which also sets a cookie so that the
choice persists), the ``ui`` cookie, the ``Accept-Language`` header, then the default.
Record text is never translated; only the interface labels are.
"""
from __future__ import annotations

import json
from importlib import resources

from flask import Flask, current_app, g, request

from rapporteur.indexer.languages import display_name

COOKIE = "ui"
COOKIE_MAX_AGE = 365 * 24 * 3600


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


def choose_language() -> str:
    supported = current_app.config["UI_LANGUAGES"]
    asked = request.args.get("ui", "")
    if asked in supported:
        return asked
    cookie = request.cookies.get(COOKIE, "")
    if cookie in supported:
        return cookie
    return negotiate(request.accept_languages, supported, current_app.config["UI_DEFAULT"])


def labels() -> Catalog:
    """The request's catalogue, chosen once per request (also for errors raised early)."""
    if "t" not in g:
        g.ui = choose_language()
        g.t = current_app.extensions["rapporteur.i18n"][g.ui]
    return g.t


def init_app(app: Flask) -> None:
    app.extensions["rapporteur.i18n"] = load_catalogs(app.config["UI_LANGUAGES"])

    @app.after_request
    def _remember_choice(response):
        asked = request.args.get("ui", "")
        if asked in app.config["UI_LANGUAGES"]:
            response.set_cookie(COOKIE, asked, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True)
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
        return response

    @app.context_processor
    def _labels():
        return {"_": labels(), "ui": g.ui, "ui_languages": app.extensions["rapporteur.i18n"]}
