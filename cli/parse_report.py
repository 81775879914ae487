"""The text form of ``rapporteur parse --report``: one aligned block per file, then the totals.

Everything shown is computed by :mod:`rapporteur.indexer.parse.quality`; this module only lays it out.
"""
from __future__ import annotations

import os

from rapporteur.indexer.parse.quality import QualityReport, Totals, Unreadable, ranked

LABEL = 12  # width of the label column
COUNT = 6  # width of the count column
MAX_NUMBERS = 10  # paragraph numbers (or ranges) listed before "… and N more"
MAX_NAMES = 10  # delegation names listed in the totals
MAX_SUSPICIOUS = 10  # suspicious paragraphs listed in a file's block


def shown_path(path: str | None) -> str:
    """Relative to the working folder when below it, else as given."""
    if not path:
        return "-"
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def numbers(ns: list[int], limit: int = MAX_NUMBERS) -> str:
    """``[1, 2, 3, 7, 9, 10]`` → ``1-3, 7, 9-10``; past ``limit`` runs, ``… and N more``."""
    runs: list[list[int]] = []
    for n in ns:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    shown = [f"{a}" if a == b else f"{a}-{b}" for a, b in runs[:limit]]
    rest = sum(b - a + 1 for a, b in runs[limit:])
    return ", ".join(shown) + (f", … and {rest} more" if rest else "")


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def _row(label: str, count, text: str = "") -> str:
    count = "" if count is None else f"{count:,}"
    return f"  {label:<{LABEL}}{count:>{COUNT}}   {text}".rstrip()


def _continued(text: str) -> str:
    return f"  {'':<{LABEL}}{'':>{COUNT}}   {text}".rstrip()


def unreadable_line(item: Unreadable) -> str:
    return f"{shown_path(item.source)}: cannot read: {item.reason}"


def file_block(r: QualityReport) -> list[str]:
    if r.problems:
        state = f"{_plural(r.problems, 'problem')}: {r.flagged:,} of {_plural(r.paragraphs, 'paragraph')} flagged"
        if r.role_only:
            state += f", {r.role_only:,} with a role and no name"
        if r.warnings:
            state += f", {_plural(len(r.warnings), 'warning')}"
    else:
        state = "no problems"
    lines = [f"{shown_path(r.source)}  [{state}]",
             _row("record", None, f"{r.symbol or '-'}  {r.lang or '?'}  {r.kind or 'no layout'}  "
                                  f"{r.date or 'no date'}"),
             _row("paragraphs", r.paragraphs, f"speakers {r.speakers:,}")]
    if r.uncoded:
        names = ", ".join(f"{name} ({count})" for name, count in r.uncoded.items())
        lines.append(_row("no code", sum(r.uncoded.values()), names))
    if r.no_speaker:
        note = f"  ({r.role_only:,} with a role only)" if r.role_only else ""
        lines.append(_row("no speaker", len(r.no_speaker), f"¶ {numbers(r.no_speaker)}{note}"))
    # openings inside first (a missed break credits words to the wrong speaker), then long ones
    ranked = sorted(r.suspicious, key=lambda s: not s.openings)
    for i, s in enumerate(ranked[:MAX_SUSPICIOUS]):
        parts = []
        if s.long:
            parts.append(f"long: {s.chars:,} characters")
        if s.openings:
            first = s.openings[0]
            more = f" (and {len(s.openings) - 1} more)" if len(s.openings) > 1 else ""
            parts.append(f"speaker opening inside at {first.at:,}: {first.text}{more}")
        text = f"¶ {s.n:<5} " + "; ".join(parts)
        lines.append(_row("suspicious", len(r.suspicious), text) if i == 0 else _continued(text))
    if len(ranked) > MAX_SUSPICIOUS:
        lines.append(_continued(f"… and {len(ranked) - MAX_SUSPICIOUS} more (--json lists them all)"))
    for i, w in enumerate(r.warnings):
        lines.append(_row("warnings", len(r.warnings), w) if i == 0 else _continued(w))
    return lines


def total_lines(t: Totals) -> list[str]:
    head = (f"total: {_plural(t.files + t.unreadable, 'file')} ({t.unreadable:,} unreadable, "
            f"{t.with_problems:,} with problems), {_plural(t.paragraphs, 'paragraph')}, {t.flagged:,} flagged; "
            f"{t.no_speaker:,} without a speaker ({t.role_only:,} with a role only), "
            f"{t.uncoded_paragraphs:,} with a delegation without a code ({_plural(len(t.uncoded), 'name')}), "
            f"{t.long:,} long, {t.openings_inside:,} with a speaker opening inside; "
            f"{_plural(t.warnings, 'warning')}, {t.no_date:,} without a date")
    lines = [head]
    if t.uncoded:
        names_counts = ranked(t.uncoded)
        names = ", ".join(f"{name} ({count})" for name, count in names_counts[:MAX_NAMES])
        rest = len(names_counts) - MAX_NAMES
        lines.append(f"delegations without a code: {names}" + (f", … and {rest} more" if rest > 0 else ""))
    return lines
