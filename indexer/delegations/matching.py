"""Matching: a delegation as written in a record, or as a user types it, → its code."""
from __future__ import annotations

import re
from functools import lru_cache

from rapporteur.indexer.delegations.names import _ARTICLES, _PREPOSITIONS, _strip_role, normalize_name
from rapporteur.indexer.delegations.table import Delegation, _table
from rapporteur.indexer.model import Record
from rapporteur.indexer.text import has_cjk


def _hit(key: str, lang: str | None) -> str | None:
    t = _table()
    code = t["index"].get(key)
    if code:
        return code
    if lang and key in t["ambiguous"]:
        found = t["lang_keys"].get((lang, key), set())
        if len(found) == 1:
            return next(iter(found))
    return None


@lru_cache(maxsize=4096)
def _match_key(key: str, lang: str | None) -> str | None:
    if not key:
        return None
    candidates = [key]
    stripped, role = _strip_role(key)
    if role:
        candidates.append(stripped)
    for cand in list(candidates):
        m = _PREPOSITIONS.match(cand)
        if m and m.end() < len(cand):
            candidates.append(cand[m.end():])
    for cand in list(candidates):
        m = _ARTICLES.match(cand)
        if m and m.end() < len(cand):
            candidates.append(cand[m.end():])
    for cand in candidates:
        code = _hit(cand, lang)
        if code:
            return code
    return None


_PAREN = re.compile(r"[(（]([^()（）]*)[)）]")


def lookup(text: str, lang: str | None = None) -> Delegation | None:
    """The delegation a name as written in a record refers to, or ``None``.

    ``lang`` (an ISO 639-1 code) only breaks ties between languages.
    """
    if not text or not text.strip():
        return None
    lang = lang.split("-")[0].lower() if lang else None
    code = _match_key(normalize_name(text), lang)
    if code is None and _PAREN.search(text):
        # "国际刑事警察组织(国际刑警组织)", "Germany (Observer)": outer part first, then inner.
        outer = _PAREN.sub(" ", text)
        code = _match_key(normalize_name(outer), lang)
        if code is None:
            for inner in _PAREN.findall(text):
                code = _match_key(normalize_name(inner), lang)
                if code:
                    break
    return _table()["by_code"][code] if code else None


def codes_matching(query: str) -> set[str]:
    """Codes of all delegations a user's filter text designates, in any language.

    An exact name, variant or code (``Germany``, ``德国``, ``DEU``) gives one code.
    Failing that, a query of at least three characters matches every delegation
    with a name containing it as whole words (``Korea`` → both Koreas); Chinese
    queries match as substrings.
    """
    if not query or not query.strip():
        return set()
    hit = lookup(query)
    if hit:
        return {hit.code}
    t = _table()
    raw = query.strip().upper()
    if raw in t["by_code"]:
        return {raw}
    key = normalize_name(query)
    key, _ = _strip_role(key)
    if len(key) < 3 and not (has_cjk(key) and len(key) >= 2):
        return set()
    if has_cjk(key):
        rx = re.compile(re.escape(key))
    else:
        rx = re.compile(r"(?:^|[\s'])" + re.escape(key) + r"(?:$|\s)")
    found: set[str] = set()
    for k, code in t["index"].items():
        if rx.search(k):
            found.add(code)
    for k, codes in t["ambiguous"].items():
        if rx.search(k):
            found.update(codes)
    return found


def assign_codes(record: Record) -> None:
    """Give each paragraph the code of its delegation (``德国``, ``Germany``, ``Allemagne`` → DEU)."""
    for p in record.paragraphs:
        if p.delegation and not p.delegation_code:
            found = lookup(p.delegation, record.lang)
            p.delegation_code = found.code if found else None
