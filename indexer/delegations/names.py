"""Delegation names as keys: the normalised form a name is matched by, the role words around
a name (``Observer for``, ``常驻代表``), and the Russian genitive forms a name takes in a
record (``наблюдатель от Германии``).

A key is NFKC, Traditional→Simplified Chinese, case-folded, with accents and Arabic vowel
marks stripped, alef/ya/ta-marbuta unified (the folding of :mod:`rapporteur.indexer.text`),
apostrophes unified, punctuation and hyphens as spaces, spaces collapsed (and dropped inside
Chinese). Keys are never shown to users.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from rapporteur.indexer.text import fold_ta_marbuta, has_cjk, normalize_arabic, repair_cjk_spaces, to_simplified


# ---------------------------------------------------------------- normalisation

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u02bb`\u00b4\u2032\uff07"})
_PUNCT = re.compile(r"[\-\u2010-\u2015\u2212.,;:!?()\[\]{}\"«»“”„/\\·•、，。；：（）《》]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def normalize_name(text: str) -> str:
    """The matching key of a name. Never shown to users."""
    t = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    if has_cjk(t):
        t = to_simplified(t)
    t = t.casefold()
    t = "".join(ch for ch in unicodedata.normalize("NFD", t) if unicodedata.category(ch) != "Mn")
    # Arabic: the word analysis's folding (tatweel gone; alef forms and alef maqsura unified),
    # ta marbuta too.
    t = fold_ta_marbuta(normalize_arabic(unicodedata.normalize("NFC", t)))
    t = _PUNCT.sub(" ", t)
    t = _SPACES.sub(" ", t).strip()
    if has_cjk(t):
        t = repair_cjk_spaces(t)
    # "d' ivoire" / "d 'ivoire" → "d'ivoire"
    t = re.sub(r"\s*'\s*", "'", t)
    return t


# Role words around a name, in normalised form (accents already stripped).
_ROLE_PREFIXES = [
    # English: "Observer for Germany", "Permanent Representative of ..."
    (re.compile(r"^(?:the )?(?:(?:deputy |alternate )?permanent |acting )?"
                r"(observer|representative|delegation|delegate)s? (?:for|of) "), None),
    # French: "Observateur de l'Allemagne", "Représentante permanente du Mexique"
    (re.compile(r"^(?:l')?(observat(?:eur|rice)|representante?|delegation|deleguee?)s?"
                r"(?: permanente?)? (?:de |du |des |d')?"), None),
    # Spanish: "Observador de Alemania", "Observadora Permanente de la Santa Sede"
    (re.compile(r"^(?:el |la )?(observador(?:a)?|representante|delegacion|delegad[oa])s?"
                r"(?: permanente)? (?:del |de )?"), None),
    # Russian: "наблюдатель от Германии", "Постоянный представитель Германии"
    (re.compile(r"^(?:постоянн\w+ )?(наблюдател\w*|представител\w*|делегаци\w*) (?:от |при )?"), None),
    # Arabic: "المراقب عن ألمانيا", "ممثل ألمانيا", "المراقب الدائم عن"
    (re.compile(r"^(?:ال)?(مراقب(?:ه)?|ممثل(?:ه)?|وفد)(?: (?:ال)?دا[يئ]م(?:ه)?)? (?:عن |ل)?"), None),
]
_ROLE_SUFFIXES_ZH = re.compile(r"(常驻观察员|观察员|常驻代表|副代表|代表团|代表)$")
_ROLE_WORDS = {
    "observer": "observer", "observateur": "observer", "observatrice": "observer",
    "observador": "observer", "observadora": "observer", "наблюдатель": "observer",
    "مراقب": "observer", "مراقبه": "observer", "المراقب": "observer", "观察员": "observer", "常驻观察员": "observer",
    "representative": "representative", "representant": "representative",
    "representante": "representative", "представитель": "representative",
    "ممثل": "representative", "ممثله": "representative", "代表": "representative",
    "常驻代表": "representative", "副代表": "representative",
    "delegation": "delegation", "delegate": "delegation", "delegacion": "delegation",
    "делегация": "delegation", "وفد": "delegation", "代表团": "delegation",
}
_PREPOSITIONS = re.compile(r"^(?:de la |de l'|de los |de las |del |des |du |de |d'|от |عن )")
_ARTICLES = re.compile(r"^(?:the |l'|la |le |les |el |los |las )")


def _strip_role(key: str) -> tuple[str, str | None]:
    for rx, _ in _ROLE_PREFIXES:
        m = rx.match(key)
        if m and m.end() < len(key):
            word = m.group(1)
            return key[m.end():], _role_name(word)
    m = _ROLE_SUFFIXES_ZH.search(key)
    if m and m.start() > 0:
        return key[:m.start()], _ROLE_WORDS.get(m.group(1))
    return key, None


def _role_name(word: str) -> str | None:
    if word in _ROLE_WORDS:
        return _ROLE_WORDS[word]
    for stem, role in (("наблюдател", "observer"), ("представител", "representative"),
                       ("делегаци", "delegation"), ("observat", "observer"),
                       ("representant", "representative"), ("deleg", "delegation")):
        if word.startswith(stem):
            return role
    return None


def role_of(text: str) -> str | None:
    """``observer``, ``representative`` or ``delegation`` when ``text`` carries a role word."""
    _, role = _strip_role(normalize_name(text))
    return role


# ------------------------------------------------------------ Russian genitive

_RU_ADJ = (("ая", ("ой",)), ("яя", ("ей",)), ("ое", ("ого",)), ("ее", ("его",)),
           ("ые", ("ых",)), ("ие", ("их",)), ("ый", ("ого",)), ("ий", ("ого", "его")),
           ("ой", ("ого",)), ("овы", ("овых",)), ("евы", ("евых",)))
_RU_NOUN_EXCEPTIONS = {"египет": ("египта",), "острова": ("островов",), "штаты": ("штатов",)}


def _ru_is_adj(word: str) -> bool:
    if word.endswith("ние"):  # Управление: a noun
        return False
    return len(word) > 3 and any(word.endswith(e) for e, _ in _RU_ADJ)


def _ru_adj_gen(word: str) -> set[str]:
    out = set()
    for end, repl in _RU_ADJ:
        if word.endswith(end):
            out.update(word[: -len(end)] + r for r in repl)
            break
    return out or {word}


def _ru_noun_gen(word: str) -> set[str]:
    if word in _RU_NOUN_EXCEPTIONS:
        return set(_RU_NOUN_EXCEPTIONS[word])
    if word.endswith("ние") or word.endswith("ство"):
        return {word[:-1] + "я" if word.endswith("е") else word[:-1] + "а"}
    if word.endswith("я"):
        return {word[:-1] + "и"}
    if word.endswith("а"):
        return {word[:-1] + ("и" if len(word) > 1 and word[-2] in "гкхжшщч" else "ы")}
    if word.endswith("ь"):
        return {word[:-1] + "я", word[:-1] + "и"}
    if word.endswith("й"):
        return {word[:-1] + "я"}
    if word.endswith("ы"):
        return {word[:-1] + "ов", word[:-1]}
    if word[-1:] in "оеиуюэ":
        return {word}
    if word[-1:].isalpha():
        return {word + "а"}
    return {word}


def _ru_word_gen(word: str, adjective: bool) -> set[str]:
    fn = _ru_adj_gen if adjective else _ru_noun_gen
    if "-" in word:
        parts = word.split("-")
        first = fn(parts[0]) if not adjective else {parts[0]}
        last = fn(parts[-1])
        mid = parts[1:-1]
        out = set()
        for f, l in itertools.product(first | {parts[0]}, last | {parts[-1]}):
            out.add("-".join([f, *mid, l]))
        return out
    return fn(word)


def _ru_segment_gen(tokens: list[str]) -> set[str]:
    """Genitive of ``[adjective…] noun rest…``: decline the adjectives and the head noun."""
    forms: list[set[str]] = []
    i = 0
    while i < len(tokens) and _ru_is_adj(tokens[i].split("-")[-1]) and i + 1 < len(tokens):
        forms.append(_ru_word_gen(tokens[i], True))
        i += 1
    if i < len(tokens):
        forms.append(_ru_word_gen(tokens[i], False))
        i += 1
    rest = " ".join(tokens[i:])
    out = set()
    for combo in itertools.product(*forms):
        out.add(" ".join([*combo, rest]).strip())
    return out


def russian_genitives(name: str) -> set[str]:
    """Likely genitive forms of a Russian name (``Германия`` → ``Германии``)."""
    text = " ".join(name.lower().replace("ё", "е").split())
    if not text or "(" in text or not re.search("[а-я]", text):
        return set()
    segments = re.split(r" (и|—|–) ", text)  # keep the separators at odd positions
    options: list[set[str]] = []
    for idx, seg in enumerate(segments):
        if idx % 2:
            options.append({seg})
        else:
            options.append(_ru_segment_gen(seg.split()) | {seg})
    out = {" ".join(c) for c in itertools.product(*options)}
    out.discard(text)
    return out
