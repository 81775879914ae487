"""Ranking quality on a judged set: ``python -m bench.relevance --help``.

The speed benchmark (:mod:`bench`) says how fast the product answers; this says how good the
answers are, against two baselines built over the same paragraphs in the same run:

* ``collection``: the fixed set of real UN records from ``../shared/corpus`` that is judged;
* ``systems``: the product (its writer and ``Engine.search``), a plain character-bigram BM25
  and stock Whoosh + jieba's ``ChineseAnalyzer``;
* ``judgments``: the queries (``queries.tsv``) and graded judgments (``judgments.tsv``);
* ``metrics``: nDCG@10 and MRR@10.
"""
from bench.relevance.judgments import Judgments, Query, load_judgments, load_queries
from bench.relevance.metrics import dcg, judged_at, mean, ndcg_at, rr_at

__all__ = ["Judgments", "Query", "dcg", "judged_at", "load_judgments", "load_queries", "mean", "ndcg_at",
           "rr_at"]
