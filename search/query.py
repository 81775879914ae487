"""Query string → parsed query → Whoosh queries.

The query language (also in ``rapporteur search --help``)::

    威斯巴登进程 出口管制        plain words: all of them (AND), ranked by BM25F; if no
                                paragraph has all, any of them (OR), with a notice
    "出口管制"                  exact phrase or substring, after normalisation
    -德国  -"工商业"            exclude paragraphs that match
    核 OR 生物                  either (OR binds tighter than the implicit AND)
    speaker:Anton  delegation:德国  symbol:S/AC.44/SR.74  lang:zh  section:外联
    date:2016-01..2016-12  date:2016  date:..2016-06-30   date range (inclusive)

A long query of plain words (:data:`PASSAGE_WORDS` words or :data:`PASSAGE_HAN` Han characters
and up, no syntax) is read as a pasted passage, up to :data:`MAX_QUERY_CHARS` characters: the
paragraphs that hold most of its rarer words, the one that contains it first.

Queries are normalised like the text (NFKC, CJK-space repair) and folded from Traditional
to Simplified Chinese. Syntax that cannot be read (an unbalanced quote, an empty or unknown
``field:``) degrades to plain words and sets ``notice``; nothing here raises on user input.
Long queries are cut to :data:`MAX_QUERY_CHARS` characters and :data:`MAX_TERMS` terms.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field

from whoosh.query import And, Or, Prefix, Query, Term, TermRange

from rapporteur.indexer.analysis.analyzers import LANGUAGE_ANALYSIS, METADATA_ANALYSIS
from rapporteur.indexer.analysis.segmentation import phrase_words, plain_words
from rapporteur.indexer.analysis.tokenizers import bigrams
from rapporteur.indexer.delegations import codes_matching
from rapporteur.indexer.store.schema import BIGRAMS, SEARCHED_METADATA, TEXT_FIELDS
from rapporteur.indexer.text import HAN_CHAR, fold, has_han, normalize_query, to_simplified

MAX_QUERY_CHARS = 2000
MAX_TERMS = 64
# A query of this many words, or Han characters, with no syntax is a pasted passage.
PASSAGE_WORDS = 12
PASSAGE_HAN = 40
MAX_WORDS_PER_TERM = 32
MAX_BIGRAMS = 8  # the rarest bigrams of a term generate candidates; verification does the rest

FILTER_FIELDS = ("speaker", "delegation", "symbol", "lang", "section", "date")

_TOKEN = re.compile(r'\s*(-?)(?:([A-Za-z_]+):)?("[^"]*"|\S+)')
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class QTerm:
    """One search term: ``text`` is normalised and folded; ``quoted`` asks for the exact text.

    A term with Han characters in it matches by substrings (any substring of Han text is found);
    a term in an alphabetic script (Latin, Cyrillic, Greek, Arabic …) matches whole words: an
    unquoted word after its language's analysis, a quoted phrase as its folded words, adjacent
    and in order, never the inside of another word."""

    text: str
    quoted: bool = False
    prefix: bool = False  # ``S/PV.87*``: words that begin with ``text``

    @property
    def han(self) -> bool:
        return has_han(self.text)

    def phrase_words(self) -> list[str]:
        """The folded whole words of an alphabetic phrase, in order (see ``phrase_words``)."""
        return phrase_words(self.text)[:MAX_WORDS_PER_TERM]

    def words(self) -> list[str]:
        """The term's words, by the query side of the word analysis (precise mode)."""
        ana = LANGUAGE_ANALYSIS["zh"].query
        return [t.text for t in ana(self.text, mode="query")][:MAX_WORDS_PER_TERM]

    def grams(self) -> list[str]:
        """The bigrams to look for; a lone Han character is its own (prefix) gram."""
        if single_han(self):
            return [self.text]
        return list(dict.fromkeys(bigrams(self.text, ends=False)))


@dataclass
class ParsedQuery:
    groups: list[list[QTerm]] = field(default_factory=list)  # AND of ORs
    excluded: list[QTerm] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)  # field → values (OR)
    excluded_filters: list[tuple[str, str]] = field(default_factory=list)
    dates: list[tuple[str | None, str | None]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    passage: str | None = None  # a pasted passage, normalised and folded (then ``groups`` is empty)

    @property
    def notice(self) -> str | None:
        return " ".join(dict.fromkeys(self.notices)) or None

    def passage_words(self) -> list[str]:
        """The distinct words of the passage, in order (precise mode, no stemming)."""
        if self.passage is None:
            return []
        ana = LANGUAGE_ANALYSIS["zh"].query
        return list(dict.fromkeys(t.text for t in ana(self.passage, mode="query")))

    def positive_terms(self) -> list[QTerm]:
        if self.passage is not None:
            return [QTerm(w) for w in self.passage_words()]
        return [t for g in self.groups for t in g]

    def add_filter(self, name: str, value: str) -> None:
        self.filters.setdefault(name, []).append(value)


def _check_date(part: str) -> None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and a real date; ValueError otherwise."""
    if not _DATE.match(part):
        raise ValueError(f"not a date: {part}")
    y, m, d = (part.split("-") + ["01", "01"])[:3]
    _dt.date(int(y), int(m), int(d))


def parse_date_range(value: str) -> tuple[str | None, str | None]:
    """``2016-01..2016-12`` → ``("2016-01", "2016-12")``; raises ValueError if unreadable."""
    lo, sep, hi = value.partition("..")
    lo, hi = lo.strip() or None, (hi.strip() or None) if sep else lo.strip() or None
    for part in (lo, hi):
        if part is not None:
            _check_date(part)
    if lo is None and hi is None:
        raise ValueError("empty date range")
    return lo, hi


def parse_query(q: str) -> ParsedQuery:
    """Parse a query string (see the module doc). Never raises on user input."""
    out = ParsedQuery()
    # Width and script are folded first; spaces are kept until the query is split into terms
    # (they separate terms), then each term gets the full normalisation, which also removes
    # spaces inside a quoted Chinese phrase.
    text = to_simplified(unicodedata.normalize("NFKC", (q or "")[:MAX_QUERY_CHARS * 2]))
    if len(text) > MAX_QUERY_CHARS or len(q or "") > MAX_QUERY_CHARS * 2:
        text = text[:MAX_QUERY_CHARS]
        out.notices.append(f"The query was cut to its first {MAX_QUERY_CHARS} characters.")
    passage = _passage(text, out)
    if passage is not None:
        out.passage = passage
        out.notices.append("Read as a passage: the paragraphs that hold most of its words, the one that "
                           "contains it first.")
        return out
    if text.count('"') % 2:
        text = text.replace('"', " ")
        out.notices.append("Unbalanced quote: searched for the words instead.")
    pending_or = False
    count = 0
    for m in _TOKEN.finditer(text):
        neg, name, raw = m.group(1), m.group(2), m.group(3)
        if raw == "OR" and not neg and not name:
            pending_or = bool(out.groups)
            continue
        quoted = raw.startswith('"')
        value = raw[1:-1].strip() if quoted else raw
        if name is not None:
            if _apply_filter(out, name.lower(), value, neg):
                pending_or = False
                continue
            value = f"{name}:{value}"
            quoted = False
        count += 1
        if count > MAX_TERMS:
            out.notices.append(f"Only the first {MAX_TERMS} terms were used.")
            break
        for term in _terms(value, quoted, out):
            if neg:
                out.excluded.append(term)
            elif pending_or:
                out.groups[-1].append(term)
            else:
                out.groups.append([term])
        pending_or = False
    return out


_FILTER_TOKEN = re.compile(rf'(?:^|(?<=\s))(-?)({"|".join(FILTER_FIELDS)}):("[^"]*"|\S+)', re.I)


def _passage(text: str, out: ParsedQuery) -> str | None:
    """The passage, normalised and folded, when the query is long once its filters
    (``lang:zh``, ``speaker:…``) are set aside: :data:`PASSAGE_WORDS` words or
    :data:`PASSAGE_HAN` Han characters. Quotes, dashes and ``OR`` in it are a pasted text's
    punctuation, not syntax. The filters are applied to ``out``; None for a short query."""
    rest = _FILTER_TOKEN.sub(" ", text)
    if len(rest.split()) < PASSAGE_WORDS and len(HAN_CHAR.findall(rest)) < PASSAGE_HAN:
        return None
    for m in _FILTER_TOKEN.finditer(text):
        value = m.group(3)[1:-1].strip() if m.group(3).startswith('"') else m.group(3)
        _apply_filter(out, m.group(2).lower(), value, bool(m.group(1)))
    passage = fold(normalize_query(rest.replace('"', " ")))
    return passage or None


def _apply_filter(out: ParsedQuery, name: str, value: str, neg: bool) -> bool:
    """Record ``name:value`` as a filter; False when it is not one (it is then searched as words)."""
    if name not in FILTER_FIELDS:
        out.notices.append(f"Unknown field '{name}:': searched as words.")
        return False
    if not value:
        out.notices.append(f"Empty '{name}:': searched as words.")
        return False
    if neg and name != "date":
        out.excluded_filters.append((name, value))
        return True
    if name == "date":
        try:
            out.dates.append(parse_date_range(value))
        except ValueError:
            out.notices.append(f"Could not read the date range '{value}': ignored.")
        return True
    out.add_filter(name, value)
    return True


def _terms(value: str, quoted: bool, out: ParsedQuery) -> list[QTerm]:
    """The term(s) for one token: a quoted phrase stays whole; stray ':' split plain words."""
    value = fold(normalize_query(value))
    if quoted:
        return [QTerm(value, True)] if value else []
    parts = [p for p in re.split(r'[\s:"]+', value) if p]
    if ":" in value:
        out.notices.append(f"Stray ':' in '{value}': searched as words.")
    out_terms = []
    for p in parts:
        if len(p) > 1 and p.endswith("*") and not has_han(p):  # a prefix: S/PV.87*
            out_terms.append(QTerm(p.rstrip("*"), prefix=True))
        elif QTerm(p).words() or QTerm(p).grams():
            out_terms.append(QTerm(p))
    return out_terms


def prefix_query(text: str) -> Query:
    """The words (or compounds, such as document symbols) of the text fields that begin with
    ``text``, folded; the symbol field too (``S/PV.87*`` finds the meetings S/PV.8700 to 8799)."""
    return Or([Prefix(name, text) for name in TEXT_FIELDS] + [Prefix("symbol", text.upper())])


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


def words_query(words: list[str], conjunction: bool = True) -> Query:
    parts = [word_query(w) for w in words]
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


def single_han(term: QTerm) -> bool:
    return len(term.text) == 1 and bool(HAN_CHAR.match(term.text))


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
        sym = value.upper()
        if len(sym) > 1 and sym.endswith("*"):  # symbol:S/PV.87*
            return Prefix("symbol", sym.rstrip("*"))
        return Or([Term("symbol", sym), Prefix("symbol", sym.rstrip("/") + "/")])
    words = [t.text for t in METADATA_ANALYSIS.query(value, mode="query")]
    exact = Term(name, value)
    if not words:
        return exact
    return Or([exact, And([Term(f"{name}_words", w) for w in words])])


def date_query(lo: str | None, hi: str | None) -> Query:
    """Dates are ISO strings, so a term range is a date range; ``hi`` covers its whole month/year."""
    return TermRange("date", lo, (hi + "\uffff") if hi else None, startexcl=False, endexcl=False)
