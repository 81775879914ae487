"""The JSON twins of the pages, built from the same engine objects."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from rapporteur.web.i18n import asked_language
from rapporteur.web.params import search_request
from rapporteur.web.records import aligned_rows, load_other, load_record
from rapporteur.web.source import engine, search_deadline

bp = Blueprint("api", __name__)

# Header fields about the server rather than the meeting; not published.
PRIVATE_FIELDS = ("source",)


@bp.get("/api/search")
def search():
    # The facet labels in the language ?ui= asks for, else the engine's choice: the JSON depends
    # on its URL alone (see rapporteur.web.i18n).
    req = search_request(request.args, current_app.config, asked_language())
    return jsonify(engine().search(req, search_deadline()).to_dict())


def public_header(rec) -> dict:
    head = rec.header_dict()
    for name in PRIVATE_FIELDS:
        head.pop(name, None)
    return head


@bp.get("/api/record/<path:symbol>")
def record(symbol):
    """One version: ``{record, paragraphs, languages}``. With ``?with=<lang>``, two versions aligned
    by paragraph number: ``{symbol, languages, pair, records: {lang: header}, rows: [{n,
    paragraphs: {lang: paragraph or null}}]}``, the same rows as the side-by-side page."""
    rec, languages = load_record(symbol)
    other = load_other(rec, languages)
    if other is not None:
        pair = [rec, other]
        return jsonify({
            "symbol": rec.symbol,
            "languages": languages,
            "pair": [v.lang for v in pair],
            "records": {v.lang: public_header(v) for v in pair},
            "rows": [
                {"n": row.n, "paragraphs": {c.lang: c.paragraph.to_dict() if c.paragraph else None for c in row.cells}}
                for row in aligned_rows(pair)
            ],
        })
    data = rec.to_dict()
    data["record"] = public_header(rec)
    data["languages"] = languages
    return jsonify(data)


@bp.get("/api/stats")
def stats():
    return jsonify(engine().stats())


@bp.get("/healthz")
def healthz():
    index, number = engine().identity
    return jsonify({"status": "ok", "generation": number, "index": index})
