"""The index schema: which fields exist, how each is analysed, what is stored.

The index holds two kinds of document, told apart by ``kind``:

* ``para``: one per paragraph, searchable; carries the paragraph's metadata and text;
* ``record``: one per record, never matched by a search; stores the record header
  (agenda, chair, checksum, source path …) as JSON so a record can be rebuilt from the
  index alone.

Both carry ``rkey`` (``symbol:lang``, unique per record), so a record and its paragraphs
are deleted together.

Analysis is declared below side by side for index and query time. Word fields exist for
all six UN languages; each language's entry in :data:`LANGUAGE_ANALYSIS` adds its own
step (Snowball stemming, Arabic normalisation) to the shared tokenizer.
"""
from __future__ import annotations

from dataclasses import dataclass

from whoosh.analysis import Analyzer
from whoosh.fields import ID, NUMERIC, STORED, TEXT, FieldType, Schema
from whoosh.formats import Existence

from indexer.analysis import SidedAnalyzer, bigram_analyzer, word_index_analyzer, word_query_analyzer

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
DEFAULT_LANG = "zh"  # paragraphs of a record in an unknown language go to this word field

PARA = "para"
RECORD = "record"

# Facets: exact values kept in columns, so counting them over a result set is cheap.
FACETS = ("delegation", "speaker", "symbol", "lang")
# Metadata analysed as words, with their boosts: for the ``speaker:`` etc. filters, and
# (SEARCHED_METADATA) for plain words too, BM25F with the text. A section title is not
# searched by plain words: it would match every paragraph of the section.
WORD_METADATA = {"speaker_words": 1.5, "delegation_words": 1.5, "section_words": 1.0}
SEARCHED_METADATA = ("speaker_words", "delegation_words")
BIGRAMS = "chars"


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
    # ru), normalisation and Snowball stems for ar, nothing for zh (see indexer.analysis).
    return Analysis(index=word_index_analyzer(lang), query=word_query_analyzer(lang))


LANGUAGE_ANALYSIS: dict[str, Analysis] = {lang: _word_analysis(lang) for lang in LANGUAGES}
# Languages whose word fields change words (stems, normalisation): their matches are marked
# by re-analysing the hit's text, as a stemmed match is not a substring of the query.
ANALYSED_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != "zh")
METADATA_ANALYSIS = _word_analysis()
# Bigrams are the same on both sides: the query's bigrams must be the text's bigrams.
BIGRAM_ANALYSIS = Analysis(index=bigram_analyzer(), query=bigram_analyzer())


def text_field(lang: str | None) -> str:
    """The word field that holds paragraphs of language ``lang``."""
    return f"text_{lang if lang in LANGUAGES else DEFAULT_LANG}"


TEXT_FIELDS = tuple(text_field(lang) for lang in LANGUAGES)


def build_schema() -> Schema:
    fields = dict(
        kind=ID(stored=True),
        id=ID(stored=True, unique=True),
        rkey=ID(stored=True),
        source=ID(stored=True),
        checksum=STORED(),
        record_json=STORED(),
        # Filterable metadata; the facets are sortable (column-backed).
        symbol=ID(stored=True, sortable=True),
        lang=ID(stored=True, sortable=True),
        n=NUMERIC(stored=True, sortable=True),
        speaker=ID(stored=True, sortable=True),
        honorific=STORED(),
        delegation=ID(stored=True, sortable=True),
        # The delegation's code (DEU, CHN, EU …) from indexer.delegations: one delegation
        # whatever language its name is written in; the delegation facet counts codes.
        delegation_code=ID(stored=True, sortable=True),
        spoke_in=ID(stored=True),  # verbatim records: the language spoken (ISO 639-1)
        role=ID(stored=True),
        section=ID(stored=True),
        body=ID(stored=True),
        meeting=NUMERIC(stored=True),
        date=ID(stored=True, sortable=True),  # ISO date: a term range is a date range
        # The paragraph text as indexed, and its whole-word boundaries for highlighting.
        text=STORED(),
        spans=STORED(),
        # Exact substrings: bigrams without positions, verified against ``text``.
        # Existence only: a bigram match scores a constant. (Kept scorable: Whoosh looks up
        # field lengths per posting and, for a field without them, stats the disk each time.)
        **{BIGRAMS: FieldType(Existence(), BIGRAM_ANALYSIS.analyzer(), scorable=True)},
    )
    for lang in LANGUAGES:
        fields[text_field(lang)] = TEXT(analyzer=LANGUAGE_ANALYSIS[lang].analyzer(), phrase=True)
    for name, boost in WORD_METADATA.items():
        fields[name] = TEXT(analyzer=METADATA_ANALYSIS.analyzer(), phrase=False, field_boost=boost)
    return Schema(**fields)
