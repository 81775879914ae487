"""Rapporteur's benchmark (issue 6): ``python -m bench --help``.

One module per job: ``corpus`` builds record files from real UN text, ``indexing`` times the
real indexer in a subprocess, ``queries`` draws and times searches, ``peers`` runs tantivy-py
and the stock jieba+Whoosh baseline on the same paragraphs, ``serve`` loads a real
``rapporteur serve``, ``report`` writes the JSON and the Markdown row. Ranking quality is
measured apart, on a judged set: ``python -m bench.relevance`` (:mod:`bench.relevance`).
"""
