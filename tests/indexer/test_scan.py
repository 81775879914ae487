"""Scanning (indexer/sync/scan.py) and what a sync makes of it: links followed inside the
folders given only, each file once, in folder order; folders that cannot be read or have gone
never taken for deleted files."""
from __future__ import annotations

import os

import pytest

from rapporteur.indexer.errors import SourceUnavailable
from rapporteur.indexer.sync import scan as scanning
from rapporteur.indexer.sync.scan import scan
from rapporteur.indexer.sync.writer import sync
from tests.support.records import write_seed_copy


def test_folder_order_links_and_hidden_entries(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    outside.mkdir()
    for path in (root / "z.txt", root / "A.TXT", root / "a" / "2.pdf", root / "a" / "1.docx", root / "b" / "x.txt",
                 root / ".hidden.txt", root / "notes.odt", outside / "o.txt"):
        path.write_text("x", encoding="utf-8")
    (root / "c").symlink_to(root / "a")  # a folder inside, a second time
    (root / "y.txt").symlink_to(root / "z.txt")  # a file inside, a second time
    (root / "out.txt").symlink_to(outside / "o.txt")
    (root / "out").symlink_to(outside)
    (root / "broken.txt").symlink_to(tmp_path / "nothing.txt")
    found = scan([root])
    assert [p.relative_to(root).as_posix() for p in found.files] == [
        "A.TXT", "broken.txt", "z.txt", "a/1.docx", "a/2.pdf", "b/x.txt"]  # os.walk's order, each once
    assert found.refused == [(str(root / "out"), f"a link to {outside}, outside the folders being indexed; not read"),
                             (str(root / "out.txt"), f"a link to {outside / 'o.txt'}, outside the folders being indexed; "
                                                     "not read")]
    # A folder given as well is inside: its link is followed.
    both = scan([root, outside])
    assert not both.refused and outside / "o.txt" in both.files


def test_a_subfolder_that_cannot_be_read_keeps_its_records(tmp_path, monkeypatch):
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    (corpus / "sub").mkdir(parents=True)
    write_seed_copy(corpus, 1)
    write_seed_copy(corpus / "sub", 2)
    assert sync(ix, [corpus]).added == 2
    real = os.scandir

    def locked(path):  # what the folder says to a user without the right to read it
        if str(path) == str(corpus / "sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(scanning.os, "scandir", locked)
    report = sync(ix, [corpus])
    assert (report.removed, report.unchanged) == (0, 1)
    assert report.failed == [(str(corpus / "sub"), "cannot be read (permission denied); the records of the files "
                                                  "below it are kept")]
    monkeypatch.setattr(scanning.os, "scandir", lambda path: locked(path) if str(path) != str(corpus) else
                        (_ for _ in ()).throw(PermissionError(13, "Permission denied", str(path))))
    with pytest.raises(SourceUnavailable, match=rf"^{corpus}: the folder cannot be read \(permission denied\)"):
        sync(ix, [corpus])
    monkeypatch.undo()
    assert sync(ix, [corpus]).unchanged == 2


def test_a_file_given_by_name_and_deleted_loses_its_record(tmp_path):
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    one = write_seed_copy(corpus, 1)
    assert sync(ix, [one]).added == 1
    one.unlink()
    assert sync(ix, [one]).removed == 1  # a deleted file, not a folder gone


def test_records_of_another_folder_that_has_gone_are_kept(tmp_path):
    """Indexing folder A removes the records of B's files deleted one by one, never those of a B
    that has gone whole (an unmounted disk looks the same)."""
    a, b, ix = tmp_path / "a", tmp_path / "b", tmp_path / "ix"
    a.mkdir()
    b.mkdir()
    write_seed_copy(a, 1)
    b2, _b3 = write_seed_copy(b, 2), write_seed_copy(b, 3)
    assert sync(ix, [a, b]).added == 3
    b2.unlink()
    assert sync(ix, [a]).removed == 1
    b.rename(tmp_path / "b-elsewhere")
    report = sync(ix, [a])
    assert (report.removed, report.unchanged) == (0, 1)
    with pytest.raises(SourceUnavailable, match=rf"^{b}: the folder has gone \(it held 1 record\)"):
        sync(ix, [a, b])


def test_a_manifest_that_links_outside_is_not_read(tmp_path):
    """A manifest is read inside the folders given too: a link to /etc/passwd as records.csv is
    one warning naming both, and the folder is indexed without it."""
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    write_seed_copy(corpus, 1)
    (corpus / "records.csv").symlink_to("/etc/passwd")
    report = sync(ix, [corpus])
    assert report.added == 1
    assert report.manifest_problems == [f"{corpus / 'records.csv'}: a link to /etc/passwd, outside the folders being "
                                        "indexed; not read"]


def test_a_folder_replaced_is_refused_kept_elsewhere_and_taken_as_found_without_its_identities(tmp_path):
    """A folder replaced by a new one (another inode) is refused when given and its records kept
    when another folder is synced; without the identities file (missing or unreadable) a sync
    takes the folders as it finds them, once."""
    from rapporteur.indexer.sync.folders import FOLDERS_NAME

    a, b, ix = tmp_path / "a", tmp_path / "b", tmp_path / "ix"
    a.mkdir()
    b.mkdir()
    write_seed_copy(a, 1)
    write_seed_copy(b, 2)
    assert sync(ix, [a, b]).added == 2
    b.rename(tmp_path / "b-old")
    b.mkdir()
    with pytest.raises(SourceUnavailable, match=rf"^{b}: not the folder indexed before .*it held 1 record\)"):
        sync(ix, [a, b])
    report = sync(ix, [a])
    assert (report.removed, report.unchanged) == (0, 1)  # b's record kept
    (ix / FOLDERS_NAME).write_text("{not json", encoding="utf-8")
    assert sync(ix, [a, b]).removed == 1  # nothing to compare with: taken as it is
    assert sync(ix, [a, b]).removed == 0


def test_a_file_system_mounted_over_a_folder_indexed_is_refused(tmp_path):
    """A folder indexed before that has become a mount point hides the files indexed."""
    import subprocess

    root, ix = tmp_path / "root", tmp_path / "ix"
    (root / "sub").mkdir(parents=True)
    write_seed_copy(root, 1)
    write_seed_copy(root / "sub", 2)
    assert sync(ix, [root]).added == 2
    res = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(root / "sub")], capture_output=True, text=True)
    if res.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({res.stderr.strip()}); CI runs as root and does")
    try:
        with pytest.raises(SourceUnavailable, match=rf"^{root / 'sub'}: not the folder indexed before"):
            sync(ix, [root])
    finally:
        subprocess.run(["umount", str(root / "sub")], check=True)
    assert sync(ix, [root]).unchanged == 2
