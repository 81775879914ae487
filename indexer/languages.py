"""The languages of the records, declared once: code, names, stemmer, writing direction.

The six official UN languages are the languages a record can be in; each has a word field
in the index (:mod:`rapporteur.indexer.store.schema`), its own analysis
(:mod:`rapporteur.indexer.analysis.analyzers`), a grammar for its records
(:mod:`rapporteur.indexer.parse.grammars`) and names in the delegation table. Every one of
those reads the list from here, so adding a language starts in this file.

Right-to-left scripts beyond the UN six (Persian, Hebrew, Urdu) are listed for the writing
direction only: a speaker's name or a quotation can be in them.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    name: str  # English name
    native: str  # the language's own name for itself
    snowball: str | None  # Snowball stemmer (PyStemmer), None for no stemming
    direction: str = "ltr"  # "rtl" for right-to-left scripts
    # The names a record may give the language ("Original: English", "原文：中文"), lower case,
    # in the UN languages.
    names: tuple[str, ...] = ()


# In the UN's order of the official languages (alphabetical in English but for the order
# the UN prints them: Arabic, Chinese, English, French, Russian, Spanish).
UN_LANGUAGES: tuple[Language, ...] = (
    Language("ar", "Arabic", "العربية", "arabic", "rtl",
             names=("arabic", "arabe", "árabe", "арабский", "عربي", "阿拉伯文")),
    Language("zh", "Chinese", "中文", None,
             names=("chinese", "中文", "chinois", "chino", "китайский")),
    Language("en", "English", "English", "english",
             names=("english", "英文", "anglais", "inglés", "английский")),
    Language("fr", "French", "Français", "french",
             names=("french", "français", "francais", "法文", "francés", "французский")),
    Language("ru", "Russian", "Русский", "russian",
             names=("russian", "русский", "russe", "ruso", "俄文")),
    Language("es", "Spanish", "Español", "spanish",
             names=("spanish", "español", "espanol", "espagnol", "西班牙文", "испанский")),
)

BY_CODE: dict[str, Language] = {lang.code: lang for lang in UN_LANGUAGES}
CODES: tuple[str, ...] = tuple(BY_CODE)
NAMES: dict[str, str] = {name: lang.code for lang in UN_LANGUAGES for name in lang.names}  # name → code
DEFAULT = "zh"  # paragraphs of a record in an unknown language are analysed as this one

_OTHER_RIGHT_TO_LEFT = frozenset({"fa", "he", "ur"})


def get(code: str | None) -> Language | None:
    """The UN language with this code (``zh``, ``en`` …), or None."""
    return BY_CODE.get(code or "")


def direction(code: str | None) -> str:
    """The writing direction of a language: ``rtl`` for Arabic (and Persian, Hebrew, Urdu),
    else ``ltr``."""
    lang = BY_CODE.get(code or "")
    if lang is not None:
        return lang.direction
    return "rtl" if code in _OTHER_RIGHT_TO_LEFT else "ltr"


def stemmer_name(code: str | None) -> str | None:
    """The Snowball algorithm of a language, or None where words are not stemmed."""
    lang = BY_CODE.get(code or "")
    return lang.snowball if lang else None


# Every ISO 639-1 code (two lower-case letters), for metadata that may name a language beyond
# those a record can be analysed in (a record manifest's ``lang``): such a record is analysed
# as :data:`DEFAULT`, but keeps its language.
ISO_639_1: frozenset[str] = frozenset("""
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
    la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
    oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
    st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
    za zh zu
""".split())
