"""The project's Whoosh analyzers: tokenizers and filters composed ``Tokenizer | Filter``.

Two kinds of field are analysed here (the schema declares which goes where):

* **Word fields** (one per UN language) rank results. :class:`WordTokenizer` splits text
  into Han runs, segmented by jieba, and other runs (Latin, Cyrillic, Arabic, digits,
  document symbols), split by a regular expression.

  - At index time (``mode="index"``) a Han word also yields its dictionary sub-words
    (jieba's *search mode*), and a compound such as ``S/AC.44/SR.74`` also yields every
    run of its parts (``s``, ``ac.44``, ``sr.74`` …), all at the position of the whole.
  - At query time (``mode="query"``) only the precise words and whole compounds come out,
    so ``威斯巴登进程`` is one term, not AND(威斯, 巴登, 威斯巴登, 进程).
  - Positions are token ordinals; start and end characters are offsets in the text.

* **The bigram field** finds exact substrings. :class:`BigramTokenizer` yields every pair of
  adjacent non-space characters of the folded text (no positions), plus the single Han
  character before a space or the end, so that a prefix search on one character is exact.
  A query is the AND of its bigrams; candidates are then checked against the stored text.
"""
from __future__ import annotations

import re
from functools import lru_cache

import threading
import unicodedata

from whoosh.analysis import Analyzer, Filter, LowercaseFilter, Token, Tokenizer

from indexer.jieba_setup import segmenter

# Han ideographs (with extensions and compatibility forms): the text jieba segments.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
HAN_RUN = re.compile(f"[{_HAN}]+")
HAN_CHAR = re.compile(f"[{_HAN}]")

# Combining marks that belong inside a word: Latin accents left decomposed, Arabic harakat,
# Quranic marks. (``\w`` does not match them, and a vowelled Arabic word would fall apart.)
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
_W = rf"[\w{_MARKS}]"
# A word or compound outside Han text: letters/digits joined by . / - and an optional
# resolution year, so ``A/77/895-S/2023/363`` and ``1540 (2004)`` stay whole.
COMPOUND = re.compile(rf"\w{_W}*(?:[./\-]\w{_W}*)*(?:\s?\(\d{{4}}\))?")
_PART = re.compile(rf"\w{_W}*")
MAX_PARTS = 8  # compounds with more parts yield only the whole and single parts


def fold(text: str) -> str:
    """Lowercase without changing the length, so offsets in the folded text are valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _make_token(text, pos, start, end, *, positions, chars, start_pos, start_char, mode, removestops):
    t = Token(positions=positions, chars=chars, removestops=removestops, mode=mode)
    t.text = t.original = text
    t.boost = 1.0
    t.stopped = False
    if positions:
        t.pos = start_pos + pos
    if chars:
        t.startchar = start_char + start
        t.endchar = start_char + end
    return t


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


class WordTokenizer(Tokenizer):
    """Han text by jieba, other text by :data:`COMPOUND`.

    ``search=True`` is the index side (sub-words and compound parts too),
    ``search=False`` the query side (precise words and whole compounds only).
    """

    def __init__(self, search: bool):
        self.search = search

    def __eq__(self, other):
        return type(self) is type(other) and self.search == other.search

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if self.search and type(value) is Segmented:
            spans = value.spans  # segmented once by the writer
        else:
            spans = _word_spans(value, self.search)
        for word, pos, start, end in spans:
            yield _make_token(word, pos, start, end, positions=positions, chars=chars,
                              start_pos=start_pos, start_char=start_char, mode=mode,
                              removestops=removestops)


def bigrams(text: str, ends: bool = True) -> list[str]:
    """The bigram field's terms for a (normalised) text: see the module doc.

    ``ends=False`` (a query's bigrams) leaves out the lone Han characters before a space or
    the end: a substring need not end where the paragraph does.
    """
    t = fold(text)
    out = []
    n = len(t)
    for i in range(n):
        c = t[i]
        if c.isspace():
            continue
        if i + 1 < n and not t[i + 1].isspace():
            out.append(t[i:i + 2])
        elif ends and HAN_CHAR.match(c):
            out.append(c)
    return out


class BigramTokenizer(Tokenizer):
    """Adjacent character pairs of the folded text, frequency only (no positions)."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        for i, gram in enumerate(bigrams(value)):
            yield _make_token(gram, i, 0, 0, positions=positions, chars=False,
                              start_pos=start_pos, start_char=start_char, mode=mode,
                              removestops=removestops)


class SidedAnalyzer(Analyzer):
    """One analyzer for a field that runs ``index`` at index time and ``query`` otherwise.

    Whoosh passes ``mode="index"`` when indexing and ``mode="query"`` when parsing a query,
    so a field declared with a :class:`SidedAnalyzer` keeps its asymmetry in one place.
    """

    def __init__(self, index: Analyzer, query: Analyzer):
        self.index = index
        self.query = query

    def __eq__(self, other):
        return type(self) is type(other) and (self.index, self.query) == (other.index, other.query)

    def __call__(self, value, mode="", **kwargs):
        side = self.index if mode == "index" else self.query
        return side(value, mode=mode, **kwargs)


# ---- per-language word analysis -------------------------------------------------------
#
# English, French, Spanish and Russian words are reduced to their Snowball stems (PyStemmer,
# the C implementation of the Snowball algorithms); Arabic words are normalised, then
# stemmed. Chinese has no stemming: jieba words as they are. Only purely alphabetic tokens
# are stemmed: numbers and compounds (``S/AC.44/SR.74``, ``1540(2004)``) stay as written.

SNOWBALL = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
_local = threading.local()


def stem_function(lang: str):
    """``word → stem`` for a language of :data:`SNOWBALL` (one stemmer per thread: they are not
    thread-safe)."""
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    stemmer = stemmers.get(lang)
    if stemmer is None:
        import Stemmer

        stemmer = stemmers[lang] = Stemmer.Stemmer(SNOWBALL[lang])
    return stemmer.stemWord


class _LangFilter(Filter):
    """A filter parametrised by a language code only (so the pickled schema stays small)."""

    def __init__(self, lang: str):
        self.lang = lang

    def __eq__(self, other):
        return type(self) is type(other) and self.lang == other.lang

    def __repr__(self):
        return f"{type(self).__name__}({self.lang!r})"


class SnowballFilter(_LangFilter):
    """Replace each alphabetic token by its Snowball stem in ``lang``."""

    def __call__(self, tokens):
        stem = stem_function(self.lang)
        for t in tokens:
            if t.text.isalpha():
                t.text = stem(t.text)
            yield t


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


class _TextFilter(Filter):
    """A filter that maps each token's text through :meth:`convert`."""

    def __eq__(self, other):
        return type(self) is type(other)

    def convert(self, text: str) -> str:
        raise NotImplementedError

    def __call__(self, tokens):
        for t in tokens:
            t.text = self.convert(t.text)
            yield t


class AccentFoldFilter(_TextFilter):
    """After stemming: accents dropped, so ``delegations`` typed without them finds ``délégation``."""

    convert = staticmethod(strip_accents)


class YoFilter(_TextFilter):
    """Russian ``ё`` written as ``е``, as most texts do."""

    @staticmethod
    def convert(text: str) -> str:
        return text.replace("ё", "е")


_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")
_AR_LETTERS = str.maketrans({"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",
                             "\u0649": "\u064a"})


def normalize_arabic(word: str) -> str:
    """Diacritics and tatweel removed; alef forms (أ إ آ ٱ) → ا; alef maqsura ى → ي."""
    return _AR_MARKS.sub("", word).translate(_AR_LETTERS)


class ArabicNormalizeFilter(_TextFilter):
    """Arabic normalisation before stemming (see :func:`normalize_arabic`).

    ``و`` + article (``والوفد``) loses the conjunction, which Snowball Arabic leaves on.
    Ta marbuta is left for the stemmer (it strips it as a suffix); one still left after
    stemming is folded to ``ه`` by :class:`ArabicFinalFilter`.
    """

    @staticmethod
    def convert(text: str) -> str:
        word = normalize_arabic(text)
        if word.startswith("\u0648\u0627\u0644") and len(word) >= 5:  # وال…
            word = word[1:]
        return word


class ArabicFinalFilter(_TextFilter):
    """After stemming: ``ة`` → ``ه``, the usual spelling variant at a word end."""

    @staticmethod
    def convert(text: str) -> str:
        return text.replace("\u0629", "\u0647")


def language_filters(lang: str | None) -> list[Filter]:
    """What a language adds after tokenising and lowercasing."""
    if lang in ("en", "fr", "es"):
        return [SnowballFilter(lang), AccentFoldFilter()]
    if lang == "ru":
        return [YoFilter(), SnowballFilter(lang)]
    if lang == "ar":
        return [ArabicNormalizeFilter(), SnowballFilter(lang), ArabicFinalFilter()]
    return []


def _chain(tokenizer: Tokenizer, lang: str | None) -> Analyzer:
    ana = tokenizer | LowercaseFilter()
    for f in language_filters(lang):
        ana = ana | f
    return ana


def word_index_analyzer(lang: str | None = None) -> Analyzer:
    """Index side of a word field: jieba search mode + compound parts, lowercased, then the
    language's stemming or normalisation."""
    return _chain(WordTokenizer(search=True), lang)


def word_query_analyzer(lang: str | None = None) -> Analyzer:
    """Query side of a word field: jieba precise mode + whole compounds, lowercased, then the
    language's stemming or normalisation."""
    return _chain(WordTokenizer(search=False), lang)


def bigram_analyzer() -> Analyzer:
    """The bigram field's analyzer, the same at index and query time."""
    return BigramTokenizer()
