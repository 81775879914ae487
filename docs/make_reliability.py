"""Render docs/RELIABILITY.md from the figures the reliability tests measured.

    .venv/bin/python -m pytest tests/reliability        # writes test-artifacts/reliability.json
    .venv/bin/python docs/make_reliability.py           # renders docs/RELIABILITY.md from it

Every number in the page comes from that JSON file, written by the tests themselves
(``tests/support/reliability.py``, ``record_figures``); nothing here is typed by hand.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "test-artifacts" / "reliability.json"
OUT = ROOT / "docs" / "RELIABILITY.md"

SECTIONS = [
    ("Crash safety", ["crash_sigkill", "crash_rebuild", "crash_stale_lock", "io_error_fast", "io_error_sweep",
                      "io_error_tmpfs"]),
    ("Concurrency", ["concurrency_server_60s", "concurrency_server_10s", "concurrency_two_writers",
                     "concurrency_watch"]),
    ("Hostile input", ["hostile_folder", "hostile_folder_huge", "fuzz_slow", "fuzz_fast"]),
    ("Web", ["web_attacks", "web_xss_browser"]),
    # The outside test's findings, one row each, in the order it reported them.
    ("Second round: what the first tests missed", [
        "symlink_outside_root", "file_changed_while_read", "vanished_root", "unmounted_root", "replaced_root",
        "watch_replaced_root", "watch_unmounted_root", "jsonl_streaming",
        "web_bad_requests", "index_replaced", "undetected_language_record", "result_cache_bytes",
        "response_headers", "symbol_collisions", "damaged_index"]),
]


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(data: dict) -> str:
    lines = [
        "# Reliability and security: measured",
        "",
        "Each row is a test in `tests/reliability/`. The figures were written by the tests while they ran",
        "(`test-artifacts/reliability.json`) and rendered by `docs/make_reliability.py`; none is typed by hand.",
        "Regenerate with `.venv/bin/python -m pytest tests/reliability && .venv/bin/python docs/make_reliability.py`.",
        "Tests marked `slow` run in CI as well; `-m 'not slow'` leaves them out.",
        "",
    ]
    recorded = sorted(v["recorded"] for v in data.values())
    if recorded:
        lines += [f"Measured {recorded[0]} – {recorded[-1]} (Python {next(iter(data.values()))['python']}).", ""]
    seen = set()
    for title, keys in SECTIONS + [("Other", sorted(set(data) - {k for _t, ks in SECTIONS for k in ks}))]:
        rows = [k for k in keys if k in data]
        if not rows:
            continue
        lines += [f"## {title}", "", "| Test | What it tried | What held | Reproduce |", "|---|---|---|---|"]
        for k in rows:
            e = data[k]
            lines.append(f"| {cell(e['title'])} | {cell(e['tried'])} | {cell(e['held'])} | `{cell(e['command'])}` |")
            seen.add(k)
        lines.append("")
    lines += ["## Raw figures", "", "```json", json.dumps({k: data[k]["figures"] for k in sorted(seen)},
                                                           ensure_ascii=False, indent=1, sort_keys=True), "```", ""]
    return "\n".join(lines)


def main() -> int:
    if not FIGURES.exists():
        print(f"{FIGURES} not found: run the reliability tests first", file=sys.stderr)
        return 1
    OUT.write_text(render(json.loads(FIGURES.read_text(encoding="utf-8"))), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
