"""nDCG@k and MRR@k over graded judgments, and their means by language and query kind.

* **nDCG@k**: DCG@k = Σ_{i=1..k} grade(i) / log2(i + 1), with linear gains (the grade itself,
  0–3, as ``trec_eval``'s ``ndcg_cut``), divided by the DCG@k of the ideal ranking of that
  query's judged paragraphs (all of them, not only those some system returned).
* **MRR@k**: the mean over queries of 1 / rank of the first paragraph graded ≥ 2
  (:data:`RELEVANT`) among the first k, 0 when there is none.

A paragraph without a judgment counts as grade 0. ``judged@k`` (the share of the first k
that has a judgment) says how far that assumption is stretched: a ranker that brings up many
unjudged paragraphs needs the pool extended (``python -m bench.relevance --pool``) before its
figures mean much.
"""
from __future__ import annotations

import math

K = 10
RELEVANT = 2  # the grade from which a paragraph counts as relevant for MRR


def dcg(grades: list[int]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at(ranking: list[str], qrels: dict[str, int], k: int = K) -> float:
    """nDCG@k of ``ranking`` (paragraph ids, best first) under ``qrels`` (id → grade)."""
    ideal = dcg(sorted(qrels.values(), reverse=True)[:k])
    if ideal == 0:
        raise ValueError("nDCG is undefined for a query without a paragraph graded above 0")
    return dcg([qrels.get(pid, 0) for pid in ranking[:k]]) / ideal


def rr_at(ranking: list[str], qrels: dict[str, int], k: int = K) -> float:
    """Reciprocal rank of the first paragraph graded ≥ :data:`RELEVANT` in the first k; 0 if none."""
    for i, pid in enumerate(ranking[:k], 1):
        if qrels.get(pid, 0) >= RELEVANT:
            return 1.0 / i
    return 0.0


def judged_at(ranking: list[str], qrels: dict[str, int], k: int = K) -> float:
    """The share of the first k places held by a judged paragraph (1.0 for an empty ranking)."""
    top = ranking[:k]
    return sum(pid in qrels for pid in top) / len(top) if top else 1.0


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def per_query(ranking: list[str], qrels: dict[str, int], k: int = K) -> dict:
    return {"ndcg": ndcg_at(ranking, qrels, k), "rr": rr_at(ranking, qrels, k),
            "judged": judged_at(ranking, qrels, k), "returned": len(ranking[:k])}


def summarise(scores: dict[str, dict], groups: dict[str, list[str]]) -> dict:
    """Means of each per-query figure over each group of query ids: ``{group: {queries, ndcg, mrr, judged}}``."""
    out = {}
    for name, qids in groups.items():
        rows = [scores[q] for q in qids if q in scores]
        out[name] = {"queries": len(rows), "ndcg": mean([r["ndcg"] for r in rows]),
                     "mrr": mean([r["rr"] for r in rows]), "judged": mean([r["judged"] for r in rows])}
    return out
