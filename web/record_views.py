"""The record page: one version read as statements under their section titles, or with
``?with=<lang>`` two versions side by side. Loading the record is :mod:`rapporteur.web.records`'
job, shared with the JSON twin; this module only lays the record out for its template."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import Blueprint, current_app, render_template, request

from rapporteur.indexer.model import Paragraph
from rapporteur.web.params import query
from rapporteur.web.records import aligned_rows, load_other, load_record, same_speaker
from rapporteur.web.source import engine

bp = Blueprint("record", __name__)


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


@dataclass
class Statement:
    """Consecutive paragraphs of one speaker (or of no speaker: the proceedings)."""

    first: Paragraph
    paragraphs: list[Paragraph] = field(default_factory=list)


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
        if not statements or not same_speaker(statements[-1].first, p):
            statements.append(Statement(p))
        statements[-1].paragraphs.append(p)
    return sections
