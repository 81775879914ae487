"""The same paragraphs and queries on two other engines.

* **tantivy-py**: paragraphs pre-segmented with the project's jieba (UN user dictionary,
  precise mode), tokens joined by spaces, indexed with positions; delegation and language
  as raw fast fields. A query's terms are segmented the same way: a term is a phrase of its
  tokens (a single token is a term query), all terms required; filters are required terms.
  Latency includes the top 10 with stored documents, the exact count, a snippet per hit
  (``SnippetGenerator``) and delegation/language facet counts (terms aggregations).
  Index time excludes the segmentation, which is reported separately.
* **stock Whoosh + jieba.analyse.ChineseAnalyzer**: one writer process, text stored; queries
  through Whoosh's ``QueryParser`` (AND), ``groupedby`` delegation/language for facets and
  ``hit.highlights`` for snippets.
"""
from __future__ import annotations

import logging
import re
import shutil
import time
import warnings
from pathlib import Path

from bench.queries import Query, time_queries

_TOKEN = re.compile(r'\s*(-?)(?:([A-Za-z_]+):)?("[^"]*"|\S+)')


def split_query(q: str) -> tuple[list[tuple[str, bool]], dict[str, str]]:
    """``'word "a phrase" delegation:"Sri Lanka"'`` → ([(word, False), (a phrase, True)], {delegation: Sri Lanka})."""
    terms, filters = [], {}
    for m in _TOKEN.finditer(q):
        _neg, name, raw = m.groups()
        quoted = raw.startswith('"') and raw.endswith('"') and len(raw) >= 2
        text = raw[1:-1] if quoted else raw
        if name:
            filters[name] = text
        elif text:
            terms.append((text, quoted))
    return terms, filters


def _seg():
    from rapporteur.indexer.analysis.segmentation import segmenter

    return segmenter()


def _quote(s: str) -> str:
    return '"' + s.replace("\\", " ").replace('"', " ") + '"'


# ---------------------------------------------------------------- tantivy

def tantivy_run(paragraphs: list[dict], queries: list[Query], repeat: int, work: Path) -> dict:
    import tantivy

    seg = _seg()
    t0 = time.perf_counter()
    segmented = [" ".join(t for t in seg.lcut(p["text"]) if t.strip()) for p in paragraphs]
    seg_seconds = time.perf_counter() - t0

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("body", stored=True, tokenizer_name="default", index_option="position")
    sb.add_text_field("delegation", stored=True, tokenizer_name="raw", fast=True)
    sb.add_text_field("lang", stored=True, tokenizer_name="raw", fast=True)
    sb.add_text_field("symbol", stored=True, tokenizer_name="raw")
    schema = sb.build()
    index = tantivy.Index(schema, path=str(work))
    t0 = time.perf_counter()
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    for p, body in zip(paragraphs, segmented):
        writer.add_document(tantivy.Document(body=body, delegation=p.get("delegation") or "",
                                             lang=p.get("lang") or "", symbol=p.get("symbol") or ""))
    writer.commit()
    writer.wait_merging_threads()
    index_seconds = time.perf_counter() - t0
    index.reload()
    searcher = index.searcher()
    aggs = {"delegation": {"terms": {"field": "delegation", "size": 10}},
            "lang": {"terms": {"field": "lang", "size": 10}}}

    def to_query(q: Query):
        terms, filters = split_query(q.q)
        parts = []
        for text, _quoted in terms:
            toks = [t for t in seg.lcut(text) if t.strip()]
            if toks:
                parts.append("+" + _quote(" ".join(toks)))
        for name in ("delegation", "lang"):
            if name in filters:
                parts.append(f"+{name}:{_quote(filters[name])}")
        return index.parse_query(" ".join(parts) or "*", ["body"])

    def run_one(q: Query) -> int:
        query = to_query(q)
        res = searcher.search(query, 10, count=True)
        gen = tantivy.SnippetGenerator.create(searcher, query, schema, "body")
        for _score, addr in res.hits:
            doc = searcher.doc(addr)
            gen.snippet_from_doc(doc).to_html()
        searcher.aggregate(query, aggs)
        return res.count

    result = time_queries(run_one, queries, repeat)
    result.update(index_seconds=index_seconds, segment_seconds=seg_seconds,
                  index_bytes=sum(f.stat().st_size for f in work.rglob("*") if f.is_file()))
    return result


# ---------------------------------------------------------------- stock Whoosh + ChineseAnalyzer

def whoosh_baseline_run(paragraphs: list[dict], queries: list[Query], repeat: int, work: Path) -> dict:
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import AndGroup, QueryParser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        from jieba.analyse import ChineseAnalyzer
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    schema = Schema(text=TEXT(analyzer=ChineseAnalyzer(), stored=True),
                    delegation=ID(stored=True, sortable=True), lang=ID(stored=True, sortable=True))
    ix = whoosh_index.create_in(str(work), schema)
    t0 = time.perf_counter()
    writer = ix.writer(limitmb=256)
    for p in paragraphs:
        doc = {"text": p["text"], "lang": p.get("lang") or ""}
        if p.get("delegation"):
            doc["delegation"] = p["delegation"]
        writer.add_document(**doc)
    writer.commit()
    index_seconds = time.perf_counter() - t0
    parser = QueryParser("text", schema, group=AndGroup)
    searcher = ix.searcher()

    def run_one(q: Query) -> int:
        terms, filters = split_query(q.q)
        parts = [_quote(t) if quoted else t for t, quoted in terms]
        parts += [f"{name}:{_quote(v)}" for name, v in filters.items() if name in ("delegation", "lang")]
        query = parser.parse(" ".join(parts))
        res = searcher.search(query, limit=10, groupedby=["delegation", "lang"])
        for i in range(min(10, res.scored_length())):
            res[i].highlights("text")
        res.groups("delegation")
        res.groups("lang")
        return len(res)

    try:
        result = time_queries(run_one, queries, repeat)
    finally:
        searcher.close()
    result.update(index_seconds=index_seconds,
                  index_bytes=sum(f.stat().st_size for f in work.rglob("*") if f.is_file()))
    return result
