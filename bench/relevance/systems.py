"""The three rankers, built over the same paragraphs and asked the same query strings.

``ours``
    the product: records indexed by its real writer (``sync`` for record files,
    ``import_records`` for JSONL), searched through ``Engine.search`` (result cache off), so
    every part of the product's ranking (word fields, substring matches, the speaker and
    delegation fields, the OR widening) is what is measured.
``bigram``
    plain character-bigram BM25: one Whoosh field holding the text cut into overlapping
    bigrams for Han runs (a lone Han character is its own token) and lowercased words for
    other scripts (no stemming, no stop words); text and query NFKC-normalised. The query is
    the **OR** of its distinct tokens, scored by Whoosh's default BM25F (B 0.75, K1 1.2).
    OR, not AND, because that is the classic bigram baseline of CJK retrieval: AND of a
    long Chinese query's bigrams is a substring search that finds nothing for most
    paraphrased needs, while BM25's sum over the bigrams already puts the paragraphs holding
    all of them first. No speaker or delegation field.
``stock``
    stock Whoosh + ``jieba.analyse.ChineseAnalyzer`` as :mod:`bench.peers` builds it (jieba's
    search-mode tokens, lowercased, English stop words removed and Porter-stemmed), queries
    through Whoosh's ``QueryParser`` with ``AndGroup`` (all words required) and the default
    BM25F. No speaker or delegation field.

Each class builds its index (``build(collection, index_dir)``), opens it (``cls(index_dir)``) and
answers ``search(q, k)`` with the ids (``symbol:lang:n``) of its top ``k``; :data:`SYSTEMS` names them.
"""
from __future__ import annotations

import logging
import re
import shutil
import unicodedata
import warnings
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import AndGroup, QueryParser
from whoosh.query import Or, Term

from bench.relevance.collection import Collection
from rapporteur.indexer.read.jsonl import read_jsonl
from rapporteur.indexer.sync.writer import import_records, sync
from rapporteur.search.engine import Engine, SearchRequest

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_HAN}]+|[^\W_{_HAN}]+")
_HAN_RUN = re.compile(rf"[{_HAN}]")


def bigram_tokens(text: str) -> list[str]:
    """``"出口管制 Export controls"`` → ``["出口", "口管", "管制", "export", "controls"]``."""
    out: list[str] = []
    for run in _TOKEN.findall(unicodedata.normalize("NFKC", text).lower()):
        if _HAN_RUN.match(run):
            out += [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
        else:
            out.append(run)
    return out


# ---------------------------------------------------------------- ours

class Ours:
    name = "ours"

    def __init__(self, index_dir: Path):
        self.engine = Engine(index_dir, cache_size=0)

    @staticmethod
    def build(coll: Collection, index_dir: Path) -> None:
        report = sync(index_dir, coll.files)
        if report.failed:
            raise RuntimeError(f"the product's writer failed on {report.failed[0][0]}: {report.failed[0][1]}")
        for path in coll.jsonl:
            good, _errors = read_jsonl(path)  # validated when the collection was built
            import_records(index_dir, path, good)

    def search(self, q: str, k: int) -> list[str]:
        return [hit["id"] for hit in self.engine.search(SearchRequest(q=q, size=k)).hits]

    def close(self) -> None:
        self.engine.close()


# ---------------------------------------------------------------- the Whoosh baselines

class _WhooshSystem:
    """A plain Whoosh index with a stored ``id``; a subclass turns a query string into a Whoosh
    query (``query``, None for a query with nothing to look for)."""

    def __init__(self, index_dir: Path):
        self.ix = whoosh_index.open_dir(str(index_dir))
        self.searcher = self.ix.searcher()

    def search(self, q: str, k: int) -> list[str]:
        query = self.query(q)
        if query is None:
            return []
        return [hit["id"] for hit in self.searcher.search(query, limit=k)]

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()

    @staticmethod
    def _write(index_dir: Path, schema, docs) -> None:
        shutil.rmtree(index_dir, ignore_errors=True)
        index_dir.mkdir(parents=True)
        ix = whoosh_index.create_in(str(index_dir), schema)
        writer = ix.writer(limitmb=256)
        for doc in docs:
            writer.add_document(**doc)
        writer.commit()
        ix.close()


class Bigram(_WhooshSystem):
    name = "bigram"

    @staticmethod
    def build(coll: Collection, index_dir: Path) -> None:
        # The tokens are made here and joined by spaces: the index holds only stock Whoosh
        # classes, so it opens without this module.
        schema = Schema(id=ID(stored=True, unique=True),
                        text=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False))
        _WhooshSystem._write(index_dir, schema,
                             ({"id": p.id, "text": " ".join(bigram_tokens(p.text))} for p in coll.paragraphs))

    def query(self, q: str):
        tokens = list(dict.fromkeys(bigram_tokens(q)))
        return Or([Term("text", t) for t in tokens]) if tokens else None


def _chinese_analyzer():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        from jieba.analyse import ChineseAnalyzer
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return ChineseAnalyzer()


class Stock(_WhooshSystem):
    name = "stock"

    def __init__(self, index_dir: Path):
        _chinese_analyzer()  # jieba loaded quietly before the schema's analyzer first runs
        super().__init__(index_dir)
        self.parser = QueryParser("text", self.ix.schema, group=AndGroup)

    @staticmethod
    def build(coll: Collection, index_dir: Path) -> None:
        schema = Schema(id=ID(stored=True, unique=True), text=TEXT(analyzer=_chinese_analyzer()))
        _WhooshSystem._write(index_dir, schema, ({"id": p.id, "text": p.text} for p in coll.paragraphs))

    def query(self, q: str):
        return self.parser.parse(q)


SYSTEMS = {cls.name: cls for cls in (Ours, Bigram, Stock)}
