"""The block reader of search/whoosh_io.py gives what Whoosh's public matcher API gives: every
posting list of the seed index (ids and weights), segments with deletions, field lengths."""
from __future__ import annotations

import shutil

import numpy as np
from whoosh.query import Term

from rapporteur.indexer.store.locations import open_index, read_current
from rapporteur.indexer.store.schema import BIGRAMS
from rapporteur.indexer.sync.writer import sync
from rapporteur.search import whoosh_io
from rapporteur.search.context import SearchContext, SegmentCache
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.paths import SEED


def _open(index_dir):
    ix = open_index(index_dir / read_current(index_dir).dir)
    return ix, ix.searcher()


def _public(leaf, fieldname, btext):
    m = leaf.reader.postings(fieldname, btext)
    ids, ws = [], []
    while m.is_active():
        ids.append(m.id())
        ws.append(m.weight())
        m.next()
    return ids, ws


def test_the_version_check_admits_this_whoosh():
    assert whoosh_io.FAST, "the installed whoosh-reloaded is outside whoosh_io.SUPPORTED: the fast path is off"


def test_every_posting_list_equals_the_public_api(seed_index):
    ix, searcher = _open(seed_index)
    try:
        lists = 0
        for leaf in whoosh_io.leaves(searcher):
            for fieldname, btext in leaf.reader.all_terms():
                ids, ws = whoosh_io.postings(leaf, fieldname, btext)
                want_ids, want_ws = _public(leaf, fieldname, btext)
                assert ids.tolist() == want_ids, (fieldname, btext)
                assert ws.tolist() == [float(np.float32(w)) for w in want_ws], (fieldname, btext)
                lists += 1
        assert lists > 5000  # the seed's bigrams, words, ids and metadata
    finally:
        searcher.close()
        ix.close()


def test_field_lengths_equal_the_public_api(seed_index):
    from whoosh.util.numeric import byte_to_length

    ix, searcher = _open(seed_index)
    try:
        for leaf in whoosh_io.leaves(searcher):
            for name in ("text_zh", "text_en", "speaker_words", BIGRAMS):
                codes = whoosh_io.field_length_bytes(leaf, name)
                assert len(codes) == leaf.count
                want = [leaf.reader.doc_field_length(i, name, 0) or 0 for i in range(leaf.count)]
                assert [byte_to_length(int(c)) if c else 0 for c in codes] == want
    finally:
        searcher.close()
        ix.close()


def test_deleted_documents_are_left_out_and_segments_keep_their_key(tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "notes.txt").write_text("Zebrafish notes.\n\nMore zebrafish.\n", encoding="utf-8")
    index = tmp_path / "index"
    sync(index, [folder])
    ix, searcher = _open(index)
    keys_before = {leaf.key for leaf in whoosh_io.leaves(searcher)}
    searcher.close()
    ix.close()
    (folder / "notes.txt").write_text("Zebrafish notes, changed.\n", encoding="utf-8")
    sync(index, [folder])  # the old notes documents are deleted in their segment
    ix, searcher = _open(index)
    try:
        leaves = whoosh_io.leaves(searcher)
        assert any(leaf.deleted is not None and len(leaf.deleted) for leaf in leaves)
        assert keys_before & {leaf.key for leaf in leaves}  # the seed's segment is the same segment
        ctx = SearchContext(searcher, segments=SegmentCache(max_bytes=1 << 20))
        for name, value in (("kind", "para"), ("symbol", "notes")):
            docs = ctx.term_docs(name, value)
            assert docs.tolist() == sorted(searcher.docs_for_query(Term(name, value))), name
        assert len(ctx.term_docs("symbol", "notes")) == 1 + 1  # its record document and one paragraph
    finally:
        searcher.close()
        ix.close()
    with Engine(index) as engine:
        assert engine.search(SearchRequest(q="zebrafish")).total == 1


def test_postings_cache_stays_within_its_budget(seed_index):
    ix, searcher = _open(seed_index)
    try:
        cache = SegmentCache(max_bytes=20_000)
        ctx = SearchContext(searcher, segments=cache)
        uncached = SearchContext(searcher, segments=SegmentCache(max_bytes=0))
        terms = [t.decode() for f, t in searcher.reader().all_terms() if f == BIGRAMS][:300]
        for _round in range(2):
            for t in terms:
                assert ctx.term_docs(BIGRAMS, t).tolist() == uncached.term_docs(BIGRAMS, t).tolist()
                assert cache.bytes <= cache.max_bytes
        assert 0 < len(cache._items) < len(terms)
    finally:
        searcher.close()
        ix.close()
