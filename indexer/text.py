"""Scripts, normalisation and folding: one place, used at index time and at query time.

* **Script ranges**: CJK (ideographs, kana, hangul, CJK punctuation and forms) for the
  whitespace repair, and Han (the ideographs) for what jieba segments and what the bigram
  field makes exact substrings of.
* **Normalisation** (:func:`normalize_text`): NFKC, so full-width letters, digits and
  punctuation match their ASCII forms; whitespace runs collapse to one space; a space between
  two CJK characters is removed: PDF extraction puts spaces where lines wrapped
  (``威 斯巴登进程``), while spaces between Latin words are kept. Queries are also folded from
  Traditional to Simplified Chinese with OpenCC (:func:`normalize_query`).
* **Folding**: case (:func:`fold`, length-preserving, so offsets stay valid), Latin accents
  (:func:`strip_accents`) and Arabic spelling variants (:func:`normalize_arabic`,
  :func:`fold_ta_marbuta`). The analyzers and the delegation names both fold with these.
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

# Han ideographs (with extensions and compatibility forms): the text jieba segments and the
# bigram field indexes as exact substrings. A subset of the CJK ranges above.
HAN_RANGES = (
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x3FFFF),  # extensions B and later
)


def char_class(ranges) -> str:
    """The inside of a regular-expression character class for code point ranges."""
    return "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)


HAN_CLASS = char_class(HAN_RANGES)
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
HAN_CHAR = re.compile(f"[{HAN_CLASS}]")

_SPACE_RUN = re.compile(r"\s+")
CJK_CLASS = char_class(_CJK_RANGES)
_ANY_CJK = re.compile(f"[{CJK_CLASS}]")


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    for lo, hi in _CJK_RANGES:
        if lo <= cp <= hi:
            return True
    return False


def has_cjk(text: str) -> bool:
    return _ANY_CJK.search(text) is not None


_C = f"[{CJK_CLASS}]"
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


# ---- folding --------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lowercase without changing the length, so offsets in the folded text are valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def strip_accents(word: str) -> str:
    """``délégation`` → ``delegation`` (Latin letters only; other scripts are left alone)."""
    if word.isascii():
        return word
    out: list[str] = []
    base_latin = False
    for c in unicodedata.normalize("NFD", word):
        if unicodedata.combining(c):
            if not base_latin:
                out.append(c)
            continue
        base_latin = c < "\u0250"
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


# Combining marks that belong inside a word: Latin accents left decomposed, Arabic harakat,
# Quranic marks. (``\w`` does not match them, and a vowelled Arabic word would fall apart.)
WORD_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")
_AR_LETTERS = str.maketrans({"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",
                             "\u0649": "\u064a"})


def normalize_arabic(text: str) -> str:
    """Diacritics and tatweel removed; alef forms (أ إ آ ٱ) → ا; alef maqsura ى → ي."""
    return _AR_MARKS.sub("", text).translate(_AR_LETTERS)


def fold_ta_marbuta(text: str) -> str:
    """``ة`` → ``ه``, the usual spelling variant at a word end. (The word analysis applies it
    after stemming, as the stemmer strips ``ة`` as a suffix; name matching applies it at once.)"""
    return text.replace("\u0629", "\u0647")


def fold_word(word: str) -> str:
    """A word as exact phrases compare it: case, Latin accents, Arabic marks and letter forms,
    and Russian ``ё`` folded, nothing stemmed (``Côte`` = ``cote``, ``Ёлка`` = ``елка``)."""
    if word.isascii():  # nothing to fold but the case
        return word.lower()
    word = normalize_arabic(strip_accents(word.lower()))
    return word.replace("ё", "е")


def alphabetic(ch: str) -> bool:
    """A letter or digit of an alphabetic script (not Han, kana or hangul)."""
    return ch.isalnum() and not is_cjk(ch)


def find_bounded(needle: str, text: str):
    """The start of each occurrence of ``needle`` in ``text`` that does not begin or end inside
    an alphabetic word: where the needle begins (ends) with a letter or digit of an alphabetic
    script, the character before (after) the occurrence must not be one. Han text has no such
    bounds: any substring of it is found."""
    if not needle:
        return
    head, tail = alphabetic(needle[0]), alphabetic(needle[-1])
    n = len(needle)
    i = text.find(needle)
    while i >= 0:
        if not (head and i > 0 and alphabetic(text[i - 1])) and \
                not (tail and i + n < len(text) and alphabetic(text[i + n])):
            yield i
        i = text.find(needle, i + 1)


def has_han(text: str) -> bool:
    """Whether the text holds a Han character: such text is matched by substrings, other
    scripts by whole words."""
    return HAN_CHAR.search(text) is not None
