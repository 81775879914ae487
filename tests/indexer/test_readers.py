"""Record files in every supported encoding are read; everything else is refused with a reason."""
import codecs

import pytest

from rapporteur.indexer.errors import UnreadableRecord
from rapporteur.indexer.parse import parse_file
from rapporteur.indexer.read.text import read_text

ZH = "Anton 先生(德国观察员)说,德国以工商业作为其外联工作的重点,认为工商业是执行第 1540(2004) 号决议的第一道防线。"
TW = "Anton 先生(德國觀察員)說,德國以工商業作為其外聯工作的重點,認為工商業是執行決議的第一道防線。"
FR = "M. Anton (Observateur de l'Allemagne) dit que la délégation allemande considère l'industrie comme essentielle."


@pytest.mark.parametrize(
    "data, text",
    [
        (ZH.encode("utf-8"), ZH),
        (codecs.BOM_UTF8 + ZH.encode("utf-8"), ZH),
        (ZH.encode("utf-16"), ZH),
        (codecs.BOM_UTF16_LE + ZH.encode("utf-16-le"), ZH),
        (codecs.BOM_UTF16_BE + ZH.encode("utf-16-be"), ZH),
        (ZH.encode("utf-16-le"), ZH),  # no BOM
        (ZH.encode("gb18030"), ZH),
        (TW.encode("big5"), TW),
        (FR.encode("latin-1"), FR),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "gb18030", "big5", "latin1"],
)
def test_supported_encodings(tmp_path, data, text):
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    assert read_text(path).text == text


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
        (b"abc\x00\x01\x02\x03def" * 10, "NUL bytes"),
        (b"PK\x03\x04" + bytes(100), "ZIP archive"),
    ],
    ids=["empty", "blank", "png", "nul", "zip"],
)
def test_unreadable_files_name_file_and_reason(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(UnreadableRecord) as err:
        read_text(path)
    message = str(err.value)
    assert message.startswith(str(path)) and reason in message
    assert "\n" not in message


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableRecord, match="no such file"):
        read_text(tmp_path / "nope.txt")


def test_folder_is_not_a_record(tmp_path):
    with pytest.raises(UnreadableRecord, match="folder"):
        read_text(tmp_path)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(UnreadableRecord, match="too large"):
        read_text(path, limit=1024)


def test_gb18030_record_parses_like_utf8(tmp_path):
    from tests.support.paths import SEED

    path = tmp_path / "S_AC.44_SR.74.zh.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    rec = parse_file(path)
    assert len(rec.paragraphs) == 45 and rec.paragraphs[9].speaker == "Anton"


def test_unrecognised_layout_falls_back_with_one_warning(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("First block of text.\nStill first.\n\nSecond block.\n\n\nThird.", encoding="utf-8")
    rec = parse_file(path)
    assert [p.text for p in rec.paragraphs] == ["First block of text. Still first.", "Second block.", "Third."]
    assert [p.n for p in rec.paragraphs] == [1, 2, 3]
    assert all(p.speaker is None for p in rec.paragraphs)
    assert len(rec.warnings) == 1 and "layout not recognised" in rec.warnings[0]
    assert rec.symbol == "notes"


def test_pipe_is_refused_without_blocking(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableRecord, match="not a regular file"):
        read_text(fifo)


def test_symlink_loop_is_refused(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(UnreadableRecord) as err:
        read_text(a)
    assert str(err.value).startswith(str(a))
