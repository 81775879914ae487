"""Folder syncs pick up PDF and DOCX records beside the text files."""
from __future__ import annotations

from rapporteur.indexer.sync.scan import RECORD_SUFFIXES, scan
from rapporteur.indexer.sync.writer import sync
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.records import DOCX_SR75_ZH_LINES


def test_folder_sync_indexes_docx(tmp_path):
    import docx

    assert {".txt", ".pdf", ".docx"} <= set(RECORD_SUFFIXES)
    folder = tmp_path / "records"
    folder.mkdir()
    document = docx.Document()
    for line in DOCX_SR75_ZH_LINES:
        document.add_paragraph(line)
    document.save(folder / "S_AC.44_SR.75.zh.docx")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not really")  # found, then refused with a reason
    (folder / "ignored.odt").write_bytes(b"")
    assert sorted(f.name for f in scan([folder]).files) == ["S_AC.44_SR.75.zh.docx", "notes.pdf"]
    report = sync(tmp_path / "ix", [folder])
    assert report.added == 1 and [p.endswith("notes.pdf") for p, _r in report.failed] == [True]
    with Engine(tmp_path / "ix") as eng:
        hits = eng.search(SearchRequest(q="delegation:Germany")).to_dict()["hits"]
        assert [(h["symbol"], h["n"], h["delegation_code"]) for h in hits] == [("S/AC.44/SR.75", 1, "DEU")]
