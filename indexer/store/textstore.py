"""The text store: each segment's normalised paragraph texts, beside the segment, for verification.

A search verifies candidates against the paragraph's normalised text (a Han substring, an
alphabetic phrase's words). Read through Whoosh's stored fields, one text costs a zlib'd
pickle of every stored field (about 40 µs), and splitting it into folded words another
100 µs or more; at a million paragraphs a common phrase has tens of thousands of candidates.
The text store keeps, per segment and document, two texts (empty for records):

* the folded text (:func:`~rapporteur.indexer.text.fold` of the ``text`` field), for
  substrings;
* the phrase words of the folded text
  (:func:`~rapporteur.indexer.analysis.segmentation.phrase_words`) joined by single spaces, so that a phrase of words stands in a paragraph exactly when
  ``" w1 w2 … "`` is a substring of ``" " + words + " "``;

as UTF-8 with offset tables, in one file read with ``pread``: about 2 µs a text, and no
memory beyond the offsets (16 bytes a document).

It is derived from the index and never its record: :func:`complete` writes the file of every
live segment that lacks one (``rapporteur index`` calls it at the end of each sync; a missing
or damaged file is written again then), and a search without a valid file for a segment reads
that segment's texts from the stored fields, with the same answers. A file is named after its
segment (``MAIN_<segment id>.rtx``), so Whoosh deletes it with the segment when merges replace
it; it is written to a temporary name and renamed into place, so a killed writer never leaves
half a file under that name; and its header holds the segment's document count, checked on
opening.

Layout: ``RTX2`` · document count n (uint64, little-endian) · 2 × (n + 1) offsets (uint64,
little-endian: the folded texts', then the words', each into its own area) · the folded texts,
UTF-8, one after another · the words, likewise.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

from rapporteur.indexer.analysis.segmentation import phrase_words
from rapporteur.indexer.text import fold

MAGIC = b"RTX2"
SUFFIX = ".rtx"
READ_RUN = 256 * 1024  # bytes read at once when checking neighbouring candidates
_HEADER = len(MAGIC) + 8


def path_for(folder: Path, segment_id: str) -> Path:
    return Path(folder) / f"{segment_id}{SUFFIX}"


def words_text(text: str) -> str:
    """A text's phrase words joined by single spaces (see the module doc); given the folded
    text, as the store and the search both take it (Python lowers some letters by context, so
    folding first keeps the two the same)."""
    return " ".join(phrase_words(text))


def write(folder: Path, segment_id: str, texts, count: int) -> Path:
    """Write the store of one segment from its ``count`` documents' texts, in document order,
    as it reads them (the words go to a second temporary file, appended at the end; memory
    holds only the offsets)."""
    target = path_for(folder, segment_id)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    words_tmp = target.with_name(f".{target.name}.{os.getpid()}.words.tmp")
    offsets = np.zeros(2 * (count + 1), dtype="<u8")
    try:
        with open(tmp, "wb") as f, open(words_tmp, "w+b") as w:
            f.write(MAGIC)
            f.write(np.array([count], dtype="<u8").tobytes())
            f.write(offsets.tobytes())  # a placeholder, written again at the end
            text_at = words_at = 0
            n = 0
            for t in texts:
                if n == count:
                    raise ValueError(f"{segment_id}: more than {count} texts")
                folded = fold(t or "")
                tb, wb = folded.encode("utf-8"), words_text(folded).encode("utf-8")
                f.write(tb)
                w.write(wb)
                text_at += len(tb)
                words_at += len(wb)
                n += 1
                offsets[n], offsets[count + 1 + n] = text_at, words_at
            if n != count:
                raise ValueError(f"{segment_id}: {n} texts for {count} documents")
            w.seek(0)
            while chunk := w.read(1 << 20):
                f.write(chunk)
            f.seek(_HEADER)
            f.write(offsets.tobytes())
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        words_tmp.unlink(missing_ok=True)
    return target


class SegmentTexts:
    """The store of one segment, opened for reading; :meth:`get` is thread-safe (``pread``)."""

    def __init__(self, path: Path, count: int):
        self.path = Path(path)
        self._fd = -1
        self._word_list = None  # the words' offsets as Python ints, made on first need
        self._fd = os.open(self.path, os.O_RDONLY)
        try:
            head = os.pread(self._fd, _HEADER, 0)
            if len(head) != _HEADER or head[:4] != MAGIC:
                raise ValueError(f"{self.path}: not a text store")
            stored = int(np.frombuffer(head[4:], dtype="<u8")[0])
            if stored != count:
                raise ValueError(f"{self.path}: {stored} documents, the segment has {count}")
            raw = os.pread(self._fd, 16 * (count + 1), _HEADER)
            if len(raw) != 16 * (count + 1):
                raise ValueError(f"{self.path}: offsets cut short")
            offsets = np.frombuffer(raw, dtype="<u8").astype(np.int64)
            self._texts, self._words = offsets[:count + 1], offsets[count + 1:]
            self._text_base = _HEADER + 16 * (count + 1)
            self._words_base = self._text_base + int(self._texts[-1])
            size = os.fstat(self._fd).st_size
            if (self._words_base + int(self._words[-1]) != size or np.any(np.diff(self._texts) < 0)
                    or np.any(np.diff(self._words) < 0)):
                raise ValueError(f"{self.path}: {size} bytes, the offsets say otherwise")
        except Exception:
            self.close()
            raise

    def get(self, local: int) -> str:
        """The folded text of a document (by its number in the segment)."""
        start, end = self._texts[local], self._texts[local + 1]
        return os.pread(self._fd, int(end - start), self._text_base + int(start)).decode("utf-8")

    def words(self, local: int) -> str:
        """Its phrase words, joined by single spaces."""
        start, end = self._words[local], self._words[local + 1]
        return os.pread(self._fd, int(end - start), self._words_base + int(start)).decode("utf-8")

    def words_holding(self, locals_, phrase: str, check=None) -> list[bool]:
        """For each document (numbers in the segment, ascending), whether its words hold
        ``phrase`` (words joined by single spaces) as whole words: ``" phrase "`` in
        ``" " + words + " "``. The texts are read in runs of neighbouring candidates
        (:data:`READ_RUN` bytes at most, gaps included) and compared as UTF-8 bytes, whose spaces
        never occur inside a character. ``check()`` is called every 64 documents."""
        core = phrase.encode("utf-8")
        k = len(core)
        if self._word_list is None:
            self._word_list = self._words.tolist()
        offs = self._word_list
        docs = list(locals_)
        out = [False] * len(docs)
        start = end = -1
        buf = b""
        for i, d in enumerate(docs):
            if check is not None and not i & 63:
                check()
            s, e = offs[d], offs[d + 1]
            if e - s < k:
                continue
            if s < start or e > end:  # read this candidate and the next ones within READ_RUN
                start, end = s, e
                j = i + 1
                while j < len(docs) and offs[docs[j] + 1] - start <= READ_RUN:
                    end = offs[docs[j] + 1]
                    j += 1
                buf = os.pread(self._fd, end - start, self._words_base + start)
            ls, le = s - start, e - start
            pos = buf.find(core, ls, le)
            while pos >= 0:
                after = pos + k
                if (pos == ls or buf[pos - 1] == 32) and (after == le or buf[after] == 32):
                    out[i] = True
                    break
                pos = buf.find(core, pos + 1, le)
        return out

    def close(self) -> None:
        fd, self._fd = self._fd, -1
        if fd >= 0:
            os.close(fd)

    def __del__(self):
        self.close()


_OPEN: dict[tuple[str, str], SegmentTexts | None] = {}
_OPEN_LOCK = threading.Lock()


def retain(folder: Path, segment_ids) -> None:
    """Forget the open stores of one index that are not ``segment_ids`` of ``folder`` (segments
    merged away, or a folder replaced by a rebuild). They are closed once no search holds them."""
    folder = str(folder)
    parent = os.path.dirname(folder)
    live = set(segment_ids)
    with _OPEN_LOCK:
        for key in [k for k in _OPEN if os.path.dirname(k[0]) == parent and (k[0] != folder or k[1] not in live)]:
            del _OPEN[key]


def open_segment(folder: Path, segment_id: str, count: int) -> SegmentTexts | None:
    """The store of a segment, or None when it has no valid one (then the caller reads the
    stored fields). Kept open per process: a segment's store never changes."""
    key = (str(folder), segment_id)
    with _OPEN_LOCK:
        if key in _OPEN and _OPEN[key] is not None:
            return _OPEN[key]
    try:
        store = SegmentTexts(path_for(folder, segment_id), count)
    except (OSError, ValueError):
        store = None
    if store is not None:
        with _OPEN_LOCK:
            store = _OPEN.setdefault(key, store)
    return store


def complete(folder: Path, progress=None) -> int:
    """Write the store of every live segment of the index in ``folder`` that has no valid one,
    and remove leftover temporary files; the number of stores written."""
    from rapporteur.indexer.store.locations import open_index

    folder = Path(folder)
    for leftover in folder.glob(f".*{SUFFIX}.*.tmp"):
        leftover.unlink(missing_ok=True)
    written = 0
    ix = open_index(folder)
    try:
        with ix.reader() as reader:
            for leaf, _offset in reader.leaf_readers():
                seg = leaf.segment()
                if seg is None:  # an empty index's reader
                    continue
                count = leaf.doc_count_all()
                try:
                    SegmentTexts(path_for(folder, seg.segment_id()), count).close()
                    continue
                except (OSError, ValueError):
                    pass
                if progress:
                    progress("texts", str(folder), str(count))
                texts = (leaf.stored_fields(i).get("text", "") if not leaf.is_deleted(i) else ""
                         for i in range(count))
                write(folder, seg.segment_id(), texts, count)
                written += 1
    finally:
        ix.close()
    return written
