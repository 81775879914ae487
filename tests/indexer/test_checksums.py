"""The checksum cache: unchanged files are not read again, any rewrite is, a bad cache is ignored."""
from __future__ import annotations

import hashlib
import os
import time

import pytest

from rapporteur.indexer.sync import checksums
from rapporteur.indexer.sync.checksums import CACHE_NAME, ChecksumCache
from rapporteur.indexer.errors import UnreadableRecord
from rapporteur.indexer.sync.writer import sync
from tests.support.records import write_seed_copy
from tests.support.search import hits

SETTLE_NS = 50_000_000  # the tests wait 0.1 s instead of the real settling time


@pytest.fixture
def short_settle(monkeypatch):
    monkeypatch.setattr(checksums, "SETTLE_NS", SETTLE_NS)


@pytest.fixture
def reads(monkeypatch):
    """The paths whose content was read and hashed."""
    seen: list[str] = []
    real = checksums.file_checksum

    def counting(path):
        seen.append(str(path))
        return real(path)

    monkeypatch.setattr(checksums, "file_checksum", counting)
    return seen


def settle():
    time.sleep(2 * SETTLE_NS / 1e9)


def cached_file(folder, content: bytes):
    """A file, settled, hashed through a cache that is then saved."""
    f = folder / "a.txt"
    f.write_bytes(content)
    settle()
    cache = ChecksumCache(folder / CACHE_NAME)
    cache.checksum(f)
    cache.save()
    return f


def test_unchanged_file_comes_from_the_cache(tmp_path, short_settle, reads):
    f = tmp_path / "a.txt"
    f.write_bytes("甲乙丙".encode())
    settle()
    cache = ChecksumCache(tmp_path / CACHE_NAME)
    assert cache.checksum(f) == hashlib.sha256("甲乙丙".encode()).hexdigest()
    cache.save()
    again = ChecksumCache(tmp_path / CACHE_NAME)
    assert again.checksum(f) == hashlib.sha256("甲乙丙".encode()).hexdigest()
    assert again.hits == 1 and reads == [str(f)]


def test_rewrite_with_same_size_and_restored_mtime_is_read_again(tmp_path, short_settle):
    f = cached_file(tmp_path, b"version 1")
    before = os.stat(f)
    settle()
    f.write_bytes(b"version 2")
    os.utime(f, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(f).st_size == before.st_size and os.stat(f).st_mtime_ns == before.st_mtime_ns
    again = ChecksumCache(tmp_path / CACHE_NAME)
    assert again.checksum(f) == hashlib.sha256(b"version 2").hexdigest()
    assert again.hits == 0


def test_a_file_hashed_as_it_changes_is_not_cached(tmp_path, reads):
    f = tmp_path / "a.txt"
    f.write_bytes(b"fresh")
    cache = ChecksumCache(tmp_path / CACHE_NAME)
    cache.checksum(f)  # changed just now: within the settling time
    cache.save()
    ChecksumCache(tmp_path / CACHE_NAME).checksum(f)
    assert reads == [str(f), str(f)]


@pytest.mark.parametrize("content", [b"", b"not json", b'{"format": 99, "files": {}}', b'{"format": 1, "files": []}',
                                     b'{"format": 1, "files": {"x": 3}}', b"\xff\xfe"])
def test_a_bad_cache_file_is_ignored(tmp_path, short_settle, content):
    f = tmp_path / "a.txt"
    f.write_bytes(b"text")
    (tmp_path / CACHE_NAME).write_bytes(content.replace(b'"x"', f'"{f}"'.encode()))
    settle()
    cache = ChecksumCache(tmp_path / CACHE_NAME)
    assert cache.checksum(f) == hashlib.sha256(b"text").hexdigest()
    cache.save()
    assert ChecksumCache(tmp_path / CACHE_NAME).checksum(f) == hashlib.sha256(b"text").hexdigest()


def test_a_cached_path_that_became_a_fifo_is_refused(tmp_path, short_settle):
    f = cached_file(tmp_path, b"text")
    assert ChecksumCache(tmp_path / CACHE_NAME).entries  # it was cached as a regular file
    f.unlink()
    os.mkfifo(f)
    with pytest.raises(UnreadableRecord):
        ChecksumCache(tmp_path / CACHE_NAME).checksum(f)


def test_cache_keeps_other_folders_entries_and_drops_deleted_files(tmp_path, short_settle):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"a")
    b.write_bytes(b"b")
    settle()
    first = ChecksumCache(tmp_path / CACHE_NAME)
    first.checksum(a)
    first.checksum(b)
    first.save()
    b.unlink()
    second = ChecksumCache(tmp_path / CACHE_NAME)  # a session that sees neither file
    second.save()
    third = ChecksumCache(tmp_path / CACHE_NAME)
    assert set(third.entries) == {str(a)}


def test_sync_reads_only_new_and_changed_files(tmp_path, short_settle, reads):
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    one, two = write_seed_copy(corpus, 1), write_seed_copy(corpus, 2)
    settle()
    sync(ix, [corpus])
    assert (ix / CACHE_NAME).is_file()
    reads.clear()

    again = sync(ix, [corpus])
    assert again.unchanged == 2 and reads == []

    size, mtime = os.stat(two).st_size, os.stat(two).st_mtime_ns
    text = two.read_text(encoding="utf-8").replace("议程通过", "议程通讯")  # same length, same bytes
    two.write_text(text, encoding="utf-8")
    os.utime(two, ns=(mtime, mtime))
    assert os.stat(two).st_size == size
    three = write_seed_copy(corpus, 3)
    changed = sync(ix, [corpus])
    assert (changed.added, changed.updated, changed.unchanged) == (1, 1, 1)
    assert sorted(reads) == sorted([str(two), str(three)])
    assert hits(ix, '"议程通讯"') == {"S/AC.44/SR.2"}
    assert str(one) not in reads
