"""The languages of the records, declared once: code, names, stemmer, script, writing direction.

The six official UN languages each have a word field in the index
(:mod:`rapporteur.indexer.store.schema`), their own analysis
(:mod:`rapporteur.indexer.analysis.analyzers`), a grammar for their records
(:mod:`rapporteur.indexer.parse.grammars`) and names in the delegation table. Every one of
those reads the list from here, so adding a UN-style language starts in this file.

Records also come in other languages: statements delivered in Portuguese, Italian or German,
national versions. :data:`OTHER_LANGUAGES` lists the ones the text detector
(:mod:`rapporteur.indexer.parse.language`) may answer with; a record in one of them is
labelled with its code (``pt``) and shown with its name, and its paragraphs share one word
field, :data:`OTHER` (words lowercased and folded, not stemmed: one field cannot stem each
paragraph in its own language), with the records whose language could not be told. They have
no grammar: their paragraphs are plain paragraphs without speakers.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    name: str  # English name
    native: str  # the language's own name for itself
    snowball: str | None  # Snowball stemmer (PyStemmer) the index uses, None for no stemming
    direction: str = "ltr"  # "rtl" for right-to-left scripts
    # The names a record may give the language ("Original: English", "原文：中文"), lower case.
    names: tuple[str, ...] = ()
    script: str = "Latn"  # ISO 15924: what the text detector tells apart by script first
    chinese: str = ""  # the name in the Chinese interface (other languages; the UN six have catalogue labels)


# In the UN's order of the official languages (alphabetical in English but for the order
# the UN prints them: Arabic, Chinese, English, French, Russian, Spanish).
UN_LANGUAGES: tuple[Language, ...] = (
    Language("ar", "Arabic", "العربية", "arabic", "rtl",
             names=("arabic", "arabe", "árabe", "арабский", "عربي", "阿拉伯文"), script="Arab"),
    Language("zh", "Chinese", "中文", None,
             names=("chinese", "中文", "chinois", "chino", "китайский"), script="Hans"),
    Language("en", "English", "English", "english",
             names=("english", "英文", "anglais", "inglés", "английский")),
    Language("fr", "French", "Français", "french",
             names=("french", "français", "francais", "法文", "francés", "французский")),
    Language("ru", "Russian", "Русский", "russian",
             names=("russian", "русский", "russe", "ruso", "俄文"), script="Cyrl"),
    Language("es", "Spanish", "Español", "spanish",
             names=("spanish", "español", "espanol", "espagnol", "西班牙文", "испанский")),
)


def _other(code: str, name: str, native: str, chinese: str, script: str = "Latn", direction: str = "ltr") -> Language:
    return Language(code, name, native, None, direction, names=tuple(dict.fromkeys((name.lower(), native.lower()))),
                    script=script, chinese=chinese)


# The languages beyond the six that the detector tells (every one is in py3langid's model).
# Languages too close to a UN language for a few hundred characters of PDF text (Catalan and
# Galician beside Spanish and Portuguese, Occitan beside French) are left out, so that those
# records are never taken for them.
OTHER_LANGUAGES: tuple[Language, ...] = (
    _other("pt", "Portuguese", "Português", "葡萄牙文"),
    _other("it", "Italian", "Italiano", "意大利文"),
    _other("de", "German", "Deutsch", "德文"),
    _other("nl", "Dutch", "Nederlands", "荷兰文"),
    _other("sv", "Swedish", "Svenska", "瑞典文"),
    _other("da", "Danish", "Dansk", "丹麦文"),
    _other("no", "Norwegian", "Norsk", "挪威文"),
    _other("fi", "Finnish", "Suomi", "芬兰文"),
    _other("pl", "Polish", "Polski", "波兰文"),
    _other("cs", "Czech", "Čeština", "捷克文"),
    _other("sk", "Slovak", "Slovenčina", "斯洛伐克文"),
    _other("hu", "Hungarian", "Magyar", "匈牙利文"),
    _other("ro", "Romanian", "Română", "罗马尼亚文"),
    _other("hr", "Croatian", "Hrvatski", "克罗地亚文"),
    _other("tr", "Turkish", "Türkçe", "土耳其文"),
    _other("id", "Indonesian", "Bahasa Indonesia", "印度尼西亚文"),
    _other("vi", "Vietnamese", "Tiếng Việt", "越南文"),
    _other("sw", "Swahili", "Kiswahili", "斯瓦希里文"),
    _other("el", "Greek", "Ελληνικά", "希腊文", "Grek"),
    _other("uk", "Ukrainian", "Українська", "乌克兰文", "Cyrl"),
    _other("bg", "Bulgarian", "Български", "保加利亚文", "Cyrl"),
    _other("sr", "Serbian", "Српски", "塞尔维亚文", "Cyrl"),
    _other("fa", "Persian", "فارسی", "波斯文", "Arab", "rtl"),
    _other("ur", "Urdu", "اردو", "乌尔都文", "Arab", "rtl"),
    _other("he", "Hebrew", "עברית", "希伯来文", "Hebr", "rtl"),
    _other("hi", "Hindi", "हिन्दी", "印地文", "Deva"),
    _other("ja", "Japanese", "日本語", "日文", "Jpan"),
    _other("ko", "Korean", "한국어", "韩文", "Kore"),
)

BY_CODE: dict[str, Language] = {lang.code: lang for lang in UN_LANGUAGES}
CODES: tuple[str, ...] = tuple(BY_CODE)
KNOWN: dict[str, Language] = {lang.code: lang for lang in UN_LANGUAGES + OTHER_LANGUAGES}
# name → code, the UN languages' names first (a name two languages share stays theirs).
NAMES: dict[str, str] = {}
for _lang in UN_LANGUAGES + OTHER_LANGUAGES:
    for _name in _lang.names:
        NAMES.setdefault(_name, _lang.code)
del _lang, _name
# The word field (and analysis) of the paragraphs of every other language, and of records
# whose language is unknown.
OTHER = "other"


def get(code: str | None) -> Language | None:
    """The UN language with this code (``zh``, ``en`` …), or None."""
    return BY_CODE.get(code or "")


def known(code: str | None) -> Language | None:
    """Any declared language with this code (the UN six and :data:`OTHER_LANGUAGES`), or None."""
    return KNOWN.get(code or "")


def analysis_key(code: str | None) -> str:
    """The word field's language: the code of a UN language, else :data:`OTHER`."""
    return code if code in BY_CODE else OTHER


def english_name(code: str | None) -> str | None:
    """``pt`` → ``Portuguese``; None for an unknown language (the code itself if undeclared)."""
    if not code:
        return None
    lang = KNOWN.get(code)
    return lang.name if lang else code


def display_name(code: str | None, ui: str = "en") -> str | None:
    """The name of a language in an interface language (``en`` or ``zh``); None if unknown."""
    lang = KNOWN.get(code or "")
    if lang is None:
        return code or None
    if ui == "zh":
        return lang.chinese or lang.native
    return lang.name


def direction(code: str | None) -> str:
    """The writing direction of a language: ``rtl`` for Arabic, Persian, Urdu, Hebrew, else ``ltr``."""
    lang = KNOWN.get(code or "")
    return lang.direction if lang is not None else "ltr"


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
