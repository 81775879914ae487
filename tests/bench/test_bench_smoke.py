"""The benchmark runs end to end at a tiny size: summary-line format and report fields only.

Timings are not checked: this is a smoke test, not a timed test. tantivy-py and psutil are
bench extras (``pip install -e '.[bench]'``); without tantivy the peers are skipped.

``bench`` is the checkout's top-level folder (not installed; ``python -m bench`` from the
checkout): importable here because pytest imports the ``tests`` package from the checkout,
which makes the checkout importable (as ``python -m`` does for the current directory).
"""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import ROOT
NUM = r"(?:\d+(?:\.\d+)?|-)"
SUMMARY = re.compile(
    rf"^index_chars_per_s={NUM} jieba_ratio={NUM} p95_ms_100k={NUM} p95_ms_1m={NUM} "
    rf"tantivy_query_ratio={NUM} serve_rps={NUM} serve_errors={NUM}$"
)


def test_generated_records_parse_back_to_the_plan(tmp_path):
    from bench import corpus, sources
    from rapporteur.indexer.parse import parse_file

    pools = sources.load(max_gdc_files=20)
    built = corpus.build(tmp_path, 400, 3, 0.7, pools)
    assert built.paragraphs == 400
    assert {r.lang for r in built.records} <= {"zh", "en"}
    for planned in built.records:
        rec = parse_file(planned.path)
        assert (rec.symbol, rec.lang, rec.date) == (planned.symbol, planned.lang, planned.date)
        assert [(p.n, p.speaker, p.delegation) for p in rec.paragraphs] == \
               [(p.n, p.speaker, p.delegation) for p in planned.paragraphs]
        assert not rec.warnings
    zh = sum(len(r.paragraphs) for r in built.records if r.lang == "zh")
    if pools.en:
        assert abs(zh / 400 - 0.7) < 0.2


def test_same_seed_same_corpus(tmp_path):
    from bench import corpus, sources

    pools = sources.load(max_gdc_files=20)
    a = corpus.build(tmp_path / "a", 120, 5, 0.7, pools)
    b = corpus.build(tmp_path / "b", 120, 5, 0.7, pools)
    assert [Path(r.path).read_bytes() for r in a.records] == [Path(r.path).read_bytes() for r in b.records]


@pytest.mark.slow
def test_tiny_benchmark_run(tmp_path):
    results = tmp_path / "RESULTS.md"
    cmd = [sys.executable, "-m", "bench", "--paragraphs", "300", "--repeat", "1", "--serve-seconds", "2",
           "--out", str(tmp_path / "out"), "--results", str(results)]
    if importlib.util.find_spec("tantivy") is None:
        cmd.append("--skip-peers")
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert SUMMARY.match(last), last
    assert "p95_ms_100k=- p95_ms_1m=-" in last  # sizes not run
    assert re.search(r"serve_errors=0$", last), last

    (report_path,) = (tmp_path / "out").glob("report-300-seed1-*.json")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    for key in ("date", "commit", "machine", "paragraphs", "corpus", "indexing", "queries", "serve", "incremental"):
        assert key in report, key
    for key in ("cores", "ram_bytes", "python", "cpu"):
        assert key in report["machine"]
    for key in ("seconds", "chars", "chars_per_s", "paragraphs_per_s", "peak_rss_bytes", "index_bytes",
                "index_to_raw", "jieba_seconds", "jieba_ratio"):
        assert key in report["indexing"], key
    assert report["indexing"]["paragraphs"] == 300
    for key in ("p50", "p95", "p99", "p95_spread", "queries"):
        assert key in report["queries"], key
    assert len(report["queries"]["queries"]) == 50
    assert {"rps", "p95_ms", "errors"} <= set(report["serve"])
    assert report["incremental"]["added"] == 1 and report["incremental"]["updated"] == 0
    if "--skip-peers" not in cmd:
        assert {"index_seconds", "p95"} <= set(report["peers"]["tantivy"])
        assert "p95" in report["peers"]["whoosh_chinese_analyzer"]
    assert results.read_text(encoding="utf-8").count("\n| ") >= 2  # header row + this run's row
    assert not (tmp_path / "out" / "run-300-seed1" / "corpus").exists()  # removed without --keep
