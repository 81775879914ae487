"""The HTML pages. Thin: parse the request, ask the engine, render its result object."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from flask import Blueprint, Flask, abort, current_app, render_template, request
from markupsafe import Markup, escape

from rapporteur.indexer import languages
from rapporteur.indexer.model import Paragraph, Record
from rapporteur.search.highlight import find_marks, mark_html
from rapporteur.web import urls
from rapporteur.web.errors import VersionMissing
from rapporteur.web.i18n import labels
from rapporteur.web.params import active_filters, query, record_lang, record_symbol, search_request, second_lang

bp = Blueprint("views", __name__)


def engine():
    return current_app.extensions["rapporteur"].engine()


def load_record(symbol: str):
    """The record and its languages, or a 404; shared with the JSON twin.

    A symbol that exists in other languages only gets a 404 that lists them (:class:`VersionMissing`).
    """
    symbol = record_symbol(symbol)
    lang = record_lang(request.args)
    record = engine().record(symbol, lang=lang) if symbol else None
    if record is None:
        languages = engine().languages(symbol) if symbol and lang else []
        if languages:
            raise VersionMissing(symbol, lang, languages)
        abort(404)
    return record, engine().languages(record.symbol)


def load_other(record: Record, languages: list[str]) -> Record | None:
    """The version named by ``?with=`` for the side-by-side view, None when not asked for."""
    other = second_lang(request.args, record.lang)
    if other is None:
        return None
    version = engine().record(record.symbol, lang=other) if other in languages else None
    if version is None:
        raise VersionMissing(record.symbol, other, languages)
    return version


@bp.get("/")
def search_page():
    req = search_request(request.args, current_app.config, labels().code)
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
    """One version of a record, or with ``?with=<lang>`` two versions side by side."""
    record, languages = load_record(symbol)
    other = load_other(record, languages)
    q = query(request.args, current_app.config)
    terms = engine().highlight_terms(q) if q else []
    if other is not None:
        return render_template(
            "parallel.html",
            versions=[record, other],
            languages=languages,
            q=q,
            terms=terms,
            rows=aligned_rows([record, other]),
        )
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


@dataclass
class Cell:
    """One version's paragraph ``n`` in a side-by-side row (None: that version has no paragraph n).

    ``section`` is the section title when it changes here; ``opens`` says the paragraph begins a
    new statement in its version, so its speaker line is shown.
    """

    lang: str
    paragraph: Paragraph | None
    section: str | None = None
    opens: bool = False


@dataclass
class Row:
    n: int
    cells: list[Cell]


def aligned_rows(versions: list[Record]) -> list[Row]:
    """The versions' paragraphs side by side, one row per paragraph number present in any of them."""
    by_n = [{p.n: p for p in v.paragraphs} for v in versions]
    numbers = sorted(set().union(*by_n))
    previous: list[Paragraph | None] = [None] * len(versions)
    rows = []
    for n in numbers:
        cells = []
        for i, version in enumerate(versions):
            p, before = by_n[i].get(n), previous[i]
            cell = Cell(version.lang, p)
            if p is not None:
                if p.section and (before is None or before.section != p.section):
                    cell.section = p.section
                cell.opens = before is None or cell.section is not None or not Statement(before).continues(p)
                previous[i] = p
            cells.append(cell)
        rows.append(Row(n, cells))
    return rows


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
