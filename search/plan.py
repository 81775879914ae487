"""Plan: a parsed query → typed nodes, each Whoosh query built once (the second stage).

A :class:`TermPlan` says how one term matches, by its script (see
:mod:`~rapporteur.search.execute`): ``prefix`` (``S/PV.87*``), ``words`` (an unquoted
alphabetic term: whole words after the language's analysis), ``phrase`` (a quoted alphabetic
phrase: its folded words adjacent and in order), ``han`` (a term with Han characters: its words,
or its text as a substring) and ``han_quoted`` (a quoted Han phrase: the exact substring). The
queries it holds are built here, once per search: the word query that scores (BM25F), the
candidates of a phrase, the words that add to a quoted term's score. A :class:`QueryPlan` holds
the term plans (AND of ORs), the excluded terms, the filters and a passage's words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh.query import And, Or, Prefix, Query, Term, TermRange

from rapporteur.indexer.analysis.analyzers import LANGUAGE_ANALYSIS, METADATA_ANALYSIS
from rapporteur.indexer.analysis.segmentation import plain_words
from rapporteur.indexer.delegations import codes_matching
from rapporteur.indexer.store.schema import BIGRAMS, SEARCHED_METADATA, TEXT_FIELDS, text_field
from rapporteur.indexer.symbols import is_un_symbol, normalize_symbol, symbol_prefixes
from rapporteur.indexer.text import HAN_CHAR, has_han
from rapporteur.search.parse import MAX_WORDS_PER_TERM, ParsedQuery, QTerm, single_han


def prefix_query(text: str) -> Query:
    """The words (or compounds, such as document symbols) of the text fields that begin with
    ``text``, folded; the symbol field too (``S/PV.87*`` finds the meetings S/PV.8700 to 8799)."""
    return Or([Prefix(name, text) for name in TEXT_FIELDS] + [Prefix("symbol", p) for p in symbol_prefixes(text)])


def symbol_query(value: str) -> Query:
    """``symbol:`` as the index writes symbols (``symbol:s/pv.8700`` is ``S/PV.8700``,
    indexer/symbols.py), with the records of its suffixes (``symbol:S/PV.8700`` finds
    ``S/PV.8700/Corr.1`` too); ``symbol:S/PV.87*`` is a prefix. A symbol that is not a UN one
    (``statement-AND-2024-09-27``) is matched as written or in upper case."""
    if len(value) > 1 and value.endswith("*"):
        stem = value.rstrip("*")
        return Or([Prefix("symbol", p) for p in dict.fromkeys(symbol_prefixes(stem) + [stem])])
    spellings = [normalize_symbol(value)] if is_un_symbol(value) else list(dict.fromkeys([value, value.upper()]))
    return Or([q for sym in spellings for q in (Term("symbol", sym), Prefix("symbol", sym.rstrip("/") + "/"))])


# ---- Whoosh queries for the parts of a parsed query -------------------------------------

_WORD_FIELDS = TEXT_FIELDS + SEARCHED_METADATA


def _field_query_analyzer(name: str):
    if not name.startswith("text_"):
        return METADATA_ANALYSIS.query
    return LANGUAGE_ANALYSIS[name[len("text_"):]].query


def _word_in(fieldname: str, word: str) -> Query | None:
    terms = [t.text for t in _field_query_analyzer(fieldname)(word, mode="query")]
    if not terms:
        return None
    return Term(fieldname, terms[0]) if len(terms) == 1 else And([Term(fieldname, t) for t in terms])


def word_query(word: str, fields=_WORD_FIELDS) -> Query:
    """One query word in any word field (BM25F: the fields' scores add up)."""
    return Or([q for f in fields if (q := _word_in(f, word)) is not None])


def words_query(words: list[str], conjunction: bool = True, fields=_WORD_FIELDS) -> Query:
    parts = [word_query(w, fields) for w in words]
    return And(parts) if conjunction else Or(parts)


def phrase_query(text: str) -> Query | None:
    """Candidates for an alphabetic phrase: paragraphs with all its words, analysed, in one
    text field. A superset of the exact phrase (stems and case widen it, and word positions
    cannot narrow it: the parts of a compound such as ``Timor-Leste`` share one position);
    the matcher verifies the words themselves. None when the phrase has no word."""
    words = plain_words(text)[:MAX_WORDS_PER_TERM]  # each word alone: a compound's parts are indexed
    parts = []
    for name in TEXT_FIELDS:
        analyzer = _field_query_analyzer(name)
        terms = list(dict.fromkeys(t.text for w in words for t in analyzer(w, mode="query")))
        if terms:
            parts.append(Term(name, terms[0]) if len(terms) == 1 else And([Term(name, t) for t in terms]))
    return Or(parts) if parts else None


def grams_query(grams: list[str]) -> Query:
    """Candidate paragraphs for a substring: all its bigrams (a lone Han character: a prefix)."""
    if len(grams) == 1 and len(grams[0]) == 1:
        return Prefix(BIGRAMS, grams[0])
    return And([Term(BIGRAMS, g) for g in grams])


def filter_query(name: str, value: str) -> Query:
    """A metadata filter: exact value, or (speaker, delegation, section) its words.

    A delegation is looked up in the delegation table first: ``Germany``, ``德国``,
    ``Allemagne`` and ``DEU`` all give the code ``DEU``, which filters paragraphs in every
    language (and the text as written still matches exactly). A delegation the table does
    not know (``Infineon 技术公司``) is matched as written, or by its words.
    """
    if name == "delegation":
        codes = codes_matching(value)
        if codes:
            return Or([Term("delegation_code", c) for c in sorted(codes)] + [Term("delegation", value)])
    if name == "lang":
        return Term("lang", value.lower())
    if name == "symbol":
        return symbol_query(value)
    words = [t.text for t in METADATA_ANALYSIS.query(value, mode="query")]
    exact = Term(name, value)
    if not words:
        return exact
    return Or([exact, And([Term(f"{name}_words", w) for w in words])])


def date_query(lo: str | None, hi: str | None) -> Query:
    """Dates are ISO strings, so a term range is a date range; ``hi`` covers its whole month/year.
    A record dated only to its year or month (``1990``) is in a range that starts inside that
    year or month (``date:1990-06..1990-12``): the coarser forms of ``lo`` match too."""
    span = TermRange("date", lo, (hi + "\uffff") if hi else None, startexcl=False, endexcl=False)
    parts = lo.split("-") if lo else []
    coarser = [Term("date", "-".join(parts[:k])) for k in range(1, len(parts))]
    return Or([span, *coarser]) if coarser else span


# ---- the plan -----------------------------------------------------------------------------


@dataclass
class TermPlan:
    """How one term matches (see the module doc), with its queries built."""

    term: QTerm
    kind: str
    words: list[str] = field(default_factory=list)
    query: Query | None = None  # scores the word matches (BM25F); the prefix itself
    bonus: Query | None = None  # quoted terms: any of the words, added to CHAR_SCORE
    candidates: Query | None = None  # an alphabetic phrase's candidates, verified after
    phrase: list[str] = field(default_factory=list)  # an alphabetic phrase's folded words
    grams: list[str] = field(default_factory=list)  # Han: the bigrams a substring needs
    substring: bool = False  # Han: also matched as a substring of the text
    _parts: list["TermPlan"] | None = None

    def parts(self) -> list["TermPlan"]:
        """For the OR fallback: the term itself and, unquoted, each of its words alone."""
        if self._parts is None:
            self._parts = [self] + ([term_plan(QTerm(w)) for w in self.words] if not self.term.quoted else [])
        return self._parts


def term_plan(term: QTerm) -> TermPlan:
    if term.prefix:
        return TermPlan(term, "prefix", term.words(), query=prefix_query(term.text))
    words = term.words()
    if not term.han:
        if term.quoted:
            phrase = term.phrase_words()
            return TermPlan(term, "phrase", words, phrase=phrase,
                            candidates=phrase_query(term.text) if phrase else None,
                            bonus=words_query(words, conjunction=False) if words else None)
        query = words_query(words) if words else None
        if is_un_symbol(term.text):  # a document symbol typed as a word: its record's paragraphs too
            query = Or([q for q in (query, symbol_query(term.text)) if q is not None])
        return TermPlan(term, "words", words, query=query)
    grams = term.grams()
    if term.quoted:
        return TermPlan(term, "han_quoted", words, grams=grams, substring=True,
                        query=words_query(words) if words and not grams else None,
                        bonus=words_query(words, conjunction=False) if words else None)
    return TermPlan(term, "han", words, grams=grams, query=words_query(words) if words else None,
                    substring=len(term.text) >= 2 or single_han(term))


@dataclass
class QueryPlan:
    """A whole query: AND of ORs of term plans, excluded terms, filters, or a passage."""

    parsed: ParsedQuery
    groups: list[list[TermPlan]]
    excluded: list[TermPlan]
    include: list[list[Query]]  # each list ORed, the lists ANDed
    exclude: list[Query]
    passage: list[tuple[str, Query]] | None = None  # a passage's words and their queries
    # The date ranges (``(from, to)``, ANDed) and their queries: kept apart from ``include``,
    # so the executor can count what they leave out for lack of a date.
    dates: list[tuple[str | None, str | None]] = field(default_factory=list)
    date_queries: list[Query] = field(default_factory=list)

    @property
    def filtered(self) -> bool:
        return bool(self.include or self.exclude or self.date_queries)

    def positive(self) -> list[TermPlan]:
        return [t for g in self.groups for t in g]

    def can_widen(self) -> bool:
        """Whether the OR fallback can find more than the AND: several terms, or a term of
        several words."""
        terms = self.positive()
        return len(terms) > 1 or any(not t.term.quoted and len(t.words) > 1 for t in terms)


# A passage's longest distinct words are its candidate words (the executor keeps the rarest of
# them): each costs a term lookup per field and segment, and the longer words are the rarer.
PASSAGE_CANDIDATES = 48
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


def passage_fields(text: str) -> tuple[str, ...]:
    """The text fields a pasted passage is looked for in, by the scripts it is written in
    (Han: Chinese; Cyrillic: Russian; Arabic; Latin: English, French, Spanish), and where it has
    letters other than Han, the field the other languages share (Portuguese, Ukrainian, Persian,
    Japanese …). A passage all in Han characters is looked for in the Chinese field alone: each
    field costs a term lookup per candidate word and segment."""
    fields = []
    if has_han(text):
        fields.append(text_field("zh"))
    if _CYRILLIC.search(text):
        fields.append(text_field("ru"))
    if _ARABIC.search(text):
        fields.append(text_field("ar"))
    if _LATIN.search(text) or not fields:
        fields += [text_field(lang) for lang in ("en", "fr", "es")]
    if any(ch.isalpha() and not HAN_CHAR.match(ch) for ch in text):
        fields.append(text_field(None))
    return tuple(fields)


def plan(parsed: ParsedQuery, extra=(), dates=()) -> QueryPlan:
    """The plan of a parsed query plus a request's own filters (``extra``: ``(name, value)``;
    ``dates``: ``(from, to)``)."""
    include = [[filter_query(name, v) for v in values] for name, values in parsed.filters.items()]
    include += [[filter_query(name, value)] for name, value in extra]
    dates = list(parsed.dates) + list(dates)
    exclude = [filter_query(name, value) for name, value in parsed.excluded_filters]
    passage = None
    if parsed.passage is not None:
        fields = passage_fields(parsed.passage)
        words = sorted(parsed.passage_words(), key=len, reverse=True)[:PASSAGE_CANDIDATES]
        passage = [(w, words_query([w], fields=fields)) for w in words]
    return QueryPlan(parsed, [[term_plan(t) for t in g] for g in parsed.groups],
                     [term_plan(t) for t in parsed.excluded], include, exclude, passage,
                     dates, [date_query(lo, hi) for lo, hi in dates])
