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


# ---- reading inside the folders being indexed, once, unchanged while read


def test_a_link_outside_the_folders_is_refused_where_it_is_opened(tmp_path):
    from rapporteur.indexer.read.text import OutsideFolders

    root, outside = tmp_path / "root", tmp_path / "outside.txt"
    root.mkdir()
    outside.write_text(FR, encoding="utf-8")
    (root / "inside.txt").write_text(ZH, encoding="utf-8")
    (root / "link.txt").symlink_to(outside)
    (root / "alias.txt").symlink_to(root / "inside.txt")
    with pytest.raises(OutsideFolders) as err:
        read_text(root / "link.txt", within=[root])
    assert str(err.value) == f"{root / 'link.txt'}: a link to {outside}, outside the folders being indexed; not read"
    assert read_text(root / "alias.txt", within=[root]).text == ZH  # a link inside is read
    assert read_text(root / "link.txt").text == FR  # a file named by the user (rapporteur parse FILE) is followed


def test_a_file_swapped_for_a_link_after_the_scan_is_refused_by_the_reader(tmp_path):
    """The scan saw a record file; a link to a file outside replaced it before it was read: the
    sync's reader (the pool, in this process) refuses it, naming both."""
    from rapporteur.indexer.sync.pool import prepared
    from rapporteur.indexer.sync.scan import scan

    root, secret = tmp_path / "root", tmp_path / "secret.txt"
    root.mkdir()
    secret.write_text(FR, encoding="utf-8")
    (root / "a.txt").write_text(ZH, encoding="utf-8")
    found = scan([root])
    assert found.files == [root / "a.txt"] and not found.refused
    (root / "a.txt").unlink()
    (root / "a.txt").symlink_to(secret)
    [done] = prepared([(found.files[0], None, None)], workers=1, within=found.roots)
    assert done.record is None
    assert done.reason == f"a link to {secret}, outside the folders being indexed; not read"


def test_the_checksum_is_of_the_bytes_parsed(tmp_path):
    import hashlib

    f = tmp_path / "a.txt"
    f.write_text(ZH, encoding="utf-8")
    record = parse_file(f)
    assert record.checksum == hashlib.sha256(ZH.encode("utf-8")).hexdigest()


def test_a_file_that_keeps_changing_while_read_is_refused(tmp_path, monkeypatch):
    """Every read sees the file change (here: it grows by a line between the two looks at it):
    refused with the reason after the tries, never returned half."""
    import os

    from rapporteur.indexer.read import text as reading

    f = tmp_path / "growing.txt"
    f.write_text(ZH, encoding="utf-8")
    real_fstat, calls = os.fstat, []

    def growing_fstat(fd):
        calls.append(fd)
        if len(calls) % 2 == 0:  # the look after the read: the file has grown meanwhile
            with open(f, "a", encoding="utf-8") as fh:
                fh.write(ZH)
        return real_fstat(fd)

    monkeypatch.setattr(reading.os, "fstat", growing_fstat)
    monkeypatch.setattr(reading, "QUIET_S", 0.001)
    with pytest.raises(reading.ChangedWhileRead, match=r"changed while it was read \(5 tries\)"):
        reading.read_text(f)
    assert len(calls) == 2 * reading.READ_TRIES
