"""The filters and globals every template may use, registered once on the app: how a speaker,
a citation, a language tag and a writing direction are written, which version to offer beside
another, the engine's marked text made safe to insert, and the links of :mod:`rapporteur.web.urls`."""
from __future__ import annotations

import re

from flask import Flask
from markupsafe import Markup, escape

from rapporteur.indexer import languages
from rapporteur.search.highlight import find_marks, mark_html
from rapporteur.web import urls

_ONLY_MARKS = re.compile(r"</?mark>")


def snippet_html(snippet: str | None) -> Markup:
    """The engine's snippet, trusted only if ``<mark>`` is its sole markup; else escaped whole."""
    snippet = snippet or ""
    if "<" in _ONLY_MARKS.sub("", snippet):
        return escape(snippet)
    return Markup(snippet)


def mark_terms(text: str, terms: list[str]) -> Markup:
    """``text`` escaped, with the engine's ``terms`` marked by the search module's own marker."""
    return Markup(mark_html(text, find_marks(text, [], terms)))


def person(item, lang: str | None) -> str:
    """Name with honorific in the record's order: ``Anton 先生`` in Chinese, ``Mr. Anton`` else."""
    get = item.get if isinstance(item, dict) else lambda k: getattr(item, k, None)
    name, honorific = get("speaker") or "", get("honorific") or ""
    parts = [name, honorific] if (lang or "zh") == "zh" else [honorific, name]
    return " ".join(p for p in parts if p)


def citation(symbol: str, n: int) -> str:
    return f"{symbol}, para. {n}"


direction = languages.direction  # the writing direction of a record's language (rtl for Arabic)


def lang_tag(lang: str | None) -> str:
    """The BCP 47 tag for a ``lang`` attribute: UN Chinese is simplified (``zh-Hans``)."""
    return "zh-Hans" if lang == "zh" else (lang or "")


def partner(lang: str, languages, ui: str) -> str | None:
    """The language to show beside ``lang`` by default: the interface language, else English,
    else the first other version; None when there is no other version."""
    others = [code for code in sorted(languages) if code != lang]
    for preferred in (ui, "en"):
        if preferred in others:
            return preferred
    return others[0] if others else None


def init_app(app: Flask) -> None:
    for template_filter in (snippet_html, mark_terms):
        app.add_template_filter(template_filter)
    for helper in (person, citation, direction, lang_tag, partner,
                   urls.search_url, urls.record_url, urls.this_page_in):
        app.add_template_global(helper)
