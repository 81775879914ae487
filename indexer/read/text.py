"""Bytes on disk → text. One error type, :class:`UnreadableRecord`, for every file that cannot be read.

PDF (``read_pdf.py``) and DOCX (``read_docx.py``) files are recognised by their content and
name. Text files are decoded from UTF-8 (with or without BOM), UTF-16 (BOM, or the tell-tale
NUL pattern), GB18030, Big5 and Latin-1; the choice among the legacy encodings is made by
charset detection. Known binary formats and files with stray NUL bytes are refused with the
reason, as are empty files and files beyond the size limit.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from rapporteur.indexer.errors import UnreadableRecord
from rapporteur.indexer.text import is_cjk

MAX_BYTES = 20 * 1024 * 1024  # a UN record is well under 2 MB; refuse what cannot be one

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Encodings a record may come in, tried by charset detection once UTF-8 has failed.
LEGACY_ENCODINGS = ("gb18030", "big5", "utf_16_le", "utf_16_be", "latin_1", "cp1252", "cp1251", "cp1256")


@dataclass
class RawText:
    text: str
    encoding: str
    checksum: str  # sha256 of the bytes on disk
    identity: tuple | None = None  # the file's stat identity when these bytes were read (see FileBytes)
    read_ns: int = 0


@dataclass
class FileBytes:
    """A file's bytes, read whole and unchanged while they were read, with the file's identity
    then (device, inode, size, mtime and ctime in nanoseconds) and when (``time.time_ns()``)."""

    data: bytes
    identity: tuple
    read_ns: int


# A file that changes while it is read (its size, times or length read differ before and after)
# is read again, up to READ_TRIES times, QUIET_S apart (doubling); then refused. A file changed
# less than QUIET_S before the read ended may be half-way through a copy that has paused
# between two writes: it is looked at again after QUIET_S, and read again if it changed.
READ_TRIES = 5
QUIET_S = 0.1


def checksum_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_identity(st: os.stat_result) -> tuple:
    """What tells whether a file's bytes may have changed: device, inode, size, mtime and ctime
    (nanoseconds). The ctime changes on every write and ``utime``, and no program can set it."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def inside(path: str, folders) -> bool:
    """Whether the resolved ``path`` is one of ``folders`` (resolved paths) or lies below one."""
    return any(path == str(f) or path.startswith(str(f).rstrip(os.sep) + os.sep) for f in folders)


class OutsideFolders(UnreadableRecord):
    """A record file that is a link to a file outside the folders being indexed: never read."""

    def __init__(self, path, target):
        self.target = str(target)
        super().__init__(path, outside_reason(target))


def outside_reason(target) -> str:
    """Why a link in a folder being indexed is not read (said by the scan and by the reader)."""
    return f"a link to {target}, outside the folders being indexed; not read"


class ChangedWhileRead(UnreadableRecord):
    """A file that kept changing while it was read: refused rather than indexed half."""


def _open(path: str | os.PathLike, within) -> int:
    """A descriptor of ``path`` opened for reading without blocking (a FIFO must not wait for a
    writer). With ``within`` (resolved folders), the file is opened by its resolved path, only if
    that lies inside one of them, and without following a final link, so a link swapped in after
    the check is refused, not followed; where the system tells what was opened, that is checked
    too."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if within is None:
        return os.open(path, flags)
    real = os.path.realpath(path)
    if not inside(real, within):
        raise OutsideFolders(path, real)
    fd = os.open(real, flags | getattr(os, "O_NOFOLLOW", 0))
    try:
        opened = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:  # no /proc: the resolved path was checked and no final link followed
        return fd
    if not inside(opened, within):
        os.close(fd)
        raise OutsideFolders(path, opened)
    return fd


def read_file(path: str | os.PathLike, limit: int = MAX_BYTES, within=None) -> FileBytes:
    """The bytes of a regular file, read once and whole (see :data:`READ_TRIES`), with its
    identity. ``within``: the resolved folders the file must lie in (see :func:`_open`).
    Raises :class:`UnreadableRecord` (:class:`OutsideFolders`, :class:`ChangedWhileRead`) with
    the reason."""
    p = Path(path)
    wait = QUIET_S
    try:
        for _attempt in range(READ_TRIES):
            fd = _open(path, within)
            with open(fd, "rb", closefd=True) as fh:
                before = os.fstat(fd)
                if stat.S_ISDIR(before.st_mode):
                    raise UnreadableRecord(p, "is a folder, not a record file")
                if not stat.S_ISREG(before.st_mode):
                    raise UnreadableRecord(p, "not a regular file (a pipe, socket or device)")
                if before.st_size > limit:
                    raise UnreadableRecord(
                        p, f"too large ({before.st_size / 1048576:.1f} MB; records over {limit // 1048576} MB are refused)"
                    )
                data = fh.read(limit + 1)
                after = os.fstat(fd)
                read_ns = time.time_ns()
                if file_identity(before) == file_identity(after) and len(data) == after.st_size:
                    if read_ns - after.st_ctime_ns >= QUIET_S * 1e9:
                        return FileBytes(data, file_identity(after), read_ns)
                    time.sleep(QUIET_S)  # changed just now: a copy may only have paused
                    if file_identity(os.fstat(fd)) == file_identity(after):
                        return FileBytes(data, file_identity(after), read_ns)
                elif len(data) > limit:
                    raise UnreadableRecord(p, f"too large (grew past {limit // 1048576} MB while it was read)")
            time.sleep(wait)
            wait *= 2
        raise ChangedWhileRead(p, f"changed while it was read ({READ_TRIES} tries); not indexed: it is read "
                                  "again by the next run once it has stopped changing")
    except UnreadableRecord:
        raise
    except FileNotFoundError:
        raise UnreadableRecord(p, "no such file (or a broken link)") from None
    except PermissionError:
        raise UnreadableRecord(p, "permission denied") from None
    except OSError as exc:
        raise UnreadableRecord(p, f"cannot be read ({exc.strerror or exc})") from None


def read_bytes(path: str | os.PathLike, limit: int = MAX_BYTES, within=None) -> bytes:
    """The bytes of a regular file (:func:`read_file`)."""
    return read_file(path, limit, within).data


def _plausible(text: str) -> float:
    """Share of characters that ordinary record text is made of."""
    ok = sum(1 for ch in text if ch.isprintable() and ord(ch) < 0x180 or ch in "\t\n\r" or is_cjk(ch)
             or 0x0400 <= ord(ch) <= 0x06FF)  # Cyrillic to Arabic
    return ok / max(1, len(text))


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: the ASCII in it puts NULs at one byte parity and never the other."""
    if len(data) < 16 or len(data) % 2:
        return None
    pairs = len(data) // 2
    even, odd = data[0::2].count(0) / pairs, data[1::2].count(0) / pairs
    if odd >= 0.05 and even <= odd / 10:
        enc = "utf-16-le"
    elif even >= 0.05 and odd <= even / 10:
        enc = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    return (text, enc) if _plausible(text) >= 0.97 else None


def decode(data: bytes, path: str | os.PathLike = "<bytes>") -> tuple[str, str]:
    """Decode record bytes; returns ``(text, encoding)`` or raises :class:`UnreadableRecord`."""
    if not data.strip():
        raise UnreadableRecord(path, "empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", " with BOM")
            except UnicodeDecodeError as exc:
                raise UnreadableRecord(path, f"invalid {enc} text at byte {exc.start}") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableRecord(path, f"binary file ({what}), not a text record")
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise UnreadableRecord(path, "binary file (contains NUL bytes), not a text record")
        return found
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise UnreadableRecord(path, "undecodable text (not UTF-8, UTF-16, GB18030, Big5 or Latin-1)")
    text = str(best)
    if _control_ratio(text) > 0.01:
        raise UnreadableRecord(path, "binary file (mostly control characters), not a text record")
    return text, best.encoding


def _control_ratio(text: str) -> float:
    bad = sum(1 for ch in text[:100_000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / max(1, min(len(text), 100_000))


def read_text(path: str | os.PathLike, limit: int = MAX_BYTES, within=None) -> RawText:
    """A record file's text, from one read of its bytes (:func:`read_file`; ``within`` as
    there); its checksum and identity are those of the bytes the text was decoded from."""
    read = read_file(path, limit, within)
    raw = text_of(read.data, path)
    raw.identity, raw.read_ns = read.identity, read.read_ns
    return raw


def text_of(data: bytes, path: str | os.PathLike = "<bytes>") -> RawText:
    """The text of a record file's bytes (text in any supported encoding, PDF or DOCX)."""
    p = Path(path)
    if data.startswith(b"%PDF-") or (p.suffix.lower() == ".pdf" and data.strip()):
        from rapporteur.indexer.read.pdf import pdf_text

        return RawText(text=pdf_text(data, path), encoding="pdf", checksum=checksum_bytes(data))
    if p.suffix.lower() == ".docx" and data.strip():
        from rapporteur.indexer.read.docx import docx_text

        return RawText(text=docx_text(data, path), encoding="docx", checksum=checksum_bytes(data))
    text, encoding = decode(data, path)
    if _control_ratio(text) > 0.01:
        raise UnreadableRecord(path, "binary file (mostly control characters), not a text record")
    return RawText(text=text, encoding=encoding, checksum=checksum_bytes(data))
