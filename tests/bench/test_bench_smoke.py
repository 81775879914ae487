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
    rf"tantivy_query_ratio={NUM} serve_rps={NUM} serve_errors={NUM} serve_timed_out={NUM} "
    rf"passage_p95_ms={NUM} passage_rank1={NUM} worst_max_ms={NUM} attacked_rps={NUM} attacked_p95_ms={NUM}$"
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
    assert " serve_errors=0 " in last, last

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
    assert {"rps", "p95_ms", "errors", "timed_out", "deadline_s"} <= set(report["serve"])
    assert {"rps", "p95_ms", "errors", "timed_out", "baseline_rps", "attacker"} <= set(report["serve"]["attack"])
    passage = report["passage"]
    assert passage["count"] == len(passage["passages"]) > 0 and {"p50", "p95", "rank1_share"} <= set(passage)
    assert all(0 < p["chars"] <= 2000 and "rank" in p for p in passage["passages"])
    worst = report["worst"]
    assert worst["deadline_s"] == report["serve"]["deadline_s"]
    assert {r["outcome"] for r in worst["queries"]} <= {"ok", "timed_out", "too_costly"}
    assert "max_ms" in worst and len(worst["queries"]) >= 7
    assert report["incremental"]["added"] == 1 and report["incremental"]["updated"] == 0
    if "--skip-peers" not in cmd:
        assert {"index_seconds", "p95"} <= set(report["peers"]["tantivy"])
        assert "p95" in report["peers"]["whoosh_chinese_analyzer"]
    assert results.read_text(encoding="utf-8").count("\n| ") >= 2  # header row + this run's row
    assert not (tmp_path / "out" / "run-300-seed1" / "corpus").exists()  # removed without --keep


def test_summary_line_and_row_of_a_report_with_sections_missing():
    from bench import report

    line = report.summary_line({"paragraphs": 100_000, "queries": {"p95": 12.5}})
    assert SUMMARY.match(line), line
    assert "p95_ms_100k=12.5 " in line and "passage_p95_ms=- " in line and line.endswith("attacked_p95_ms=-")
    row = report.markdown_row({"paragraphs": 5})
    assert row.count(" | ") == len(report.COLUMNS) - 1 and row.startswith("| - | ")
    assert report.RESULTS_HEADER.count("|---") == len(report.COLUMNS)


def test_reuse_says_in_one_line_what_does_not_match(tmp_path):
    from bench import reuse

    with pytest.raises(reuse.ReuseError, match="no such report"):
        reuse.check(tmp_path / "nope.json", tmp_path, 300, 1, 0.7)
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"paragraphs": 300, "seed": 1, "zh_share": 0.7, "index_repeat": 1,
                                "corpus": {"paragraphs": 2}, "indexing": {}}), encoding="utf-8")
    with pytest.raises(reuse.ReuseError, match="--paragraphs 300 --seed 1, not --paragraphs 400 --seed 1"):
        reuse.check(path, tmp_path, 400, 1, 0.7)
    with pytest.raises(reuse.ReuseError, match="run-300-seed1"):
        reuse.check(path, tmp_path, 300, 1, 0.7)
    work = tmp_path / "run-300-seed1"
    for sub in ("corpus/records", "corpus/extra", "index-0"):
        (work / sub).mkdir(parents=True)
    (work / "corpus" / "extra" / "X.zh.txt").write_text("x", encoding="utf-8")
    (work / "paragraphs.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(reuse.ReuseError, match="holds 1 paragraphs, the report 2"):
        reuse.check(path, tmp_path, 300, 1, 0.7)
    (work / "paragraphs.jsonl").write_text("{}\n{}\n", encoding="utf-8")
    kept = reuse.check(path, tmp_path, 300, 1, 0.7)
    assert kept.index_dir == work / "index-0"
    assert kept.copied("corpus")["taken_from"]["file"] == "report.json"
    proc = subprocess.run([sys.executable, "-m", "bench", "--paragraphs", "400", "--out", str(tmp_path),
                           "--reuse", str(path), "--results", "none"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("python -m bench: error: --reuse ")


def test_passages_are_windows_of_paragraphs_in_both_languages():
    from bench import passage

    paras = [{"text": ("长" * 2500 if i % 3 == 0 else "word " * (130 + i)), "lang": "zh" if i % 3 == 0 else "en",
              "symbol": f"S/{i}", "n": i} for i in range(40)]
    drawn = passage.draw(paras, 1)
    assert drawn == passage.draw(paras, 1) and len(drawn) == passage.COUNT
    assert {p["lang"] for p in drawn} == {"zh", "en"}
    for p in drawn:
        source = paras[p["n"]]["text"]
        assert 0 < len(p["q"]) <= 2000 and p["q"] in source


def test_the_worst_queries():
    from bench import worst

    paras = [{"text": "the of and to in a is that for on at by " * 3, "lang": "en", "symbol": "S/1", "n": 1},
             {"text": "委员会认为国家的安全理事会", "lang": "zh", "symbol": "S/2", "n": 1}]
    qs = {q["name"]: q for q in worst.build(paras, 1)}
    words = qs["50 two-letter words + 1 unknown"]["q"].split()
    assert len(words) == 51 and len(set(words)) == 51 and all(len(w) == 2 for w in words[:50])
    assert qs["a:a:… (250 colons)"]["q"].count(":") == 250
    assert len(set(qs["40 common Han characters"]["q"].split())) == 40
    assert all(1900 <= q["chars"] <= 2000 for name, q in qs.items() if name.startswith("2,000-char"))
    assert worst.default_deadline() == 5.0  # rapporteur serve --deadline's default


@pytest.mark.slow
def test_tiny_run_kept_then_reused(tmp_path):
    out = tmp_path / "out"
    base = [sys.executable, "-m", "bench", "--paragraphs", "300", "--repeat", "1", "--jieba-repeat", "1",
            "--skip-peers", "--skip-serve", "--out", str(out), "--results", "none"]
    proc = subprocess.run(base + ["--keep"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (first,) = out.glob("report-300-seed1-*.json")
    proc = subprocess.run(base + ["--reuse", str(first), "--passages", "3"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert SUMMARY.match(proc.stdout.strip().splitlines()[-1])
    (second,) = set(out.glob("report-300-seed1-*.json")) - {first}
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    steps = [line.split("] ", 1)[-1] for line in proc.stderr.splitlines()]
    assert not [s for s in steps if s.startswith(("building ", "indexing run", "jieba reference"))], steps
    for section in ("corpus", "indexing"):
        assert new[section]["taken_from"] == {"file": first.name, "commit": old["commit"], "date": old["date"]}
        assert {k: v for k, v in new[section].items() if k != "taken_from"} == old[section]
    assert new["reused"]["report"]["file"] == first.name
    assert new["incremental"]["added"] == 1 and new["incremental"]["updated"] == 0
    assert new["incremental"]["reset"]["removed_count"] == 1 and new["incremental"]["reset"]["removed"] == 1
    assert new["passage"]["count"] == 3 and new["queries"]["p95"] is not None
    assert (out / "run-300-seed1" / "index-0").is_dir()  # a reused folder is never removed


def test_a_row_goes_after_the_table_not_after_the_notes(tmp_path):
    from bench.report import insert_row

    md = tmp_path / "RESULTS.md"
    md.write_text("# R\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNotes after the table.\n", encoding="utf-8")
    insert_row(md, "| 3 | 4 |\n")
    assert md.read_text(encoding="utf-8") == "# R\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\nNotes after the table.\n"
