"""The web front end: a read-only search page and record pages over the index, each with a
JSON twin built from the same result object.

``create_app(index_dir=...)`` is the only entry point; there is no module-level app.
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask

DEFAULTS = {
    "UI_LANGUAGES": ("zh", "en"),
    "UI_DEFAULT": "zh",
    "PAGE_SIZE": 10,
    "MAX_QUERY_LENGTH": 2000,  # a pasted passage (search.parse.MAX_QUERY_CHARS)
    "MAX_FILTER_LENGTH": 200,
    # Seconds a search may run before it is stopped with a 503 (``rapporteur serve --deadline``);
    # None: no limit. A search also stops when its client disconnects (under waitress).
    "SEARCH_DEADLINE": 5.0,
}


def create_app(index_dir=None, **config) -> Flask:
    """Build the app over the index at ``index_dir`` (default: ``$RAPPORTEUR_INDEX``, else the
    per-user location; see :mod:`rapporteur.indexer.store.locations`).

    Any other keyword overrides a setting in :data:`DEFAULTS` or Flask's own (``TESTING=True``…).
    """
    from rapporteur.web import (api, caching, errors, guard, i18n, record_views, search_views, security,
                                template_helpers)
    from rapporteur.web.source import IndexSource

    from rapporteur.indexer.store.locations import resolve_index_dir

    index_dir = resolve_index_dir(index_dir)
    # The site is read-only and has no instance folder; naming one keeps Flask from looking
    # for it beside the package, which it cannot do for a package inside the rapporteur
    # namespace under an editable install.
    app = Flask(__name__, instance_path=str(Path(__file__).resolve().parent / "instance"))
    app.config.from_mapping(DEFAULTS, INDEX_DIR=str(index_dir))
    app.config.from_mapping(config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.url_map.merge_slashes = False  # a symbol is matched as written, never redirected
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.extensions["rapporteur"] = IndexSource(app.config["INDEX_DIR"])

    security.init_app(app)
    caching.init_app(app)  # before i18n: its headers are set after the language cookie is
    i18n.init_app(app)
    errors.init_app(app)
    template_helpers.init_app(app)
    app.register_blueprint(search_views.bp)
    app.register_blueprint(record_views.bp)
    app.register_blueprint(api.bp)
    app.wsgi_app = guard.Guard(app.wsgi_app, app.logger)  # the WSGI edge (Host, bodies, crashes)
    return app
