"""The record a ``/record/`` URL names, loaded here for both the HTML page and its JSON twin, so
that the two accept the same URLs, show the same versions and the same rows side by side, and
answer a missing record or version with the same 404."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, request

from rapporteur.indexer.model import Paragraph, Record
from rapporteur.web.errors import VersionMissing
from rapporteur.web.params import record_lang, record_symbol, second_lang
from rapporteur.web.source import engine


def load_record(symbol: str) -> tuple[Record, list[str]]:
    """The record and its languages, or a 404.

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


def same_speaker(a: Paragraph, b: Paragraph) -> bool:
    """Whether ``b`` continues the statement of ``a``: the same speaker, delegation and role."""
    return (a.speaker, a.honorific, a.delegation, a.role) == (b.speaker, b.honorific, b.delegation, b.role)


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
                cell.opens = before is None or cell.section is not None or not same_speaker(before, p)
                previous[i] = p
            cells.append(cell)
        rows.append(Row(n, cells))
    return rows
