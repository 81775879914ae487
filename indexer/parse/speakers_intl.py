"""Speaker openings in the alphabetic UN languages (English, French, Spanish, Russian, Arabic).

They share one shape, with each language's own words::

    [article] honorific Name (delegation and role) [(spoke in X)] [, capacity,] said… | :
    Mr. Anton (Observer for Germany) said that…
    El Sr. Anton (Observador de Alemania) dice que…
    Mr. Geng Shuang (China) (spoke in Chinese): …
    The Chair said… / The President: …

:class:`OpeningForms` holds one language's words; :func:`match_opening` reads an opening.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapporteur.indexer.parse.speaker import Speaker, balanced

_NAME = r"[^\s(),:;][^(),:;]{0,59}?"
# Lower-case words a personal name may hold ("Pecsteen de Buytswerve", "Al-Thani bin …").
_PARTICLES = {"de", "da", "das", "do", "dos", "del", "della", "di", "du", "des", "la", "le", "van", "von", "der",
              "den", "ter", "ten", "al", "el", "bin", "ibn", "binti", "bint", "y", "e", "zu", "af", "av", "ben",
              "d", "l", "dei", "degli", "op", "het", "vom", "ould", "abu", "bou",
              # the same particles as Russian records write them: аль-Тани, ван дер Бек, де Сильва
              "аль", "эль", "ас", "ан", "ад", "бин", "бен", "ибн", "ван", "фон", "дер", "де", "ди", "да", "дос", "дель", "ла", "ле"}


def plausible_name(name: str) -> bool:
    """A name's words start with a capital, bar particles; scripts without case pass.

    Keeps ``Mr. Smith's proposal (A/78/35) was…`` or ``Mr. Anton said that (…)`` at the start of a
    continuation paragraph from being read as a speaker."""
    for word in name.split():
        head = word.split("-")[0].lower().strip(".'’")
        if word[0].islower() and head not in _PARTICLES:
            return False
        if "'s" in word or "’s" in word:
            return False
    return True


@dataclass(frozen=True)
class OpeningForms:
    honorifics: tuple[str, ...]  # "Mr.", "Ms." …
    chair: tuple[str, ...]  # "The Chair", "The President" …
    observer: str  # regex with groups "r" (the role word) and "d" (the delegation an observer speaks for)
    titles: str  # regex: a parenthesis naming an office, not a delegation
    spoke_in: str  # regex with group "l": the language word in "(spoke in Chinese)"
    languages: dict[str, str]  # language word → ISO 639-1
    capacity: str = r"(?!)"  # regex for a capacity after the parenthesis, e.g. ", speaking in his national capacity,"
    articles: tuple[str, ...] = ()  # "El", "La" before the honorific
    role_titles: str = r"(?!)"  # regex: "The Secretary-General" and other title-only speakers
    acting_chair: tuple[str, ...] = ()  # "The Acting President": whoever took the Chair
    # What may not follow a chair word for it to be the meeting's chair: "Le Président de la République
    # a déclaré…", "Председатель Комиссии сообщил…" open a sentence about someone else.
    chair_complement: str = r"(?!)"

    def compiled(self) -> "_Compiled":
        return _Compiled(self)


class _Compiled:
    def __init__(self, forms: OpeningForms):
        self.forms = forms
        hon = "|".join(re.escape(h) for h in sorted(forms.honorifics, key=len, reverse=True))
        art = "|".join(re.escape(a) for a in forms.articles)
        art_part = rf"(?:(?:{art})\s+)?" if art else ""
        self.person = re.compile(rf"^{art_part}(?P<hon>{hon})\s*(?P<name>{_NAME})\s*(?=\(|:)", re.I)
        chairs = sorted({*forms.chair, *forms.acting_chair}, key=len, reverse=True)
        chair = "|".join(re.escape(c) for c in chairs)
        self.chair = re.compile(rf"^(?P<role>{chair})(?=\s|:|,|\()(?!{forms.chair_complement})", re.I)
        self.acting = {c.lower() for c in forms.acting_chair}
        self.role_title = re.compile(rf"^(?P<role>{forms.role_titles})\s*(?=:|\()")
        self.observer = re.compile(forms.observer, re.I)
        self.titles = re.compile(forms.titles, re.I)
        # "(spoke in Italian; English interpretation provided by the delegation)"
        self.spoke_in = re.compile(rf"\s*\((?:{forms.spoke_in})(?:\s*[;,][^()]{{0,120}})?\)", re.I)
        self.capacity = re.compile(forms.capacity, re.I)

    def split_parenthesis(self, inner: str) -> tuple[str | None, str | None]:
        inner = inner.strip()
        m = self.observer.match(inner)
        if m:
            return m.group("d").strip(), m.group("r")
        if self.titles.search(inner):
            return None, inner
        return inner, None

    def spoken(self, text: str, pos: int) -> tuple[str | None, int]:
        m = self.spoke_in.match(text, pos)
        if not m:
            return None, pos
        word = m.group("l").lower()
        return self.forms.languages.get(word), m.end()

    def match(self, text: str) -> Speaker | None:
        m = self.person.match(text)
        if m and plausible_name(m.group("name")):
            name = m.group("name").strip()
            delegation = role = None
            end = m.end()
            if end < len(text) and text[end] == "(" and not self.spoke_in.match(text, end):
                close = balanced(text, end)
                if close is None:
                    return None
                delegation, role = self.split_parenthesis(text[end + 1 : close - 1])
                end = close
            spoke_in, end = self.spoken(text, end)
            cap = self.capacity.match(text, end)
            if cap:
                role = cap.group("cap").strip() if role is None else f"{role}, {cap.group('cap').strip()}"
                end = cap.end()
            return Speaker(name, m.group("hon"), delegation, role, end=end, spoke_in=spoke_in)
        for pattern, is_chair in ((self.chair, True), (self.role_title, False)):
            m = pattern.match(text)
            if m:
                spoke_in, end = self.spoken(text, m.end())
                role = bare_role(m.group("role"))
                acting = is_chair and m.group("role").lower() in self.acting
                return Speaker(None, None, None, role, is_chair=is_chair, acting=acting, end=end, spoke_in=spoke_in)
        return None


_ARTICLE = re.compile(r"^(?:The|Le|La|El|L['’])\s*", re.I)


def bare_role(role: str) -> str:
    """``The Chair`` → ``Chair``; ``Le Président`` → ``Président``."""
    return _ARTICLE.sub("", role)
