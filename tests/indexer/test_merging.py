"""Commits merge small segments a bounded batch at a time and never the large ones."""
from __future__ import annotations

from whoosh import index as whoosh_index

from rapporteur.indexer.store import merging
from rapporteur.indexer.store.locations import INDEX_NAME, read_current
from rapporteur.indexer.sync.writer import sync
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.records import write_seed_copy

DOCS_PER_RECORD = 46  # the seed: 45 paragraphs and the record document


def segments(ix_dir) -> dict[str, int]:
    ix = whoosh_index.open_dir(str(ix_dir / read_current(ix_dir).dir), indexname=INDEX_NAME)
    try:
        return {s.segment_id(): s.doc_count_all() for s in ix._segments()}
    finally:
        ix.close()


def symbols(ix_dir, q: str) -> list[str]:
    with Engine(ix_dir) as eng:
        return sorted({h["symbol"] for h in eng.search(SearchRequest(q=q, size=100)).hits})


def test_small_segments_merge_and_large_ones_stay(tmp_path, monkeypatch):
    monkeypatch.setattr(merging, "SMALL_SEGMENT_DOCS", 2 * DOCS_PER_RECORD + 1)
    monkeypatch.setattr(merging, "MERGE_AT", 3)
    monkeypatch.setattr(merging, "MAX_MERGE_DOCS", 3 * DOCS_PER_RECORD)
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    for n in (1, 2, 3):
        write_seed_copy(corpus, n)
    sync(ix, [corpus])  # one large segment of three records
    (large_id, large_docs), = segments(ix).items()
    assert large_docs == 3 * DOCS_PER_RECORD

    for n in (4, 5, 6):  # each sync commits one small segment
        write_seed_copy(corpus, n)
        sync(ix, [corpus])
    assert sorted(segments(ix).values()) == [DOCS_PER_RECORD] * 3 + [3 * DOCS_PER_RECORD]

    write_seed_copy(corpus, 7)  # three small segments: merged into the new one with record 7
    sync(ix, [corpus])
    after = segments(ix)
    assert after[large_id] == 3 * DOCS_PER_RECORD
    assert sorted(after.values()) == [3 * DOCS_PER_RECORD, 4 * DOCS_PER_RECORD]

    wanted = [f"S/AC.44/SR.{n}" for n in range(1, 8)]
    assert symbols(ix, '"威斯巴登进程"') == wanted
    with Engine(ix) as eng:
        assert eng.stats()["records"] == 7 and eng.stats()["paragraphs"] == 7 * 45
        hits = eng.search(SearchRequest(q="出口管制", size=5)).hits
    assert hits and all(h["symbol"] in wanted for h in hits)


def test_bulk_sized_segments_are_never_merged(tmp_path, monkeypatch):
    monkeypatch.setattr(merging, "SMALL_SEGMENT_DOCS", DOCS_PER_RECORD)  # every segment is large
    monkeypatch.setattr(merging, "MERGE_AT", 2)
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    for n in range(1, 7):
        write_seed_copy(corpus, n)
        sync(ix, [corpus])
    assert sorted(segments(ix).values()) == [DOCS_PER_RECORD] * 6
