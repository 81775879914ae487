"""The JSON twins of the pages, built from the same engine objects."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from web.params import search_request
from web.views import engine, load_record

bp = Blueprint("api", __name__)

# Header fields about the server rather than the meeting; not published.
PRIVATE_FIELDS = ("source",)


@bp.get("/api/search")
def search():
    req = search_request(request.args, current_app.config)
    return jsonify(engine().search(req).to_dict())


@bp.get("/api/record/<path:symbol>")
def record(symbol):
    rec, languages = load_record(symbol)
    data = rec.to_dict()
    for name in PRIVATE_FIELDS:
        data["record"].pop(name, None)
    data["languages"] = languages
    return jsonify(data)


@bp.get("/api/stats")
def stats():
    return jsonify(engine().stats())


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok", "generation": engine().generation})
