"""URLs the pages link to, derived from the current request so that a link changes one thing
(a filter, the page, the interface language) and keeps everything else."""
from __future__ import annotations

from flask import request, url_for

from rapporteur.web.params import FILTERS, PAGE_PARAMS

# What a search URL carries from one page to the next (the interface language lives in a cookie).
KEPT = ("q", *FILTERS, "size")


def search_url(**changes) -> str:
    """The search page with ``changes`` applied; ``None`` removes a parameter.

    Any change other than the page itself returns to page 1.
    """
    params = {name: request.args[name] for name in KEPT if request.args.get(name, "").strip()}
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    if "page" in changes and changes["page"] != 1:
        params["page"] = changes["page"]
    else:
        params.pop("page", None)
    return url_for("search.search_page", **params)


def record_url(symbol: str, lang: str | None = None, q: str | None = None, n: int | None = None,
               with_: str | None = None) -> str:
    """A record version (``lang``), or two side by side (``with_``), opened at paragraph ``n``."""
    params = {k: v for k, v in (("lang", lang), ("with", with_), ("q", q)) if v}
    return url_for("record.record_page", symbol=symbol, _anchor=f"p{n}" if n is not None else None, **params)


def this_page_in(ui: str) -> str:
    """The current page in another interface language, with the parameters it reads (an unknown
    one, ``endpoint`` or ``_external`` included, would be taken by ``url_for`` as its own)."""
    args = {name: request.args[name] for name in PAGE_PARAMS if name in request.args}
    args.update(request.view_args or {}, ui=ui)
    return url_for(request.endpoint or "search.search_page", **args)
