"""Which language a record is in: from its header (``Chinese``, ``English``), else from its text.

1. **The header.** A line that is a language's name (``Chinese``, ``English``, ``Español``; the
   names are :data:`rapporteur.indexer.languages.NAMES`) says the record's language.
2. **Scripts.** Text whose letters are three in ten CJK is Chinese, so that the Latin names
   inside a Chinese record do not make it English; with kana it is Japanese, mostly hangul
   Korean. Text half Cyrillic or half Arabic letters is Russian or Arabic, unless the text is
   long enough to tell another language of the script (Ukrainian, Persian …).
3. **The text.** py3langid (a naive Bayes classifier over byte n-grams, deterministic, 0.7 MB,
   NumPy only) restricted to the declared languages (the UN six and
   :data:`~rapporteur.indexer.languages.OTHER_LANGUAGES`) reads the first 20,000 characters in
   windows of 500, lowercased (its model is case-sensitive: two French statements typed in
   capitals were read as Lingala and Occitan). Each window of 40 letters or more votes with its
   letters; the language with three in five of the votes wins. Fewer than 80 letters in such
   windows (a title, a list of names) or no such majority (a record half in one language, half
   in another) is no answer: the record's language is unknown.

The numbers: over the 2,233 files of ``shared/corpus`` that are not Chinese (the 39 General
Assembly statements in French, Spanish, Russian, Portuguese and Italian, 83 Security Council
records and 2,110 General Debate statements in English, an English summary record), every file
is read right, and so are the two Chinese records. A window alone (22,675 windows of the
statements and 20 Security Council records) is right 97.9% of the time at 40 characters, 99.8%
at 80 and 99.97% at 150. Voting costs about 10 ms for a record of 20,000 characters or more
(indexing runs at about 100,000 characters a second). The stop-word count this replaced knew
English, French and Spanish only, and read the Portuguese and Italian statements as Spanish. py3langid 0.3 loads in 0.09 s and
10 MB, once per process and only when a record is not Chinese; 0.4 ships a larger model
(4.6 MB, 0.6 s and 75 MB to load) that these records do not need.
"""
from __future__ import annotations

import threading
from collections import Counter

from rapporteur.indexer import languages
from rapporteur.indexer.parse.header import LANGUAGE_NAMES
from rapporteur.indexer.text import is_cjk

SAMPLE = 20_000  # characters read from the text
WINDOW = 500  # characters a window holds (cut at a space)
WINDOW_LETTERS = 40  # a window with fewer letters (numbers, symbols, a name) does not vote
MIN_LETTERS = 80  # letters the voting windows need in all, else the text is too short to tell
MAJORITY = 0.6  # the share of the votes the winner needs, else the text is too mixed to tell
CJK_SHARE = 0.3  # CJK letters that make a text Chinese, Japanese or Korean
SCRIPT_SHARE = 0.5  # Cyrillic or Arabic letters that make a text one of that script's languages
KANA_SHARE = 0.1  # of the CJK letters: Japanese
HANGUL_SHARE = 0.5  # of the CJK letters: Korean

_CANDIDATES = tuple(languages.KNOWN)
_BY_SCRIPT = {script: frozenset(lang.code for lang in languages.KNOWN.values() if lang.script == script)
              for script in ("Cyrl", "Arab")}
_lock = threading.Lock()
_identifier = None


def _classifier():
    """py3langid's identifier over the declared languages, loaded once per process."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                ident = LanguageIdentifier.from_pickled_model(MODEL_FILE)
                ident.set_languages(list(_CANDIDATES))
                _identifier = ident
    return _identifier


def from_header(lines: list[str]) -> str | None:
    for line in lines[:40]:
        lang = LANGUAGE_NAMES.get(line.strip().lower())
        if lang:
            return lang
    return None


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufefc"


def _is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff"


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7af"


def windows(text: str, size: int = WINDOW):
    """``text`` in pieces of at most ``size`` characters, cut at the last space of a piece's
    second half where there is one."""
    start, n = 0, len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            space = text.rfind(" ", start + size // 2, end)
            end = space if space > start else end
        yield text[start:end]
        start = end


def vote(text: str, allowed=None) -> str | None:
    """The language most of the text's windows are in (see the module doc), among ``allowed``
    codes (default: every declared language); None when too short or too mixed to tell."""
    rank = _classifier().rank
    votes: Counter[str] = Counter()
    for piece in windows(" ".join(text.lower().split())):
        letters = sum(1 for ch in piece if ch.isalpha())
        if letters < WINDOW_LETTERS:
            continue
        lang = next((code for code, _score in rank(piece) if allowed is None or code in allowed), None)
        if lang is not None:
            votes[lang] += letters
    total = sum(votes.values())
    if total < MIN_LETTERS:
        return None
    best, count = votes.most_common(1)[0]
    return best if count >= MAJORITY * total else None


def from_text(text: str) -> str | None:
    """The language of a record's text (see the module doc), None when it cannot be told."""
    sample = text[:SAMPLE]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return None
    cjk = [ch for ch in letters if is_cjk(ch)]
    if len(cjk) > CJK_SHARE * len(letters):
        if sum(1 for ch in cjk if _is_kana(ch)) > KANA_SHARE * len(cjk):
            return "ja"
        if sum(1 for ch in cjk if _is_hangul(ch)) > HANGUL_SHARE * len(cjk):
            return "ko"
        return "zh"
    for script, test, default in (("Cyrl", _is_cyrillic, "ru"), ("Arab", _is_arabic, "ar")):
        if sum(1 for ch in letters if test(ch)) > SCRIPT_SHARE * len(letters):
            return vote(sample, _BY_SCRIPT[script]) or default
    return vote(sample)


def detect(lines: list[str], text: str) -> str | None:
    return from_header(lines) or from_text(text)
