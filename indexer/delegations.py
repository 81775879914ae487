"""One delegation, every language: map delegation names as written to a stable code.

The bundled table ``indexer/data/delegations.tsv`` (generated at dev time by
``indexer/data/build_delegations.py``) lists the UN Member States, the observer
States and common organisations, with their UN short and formal names in the
six UN languages and usual variants. This module loads it once and offers:

* :func:`lookup` — a delegation string from a record (``Observer for Germany``,
  ``德国观察员``, ``de l'Allemagne``, ``наблюдатель от Германии``,
  ``المراقب عن ألمانيا``) → :class:`Delegation` or ``None``;
* :func:`codes_matching` — a user's filter text (``delegation:德国``) → codes;
* :func:`get`, :func:`all_delegations`, :func:`role_of`.

Matching works on normalised keys: NFKC, Traditional→Simplified Chinese,
case-folding, accents and Arabic vowel marks stripped, alef/ya/ta-marbuta
unified, apostrophes unified, punctuation and hyphens as spaces, spaces
collapsed (and dropped inside Chinese). Lookups are dictionary hits.
"""
from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .normalize import has_cjk, repair_cjk_spaces, to_simplified

LANGS = ("ar", "zh", "en", "fr", "ru", "es")
KINDS = ("state", "observer-state", "organisation")
DATA_FILE = Path(__file__).resolve().parent / "data" / "delegations.tsv"

__all__ = [
    "Delegation",
    "lookup",
    "codes_matching",
    "get",
    "all_delegations",
    "role_of",
    "normalize_name",
    "reload",
]


@dataclass(frozen=True, eq=True)
class Delegation:
    code: str
    kind: str
    names: dict[str, str] = field(compare=False)
    formal: dict[str, str] = field(compare=False)
    variants: tuple[str, ...] = field(default=(), compare=False)

    def __hash__(self) -> int:
        return hash(self.code)

    def label(self, lang: str | None = None) -> str:
        """The short name in a UI language (``zh``, ``en``, ``zh-CN``…), falling back to English."""
        if lang:
            base = lang.replace("_", "-").split("-")[0].lower()
            if self.names.get(base):
                return self.names[base]
        return self.names.get("en") or self.code

    def formal_label(self, lang: str | None = None) -> str:
        if lang:
            base = lang.replace("_", "-").split("-")[0].lower()
            if self.formal.get(base):
                return self.formal[base]
        return self.formal.get("en") or self.label(lang)


# ---------------------------------------------------------------- normalisation

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u02bb`\u00b4\u2032\uff07"})
# Arabic: tatweel gone; alef forms, alef maqsura, ta marbuta unified (for matching only).
_ARABIC_FOLD = str.maketrans({"\u0640": None, "\u0622": "\u0627", "\u0623": "\u0627",
                              "\u0625": "\u0627", "\u0671": "\u0627", "\u0649": "\u064a",
                              "\u0629": "\u0647"})
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
    t = unicodedata.normalize("NFC", t).translate(_ARABIC_FOLD)
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


# -------------------------------------------------------------------- the table

_lock = threading.Lock()
_state: dict | None = None


def _parse(path: Path) -> list[Delegation]:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    col = {name: i for i, name in enumerate(header)}
    out = []
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = line.split("\t")
        names = {lang: cells[col[f"name_{lang}"]] for lang in LANGS}
        formal = {lang: cells[col[f"formal_{lang}"]] or names[lang] for lang in LANGS}
        variants = tuple(v for v in cells[col["variants"]].split("|") if v) if len(cells) > col["variants"] else ()
        out.append(Delegation(cells[col["code"]], cells[col["kind"]], names, formal, variants))
    return out


def _build() -> dict:
    delegations = _parse(DATA_FILE)
    by_code = {d.code: d for d in delegations}
    keys: dict[str, set[str]] = {}
    lang_keys: dict[tuple[str, str], set[str]] = {}

    def add(text: str, code: str, lang: str | None = None) -> None:
        key = normalize_name(text)
        if not key:
            return
        keys.setdefault(key, set()).add(code)
        if lang:
            lang_keys.setdefault((lang, key), set()).add(code)

    for d in delegations:
        for lang in LANGS:
            for text in (d.names[lang], d.formal[lang]):
                add(text, d.code, lang)
        for v in d.variants:
            add(v, d.code)
        ru = {d.names["ru"], d.formal["ru"], *(v for v in d.variants if re.search("[а-яА-Я]", v))}
        for name in ru:
            for gen in russian_genitives(name):
                add(gen, d.code, "ru")
    index = {k: next(iter(v)) for k, v in keys.items() if len(v) == 1}
    ambiguous = {k: v for k, v in keys.items() if len(v) > 1}
    return {"list": delegations, "by_code": by_code, "index": index,
            "ambiguous": ambiguous, "lang_keys": lang_keys}


def _table() -> dict:
    global _state
    if _state is None:
        with _lock:
            if _state is None:
                _state = _build()
    return _state


def reload() -> None:
    """Forget the loaded table (the build script and tests use this)."""
    global _state
    with _lock:
        _state = None
    _match_key.cache_clear()


def ambiguous_keys() -> dict[str, set[str]]:
    """Normalised names that point at more than one delegation (they never match)."""
    return {k: set(v) for k, v in _table()["ambiguous"].items()}


def all_delegations(kind: str | None = None) -> list[Delegation]:
    items = _table()["list"]
    return [d for d in items if kind is None or d.kind == kind]


def get(code: str) -> Delegation | None:
    return _table()["by_code"].get(code.strip().upper()) if code else None


# ------------------------------------------------------------------- matching

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
