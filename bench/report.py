"""The run's JSON report, the Markdown row in ``bench/RESULTS.md`` and the summary line."""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

COLUMNS = ["date", "commit", "machine", "paragraphs", "chars", "index chars/s", "paras/s", "jieba_ratio",
           "peak RSS MB", "index/raw", "p50 ms", "p95 ms", "p99 ms", "tantivy index s", "tantivy p95 ms",
           "ours/tantivy p95", "stock Whoosh p95 ms", "serve req/s", "serve p95 ms", "serve errors", "server RSS MB",
           "+1 record s",
           # added with the passage, worst-query and attacked-serve sections (older rows: '-')
           "serve timed out", "passage p95 ms", "passage @1", "worst max ms", "attacked req/s", "attacked p95 ms"]
COLUMNS_NOTE = """
The last six columns came later (rows before them show '-'): `serve timed out` = 503 answers past
the server's default deadline (not counted in `serve errors`); `passage p95 ms` / `passage @1` =
a window of ≤ 2,000 characters of a corpus paragraph searched as the query (cache off), p95 and
the share with its source paragraph at rank 1; `worst max ms` = the slowest of the worst queries
(`bench/worst.py`) through `Engine.search` with the server's default deadline; `attacked req/s` /
`attacked p95 ms` = the normal served clients while one more sends the worst queries in a loop
(compare with `serve req/s` / `serve p95 ms`). A commit `abc (index of xyz)` is a `--reuse` run:
its corpus and indexing figures (and, with `--skip-peers`, the peers) are those of commit xyz.
From these columns on, the served phases start the server with `RAPPORTEUR_RESULT_CACHE=0` (unless
the environment sets it) and with its default `--deadline` and `--workers`.
"""

RESULTS_HEADER = """# Benchmark results

Rows are appended by `python -m bench` (see `bench/__main__.py`). Queries are single-client,
warm, through `Engine.search` with snippets and facets; figures are medians over rounds
(spread in the JSON report). `jieba_ratio` = time of `jieba.lcut` alone over the same texts /
end-to-end indexing time (target ≥ 1.0). Peak RSS is the indexing process tree.
""" + COLUMNS_NOTE + "\n" + "| " + " | ".join(COLUMNS) + " |\n" + "|---" * len(COLUMNS) + "|\n"


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        ram = psutil.virtual_memory().total
    except ImportError:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    versions = {}
    for pkg in ("jieba", "whoosh-reloaded", "tantivy", "waitress"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    return {"cores": os.cpu_count(), "ram_bytes": ram, "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "versions": versions}


def git_commit(root: Path) -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True).stdout.strip()
        return out.stdout.strip() + ("+dirty" if dirty else "")
    except OSError:
        return "?"


def _fmt(value, digits=1):
    if value is None or value == "-":
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _get(r: dict, *keys):
    """``r[k1][k2]…``, or None where a section or figure is missing."""
    for k in keys:
        if not isinstance(r, dict):
            return None
        r = r.get(k)
    return r


def _ratio(a, b):
    return a / b if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else None


def _mb(value):
    return value / (1024 * 1024) if isinstance(value, (int, float)) and value else None


def summary_line(r: dict) -> str:
    n = r.get("paragraphs")
    p95 = _get(r, "queries", "p95")
    fields = {
        "index_chars_per_s": _fmt(_get(r, "indexing", "chars_per_s"), 0),
        "jieba_ratio": _fmt(_get(r, "indexing", "jieba_ratio"), 3),
        "p95_ms_100k": _fmt(p95, 1) if n == 100_000 else "-",
        "p95_ms_1m": _fmt(p95, 1) if n == 1_000_000 else "-",
        "tantivy_query_ratio": _fmt(_ratio(p95, _get(r, "peers", "tantivy", "p95")), 1),
        "serve_rps": _fmt(_get(r, "serve", "rps"), 1),
        "serve_errors": _fmt(_get(r, "serve", "errors")),
        "serve_timed_out": _fmt(_get(r, "serve", "timed_out")),
        "passage_p95_ms": _fmt(_get(r, "passage", "p95"), 1),
        "passage_rank1": _fmt(_get(r, "passage", "rank1_share"), 2),
        "worst_max_ms": _fmt(_get(r, "worst", "max_ms"), 1),
        "attacked_rps": _fmt(_get(r, "serve", "attack", "rps"), 1),
        "attacked_p95_ms": _fmt(_get(r, "serve", "attack", "p95_ms"), 1),
    }
    return " ".join(f"{k}={v}" for k, v in fields.items())


def markdown_row(r: dict) -> str:
    m = r.get("machine") or {}
    idx, q = r.get("indexing") or {}, r.get("queries") or {}
    tv = _get(r, "peers", "tantivy") or {}
    wb = _get(r, "peers", "whoosh_chinese_analyzer") or {}
    srv = r.get("serve") or {}
    att = srv.get("attack") or {}
    inc = r.get("incremental") or {}
    ram = m.get("ram_bytes")
    desc = (f"{m.get('cores', '?')} cores, {ram / 1024 ** 3:.0f} GB, " if ram else f"{m.get('cores', '?')} cores, ") + \
        f"Python {m.get('python', '?')}, {m.get('cpu') or '?'}"
    commit = r.get("commit") or "?"
    taken = _get(r, "reused", "report") or {}
    if taken:
        commit += f" (index of {taken.get('commit') or '?'})"
    paras = r.get("paragraphs")
    cells = [
        (r.get("date") or "-")[:10], commit, desc, _fmt(paras), _fmt(idx.get("chars")), _fmt(idx.get("chars_per_s"), 0),
        _fmt(idx.get("paragraphs_per_s"), 0), _fmt(idx.get("jieba_ratio"), 3), _fmt(_mb(idx.get("peak_rss_bytes")), 0),
        _fmt(idx.get("index_to_raw"), 2), _fmt(q.get("p50")), _fmt(q.get("p95")), _fmt(q.get("p99")),
        _fmt(tv.get("index_seconds"), 2), _fmt(tv.get("p95"), 2),
        _fmt(_ratio(q.get("p95"), tv.get("p95")), 1),
        _fmt(wb.get("p95")) + (f" (on {wb['paragraphs']:,})" if wb.get("p95") and isinstance(paras, int)
                               and wb.get("paragraphs", paras) < paras else ""),
        _fmt(srv.get("rps")), _fmt(srv.get("p95_ms")), _fmt(srv.get("errors")),
        _fmt(_mb(srv.get("server_peak_rss_bytes")), 0),
        _fmt(inc.get("wall_seconds"), 2),
        _fmt(srv.get("timed_out")), _fmt(_get(r, "passage", "p95")), _fmt(_get(r, "passage", "rank1_share"), 2),
        _fmt(_get(r, "worst", "max_ms")), _fmt(att.get("rps")), _fmt(att.get("p95_ms")),
    ]
    return "| " + " | ".join(str(c) for c in cells) + " |\n"


def write(r: dict, out_dir: Path, results_md: Path | None) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = out_dir / f"report-{r['paragraphs']}-seed{r['seed']}-{stamp}.json"
    path.write_text(json.dumps(r, ensure_ascii=False, indent=1), encoding="utf-8")
    if results_md is not None:
        if not results_md.exists():
            results_md.write_text(RESULTS_HEADER, encoding="utf-8")
        insert_row(results_md, markdown_row(r))
    return path


def insert_row(results_md: Path, row: str) -> None:
    """Put the row after the table's last row (notes may follow the table)."""
    lines = results_md.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = [i for i, line in enumerate(lines) if line.startswith("|")]
    at = rows[-1] + 1 if rows else len(lines)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines.insert(at, row if row.endswith("\n") else row + "\n")
    results_md.write_text("".join(lines), encoding="utf-8")
