"""The index schema: which fields exist, how each is analysed, what is stored.

The index holds two kinds of document, told apart by ``kind``:

* ``para``: one per paragraph, searchable; carries the paragraph's metadata and text;
* ``record``: one per record, never matched by a search; stores the record header
  (agenda, chair, checksum, source path …) as JSON so a record can be rebuilt from the
  index alone.

Both carry ``rkey`` (``symbol:lang``, unique per record), so a record and its paragraphs
are deleted together.

Word fields exist for every UN language (:mod:`rapporteur.indexer.languages`), and one,
``text_other``, for the paragraphs of every other language and of records whose language is
unknown; how each field is analysed, at index and at query time, is declared in
:mod:`rapporteur.indexer.analysis.analyzers`.
"""
from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, TEXT, FieldType, Schema
from whoosh.formats import Existence

from rapporteur.indexer import languages
from rapporteur.indexer.analysis.analyzers import BIGRAM_ANALYSIS, LANGUAGE_ANALYSIS, METADATA_ANALYSIS

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


def text_field(lang: str | None) -> str:
    """The word field that holds paragraphs of language ``lang`` (``text_other`` for a language
    other than the UN six, or none)."""
    return f"text_{languages.analysis_key(lang)}"


TEXT_FIELDS = tuple(text_field(key) for key in LANGUAGE_ANALYSIS)  # the UN six's, then text_other


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
        # The delegation's code (DEU, CHN, EU …) from indexer/delegations: one delegation
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
    for key, analysis in LANGUAGE_ANALYSIS.items():
        fields[text_field(key)] = TEXT(analyzer=analysis.analyzer(), phrase=True)
    for name, boost in WORD_METADATA.items():
        fields[name] = TEXT(analyzer=METADATA_ANALYSIS.analyzer(), phrase=False, field_boost=boost)
    return Schema(**fields)
