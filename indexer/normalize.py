"""Text normalisation shared by the parser (index time) and the query parser (query time).

* NFKC, so full-width letters, digits and punctuation match their ASCII forms;
* whitespace runs collapse to one space;
* a space between two CJK characters is removed: PDF extraction puts spaces where
  lines wrapped (``威 斯巴登进程``), while spaces between Latin words are kept;
* queries are also folded from Traditional to Simplified Chinese with OpenCC.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Ideographs (with extensions and compatibility forms), kana, hangul, CJK punctuation.
_CJK_RANGES = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3100, 0x31BF),  # bopomofo
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xAC00, 0xD7AF),  # hangul syllables
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half- and full-width forms
    (0x20000, 0x3FFFF),  # extensions B and later
)

# ASCII punctuation that NFKC makes of full-width CJK punctuation; a space next to
# one of these is CJK line-wrap noise when the punctuation itself touches CJK text.
_CLOSING = set(",.;:!?)]%")
_OPENING = set("([")

_SPACE_RUN = re.compile(r"\s+")
_ANY_CJK = re.compile("[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _CJK_RANGES) + "]")


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    for lo, hi in _CJK_RANGES:
        if lo <= cp <= hi:
            return True
    return False


def has_cjk(text: str) -> bool:
    return _ANY_CJK.search(text) is not None


_CJK_CLASS = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _CJK_RANGES)
_C = f"[{_CJK_CLASS}]"
_CLOSE_CLASS = "[" + re.escape("".join(sorted(_CLOSING))) + "]"
_OPEN_CLASS = "[" + re.escape("".join(sorted(_OPENING))) + "]"
# Whitespace inside CJK text: between two CJK characters, or between CJK text and the
# ASCII punctuation that touches it (``网站, 其``, ``先生 (德国``).
_CJK_GAP = re.compile(
    rf"(?:(?<={_C})|(?<={_C}{_CLOSE_CLASS}))\s+(?=(?:{_C}|{_OPEN_CLASS}{_C}))"
)


def repair_cjk_spaces(text: str) -> str:
    """Collapse whitespace to single spaces and drop those that sit inside CJK text."""
    if has_cjk(text):
        text = _CJK_GAP.sub("", text)
    return _SPACE_RUN.sub(" ", text).strip()


def normalize_text(text: str) -> str:
    """NFKC plus CJK-whitespace repair; the form in which paragraphs are stored and indexed."""
    return repair_cjk_spaces(unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Fold Traditional Chinese to Simplified; text without CJK is returned unchanged."""
    if not has_cjk(text):
        return text
    return _t2s().convert(text)


def normalize_query(text: str) -> str:
    """The query-side normalisation: the same as the text's, plus Traditional→Simplified."""
    return to_simplified(normalize_text(text))
