"""The relevance benchmark (``python -m bench.relevance``): its metrics on rankings worked out
by hand, the committed judged set, the bigram baseline's tokens, and one end-to-end run on a
small part of the collection (two summary records, 79 paragraphs).

``bench`` is the checkout's top-level folder, importable here as in ``test_bench_smoke.py``.
No timing is checked.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from bench.relevance import Query, dcg, judged_at, load_judgments, load_queries, mean, ndcg_at, rr_at
from bench.relevance.judgments import GRADES
from bench.relevance.metrics import summarise
from bench.relevance.systems import bigram_tokens
from tests.support.paths import ROOT, shared_path

LOG2_3 = math.log2(3)  # 1.5849625…


# ---- metrics -----------------------------------------------------------------------------

def test_dcg_discounts_by_log2_of_rank_plus_one():
    # 3/log2(2) + 2/log2(3) + 0/log2(4) + 1/log2(5) = 3 + 1.2618595 + 0 + 0.4306766 = 4.6925361
    assert dcg([3, 2, 0, 1]) == pytest.approx(4.6925361, abs=1e-6)
    assert dcg([]) == 0


def test_ndcg_of_a_mixed_ranking():
    qrels = {"a": 3, "b": 2, "c": 1}
    # DCG  = 1/log2(2) + 3/log2(3) + 0/log2(4) + 2/log2(5) = 1 + 1.8927893 + 0 + 0.8613531 = 3.7541424
    # IDCG = 3/log2(2) + 2/log2(3) + 1/log2(4)             = 3 + 1.2618595 + 0.5       = 4.7618595
    # nDCG = 3.7541424 / 4.7618595 = 0.7883774
    assert ndcg_at(["c", "a", "x", "b"], qrels) == pytest.approx(0.7883774, abs=1e-6)


def test_ndcg_is_one_for_the_ideal_order_and_zero_without_relevant_hits():
    qrels = {"a": 3, "b": 2, "c": 1, "z": 0}
    assert ndcg_at(["a", "b", "c", "z"], qrels) == pytest.approx(1.0)
    assert ndcg_at(["z", "unjudged"], qrels) == 0.0
    assert ndcg_at([], qrels) == 0.0


def test_ndcg_ideal_counts_judged_paragraphs_no_system_returned():
    # Two paragraphs graded 3, only one returned (at rank 1):
    # 3 / (3 + 3/log2(3)) = 3 / 4.8927893 = 0.6131472
    assert ndcg_at(["a"], {"a": 3, "b": 3}) == pytest.approx(3 / (3 + 3 / LOG2_3))
    assert ndcg_at(["a"], {"a": 3, "b": 3}) == pytest.approx(0.6131472, abs=1e-6)


def test_ndcg_stops_at_k():
    ranking = [f"x{i}" for i in range(10)] + ["a"]  # the one relevant paragraph at rank 11
    assert ndcg_at(ranking, {"a": 2}) == 0.0
    # at k=11: 2/log2(12) over the ideal 2/log2(2) = 1/log2(12) = 0.2789429
    assert ndcg_at(ranking, {"a": 2}, k=11) == pytest.approx(1 / math.log2(12))


def test_ndcg_without_a_positive_grade_is_an_error():
    with pytest.raises(ValueError):
        ndcg_at(["a"], {"a": 0})


def test_reciprocal_rank_counts_grade_two_and_up_only():
    qrels = {"a": 1, "b": 0, "c": 2, "d": 3}
    assert rr_at(["a", "b", "c", "d"], qrels) == pytest.approx(1 / 3)  # "a" is only grade 1
    assert rr_at(["d"], qrels) == 1.0
    assert rr_at(["a", "b", "unjudged"], qrels) == 0.0
    assert rr_at([f"x{i}" for i in range(10)] + ["d"], qrels) == 0.0  # rank 11 is past k


def test_mrr_and_judged_share_over_queries():
    # RR 1/2 and 1/4 → MRR (0.5 + 0.25) / 2 = 0.375; judged: 2 of 4 and 4 of 4 → 0.75
    qrels = {"q1": {"a": 2, "b": 0}, "q2": {"d": 3, "e": 1, "f": 0, "g": 0}}
    runs = {"q1": ["x", "a", "b", "y"], "q2": ["e", "f", "g", "d"]}
    scores = {q: {"ndcg": ndcg_at(runs[q], qrels[q]), "rr": rr_at(runs[q], qrels[q]),
                  "judged": judged_at(runs[q], qrels[q])} for q in runs}
    assert judged_at(runs["q1"], qrels["q1"]) == 0.5
    summary = summarise(scores, {"all": ["q1", "q2"], "none": []})
    assert summary["all"]["mrr"] == pytest.approx(0.375)
    assert summary["all"]["judged"] == pytest.approx(0.75)
    assert summary["all"]["queries"] == 2
    assert summary["none"] == {"queries": 0, "ndcg": None, "mrr": None, "judged": None}
    assert mean([]) is None


# ---- the bigram baseline's tokens --------------------------------------------------------

def test_bigram_tokens_cut_han_runs_and_lowercase_words():
    assert bigram_tokens("出口管制 Export controls") == ["出口", "口管", "管制", "export", "controls"]
    assert bigram_tokens("核 OR 生物") == ["核", "or", "生物"]
    assert bigram_tokens("第1540(2004)号决议") == ["第", "1540", "2004", "号决", "决议"]
    assert bigram_tokens("ＵＮ—，。") == ["un"]  # NFKC folds full-width letters; punctuation is dropped


# ---- the committed judged set ------------------------------------------------------------

def test_committed_queries_cover_both_languages_and_kinds():
    queries = load_queries()
    assert len(queries) >= 40
    langs = [q.lang for q in queries]
    assert langs.count("zh") >= 20 and langs.count("en") >= 15
    assert {q.kind for q in queries} == {"topical", "known-item"}
    assert len({q.q for q in queries}) == len(queries)


def test_every_query_has_judgments_in_range_and_a_relevant_paragraph():
    queries = load_queries()
    judgments = load_judgments(queries=queries)
    assert judgments.fingerprint and len(judgments.fingerprint) == 64
    assert set(judgments.qrels) == {q.id for q in queries}
    for q in queries:
        grades = judgments.qrels[q.id]
        assert set(grades.values()) <= set(GRADES), q.id
        assert max(grades.values()) >= 2, f"{q.id}: no paragraph graded 2 or 3, so MRR is undefined"
        assert all(pid.count(":") >= 2 for pid in grades), q.id
        if q.kind == "known-item":
            assert sorted(grades.values())[-2:] in ([0, 3], [3]), f"{q.id}: a known item has one answer"


def _queries_file(tmp_path):
    path = tmp_path / "q.tsv"
    path.write_text("# comment\nid\tlang\tkind\tquery\tneed\nq1\tzh\ttopical\t出口管制\texport controls\n",
                    encoding="utf-8")
    return path


def test_loader_reads_comments_header_and_rows(tmp_path):
    assert load_queries(_queries_file(tmp_path)) == [Query("q1", "zh", "topical", "出口管制", "export controls")]


@pytest.mark.parametrize("body, reason", [
    ("q1\tS/AC.44/SR.74:zh:1\t4\n", "grade '4'"),
    ("q9\tS/AC.44/SR.74:zh:1\t2\n", "unknown query"),
    ("q1\tS/AC.44/SR.74\t2\n", "not a paragraph id"),
    ("q1\tS/AC.44/SR.74:zh:1\t2\nq1\tS/AC.44/SR.74:zh:1\t3\n", "judged twice"),
    ("q1\tS/AC.44/SR.74:zh:1\n", "2 columns"),
])
def test_loader_rejects_bad_judgment_lines(tmp_path, body, reason):
    bad = tmp_path / "j.tsv"
    bad.write_text("query\tparagraph\tgrade\n" + body, encoding="utf-8")
    with pytest.raises(ValueError, match=reason):
        load_judgments(bad, load_queries(_queries_file(tmp_path)))


def test_loader_rejects_an_unknown_language(tmp_path):
    path = tmp_path / "q.tsv"
    path.write_text("id\tlang\tkind\tquery\tneed\nq1\tfr\ttopical\tx\ty\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lang must be one of"):
        load_queries(path)


# ---- end to end --------------------------------------------------------------------------

def test_missing_shared_corpus_is_one_clear_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "bench.relevance", "--shared", str(tmp_path / "absent")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "shared corpus not found" in proc.stderr


def test_evaluator_end_to_end_on_two_summary_records(tmp_path):
    shared = shared_path("zh-en-summary-record").parent
    shared_path("seed", "S_AC.44_SR.74.zh.txt")
    report, pool = tmp_path / "report.json", tmp_path / "pool.jsonl"
    cmd = [sys.executable, "-m", "bench.relevance", "--shared", str(shared), "--parts", "seed,summary-record",
           "--index-dir", str(tmp_path / "ix"), "--out", str(report), "--pool", str(pool)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = proc.stdout.splitlines()
    assert table[0].startswith("nDCG@10 / MRR@10")
    assert [line.split()[0] for line in table[2:5]] == ["ours", "bigram", "stock"]

    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["collection"]["parts"] == ["seed", "summary-record"]
    assert result["collection"]["paragraphs"] == 79 and result["collection"]["by_lang"] == {"zh": 62, "en": 17}
    assert set(result["systems"]) == {"ours", "bigram", "stock"}
    scored = {q["id"]: q for q in result["queries"]}
    assert {"zh02", "zh08", "en21"} <= set(scored)  # Wiesbaden, the dirty bomb, the man-made prison
    assert "en04" in result["left_out"]  # Security Council reform: nothing in these two records
    for name, groups in result["systems"].items():
        assert groups["all"]["queries"] == len(scored)
        assert groups["zh"]["queries"] > 0 and groups["en"]["queries"] > 0
        for group in groups.values():
            if group["queries"]:
                assert 0 <= group["ndcg"] <= 1 and 0 <= group["mrr"] <= 1, name
    for q in scored.values():
        for name, s in q["systems"].items():
            assert len(s["top"]) <= 20 and all(pid.split(":")[0] in ("S/AC.44/SR.74", "A/AC.183/SR.413")
                                               for pid in s["top"]), (q["id"], name)
    assert scored["zh08"]["systems"]["ours"]["rr"] == 1.0  # the one paragraph on the dirty bomb, first

    for line in pool.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        assert entry["text"] and entry["ranks"] and entry["query"] in {q.id for q in load_queries()}

    again = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)  # reuses the indexes
    assert again.returncode == 0 and "reusing the indexes" in again.stderr, again.stderr[-3000:]
    assert json.loads(report.read_text(encoding="utf-8"))["queries"] == result["queries"]
