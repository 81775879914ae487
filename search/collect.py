"""Collect: a ranking → the page of hits, the total and the facets (the last stage).

A hit is its stored fields, its score, its text with a snippet whose marks are the query's
terms (the analysed words a stemmed field matched are marked too), and ``versions``: the same
paragraph in every language the index holds it in. Facets count the whole result set, not
the page.
"""
from __future__ import annotations

from rapporteur.indexer import languages
from rapporteur.indexer.analysis.analyzers import ANALYSED_LANGUAGES, LANGUAGE_ANALYSIS
from rapporteur.indexer.store.documents import decode_spans
from rapporteur.search.context import SearchContext
from rapporteur.search.facets import facet_counts, label_delegations
from rapporteur.search.highlight import analysed_marks, find_marks, marked_part, snippet
from rapporteur.search.parse import QTerm
from rapporteur.search.score import Ranking

HIT_FIELDS = ("id", "symbol", "lang", "n", "speaker", "honorific", "delegation", "delegation_code", "role",
              "spoke_in", "section", "date")


def highlight_strings(terms: list[QTerm]) -> list[str]:
    """What to mark for the positive terms: each term's text, plus the words of unquoted ones."""
    out: list[str] = []
    for t in terms:
        out.append(t.text)
        if not t.quoted:
            out.extend(t.words())
    return list(dict.fromkeys(s for s in out if s))


class StemMarker:
    """Marks for the words a stemmed (or normalised) word field matched, per hit language.

    The query's plain words are analysed once per word field met on the page (the UN
    languages' own, and the one the other languages share); each hit's text in such a field
    is analysed and its words with the same stems or folded forms are marked."""

    def __init__(self, terms: list[QTerm]):
        self.words = list(dict.fromkeys(w for t in terms if not t.quoted for w in t.words()))
        self._stems: dict[str, set[str]] = {}

    def __call__(self, text: str, lang: str | None) -> list[tuple[int, int]]:
        key = languages.analysis_key(lang)
        if not self.words or key not in ANALYSED_LANGUAGES:
            return []
        analyzer = LANGUAGE_ANALYSIS[key].query
        stems = self._stems.get(key)
        if stems is None:
            stems = self._stems[key] = {t.text for w in self.words for t in analyzer(w, mode="query")}
        return analysed_marks(text, analyzer, stems)


def page_hits(ctx: SearchContext, ranking: Ranking, page: int, size: int, terms: list[QTerm],
              symbols: dict[str, dict]) -> list[dict]:
    """The hits of one page, with snippets and versions."""
    marks = highlight_strings(terms)
    marker = StemMarker(terms)
    hits = []
    for docnum, score in ranking.top(page * size)[(page - 1) * size:]:
        ctx.deadline.check()
        hits.append(_hit(ctx, docnum, score, marks, marker))
    add_versions(ctx, hits, symbols)
    return hits


def _hit(ctx: SearchContext, docnum: int, score: float, terms: list[str], marker: StemMarker) -> dict:
    stored = ctx.stored(docnum)
    text = stored.get("text", "")
    part = marked_part(text)  # marks are looked for in the first MAX_MARKED_CHARS only
    marks = find_marks(part, decode_spans(stored.get("spans")), terms, marker(part, stored.get("lang")))
    hit = {name: stored.get(name) for name in HIT_FIELDS}
    hit.update(score=round(score, 4), text=text, snippet=snippet(text, marks))
    return hit


def add_versions(ctx: SearchContext, hits: list[dict], known: dict[str, dict]) -> None:
    """``hit["versions"]``: ``lang → paragraph id`` of the same paragraph (same symbol, same
    ``n``) in every language the index holds it in, the hit's own included. Per distinct symbol,
    its paragraphs in every language (:meth:`SearchContext.symbol_paragraphs`), kept per
    generation in ``known``."""
    for hit in hits:
        versions = {hit["lang"]: hit["id"]} if hit.get("lang") else {}
        symbol, n = hit.get("symbol"), hit.get("n")
        if symbol and n is not None:
            table = known.get(symbol)
            if table is None:
                table = known[symbol] = ctx.symbol_paragraphs(symbol)
            for lang, pid in table.get(n, {}).items():
                versions.setdefault(lang, pid)
        hit["versions"] = dict(sorted(versions.items()))


def facets(ctx: SearchContext, ranking: Ranking, ui_lang: str | None) -> dict[str, list[dict]]:
    """The facet counts of the whole result set; delegations labelled in ``ui_lang`` (None: the
    language most hits are in)."""
    ctx.deadline.check()
    out = facet_counts(ctx.searcher, ranking.docs, columns=ctx.facets)
    label_delegations(out.get("delegation", []), ui_lang or (out["lang"][0]["value"] if out.get("lang") else None))
    return out
