"""Which language a record is in: from its header (``Chinese``, ``English``), else from its text.

A record that mixes scripts (Latin names inside Chinese text) counts as its main language:
Chinese wins once three letters in ten are CJK.
"""
from __future__ import annotations

import re

from rapporteur.indexer.text import is_cjk
from rapporteur.indexer.parse.header import LANGUAGE_NAMES

_WORD = re.compile(r"[a-záéíóúñàâçèêëîïôûüœ']+")
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "that", "was", "had", "his", "her", "with", "for", "said", "which", "would"},
    "fr": {"le", "la", "les", "des", "et", "que", "du", "une", "est", "dans", "pour", "qui", "pas", "dit", "sur"},
    "es": {"el", "los", "las", "del", "y", "que", "una", "para", "con", "por", "se", "dice", "su", "como"},
}


def from_header(lines: list[str]) -> str | None:
    for line in lines[:40]:
        lang = LANGUAGE_NAMES.get(line.strip().lower())
        if lang:
            return lang
    return None


def from_text(text: str) -> str | None:
    sample = text[:20_000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return None
    share = lambda test: sum(1 for ch in letters if test(ch)) / len(letters)  # noqa: E731
    if share(is_cjk) > 0.3:
        return "zh"
    if share(lambda ch: "\u0400" <= ch <= "\u04ff") > 0.5:
        return "ru"
    if share(lambda ch: "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufefc") > 0.5:
        return "ar"
    words = _WORD.findall(sample.lower())
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 3 else None


def detect(lines: list[str], text: str) -> str | None:
    return from_header(lines) or from_text(text)
