"""The header of a statement: who speaks, in what office, and when.

The header is the lines before the first salutation (``Monsieur le Président,``), or before the
first block of running prose where there is none, within the first :data:`MAX_LINES` lines; it
counts as a header only if it names the statement (a title), gives a date or puts a name over an
office. Its lines are not paragraphs. Headers come in many forms::

    Intervention du Chef du Gouvernement, M. Xavier Espot Zamora          office, honorific name
    Discurso de la Ministra de Relaciones Exteriores del Estado           office…, name
      Plurinacional de Bolivia, Celinda Sosa Lunda
    DISCOURS DE SON EXCELLENCE MONSIEUR FELIX-ANTOINE TSHISEKEDI          honorific NAME, OFFICE (capitals)
      TSHILOMBO, PRESIDENT DE LA REPUBLIQUE DÉMOCRATIQUE DU CONGO
    Palabras del presidente Gustavo Petro ante la 79 Asamblea General     bare office name
    Выступление Министра иностранных дел Российской Федерации С.В.Лаврова  genitive office, initials name
    Nayib Armando Bukele Ortez / Presidente de la República de El Salvador   a name line over an office line

A title opens with one of the language's title words (:class:`~.statement_forms.StatementForms`)
and runs over the next lines up to a date or a word that ends it (``à l'occasion de``, ``en el
debate``). Its parts, split at commas and at lines that open with an honorific or an office,
are read in turn: honorifics then a name; an office, with the name that follows it. A name is
taken only where something marks it as one (an honorific before it, a comma after an office, a
bare office word before it, the language's name shape) and it looks like a name: two to seven
capitalised words, none of them an office, and not a country. A wrong speaker is worse than
none, so anything else leaves the speaker unset; an office whose end runs into unmarked
capitalised words (``Presidente de la Nación Javier Milei``: where does the office end?) is
not taken either.

Names and offices printed in capitals are given in title case (``FELIX-ANTOINE TSHISEKEDI`` →
``Felix-Antoine Tshisekedi``); names printed with a capitalised surname (``Albert SHINGIRO``)
are kept as printed. A language whose titles inflect the speaker (Russian: ``Министра``,
``Лаврова``) gives the office's and the surname's own forms.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from rapporteur.indexer import delegations
from rapporteur.indexer.parse import dates
from rapporteur.indexer.parse.statement_forms import StatementForms

MAX_LINES = 45  # a header is within the first lines
MAX_TITLE_LINES = 8
PROSE_CHARS = 300  # a block this long, mostly in lower case, is the speech, not its header
PROSE_SENTENCES_CHARS = 150  # … and one this long with a sentence ended inside it
LOWER_SHARE = 0.8
MAX_NAME_WORDS = 7

_BULLET_START = re.compile(r"^(?:[-–—•·*»e]\s+|\[)")  # OCR'd bullets before a salutation ("e Monsieur…")
_INNER_STOP = re.compile(r"[.!?]\s+[^\W\d_]")
_PARTICLES = frozenset(
    "de du des la le les l d et en y del e da do dos das di van von der den ter al el bin ibn ben of the and for à a au aux".split()
)
_ARTICLE = re.compile(r"^(?:le|la|les|l['’]|el|los|las|the)\s*", re.I)
_INITIAL = re.compile(r"^(?:[^\W\d_]\.)+$")


@dataclass
class Header:
    end: int = 0  # the index of the first line after the header
    speaker: str | None = None
    role: str | None = None
    date: str | None = None
    recognised: bool = False  # the header named the statement, dated it or named its speaker


@dataclass(frozen=True)
class _Compiled:
    title: re.Pattern
    preposition: re.Pattern
    honorific: re.Pattern
    office: re.Pattern
    ends: re.Pattern
    salutation: re.Pattern
    chair: re.Pattern
    name_shape: re.Pattern | None


@lru_cache(maxsize=16)
def _compiled(forms: StatementForms) -> _Compiled:
    flags = re.I
    return _Compiled(
        title=re.compile(rf"^(?:{forms.titles})\b\s*", flags),
        preposition=re.compile(rf"^(?:{forms.prepositions})(?:\s+|(?=,)|(?<=['’]))", flags),
        honorific=re.compile(rf"^(?:{forms.honorifics})(?=\s|$|[,.])\.?\s*", flags),
        office=re.compile(rf"^(?:{forms.offices})(?=[\s,.;:]|$)", flags),
        ends=re.compile(forms.ends, flags),
        salutation=re.compile(rf"^(?:{forms.salutations})", flags),
        chair=re.compile(forms.chair, flags),
        name_shape=re.compile(forms.name_shape) if forms.name_shape else None,
    )


# ----------------------------------------------------------------------------- where it ends

def is_salutation(text: str, forms: StatementForms) -> bool:
    return len(text) <= 150 and bool(_compiled(forms).salutation.match(_BULLET_START.sub("", text)))


def _lower_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.islower() for ch in letters) / len(letters) if letters else 0.0


def _block(lines, i: int) -> str:
    texts = [lines[i].text]
    for line in lines[i + 1:]:
        if line.blank_before:
            break
        texts.append(line.text)
    return " ".join(texts)


def _is_prose(text: str) -> bool:
    if _lower_share(text) < LOWER_SHARE:
        return False
    return len(text) >= PROSE_CHARS or (len(text) >= PROSE_SENTENCES_CHARS and bool(_INNER_STOP.search(text)))


def _end(lines, forms: StatementForms) -> int:
    """Where the header ends: at the first salutation, or the first block of prose."""
    c = _compiled(forms)
    for i, line in enumerate(lines[:MAX_LINES]):
        if is_salutation(line.text, forms):
            return i
        if (line.bullet or _BULLET_START.match(line.text)) and c.honorific.match(_BULLET_START.sub("", line.text)):
            return i  # a list of greetings: "• Excelentísimo Señor …, Presidente de la Asamblea General"
        if (i == 0 or line.blank_before) and _is_prose(_block(lines, i)):
            return i
    return 0


_ENDS_WITH_YEAR = re.compile(r"\d{4}\s*(?:года|г\.|\.)?\s*$")
_HAN_YEAR = re.compile(r"\d{4}\s*年")
DATELINE_WORDS = 9


def is_dateline(text: str) -> bool:
    """A line that gives a place and a date and nothing else: ``Nueva York, 25 de septiembre de
    2024.``, ``Нью-Йорк, 28 сентября 2024 года``, ``2024年9月27日于纽约``."""
    if len(text.split()) > DATELINE_WORDS or len(text) > 80:
        return False
    return bool(_ENDS_WITH_YEAR.search(text) or _HAN_YEAR.search(text)) and dates.find_date(text) is not None


# ----------------------------------------------------------------------------- names and offices

def recase(text: str) -> str:
    """Text printed in capitals → title case, particles in lower case; other text as it is."""
    if any(ch.islower() for ch in text):
        return text
    out = []
    for k, token in enumerate(re.split(r"(\s+|-|['’])", text)):
        low = token.lower()
        if not token or not token[0].isalpha():
            out.append(token)
        elif k > 0 and low in _PARTICLES:
            out.append(low)
        else:
            out.append(token[0] + low[1:])
    return "".join(out)


def _name_like(text: str, c: _Compiled) -> bool:
    if c.name_shape is not None:
        return bool(c.name_shape.fullmatch(text))
    words = text.split()
    if not 2 <= len(words) <= MAX_NAME_WORDS or len(text) > 60 or any(ch.isdigit() for ch in text):
        return False
    capitalised = 0
    for word in words:
        head = word.strip("'’.").split("-")[0]
        if not head:
            return False
        if head.lower() in _PARTICLES:
            continue
        if not head[0].isupper() or not all(ch.isalpha() or ch in ".'’-" for ch in word):
            return False
        if c.office.match(word) or c.honorific.match(word):
            return False
        capitalised += 1
    if capitalised < 2 and not any(_INITIAL.match(w) for w in words):
        return False
    return delegations.lookup(text) is None  # "REPUBLIQUE DU BURUNDI" is a country, not a person


def _nominative(text: str, forms: StatementForms, surname: bool) -> str:
    if surname:
        for ending, own in forms.name_endings:
            if text.endswith(ending):
                return text[: -len(ending)] + own
        return text
    words = text.split(" ")
    for k, word in enumerate(words):
        own = forms.heads.get(word.lower())
        if own is None:
            break
        words[k] = own[0].upper() + own[1:] if word[0].isupper() else own
    return " ".join(words)


def _speaker(name: str, forms: StatementForms) -> str:
    name = name.strip(" .,;:")
    if forms.name_endings:
        name = _nominative(name, forms, surname=True)
    words = name.split()
    capitals = [w for w in words if not any(ch.islower() for ch in w)]
    others = [w for w in words if w not in capitals]
    if len(capitals) >= 2 and len(others) == 1 and len(others[0].strip(".")) <= 3:
        return " ".join(recase(w) if w in capitals else w for w in words)  # "EDGARD LEBLANC FILS Jr."
    return recase(name)


def _role(role: str, forms: StatementForms) -> str:
    role = _ARTICLE.sub("", role.strip(" .,;:"))
    words = role.split()
    while len(words) > 1 and words[-1].lower() in _PARTICLES:
        words.pop()  # "… de la République d'Haïti au" (au débat général)
    role = " ".join(words).rstrip(" ,")
    if forms.heads:
        role = _nominative(role, forms, surname=False)
    role = recase(role)
    return role[:1].upper() + role[1:]


def _runs_into_a_name(role: str) -> bool:
    """A mixed-case office whose last words, after its last particle, are three or more
    capitalised words that are not a country: a name may be hiding there."""
    if not any(ch.islower() for ch in role):
        return False
    words = role.split()
    tail: list[str] = []
    for word in reversed(words):
        if word.lower() in _PARTICLES or not word[0].isupper():
            break
        tail.insert(0, word)
    return len(tail) >= 3 and delegations.lookup(" ".join(tail)) is None


def _strip_honorifics(text: str, c: _Compiled) -> tuple[str, bool]:
    found = False
    while True:
        m = c.honorific.match(text)
        if not m or m.end() == 0:
            return text, found
        text, found = text[m.end():].lstrip(" ."), True


def _split_office(text: str, c: _Compiled) -> tuple[str, str | None]:
    """An office, and the name that follows it where the text marks one (``presidente Gustavo
    Petro``; ``Министра … С.В.Лаврова``)."""
    if c.name_shape is not None:
        m = c.name_shape.search(text)
        if m:
            return text[: m.start()].strip(), m.group(0)
        return text, None
    m = c.office.match(text)
    rest = text[m.end():].strip() if m else ""
    if rest and _name_like(rest, c) and not any(w.lower() in _PARTICLES for w in rest.split()[:1]):
        return text[: m.end()], rest
    return text, None


# ----------------------------------------------------------------------------- the title

_JUNK = re.compile(r"^[^\w(«\"“'’]+")
_DOLLAR = re.compile(r"(?<=S)\$|\$(?=[A-ZÀ-Ý])|(?<=[A-ZÀ-Ý])\$")


def _clean(text: str) -> str:
    """A header line without OCR's leading junk (``} PRÉSIDENT``) and with its ``$`` read as
    the ``S`` it was in capitals (``$ON EXCELLENCE``, ``S$.E.``)."""
    text = _JUNK.sub("", text)
    if not any(ch.islower() for ch in text):
        text = _DOLLAR.sub(lambda m: "" if m.start() and text[m.start() - 1] == "S" else "S", text)
    return text


def _continues(line, text: str, c: _Compiled) -> bool:
    """Does a header line go on with the title read so far?"""
    if dates.find_date(line.text) or c.ends.match(line.text) or _BULLET_START.match(line.text) and len(line.text) > 2:
        return False
    capitals = not any(ch.islower() for ch in text)
    if text.strip() and capitals and any(ch.islower() for ch in line.text) and len(text.strip()) > 3:
        return False  # a title in capitals does not go on in lower case ("A vérifier au prononcé")
    if not line.blank_before:
        return True
    opening = _ARTICLE.sub("", line.text)
    first = line.text.split(" ", 1)[0].lower()
    return bool(c.honorific.match(line.text) or c.office.match(opening) or first in _PARTICLES
                or line.text[:1].islower() or _name_like(line.text.strip(" .,"), c))


def _title_text(lines, start: int, m: re.Match, c: _Compiled) -> str:
    """The title's text after its word, over its lines: a line that opens with an honorific or
    an office starts a new part (a comma), other lines run on."""
    text = _clean(lines[start].text)[m.end():]
    for line in lines[start + 1: start + MAX_TITLE_LINES]:
        line = dataclasses.replace(line, text=_clean(line.text))
        if not _continues(line, text, c):
            break
        bare = c.preposition.sub("", text.strip(" ,")).strip(" ,")
        if bare and (c.honorific.match(line.text) or c.office.match(_ARTICLE.sub("", line.text))):
            text += ", " + line.text
        else:
            text += " " + line.text
    stop = c.ends.search(text)
    if stop:
        text = text[: stop.start()]
    return text.strip(" ,;:.")


def _read_parts(text: str, forms: StatementForms, c: _Compiled) -> tuple[str | None, str | None]:
    text = c.preposition.sub("", text.strip(" ,"), count=1).lstrip(" ,")
    speaker: str | None = None
    roles: list[str] = []
    waiting_name = False
    for part in (p.strip(" .;:") for p in re.split(r"[,;]", text)):
        if not part:
            continue
        rest, honoured = _strip_honorifics(part, c)
        plain = _ARTICLE.sub("", rest)
        if honoured and not rest:
            waiting_name = True
            continue
        if c.office.match(plain):
            office, name = _split_office(plain, c)
            roles.append(office)
            if name and speaker is None:
                speaker = name
            waiting_name = False
            continue
        if (honoured or waiting_name or roles) and speaker is None and _name_like(rest, c):
            speaker = rest
            waiting_name = False
            continue
        if roles and rest[:1].islower() or roles and rest.split(" ", 1)[0].lower() in _PARTICLES:
            roles[-1] += ", " + rest  # "Ministre des Affaires étrangères, de la Francophonie…"
            continue
        break
    role = ", ".join(roles) or None
    if role and _runs_into_a_name(role):
        return None, None
    return (_speaker(speaker, forms) if speaker else None), (_role(role, forms) if role else None)


def _name_over_office(lines, c: _Compiled, forms: StatementForms) -> tuple[str | None, str | None]:
    """A line that is a name (in mixed case, after any honorifics), over a line that opens with
    an office that is not the chair's."""
    for i, line in enumerate(lines):
        name, _ = _strip_honorifics(line.text, c)
        if not any(ch.islower() for ch in name):
            continue
        j = i + 1
        if j < len(lines) and len(lines[j].text.split()) == 1 and lines[j].text[:1].isupper() \
                and not c.office.match(lines[j].text):
            name, j = f"{name} {lines[j].text}", j + 1  # a name run over two lines
        if j >= len(lines) or not _name_like(name, c):
            continue
        office = lines[j].text
        stop = c.ends.search(office)
        office = office[: stop.start()] if stop else office
        if c.office.match(_ARTICLE.sub("", office)) and not c.chair.search(office):
            return _speaker(name, forms), _role(office, forms)
    return None, None


def read(lines, forms: StatementForms, lang: str | None) -> Header:
    """The header of a statement whose lines (``statement.Line``) are ``lines``."""
    c = _compiled(forms)
    end = _end(lines, forms)
    head = lines[:end]
    out = Header()
    for i, line in enumerate(head):
        m = c.title.match(_clean(line.text))
        if m:
            out.recognised = True
            out.speaker, out.role = _read_parts(_title_text(head, i, m, c), forms, c)
            if out.speaker or out.role:
                break
    if out.speaker is None:
        speaker, role = _name_over_office(head, c, forms)
        if speaker:
            out.speaker, out.role, out.recognised = speaker, role, True
    out.date = dates.find_date(" ".join(line.text for line in head), lang)
    out.recognised = out.recognised or out.date is not None
    out.end = end if out.recognised else 0
    return out
