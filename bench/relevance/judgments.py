"""The judged set: ``queries.tsv`` and ``judgments.tsv`` beside this module.

Both are tab-separated, UTF-8, with ``#`` comment lines before a header row.

``queries.tsv``: ``id  lang  kind  query  need``: ``lang`` is ``zh`` or ``en``, ``kind`` is
``topical`` (any paragraph about the subject) or ``known-item`` (the user remembers a
passage and wants that paragraph back); ``need`` says in one line what the user wants, and
is what the grades were given against.

``judgments.tsv``: ``query  paragraph  grade``, one line per judged (query, paragraph id);
grades 0–3 (:data:`GRADES`). Paragraph texts are not stored: ids only, which name
paragraphs of the collection of :mod:`bench.relevance.collection`; the header line
``# collection fingerprint: <sha256>`` records which build of it the ids were judged on.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.tsv"
JUDGMENTS = HERE / "judgments.tsv"

LANGS = ("zh", "en")
KINDS = ("topical", "known-item")
GRADES = {
    0: "not relevant",
    1: "mentions the topic in passing",
    2: "clearly relevant",
    3: "directly and substantially about the query's topic",
}
_FINGERPRINT = re.compile(r"^#\s*collection fingerprint:\s*([0-9a-f]{64})\s*$")
_ID = re.compile(r"^[^\t]+:[a-z]{2}:\d+$")


@dataclass(frozen=True)
class Query:
    id: str
    lang: str
    kind: str
    q: str
    need: str


@dataclass
class Judgments:
    qrels: dict[str, dict[str, int]] = field(default_factory=dict)  # query id → paragraph id → grade
    fingerprint: str | None = None

    def pairs(self) -> int:
        return sum(len(v) for v in self.qrels.values())


def _rows(path: Path, columns: tuple[str, ...]):
    """``(line number, row dict)`` after the comment lines and the header row, which must be ``columns``."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [(i, line.rstrip("\r\n")) for i, line in enumerate(fh, 1)]
    body = [(i, line) for i, line in lines if line.strip() and not line.startswith("#")]
    if not body or tuple(body[0][1].split("\t")) != columns:
        raise ValueError(f"{path}: the first line after the comments must be the header {' / '.join(columns)}")
    for i, line in body[1:]:
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) != len(columns):
            raise ValueError(f"{path}:{i}: {len(cells)} columns, expected {len(columns)}")
        yield i, dict(zip(columns, (c.strip() for c in cells)))


def load_queries(path: Path = QUERIES) -> list[Query]:
    out: list[Query] = []
    seen: set[str] = set()
    for i, row in _rows(path, ("id", "lang", "kind", "query", "need")):
        q = Query(row["id"], row["lang"], row["kind"], row["query"], row["need"])
        if not q.id or q.id in seen:
            raise ValueError(f"{path}:{i}: query id {q.id!r} is empty or given twice")
        if q.lang not in LANGS or q.kind not in KINDS or not q.q or not q.need:
            raise ValueError(f"{path}:{i}: lang must be one of {LANGS}, kind one of {KINDS}, query and need non-empty")
        seen.add(q.id)
        out.append(q)
    return out


def load_judgments(path: Path = JUDGMENTS, queries: list[Query] | None = None) -> Judgments:
    """The grades; with ``queries``, every judged query id must be one of them."""
    known = {q.id for q in queries} if queries is not None else None
    out = Judgments()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = _FINGERPRINT.match(line.strip())
            if m:
                out.fingerprint = m.group(1)
                break
    for i, row in _rows(path, ("query", "paragraph", "grade")):
        qid, pid, grade = row["query"], row["paragraph"], row["grade"]
        if known is not None and qid not in known:
            raise ValueError(f"{path}:{i}: unknown query {qid!r}")
        if not _ID.match(pid):
            raise ValueError(f"{path}:{i}: {pid!r} is not a paragraph id (symbol:lang:n)")
        if grade not in {str(g) for g in GRADES}:
            raise ValueError(f"{path}:{i}: grade {grade!r} is not one of {sorted(GRADES)}")
        qrels = out.qrels.setdefault(qid, {})
        if pid in qrels:
            raise ValueError(f"{path}:{i}: {qid} {pid} judged twice")
        qrels[pid] = int(grade)
    return out
