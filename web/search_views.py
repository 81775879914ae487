"""The search page: the query form with the syntax help and index size until there is a query or
a filter, then the engine's result object with its facets and page links."""
from __future__ import annotations

import math

from flask import Blueprint, current_app, render_template, request

from rapporteur.search.limits import MAX_RESULT_WINDOW
from rapporteur.web.i18n import labels
from rapporteur.web.params import active_filters, search_request
from rapporteur.web.source import engine, search_deadline

bp = Blueprint("search", __name__)


@bp.get("/")
def search_page():
    req = search_request(request.args, current_app.config, labels().code)
    eng, filters = engine(), active_filters(request.args)
    if not req.q and not filters:
        return render_template("search.html", results=None, stats=eng.stats(), filters=[])
    results = eng.search(req, search_deadline()).to_dict()
    # Page links reach as deep as the engine answers (page × size ≤ MAX_RESULT_WINDOW).
    pages = max(1, min(math.ceil(results["total"] / results["size"]), MAX_RESULT_WINDOW // results["size"]))
    return render_template(
        "search.html",
        results=results,
        filters=filters,
        pages=pages,
        page_links=page_window(results["page"], pages),
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
