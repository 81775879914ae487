"""Every read of Whoosh's internals, in one place, behind a version check.

The executor (:mod:`rapporteur.search.execute`, :mod:`rapporteur.search.score`) works on numpy
arrays: a term's postings as sorted document numbers and weights, a field's per-document
lengths as one byte a document. Whoosh's public API yields them one posting at a time through
a matcher (a Python call per posting); its ``whoosh3`` codec stores them as posting blocks of
up to 128 postings (a pickled tuple of delta-coded ids, weights and values, zlib-compressed)
and the lengths as one byte a document in a column. This module reads those blocks and that
column directly, a block at a time.

It does so only for the codec and versions it was written against (:data:`SUPPORTED`: the
``whoosh-reloaded`` releases whose ``whoosh3`` layout is the one read here). For any other
version or codec, or a posting list held in memory (a writer's reader), every function falls
back to Whoosh's public matcher API: slower, the same answers. ``tests/search/test_whoosh_io.py``
checks both paths against each other.
"""
from __future__ import annotations

import io
import pickle
import zlib
from dataclasses import dataclass

import numpy as np
import whoosh
from whoosh.util.numeric import byte_to_length

# whoosh-reloaded versions whose whoosh3 codec internals this module reads (lower inclusive,
# upper exclusive); pyproject.toml pins the same range.
SUPPORTED = ((2, 7, 5), (2, 8))
FAST = SUPPORTED[0] <= tuple(whoosh.__version__) < SUPPORTED[1]

if FAST:  # imported only where the layout is known
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader, _lenfield
    from whoosh.columns import EmptyColumnReader, VarBytesColumn
    from whoosh.matching.wrappers import FilterMatcher

_INT = np.dtype(">i4")
# Whoosh's one-byte length code → the length it stands for (as ``byte_to_length``).
LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)

EMPTY_IDS = np.zeros(0, dtype=np.int32)
EMPTY_WEIGHTS = np.zeros(0, dtype=np.float32)


@dataclass
class Leaf:
    """One segment of a searcher: its reader, its first global document number, its document
    count (deleted included), its deleted local document numbers, and a key naming the segment
    (the same in every generation that keeps the segment, so decoded postings can be kept;
    None for a reader that is not a stored segment's, whose data must not be kept)."""

    reader: object
    offset: int
    count: int
    deleted: np.ndarray | None
    key: str | None


def leaves(searcher) -> list[Leaf]:
    """The segments of a searcher, in document-number order."""
    out = []
    for reader, offset in searcher.reader().leaf_readers():
        deleted = None
        if reader.has_deletions():
            deleted = np.fromiter(sorted(reader.deleted_docs_set), dtype=np.int32)
        seg = getattr(reader, "segment", lambda: None)()
        key = seg.segment_id() if seg is not None and hasattr(seg, "segment_id") else None
        out.append(Leaf(reader, offset, reader.doc_count_all(), deleted, key))
    return out


def term_bytes(schema, fieldname: str, text) -> bytes | None:
    """The term as the index stores it, or None when the field or value cannot hold it."""
    if fieldname not in schema:
        return None
    if isinstance(text, bytes):
        return text
    try:
        return schema[fieldname].to_bytes(text)
    except ValueError:
        return None


def postings(leaf: Leaf, fieldname: str, btext: bytes, known: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """``(local ids, weights)`` of a term in one segment, deleted documents included (the
    caller removes them), ids sorted: int32 and float32 arrays. ``known``: the segment is
    known to hold the term (one term-dictionary lookup fewer)."""
    reader = leaf.reader
    if not known and (fieldname, btext) not in reader:
        return EMPTY_IDS, EMPTY_WEIGHTS
    m = reader.postings(fieldname, btext)
    if FAST and isinstance(m, FilterMatcher):
        m = m.child
    if FAST and type(m) is W3LeafMatcher and not m._byteids:
        return _w3_blocks(m)
    return _by_matcher(m)


def _w3_blocks(m) -> tuple[np.ndarray, np.ndarray]:
    """Read every block of a whoosh3 posting list: per block its header (length, pickled info)
    and its data (zlib'd pickle of ids, weights, values); the ids, delta-coded within a block,
    are decoded for the whole list by one cumulative sum."""
    f = m._postfile
    start = m._startoffset
    length = m._length[0] if isinstance(m._length, tuple) else m._length  # a 1-tuple in some releases
    whole = f.get(start, length)
    buf = io.BytesIO(whole)
    buf.seek(4)  # the header tag
    deltas: list = []
    weights: list = []
    starts: list[int] = []
    prev_max = 0  # the last id of the block before
    unpickle = pickle.load
    loads = pickle.loads
    decompress = zlib.decompress
    while True:
        pos = buf.tell()
        length = int.from_bytes(whole[pos:pos + 4], "big", signed=True)
        buf.seek(pos + 4)
        last = length < 0
        end = pos + 4 + abs(length)
        count, maxid, _maxw, compression, _mn, _mx = unpickle(buf)
        data = whole[buf.tell():end]
        if compression:
            data = decompress(data)
        ids, ws, _values = loads(data)
        starts.append(len(deltas))
        deltas.extend(ids)
        if starts[-1]:
            deltas[starts[-1]] -= prev_max
        prev_max = maxid
        if ws is None:
            weights.append(np.ones(count, dtype=np.float32))
        elif isinstance(ws, float):
            weights.append(np.full(count, ws, dtype=np.float32))
        else:
            weights.append(np.asarray(ws, dtype=np.float32))
        if last:
            break
        buf.seek(end)
    if not weights:
        return EMPTY_IDS, EMPTY_WEIGHTS
    ids_arr = np.cumsum(np.asarray(deltas, dtype=np.int64)).astype(np.int32)
    return ids_arr, (np.concatenate(weights) if len(weights) > 1 else weights[0])


def _by_matcher(m) -> tuple[np.ndarray, np.ndarray]:
    """Any matcher, through the public API (one call per posting)."""
    ids: list[int] = []
    ws: list[float] = []
    while m.is_active():
        ids.append(m.id())
        ws.append(m.weight())
        m.next()
    return np.asarray(ids, dtype=np.int32), np.asarray(ws, dtype=np.float32)


def field_length_bytes(leaf: Leaf, fieldname: str) -> np.ndarray:
    """Each document's length code in ``fieldname`` (one byte a document, 0: none)."""
    reader = leaf.reader
    perdoc = getattr(reader, "_perdoc", None)
    if FAST and isinstance(perdoc, W3PerDocReader):
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return np.zeros(leaf.count, dtype=np.uint8)
        raw = column._dbfile.get(column._basepos, column._count)
        out = np.zeros(leaf.count, dtype=np.uint8)
        got = np.frombuffer(raw, dtype=np.uint8)[:leaf.count]
        out[:len(got)] = got
        return out
    from whoosh.util.numeric import length_to_byte

    return np.fromiter((length_to_byte(reader.doc_field_length(i, fieldname, 0) or 0) for i in range(leaf.count)),
                       dtype=np.uint8, count=leaf.count)


def column_values(leaf: Leaf, fieldname: str) -> list:
    """Every document's value of a column field in one segment (None past the column's end,
    as Whoosh's own reader leaves a segment whose later documents lack the field). A whoosh3
    variable-bytes column is read as one block and each distinct value translated once;
    anything else one value at a time through the public reader."""
    reader = leaf.reader.column_reader(fieldname)  # a default-valued column if absent
    raw, translate = getattr(reader, "_reader", None), getattr(reader, "_translate", None)
    if FAST and type(raw) is VarBytesColumn.Reader and translate is not None:
        lengths, offsets = raw._lengths, raw._offsets
        if len(lengths) == leaf.count:
            end = (offsets[-1] + lengths[-1]) if len(lengths) else 0
            data = raw._dbfile.get(raw._basepos, end) if end else b""
            seen: dict[bytes, object] = {}
            out = []
            for o, n in zip(offsets, lengths):
                b = data[o:o + n]
                v = seen.get(b)
                if v is None:
                    v = seen[b] = translate(b)
                out.append(v)
            return out
    try:
        vals = list(reader)
    except Exception:  # noqa: BLE001 — one read per document below
        vals = None
    if vals is None or len(vals) != leaf.count:
        vals = []
        for i in range(leaf.count):
            try:
                vals.append(reader[i])
            except IndexError:
                vals.append(None)
    return vals


def column_empty(leaf: Leaf, fieldname: str) -> np.ndarray:
    """Which documents of one segment have no value in a bytes column (one boolean a document;
    True also for a segment without the column and past a column's end). A whoosh3
    variable-bytes column is answered from its array of value lengths (no value read); anything
    else from :func:`column_values`."""
    reader = leaf.reader.column_reader(fieldname)  # a default-valued column if absent
    raw = getattr(reader, "_reader", None)
    if FAST and type(raw) is EmptyColumnReader:
        return np.ones(leaf.count, dtype=bool)
    if FAST and type(raw) is VarBytesColumn.Reader and len(raw._lengths) == leaf.count:
        return np.asarray(raw._lengths) == 0
    return np.fromiter((v in (None, "", b"") for v in column_values(leaf, fieldname)), dtype=bool, count=leaf.count)


def bm25_parameters(searcher, fieldname: str, btext: bytes) -> tuple[float, float, float, float] | None:
    """``(idf, avgfl, B, K1)`` as Whoosh's BM25F scorer for this term computes them, or None
    when the searcher's weighting is not BM25F or the field is not scorable (then the term
    scores its weight alone, as Whoosh's ``WeightScorer``)."""
    from whoosh import scoring

    w = searcher.weighting
    if type(w) is not scoring.BM25F or not searcher.schema[fieldname].scorable:
        return None
    parent = searcher.get_parent()
    b = w._field_B.get(fieldname, w.B)
    return parent.idf(fieldname, btext), parent.avg_field_length(fieldname) or 1, b, w.K1


def stored(searcher, docnum: int) -> dict:
    """A document's stored fields."""
    return searcher.stored_fields(docnum)


def expand(query, reader, limit: int | None = None) -> list[bytes]:
    """The terms a ``Prefix`` or ``TermRange`` stands for in this reader (the first ``limit``)."""
    out = []
    for b in query._btexts(reader):
        if b:
            out.append(b)
            if limit is not None and len(out) >= limit:
                break
    return out
