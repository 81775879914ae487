"""BulkSegmentWriter writes the same index as Whoosh's SegmentWriter: every term, posting
(docnum, weight, value bytes), field length, stored field and column value."""
from __future__ import annotations

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from rapporteur.indexer.store.documents import record_documents
from rapporteur.indexer.model import Paragraph
from rapporteur.indexer.parse import parse_file
from rapporteur.indexer.store.schema import build_schema
from rapporteur.indexer.store.segwriter import BulkSegmentWriter
from tests.support.paths import FIXTURES, SEED


def _records():
    seed = parse_file(SEED)
    fixture = parse_file(FIXTURES / "A_C.1_71_SR.9.zh.txt")
    english = parse_file(SEED)
    english.symbol, english.lang = "S/AC.44/SR.75", "en"
    english.paragraphs = [Paragraph(n=i + 1, text=t, speaker="Mr. Smith", delegation="Germany")
                          for i, t in enumerate(["The Committee adopted resolution 1540 (2004) and S/AC.44/SR.74.",
                                                 "Délégations welcomed the report; the delegations' views differed."])]
    return [seed, fixture, english]


def _contents(ix):
    out = {}
    with ix.searcher() as s:
        r = s.reader()
        out["segments"] = [seg.doc_count_all() for seg in ix._segments()]
        out["stored"] = [r.stored_fields(d) for d in range(r.doc_count_all())]
        postings = {}
        for leaf, (lr, _base) in enumerate(r.leaf_readers()):
            for fieldname in sorted(lr.indexed_field_names()):
                for term in lr.lexicon(fieldname):
                    m = lr.postings(fieldname, term)
                    items = []
                    while m.is_active():
                        # with the block statistics, which come from the field lengths
                        items.append((m.id(), m.weight(), m.value(), m.block_min_length(),
                                      m.block_max_length(), m.block_max_weight()))
                        m.next()
                    postings[(leaf, fieldname, term)] = items
        out["postings"] = postings
        out["lengths"] = {(d, f): r.doc_field_length(d, f) for d in range(r.doc_count_all())
                          for f in r.indexed_field_names()}
        out["field_lengths"] = {f: r.field_length(f) for f in r.indexed_field_names()}
        out["columns"] = {f: list(r.column_reader(f)) for f in ("symbol", "lang", "n", "speaker", "delegation_code")}
    return out


def _build(path, writer_class):
    path.mkdir()
    ix = whoosh_index.create_in(str(path), build_schema())
    records = _records()
    # Two commits, then a third that merges them (optimize): the merge path too.
    for batch in (records[:1], records[1:]):
        w = writer_class(ix)
        for rec in batch:
            for doc in record_documents(rec, f"/x/{rec.symbol}", "c"):
                w.add_document(**doc)
        w.commit(merge=False)
    first = _contents(ix)
    w = writer_class(ix)
    w.commit(optimize=True)
    return first, _contents(whoosh_index.open_dir(str(path)))


def test_bulk_writer_writes_the_same_index_as_whoosh(tmp_path):
    ours = _build(tmp_path / "bulk", BulkSegmentWriter)
    theirs = _build(tmp_path / "whoosh", SegmentWriter)
    for mine, ref in zip(ours, theirs):
        assert mine["segments"] == ref["segments"]
        assert mine["stored"] == ref["stored"]
        assert mine["postings"].keys() == ref["postings"].keys()
        assert mine["postings"] == ref["postings"]
        assert mine["lengths"] == ref["lengths"]
        assert mine["field_lengths"] == ref["field_lengths"]
        assert mine["columns"] == ref["columns"]
    assert len(ours[1]["segments"]) == 1 and len(ours[0]["postings"]) > 1000
