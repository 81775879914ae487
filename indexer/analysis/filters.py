"""Token filters: what each language does to a word after tokenising and lowercasing.

English, French, Spanish and Russian words are reduced to their Snowball stems (PyStemmer,
the C implementation of the Snowball algorithms); Arabic words are normalised, then
stemmed. Chinese has no stemming: jieba words as they are. The other languages' shared
field folds words as exact phrases do (:func:`~rapporteur.indexer.text.fold_word`), unstemmed.
Only purely alphabetic tokens are stemmed: numbers and compounds (``S/AC.44/SR.74``,
``1540(2004)``) stay as written.
The folding rules themselves live in :mod:`rapporteur.indexer.text`.
"""
from __future__ import annotations

import threading

from whoosh.analysis import Filter

from rapporteur.indexer.languages import stemmer_name
from rapporteur.indexer.text import fold_ta_marbuta, fold_word, normalize_arabic, strip_accents

_local = threading.local()


def stem_function(lang: str):
    """``word → stem`` for a language with a Snowball stemmer (one stemmer per thread: they are
    not thread-safe)."""
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    stemmer = stemmers.get(lang)
    if stemmer is None:
        import Stemmer

        stemmer = stemmers[lang] = Stemmer.Stemmer(stemmer_name(lang))
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
    """Accents dropped before stemming, so ``delegations`` typed without them finds ``délégation``
    and ``Salamé`` finds ``Salame``: the same stem whichever way a word is written."""

    convert = staticmethod(strip_accents)


class WordFoldFilter(_TextFilter):
    """Case, Latin accents, Arabic marks and ``ё`` folded, as exact phrases compare words
    (:func:`fold_word`): ``Constituição`` and ``constituicao`` are one word, unstemmed."""

    convert = staticmethod(fold_word)


class YoFilter(_TextFilter):
    """Russian ``ё`` written as ``е``, as most texts do."""

    @staticmethod
    def convert(text: str) -> str:
        return text.replace("ё", "е")


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
        return fold_ta_marbuta(text)
