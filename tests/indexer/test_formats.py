"""PDF and DOCX records read into the same parser. The fixtures are generated here."""
import zipfile

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from rapporteur.indexer.errors import UnreadableRecord
from rapporteur.indexer.parse import parse_file
from tests.support.records import DOCX_SR75_ZH_LINES, PDF_SR8_EN_LINES


def _pdf_escape(line: str) -> bytes:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def write_pdf(path, pages: list[list[str]], password: str | None = None) -> None:
    """A real PDF with a text layer: one Helvetica text object per page."""
    writer = PdfWriter()
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        font = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        })
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        body = b" T* ".join(b"(" + _pdf_escape(line) + b") Tj" for line in lines)
        stream = DecodedStreamObject()
        stream.set_data(b"BT /F1 10 Tf 40 750 Td 14 TL " + body + b" ET")
        page[NameObject("/Contents")] = writer._add_object(stream)
    if password:
        writer.encrypt(password)
    with open(path, "wb") as fh:
        writer.write(fh)


def test_pdf_record_parses(tmp_path):
    path = tmp_path / "A_AC.99_SR.8.en.pdf"
    write_pdf(path, [PDF_SR8_EN_LINES[:6], PDF_SR8_EN_LINES[6:]])  # paragraph 1 is cut by the page break
    rec = parse_file(path)
    assert (rec.symbol, rec.lang, rec.meeting, rec.date) == ("A/AC.99/SR.8", "en", 8, "2016-06-23")
    assert [(p.n, p.speaker, p.delegation) for p in rec.paragraphs] == [
        (1, "Anton", "Germany"), (2, "Skerter", "New Zealand")]
    assert rec.paragraphs[0].text.endswith("first line of defence and that regulators should meet it often.")
    assert len(rec.checksum) == 64


def test_encrypted_pdf_refused(tmp_path):
    path = tmp_path / "secret.pdf"
    write_pdf(path, [PDF_SR8_EN_LINES], password="s3cret")
    with pytest.raises(UnreadableRecord, match="encrypted PDF"):
        parse_file(path)


def test_malformed_pdf_refused(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    with pytest.raises(UnreadableRecord) as err:
        parse_file(path)
    assert str(err.value).startswith(str(path)) and "PDF" in str(err.value)


def test_docx_record_parses(tmp_path):
    import docx

    document = docx.Document()
    for line in DOCX_SR75_ZH_LINES:
        document.add_paragraph(line)
    path = tmp_path / "S_AC.44_SR.75.zh.docx"
    document.save(path)
    rec = parse_file(path)
    assert (rec.symbol, rec.lang, rec.meeting, rec.opened, rec.closed) == ("S/AC.44/SR.75", "zh", 75, "10:05", "11:00")
    assert [(p.speaker, p.delegation, p.role) for p in rec.paragraphs] == [
        ("Anton", "德国", "观察员"), ("奥亚尔孙•马切西", "西班牙", "主席")]


def test_zip_renamed_docx_refused(tmp_path):
    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a word document")
    with pytest.raises(UnreadableRecord, match="not a valid DOCX"):
        parse_file(path)
