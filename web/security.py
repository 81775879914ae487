"""Security headers on every response (pages, JSON, static files and errors alike), and a
read-only method policy.

The pages carry no inline script or style, so the Content-Security-Policy allows only the
app's own files; ``frame-ancestors 'none'`` forbids framing.
"""
from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import MethodNotAllowed

READ_METHODS = ("GET", "HEAD")

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def init_app(app: Flask) -> None:
    @app.before_request
    def _read_only():
        if request.method not in READ_METHODS:
            raise MethodNotAllowed(valid_methods=list(READ_METHODS))

    @app.after_request
    def _headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
