"""Every error ends here as one friendly page (or a JSON object under ``/api/`` and
``/healthz``): no tracebacks, no stack details, the status code the client deserves."""
from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request, url_for
from werkzeug.exceptions import HTTPException, NotFound

from rapporteur.indexer.errors import IndexDamaged, IndexMissing, RapporteurError
from rapporteur.search.deadline import SearchTimeout
from rapporteur.search.limits import QueryTooCostly
from rapporteur.web import routes
from rapporteur.web.guard import log_crash, loggable, plain_response, request_line
from rapporteur.web.i18n import labels
from rapporteur.web.params import BadParameter

# The statuses with their own wording in the catalogues; others use the generic title.
WORDED = {400, 404, 405, 500, 503}


class VersionMissing(NotFound):
    """The record exists, but not in the language asked for: a 404 that names the versions there are."""

    def __init__(self, symbol: str, lang: str, languages: list[str]):
        self.symbol, self.lang, self.languages = symbol, lang, languages
        versions = ", ".join(code or "a language not known" for code in languages)
        super().__init__(f"{symbol} has no version in {lang!r}; it exists in {versions}")


def wants_json() -> bool:
    return routes.is_json(request.path)


def error_response(status: int, detail: str = "", param: str | None = None, headers=None, **extra):
    if wants_json():
        body = {"error": detail or _title(status), "status": status}
        if param:
            body["param"] = param
        body.update(extra)
        response = jsonify(body)
    else:
        response = current_app.make_response(_error_page(status, _title(status), _text(status, detail)))
    response.status_code = status
    for name, value in headers or []:
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _error_page(status: int, title: str, text: str, **more) -> str:
    """The error page; should the page itself fail, a plain one (logged as the crash it is)."""
    try:
        return render_template("error.html", status=status, title=title, text=text, **more)
    except Exception as err:  # noqa: BLE001 — an error page must always be answered
        log_crash(current_app.logger, err, request_line(request.environ))
        return plain_response(status, text or title, "")[2].decode("utf-8")


def _title(status: int) -> str:
    t = labels()
    return t(f"error_{status}_title") if status in WORDED else t("error_title")


def _text(status: int, detail: str) -> str:
    t = labels()
    if status == 400:
        return t("error_400_text", detail=detail)
    return t(f"error_{status}_text") if status in WORDED else detail


def init_app(app: Flask) -> None:
    @app.errorhandler(BadParameter)
    def _bad_parameter(err):
        return error_response(400, str(err), param=err.param, **({"limit": err.limit} if err.limit else {}))

    @app.errorhandler(QueryTooCostly)
    def _too_costly(err):
        return error_response(400, str(err), param=err.param, limit=err.limit)

    @app.errorhandler(SearchTimeout)
    def _timed_out(err):
        # One line per stopped search; the URL as sent (percent-encoded), cut, printable only.
        where = loggable(request.full_path)
        if err.cancelled:
            app.logger.warning("search stopped after %.1f s, the client went away: %s", err.seconds, where)
        else:
            app.logger.warning("search timed out after %.1f s (limit %g s): %s", err.seconds, err.limit, where)
        if wants_json():
            response = jsonify({"error": str(err), "status": 503, "timed_out": True})
        else:
            t = labels()
            response = current_app.make_response(_error_page(
                503, t("error_timeout_title"), t("error_timeout_text", seconds=f"{err.limit or err.seconds:g}")))
        response.status_code = 503
        return response

    @app.errorhandler(VersionMissing)
    def _version_missing(err):
        if wants_json():
            response = jsonify({"error": err.description, "status": 404, "languages": err.languages})
            response.status_code = 404
            return response
        t = labels()
        links = [(url_for("record.record_page", symbol=err.symbol, lang=code), t.language(code), code)
                 for code in err.languages]
        page = _error_page(404, t("error_404_version_title"),
                           t("error_404_version_text", symbol=err.symbol, language=t.language(err.lang)),
                           links=links, links_label=t("available_versions"))
        return page, 404

    @app.errorhandler(IndexMissing)
    @app.errorhandler(IndexDamaged)
    def _no_index(err):
        # The message names the index folder: for the log, never for the public page.
        app.logger.warning("503 on %s: %s", loggable(request.full_path), err)
        return error_response(503)

    @app.errorhandler(RapporteurError)
    def _user_error(err):
        return error_response(400, str(err))

    @app.errorhandler(HTTPException)
    def _http(err):
        return error_response(err.code or 500, "", headers=err.get_headers())

    @app.errorhandler(Exception)
    def _crash(err):
        log_crash(app.logger, err, request_line(request.environ))
        return error_response(500)
