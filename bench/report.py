"""The run's JSON report, the Markdown row in ``bench/RESULTS.md`` and the summary line."""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

RESULTS_HEADER = """# Benchmark results

Rows are appended by `python -m bench` (see `bench/__main__.py`). Queries are single-client,
warm, through `Engine.search` with snippets and facets; figures are medians over rounds
(spread in the JSON report). `jieba_ratio` = time of `jieba.lcut` alone over the same texts /
end-to-end indexing time (target ≥ 1.0). Peak RSS is the indexing process tree.

| date | commit | machine | paragraphs | chars | index chars/s | paras/s | jieba_ratio | peak RSS MB | index/raw | p50 ms | p95 ms | p99 ms | tantivy index s | tantivy p95 ms | ours/tantivy p95 | stock Whoosh p95 ms | serve req/s | serve p95 ms | serve errors | server RSS MB | +1 record s |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
"""


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


def summary_line(r: dict) -> str:
    idx, q = r["indexing"], r["queries"]
    n = r["paragraphs"]
    p95 = q["p95"]
    tv = r.get("peers", {}).get("tantivy")
    srv = r.get("serve")
    fields = {
        "index_chars_per_s": _fmt(idx["chars_per_s"], 0),
        "jieba_ratio": _fmt(idx["jieba_ratio"], 3),
        "p95_ms_100k": _fmt(p95, 1) if n == 100_000 else "-",
        "p95_ms_1m": _fmt(p95, 1) if n == 1_000_000 else "-",
        "tantivy_query_ratio": _fmt(p95 / tv["p95"], 1) if tv and tv.get("p95") else "-",
        "serve_rps": _fmt(srv["rps"], 1) if srv else "-",
        "serve_errors": str(srv["errors"]) if srv else "-",
    }
    return " ".join(f"{k}={v}" for k, v in fields.items())


def markdown_row(r: dict) -> str:
    m, idx, q = r["machine"], r["indexing"], r["queries"]
    tv = r.get("peers", {}).get("tantivy") or {}
    wb = r.get("peers", {}).get("whoosh_chinese_analyzer") or {}
    srv = r.get("serve") or {}
    inc = r.get("incremental") or {}
    mb = 1024 * 1024
    desc = f"{m['cores']} cores, {m['ram_bytes'] / 1024 ** 3:.0f} GB, Python {m['python']}, {m['cpu'] or '?'}"
    cells = [
        r["date"][:10], r["commit"], desc, r["paragraphs"], idx["chars"], _fmt(idx["chars_per_s"], 0),
        _fmt(idx["paragraphs_per_s"], 0), _fmt(idx["jieba_ratio"], 3), _fmt(idx["peak_rss_bytes"] / mb, 0),
        _fmt(idx["index_to_raw"], 2), _fmt(q["p50"]), _fmt(q["p95"]), _fmt(q["p99"]),
        _fmt(tv.get("index_seconds"), 2), _fmt(tv.get("p95"), 2),
        _fmt(q["p95"] / tv["p95"], 1) if tv.get("p95") else "-",
        _fmt(wb.get("p95")) + (f" (on {wb['paragraphs']:,})" if wb.get("p95") and wb.get("paragraphs", 0) < r["paragraphs"]
                               else ""),
        _fmt(srv.get("rps")), _fmt(srv.get("p95_ms")), _fmt(srv.get("errors")),
        _fmt(srv["server_peak_rss_bytes"] / mb, 0) if srv.get("server_peak_rss_bytes") else "-",
        _fmt(inc.get("wall_seconds"), 2),
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
        with open(results_md, "a", encoding="utf-8") as fh:
            fh.write(markdown_row(r))
    return path
