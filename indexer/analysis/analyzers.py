"""Analyzers: tokenizer and filters composed ``Tokenizer | Filter``, and the table of which
analyzer each field uses, index side and query side declared together.

Word fields exist for every UN language (:mod:`rapporteur.indexer.languages`); each
language's entry in :data:`LANGUAGE_ANALYSIS` adds its own filters (Snowball stemming,
Arabic normalisation) to the shared tokenizer. Every other language, and text whose language
is unknown, shares the entry :data:`~rapporteur.indexer.languages.OTHER`: words folded as
exact phrases fold them (case, Latin accents, Arabic marks, ``ё``), not stemmed. The schema
(:mod:`rapporteur.indexer.store.schema`) takes its analyzers from here.
"""
from __future__ import annotations

from dataclasses import dataclass

from whoosh.analysis import Analyzer, Filter, LowercaseFilter, Tokenizer

from rapporteur.indexer import languages
from rapporteur.indexer.analysis.filters import (
    AccentFoldFilter, ArabicFinalFilter, ArabicNormalizeFilter, SnowballFilter, WordFoldFilter, YoFilter,
)
from rapporteur.indexer.analysis.tokenizers import BigramTokenizer, WordTokenizer


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


# The version of the analysis the index was written with; an index of an earlier version is
# analysed again on its next sync (and searches say so until then). 2: accents are folded
# before stemming, so an accented and an unaccented spelling get one stem on both sides
# (``Salamé`` = ``Salame``, ``sécurité`` = ``securite``; stemming first gave ``salamé`` /
# ``salam``). 3: a word field for the languages beyond the UN six and for records of unknown
# language (``text_other``), which were analysed as Chinese.
ANALYSIS_VERSION = 3


def language_filters(lang: str | None) -> list[Filter]:
    """What a language adds after tokenising and lowercasing."""
    if lang in ("en", "fr", "es"):
        return [AccentFoldFilter(), SnowballFilter(lang)]
    if lang == "ru":
        return [YoFilter(), SnowballFilter(lang)]
    if lang == "ar":
        return [ArabicNormalizeFilter(), SnowballFilter(lang), ArabicFinalFilter()]
    if lang == languages.OTHER:
        return [WordFoldFilter()]
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


# ---- the analysis of each field ---------------------------------------------------


@dataclass(frozen=True)
class Analysis:
    """How a field's text is analysed: ``index`` when writing, ``query`` when searching."""

    index: Analyzer
    query: Analyzer

    def analyzer(self) -> SidedAnalyzer:
        return SidedAnalyzer(self.index, self.query)


def _word_analysis(lang: str | None = None) -> Analysis:
    # Index: jieba search mode (sub-words) + compound parts. Query: precise mode, whole
    # compounds. The asymmetry is deliberate: a query word matches the whole word and
    # every sub-word indexed for a longer word. Then the language's own step, the same on
    # both sides: Snowball stems for en/fr/es/ru (accents folded for en/fr/es, ё → е for
    # ru), normalisation and Snowball stems for ar, nothing for zh, folding for the other
    # languages (see analysis.filters).
    return Analysis(index=word_index_analyzer(lang), query=word_query_analyzer(lang))


# Keyed by UN language code and languages.OTHER (languages.analysis_key gives a record's key).
LANGUAGE_ANALYSIS: dict[str, Analysis] = {
    lang: _word_analysis(lang) for lang in (*languages.CODES, languages.OTHER)
}
# The analyses that change words (stems, normalisation, folding): their matches are marked by
# re-analysing the hit's text, as such a match is not a substring of the query.
ANALYSED_LANGUAGES = (*(lang.code for lang in languages.UN_LANGUAGES if lang.snowball), languages.OTHER)
METADATA_ANALYSIS = _word_analysis()
# Bigrams are the same on both sides: the query's bigrams must be the text's bigrams.
BIGRAM_ANALYSIS = Analysis(index=bigram_analyzer(), query=bigram_analyzer())
