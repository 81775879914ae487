"""Parse: a query string → a :class:`ParsedQuery` (the first stage of a search; no Whoosh here).

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
``field:``) degrades to plain words and adds a :class:`Notice`; nothing here raises on user
input. Long queries are cut to :data:`MAX_QUERY_CHARS` characters and :data:`MAX_TERMS` terms.

Notices are codes with parameters (:data:`NOTICE_TEXTS` holds their English wording); the web
and the CLI render them, so an interface can word them in its own language.

The stages after this one: :mod:`~rapporteur.search.plan` (typed nodes, the Whoosh queries),
:mod:`~rapporteur.search.execute` (document sets), :mod:`~rapporteur.search.score`,
:mod:`~rapporteur.search.collect` (page, total, facets).
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field

from rapporteur.indexer.analysis.analyzers import LANGUAGE_ANALYSIS
from rapporteur.indexer.analysis.segmentation import phrase_words
from rapporteur.indexer.analysis.tokenizers import bigrams
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


# The notices a search can give, by code, in English; ``{name}`` are the notice's parameters. A
# pair is the wording for a ``count`` of one, then for any other count.
NOTICE_TEXTS = {
    "query_cut": "The query was cut to its first {chars} characters.",
    "passage": "Read as a passage: the paragraphs that hold most of its words, the one that contains it first.",
    "unbalanced_quote": "Unbalanced quote: searched for the words instead.",
    "terms_cut": "Only the first {terms} terms were used.",
    "unknown_field": "Unknown field '{field}:': searched as words.",
    "empty_field": "Empty '{field}:': searched as words.",
    "bad_date": "Could not read the date range '{value}': ignored.",
    "negated_date": "'-date:{value}' is not supported (a date filter keeps a range; write the range you want): ignored.",
    "stray_colon": "Stray ':' in '{value}': searched as words.",
    "widened": "No paragraph matches all the words; showing paragraphs that match any of them.",
    "undated": ("{count:,} paragraph that matches has no date and was left out by {dates}.",
                "{count:,} paragraphs that match have no date and were left out by {dates}."),
    "outdated_analysis": "This index was written by an earlier version of the analysis: run 'rapporteur index' "
                         "once (it analyses the records again) for the current matching.",
}


@dataclass(frozen=True)
class Notice:
    """What a search says about how it read or ran the query: a code of :data:`NOTICE_TEXTS`
    and its parameters."""

    code: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, code: str, **params) -> "Notice":
        return cls(code, tuple(sorted(params.items())))

    @property
    def text(self) -> str:
        """The notice in English."""
        params = dict(self.params)
        wording = NOTICE_TEXTS[self.code]
        if isinstance(wording, tuple):
            wording = wording[0] if params.get("count") == 1 else wording[1]
        return wording.format(**params)

    def to_dict(self) -> dict:
        return {"code": self.code, "params": dict(self.params), "text": self.text}


def notice_text(notices) -> str | None:
    """The notices in English, one sentence after another, each once; None for none."""
    return " ".join(dict.fromkeys(n.text for n in notices)) or None


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
    notices: list[Notice] = field(default_factory=list)
    passage: str | None = None  # a pasted passage, normalised and folded (then ``groups`` is empty)

    @property
    def notice(self) -> str | None:
        """The notices in English (see :func:`notice_text`)."""
        return notice_text(self.notices)

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


def date_filter_text(lo: str | None, hi: str | None) -> str:
    """A date range as the query language writes it: ``date:2016``, ``date:2016-01..2016-12``,
    ``date:..2016-06-30``, ``date:2016-06..``."""
    return f"date:{lo}" if lo == hi else f"date:{lo or ''}..{hi or ''}"


def parse_query(q: str) -> ParsedQuery:
    """Parse a query string (see the module doc). Never raises on user input."""
    out = ParsedQuery()
    # Width and script are folded first; spaces are kept until the query is split into terms
    # (they separate terms), then each term gets the full normalisation, which also removes
    # spaces inside a quoted Chinese phrase.
    text = to_simplified(unicodedata.normalize("NFKC", (q or "")[:MAX_QUERY_CHARS * 2]))
    if len(text) > MAX_QUERY_CHARS or len(q or "") > MAX_QUERY_CHARS * 2:
        text = text[:MAX_QUERY_CHARS]
        out.notices.append(Notice.of("query_cut", chars=MAX_QUERY_CHARS))
    passage = _passage(text, out)
    if passage is not None:
        out.passage = passage
        out.notices.append(Notice.of("passage"))
        return out
    if text.count('"') % 2:
        text = text.replace('"', " ")
        out.notices.append(Notice.of("unbalanced_quote"))
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
            out.notices.append(Notice.of("terms_cut", terms=MAX_TERMS))
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
        out.notices.append(Notice.of("unknown_field", field=name))
        return False
    if not value:
        out.notices.append(Notice.of("empty_field", field=name))
        return False
    if neg and name == "date":
        out.notices.append(Notice.of("negated_date", value=value))
        return True
    if neg:
        out.excluded_filters.append((name, value))
        return True
    if name == "date":
        try:
            out.dates.append(parse_date_range(value))
        except ValueError:
            out.notices.append(Notice.of("bad_date", value=value))
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
        out.notices.append(Notice.of("stray_colon", value=value))
    out_terms = []
    for p in parts:
        if len(p) > 1 and p.endswith("*") and not has_han(p):  # a prefix: S/PV.87*
            out_terms.append(QTerm(p.rstrip("*"), prefix=True))
        elif QTerm(p).words() or QTerm(p).grams():
            out_terms.append(QTerm(p))
    return out_terms


def single_han(term: QTerm) -> bool:
    """A term of one Han character (found by prefix over the bigrams, never verified)."""
    return len(term.text) == 1 and bool(HAN_CHAR.match(term.text))
