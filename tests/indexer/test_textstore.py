"""The text store (indexer/store/textstore.py): derived from the index, written by each sync,
rebuilt when missing or damaged, removed with its segment, and never needed for a right answer."""
from __future__ import annotations

import shutil

import pytest

from rapporteur.indexer.analysis.segmentation import phrase_words
from rapporteur.indexer.store import textstore
from rapporteur.indexer.store.locations import open_index, read_current
from rapporteur.indexer.sync.writer import sync
from rapporteur.indexer.text import fold
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.paths import SEED

QUERIES = ['"出口管制"', "威斯巴登进程", '"the security council"', '"based on"', "德国 -核", '"的"', '"ΟΔΟΣ.Β"',
           '"οδοσ β"', '"οδος β"']


def _folder(index):
    return index / read_current(index).dir


def _segments(index) -> dict[str, int]:
    ix = open_index(_folder(index))
    try:
        with ix.reader() as reader:
            return {leaf.segment().segment_id(): leaf.doc_count_all() for leaf, _o in reader.leaf_readers()}
    finally:
        ix.close()


def _answers(index):
    with Engine(index, cache_size=0) as engine:
        return {q: [(h["id"], h["score"]) for h in engine.search(SearchRequest(q=q, size=50)).hits] +
                [engine.search(SearchRequest(q=q)).total] for q in QUERIES}


@pytest.fixture
def index(tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "en.txt").write_text(
        "1. The Security Council, based on its resolution, met.\n\n2. Based, on the other hand, on Côte d'Ivoire.\n\n"
        "3. ΟΔΟΣ.Β is a Greek street name, written in capitals.\n",
        encoding="utf-8")
    index = tmp_path / "index"
    sync(index, [folder])
    return index


def test_each_live_segment_has_a_store_equal_to_its_stored_texts(index):
    segments = _segments(index)
    assert segments and all(textstore.path_for(_folder(index), s).exists() for s in segments)
    ix = open_index(_folder(index))
    try:
        with ix.reader() as reader:
            for leaf, _o in reader.leaf_readers():
                store = textstore.SegmentTexts(textstore.path_for(_folder(index), leaf.segment().segment_id()),
                                               leaf.doc_count_all())
                for i in range(leaf.doc_count_all()):
                    text = leaf.stored_fields(i).get("text", "")
                    assert store.get(i) == fold(text)
                    assert store.words(i) == " ".join(phrase_words(fold(text)))
                store.close()
    finally:
        ix.close()


@pytest.mark.parametrize("damage", ["delete", "truncate", "magic", "count"])
def test_a_missing_or_damaged_store_changes_no_answer_and_the_next_sync_rewrites_it(index, damage):
    before = _answers(index)
    folder = _folder(index)
    for seg in _segments(index):
        path = textstore.path_for(folder, seg)
        data = path.read_bytes()
        if damage == "delete":
            path.unlink()
        elif damage == "truncate":
            path.write_bytes(data[:len(data) // 2])
        elif damage == "magic":
            path.write_bytes(b"XXXX" + data[4:])
        else:
            path.write_bytes(data[:4] + (10 ** 6).to_bytes(8, "little") + data[12:])
    textstore._OPEN.clear()  # as a new server process would find the folder
    assert _answers(index) == before
    report = sync(index, [index.parent / "records"])  # nothing to change; the stores are written again
    assert report.unchanged == 2 and not (report.added or report.removed)
    for seg, count in _segments(index).items():
        textstore.SegmentTexts(textstore.path_for(folder, seg), count).close()


def test_stores_go_with_their_segments_and_leftovers_are_removed(index, tmp_path):
    folder = _folder(index)
    (folder / f".MAIN_x{textstore.SUFFIX}.123.tmp").write_bytes(b"half")  # a killed writer's
    for i in range(3):  # more commits, more segments; merges remove old ones
        (tmp_path / "records" / f"more{i}.txt").write_text(f"Paragraph {i} about zebrafish.\n", encoding="utf-8")
        sync(index, [tmp_path / "records"])
    live = set(_segments(index))
    stores = {p.name[:-len(textstore.SUFFIX)] for p in folder.glob(f"*{textstore.SUFFIX}")}
    assert stores == live
    assert not list(folder.glob(".*.tmp"))


def test_an_engine_forgets_the_stores_of_segments_gone(index, tmp_path):
    with Engine(index, cache_size=0) as engine:
        engine.search(SearchRequest(q='"based on"'))
        for i in range(3):
            (tmp_path / "records" / f"more{i}.txt").write_text(f"Paragraph {i}, based on zebrafish.\n",
                                                              encoding="utf-8")
            sync(index, [tmp_path / "records"])
            engine.search(SearchRequest(q='"based on"'))
        live = {(str(_folder(index)), s) for s in _segments(index)}
        mine = {k for k in textstore._OPEN if k[0].startswith(str(index))}
        assert mine <= live


def test_words_holding_matches_whole_words_only(tmp_path):
    from rapporteur.indexer.store.textstore import READ_RUN

    texts = ["And peace and", "band peace and", "and peace andes", "x, and peace and y", "", "peace",
             "and peace band and peace and", "Ünd peace and", "a" * (READ_RUN + 10) + " and peace and"]
    path = textstore.write(tmp_path, "MAIN_t", texts, len(texts))
    store = textstore.SegmentTexts(path, len(texts))
    try:
        got = store.words_holding(list(range(len(texts))), "and peace and")
        want = [f" and peace and " in f" {store.words(i)} " for i in range(len(texts))]
        assert got == want == [True, False, False, True, False, False, True, False, True]
        assert store.words_holding([1, 3, 8], "and peace and") == [False, True, True]
    finally:
        store.close()
