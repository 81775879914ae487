"""The HTML pages. Thin: parse the request, ask the engine, render its result object."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from flask import Blueprint, Flask, abort, current_app, render_template, request
from markupsafe import Markup, escape

from indexer.model import Paragraph
from search.highlight import find_marks, mark_html
from web import urls
from web.params import active_filters, query, record_lang, record_symbol, search_request

bp = Blueprint("views", __name__)


def engine():
    return current_app.extensions["rapporteur"].engine()


def load_record(symbol: str):
    """The record and its languages, or a 404; shared with the JSON twin."""
    symbol = record_symbol(symbol)
    lang = record_lang(request.args)
    record = engine().record(symbol, lang=lang) if symbol else None
    if record is None:
        abort(404)
    return record, engine().languages(record.symbol)


@bp.get("/")
def search_page():
    req = search_request(request.args, current_app.config)
    eng, filters = engine(), active_filters(request.args)
    if not req.q and not filters:
        return render_template("search.html", results=None, stats=eng.stats(), filters=[])
    results = eng.search(req).to_dict()
    pages = max(1, math.ceil(results["total"] / results["size"]))
    return render_template(
        "search.html",
        results=results,
        filters=filters,
        pages=pages,
        page_links=page_window(results["page"], pages),
    )


@bp.get("/record/<path:symbol>")
def record_page(symbol):
    record, languages = load_record(symbol)
    q = query(request.args, current_app.config)
    terms = engine().highlight_terms(q) if q else []
    return render_template(
        "record.html",
        record=record,
        languages=languages,
        q=q,
        terms=terms,
        sections=sections_of(record.paragraphs),
    )


def page_window(page: int, pages: int, radius: int = 2) -> list[int | None]:
    """Page numbers to link: the first, the last, and those near ``page``; None is a gap."""
    shown = sorted({1, pages, *range(max(1, page - radius), min(pages, page + radius) + 1)})
    out: list[int | None] = []
    for number in shown:
        if out and number - out[-1] > 1:
            out.append(None)
        out.append(number)
    return out


@dataclass
class Statement:
    """Consecutive paragraphs of one speaker (or of no speaker: the proceedings)."""

    first: Paragraph
    paragraphs: list[Paragraph] = field(default_factory=list)

    def continues(self, p: Paragraph) -> bool:
        a = self.first
        return (a.speaker, a.honorific, a.delegation, a.role) == (p.speaker, p.honorific, p.delegation, p.role)


@dataclass
class Section:
    title: str | None
    statements: list[Statement] = field(default_factory=list)


def sections_of(paragraphs: list[Paragraph]) -> list[Section]:
    sections: list[Section] = []
    for p in paragraphs:
        if not sections or sections[-1].title != p.section:
            sections.append(Section(p.section))
        statements = sections[-1].statements
        if not statements or not statements[-1].continues(p):
            statements.append(Statement(p))
        statements[-1].paragraphs.append(p)
    return sections


# --- template helpers -------------------------------------------------------------------

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


def init_app(app: Flask) -> None:
    for template_filter in (snippet_html, mark_terms):
        app.add_template_filter(template_filter)
    for helper in (person, citation, urls.search_url, urls.record_url, urls.this_page_in):
        app.add_template_global(helper)
