"""Helpers shared by the CLI commands: one-line errors, JSON output, terminal column widths,
language labels."""
from __future__ import annotations

import json
import sys
import unicodedata

import click

from rapporteur.indexer.languages import english_name


def fail(message: str, code: int = 1) -> None:
    """Print one line to stderr and exit: the only way a user error leaves the CLI."""
    click.echo(f"rapporteur: {message}", err=True)
    sys.exit(code)


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def echo_json(data) -> None:
    """One JSON document on stdout, UTF-8, not ASCII-escaped."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def width(text: str) -> int:
    """Terminal columns taken by ``text``: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str | None, columns: int) -> str:
    """``text`` cut or padded to exactly ``columns`` terminal columns."""
    text = text or "-"
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > columns - (1 if used + w < width(text) else 0):
            out.append("…")
            used += 1
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * max(0, columns - used)


def language_label(code: str | None) -> str:
    """A record language for people: ``pt Portuguese``; ``unknown language`` when it could not
    be told (the index lists such a version as ``""``)."""
    if not code:
        return "unknown language"
    name = english_name(code)
    return f"{code} {name}" if name and name != code else code
