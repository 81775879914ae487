"""Segmentation: text → word spans. Han runs by jieba, other runs by a regular expression.

jieba is initialised once per process with the shipped UN user dictionary: every process that
analyses text (the CLI, the web server, index workers) calls :func:`segmenter`; the first call
in a process loads the dictionary, adds ``analysis/data/un_userdict.txt`` and points jieba's
cache at a private writable folder instead of the shared ``/tmp/jieba.cache``.

:func:`word_spans` gives ``(word, position, start, end)`` for a text in one of two modes:

* ``index``: a Han word also yields its dictionary sub-words (jieba's *search mode*), and a
  compound such as ``S/AC.44/SR.74`` also yields every run of its parts (``s``, ``ac.44``,
  ``sr.74`` …), all at the position of the whole;
* ``query``: only the precise words and whole compounds, so ``威斯巴登进程`` is one term,
  not AND(威斯, 巴登, 威斯巴登, 进程).

Positions are word ordinals; start and end are character offsets in the text.
"""
from __future__ import annotations

import logging
import os
import tempfile
import threading
import warnings
import re
from functools import lru_cache
from pathlib import Path

from rapporteur.indexer.text import CJK_CLASS, HAN_RUN, WORD_MARKS, fold_word, is_cjk

with warnings.catch_warnings():
    # jieba imports pkg_resources, which warns about itself and about packages (such as our
    # ``search``) already imported from a source tree; neither is ours to fix.
    warnings.simplefilter("ignore", DeprecationWarning)
    warnings.simplefilter("ignore", UserWarning)
    import jieba

_lock = threading.Lock()
_ready_pid: int | None = None

USERDICT = "un_userdict.txt"


def _private_tmp_dir() -> str:
    path = os.path.join(tempfile.gettempdir(), f"rapporteur-jieba-{os.getuid()}")
    os.makedirs(path, mode=0o700, exist_ok=True)
    return path


def user_dictionary() -> list[tuple[str, int | None, str | None]]:
    """The shipped UN dictionary as ``(word, frequency, tag)`` entries; ``#`` lines are comments."""
    text = (Path(__file__).resolve().parent / "data" / USERDICT).read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        entries.append((parts[0], freq, tag))
    return entries


def segmenter() -> jieba.Tokenizer:
    """The process's initialised jieba tokenizer (re-initialised after a fork)."""
    global _ready_pid
    if _ready_pid == os.getpid():
        return jieba.dt
    with _lock:
        if _ready_pid != os.getpid():
            jieba.setLogLevel(logging.WARNING)
            jieba.dt.tmp_dir = _private_tmp_dir()
            jieba.initialize()
            for word, freq, tag in user_dictionary():
                jieba.add_word(word, freq, tag)
            _ready_pid = os.getpid()
    return jieba.dt


# ---- word spans ---------------------------------------------------------------------

# A word character, or a combining mark inside a word (see text.WORD_MARKS).
_W = rf"[\w{WORD_MARKS}]"
# A word or compound outside Han text: letters/digits joined by . / - and an optional
# resolution year, so ``A/77/895-S/2023/363`` and ``1540 (2004)`` stay whole.
COMPOUND = re.compile(rf"\w{_W}*(?:[./\-]\w{_W}*)*(?:\s?\(\d{{4}}\))?")
_PART = re.compile(rf"\w{_W}*")
MAX_PARTS = 8  # compounds with more parts yield only the whole and single parts



# The words an exact phrase compares: runs of letters, digits and in-word marks outside CJK text
# (``S/PV.8702`` is s, pv, 8702; ``Timor-Leste`` is timor, leste), and CJK runs, which stand
# between the words around them but never equal a word of a phrase.
_PHRASE_TOKEN = re.compile(rf"[{CJK_CLASS}]+|(?:(?![{CJK_CLASS}])[\w{WORD_MARKS}])+")
_CJK_RUN = "\x00"


def plain_words(text: str) -> list[str]:
    """The words of a text outside CJK runs, as written (see :data:`_PHRASE_TOKEN`)."""
    return [m.group() for m in _PHRASE_TOKEN.finditer(text) if not is_cjk(m.group()[0])]


def phrase_words(text: str) -> list[str]:
    """The words of a text as an exact phrase compares them (see :data:`_PHRASE_TOKEN`), each
    folded by :func:`~rapporteur.indexer.text.fold_word`: punctuation between words is not
    compared, a CJK run stands as one separator."""
    return [_CJK_RUN if is_cjk(m.group()[0]) else fold_word(m.group()) for m in _PHRASE_TOKEN.finditer(text)]


def compound_parts(text: str) -> list[tuple[str, int, int]]:
    """Sub-compounds of a compound (relative spans), the whole excluded.

    ``S/AC.44/SR.74`` → ``s``, ``ac``, ``44``, ``sr``, ``74``, ``s/ac``, ``ac.44`` … ;
    ``1540 (2004)`` → ``1540``, ``2004``.
    """
    parts = [(m.start(), m.end()) for m in _PART.finditer(text)]
    if len(parts) < 2:
        return []
    width = len(parts) if len(parts) <= MAX_PARTS else 1
    out = []
    for i in range(len(parts)):
        for j in range(i, min(len(parts), i + width)):
            if i == 0 and j == len(parts) - 1:
                continue
            s, e = parts[i][0], parts[j][1]
            out.append((text[s:e].replace(" ", ""), s, e))
    return out


def word_spans(text: str, mode: str = "index") -> tuple[tuple[str, int, int, int], ...]:
    """``(word, position, start, end)`` for a text, in the given mode (see module doc).

    Cached for the last few texts (queries repeat). The writer does not rely on the cache:
    it segments a paragraph once with :func:`segmented` and hands the result to the field.
    """
    if type(text) is Segmented and mode == "index":
        return text.spans
    return _word_spans(text, mode == "index")


class Segmented(str):
    """A paragraph text carrying its index-mode word spans (``.spans``), segmented once.

    The writer stores the word boundaries from ``.spans`` and passes the same object as the
    word field's value; :class:`WordTokenizer` then reads the spans instead of running jieba
    a second time. (Only ever an indexed value, never a stored one.)
    """

    spans: tuple


def segmented(text: str) -> Segmented:
    """``text`` with its index-mode spans attached (see :class:`Segmented`)."""
    out = Segmented(text)
    out.spans = _segment(text, True)
    return out


@lru_cache(maxsize=64)
def _word_spans(text: str, search: bool) -> tuple[tuple[str, int, int, int], ...]:
    return _segment(text, search)


def _segment(text: str, search: bool) -> tuple[tuple[str, int, int, int], ...]:
    mode = "index" if search else "query"
    out: list[tuple[str, int, int, int]] = []
    last = 0
    for m in HAN_RUN.finditer(text):
        _other_spans(text, last, m.start(), mode, out)
        _han_spans(m.group(), m.start(), mode, out)
        last = m.end()
    _other_spans(text, last, len(text), mode, out)
    return tuple(out)


def word_boundaries(spans) -> list[tuple[int, int]]:
    """The whole words of index-mode spans (the last span at each position), in text order."""
    whole: dict[int, tuple[int, int]] = {}
    for _word, pos, start, end in spans:
        whole[pos] = (start, end)
    return list(whole.values())


def _next_position(out) -> int:
    return out[-1][1] + 1 if out else 0


# jieba builds a graph of the whole run it is given (about 500 bytes a character), so a long
# run without punctuation is segmented in pieces of this many characters: memory stays
# bounded whatever the input (a 1,000,000-character line took 800 MB), and no real sentence
# is this long.
HAN_CHUNK = 2000


def _han_pieces(run: str):
    for lo in range(0, len(run), HAN_CHUNK):
        yield run[lo:lo + HAN_CHUNK]


def _han_spans(run, start, mode, out):
    jieba_dt = segmenter()
    freq = jieba_dt.FREQ
    pos = _next_position(out)
    for word in (w for piece in _han_pieces(run) for w in jieba_dt.cut(piece, HMM=True)):
        end = start + len(word)
        if mode == "index":
            for n in (2, 3):
                for i in range(len(word) - n + 1 if len(word) > n else 0):
                    sub = word[i:i + n]
                    if freq.get(sub):
                        out.append((sub, pos, start + i, start + i + n))
        out.append((word, pos, start, end))
        pos += 1
        start = end


def _other_spans(text, lo, hi, mode, out):
    pos = _next_position(out)
    for m in COMPOUND.finditer(text, lo, hi):
        whole, s = m.group(), m.start()
        if mode == "index":
            for sub, a, b in compound_parts(whole):
                out.append((sub, pos, s + a, s + b))
        out.append((whole.replace(" ", ""), pos, s, m.end()))
        pos += 1


