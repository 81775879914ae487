"""English: "Mr. Anton (Observer for Germany) said…", "The Chair said…", "(spoke in Chinese):"."""
from __future__ import annotations

import re

from rapporteur.indexer.parse.grammar import Grammar, HeaderForms, clock, month_date
from rapporteur.indexer.parse.speakers_intl import OpeningForms
from rapporteur.indexer.parse.statement_forms import StatementForms

MONTHS = {m.lower(): i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}
LANGUAGES = {"arabic": "ar", "chinese": "zh", "english": "en", "french": "fr", "russian": "ru", "spanish": "es"}
HONORIFICS = ("Mr.", "Ms.", "Mrs.", "Miss", "Dr.", "Sir", "Dame", "Lord", "Baroness", "Archbishop", "Monsignor", "Prince", "Princess", "Sheikh", "Mr", "Ms", "Mrs")

FORMS = OpeningForms(
    honorifics=HONORIFICS,
    chair=("The Chair", "The Chairman", "The Chairperson", "The Acting Chair", "The President", "The Acting President",
           "The Vice-Chair", "The Temporary President", "The Temporary Chair"),
    observer=r"^(?P<r>(?:Permanent\s+)?Observer)\s+(?:for|of)\s+(?:the\s+)?(?P<d>.+)$",
    titles=r"\b(Secretary|Expert|Coordinator|Rapporteur|Representative of the Secretary-General|High Representative"
           r"|Special Representative|Special Envoy|Under-Secretary|Assistant Secretary|Director|Chair|President of"
           r"|Head of|Commissioner|Judge|Prosecutor|Registrar|Officer|Adviser|Advisor|Executive|Member of the Group)\b",
    spoke_in=r"(?:spoke|speaking)\s+in\s+(?P<l>\w+)",
    languages=LANGUAGES,
    capacity=r"\s*,\s*(?P<cap>(?:Vice-Chair|Vice-President|Rapporteur|Chair|President)(?:\s*,\s*speaking\s+[^,]{3,80}?)?|speaking\s+[^,]{3,80}?)\s*,",
    role_titles=r"The (?:Secretary-General|Deputy Secretary-General|Secretary|Legal Counsel|Executive Secretary|Rapporteur|High Commissioner|Prosecutor)",
)
_OPENINGS = FORMS.compiled()
_TIME = re.compile(r"(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|noon)", re.I)
_DATE = re.compile(r"(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]+)\s+(?P<y>\d{4})")


def to_time(text: str) -> str | None:
    """``10.10 a.m.`` → ``10:10``; ``3 p.m.`` → ``15:00``; ``noon`` → ``12:00``."""
    m = _TIME.search(text)
    if not m:
        return "12:00" if re.search(r"\bnoon\b", text, re.I) else None
    word = m.group(3).lower()
    period = "pm" if word.startswith("p") else ("am" if word.startswith("a") else None)
    return clock(int(m.group(1)), int(m.group(2) or 0), period)


GRAMMAR = Grammar(
    lang="en",
    match_opening=_OPENINGS.match,
    header=HeaderForms(
        meeting=re.compile(r"(?P<kind>Summary|Verbatim)\s+record\s+of\s+the\s+(?P<n>\d+)(?:st|nd|rd|th)?\s+meeting", re.I),
        kinds={"summary": "SR", "verbatim": "PV"},
        date=month_date(_DATE, MONTHS),
        held=re.compile(r"^Held at\b", re.I),
        place=re.compile(r"^Held at\s+(.+?),\s+on\b", re.I),
        chair=re.compile(r"^(?:Acting\s+)?(?:Chair|Chairman|Chairperson|President)\s*:\s*(?P<hon>Mr\.|Ms\.|Mrs\.|Dr\.)?\s*(?P<name>[^(]+?)\s*\((?P<deleg>.+)\)\s*$", re.I),
        contents=("Contents",),
    ),
    opening_line=re.compile(r"^The meeting (?:was called to order|was opened|was resumed|resumed) at\b", re.I),
    closing_line=re.compile(r"^The meeting (?:rose|was adjourned|was suspended and adjourned) at\b", re.I),
    to_time=to_time,
    procedural=re.compile(
        r"^(The agenda was adopted|The meeting was suspended|It was so decided|The (?:draft )?(?:resolution|decision|report|programme of work)\b.{0,80}\bwas adopted)",
        re.I,
    ),
    statement=StatementForms(
        titles=r"statement|address|remarks|speech|intervention",
        prepositions=r"by|of",
        honorifics=r"his\s+excellency|her\s+excellency|h\.\s*e\.|his\s+majesty|her\s+majesty|his\s+highness|her\s+highness"
                   r"|mr\.?|mrs\.?|ms\.?|dr\.?|ambassador|general|sir|dame|prof\.?|professor",
        offices=r"(?:vice-|deputy\s+)?president|(?:deputy\s+)?prime\s+minister|minister|secretary|chancellor|head\s+of|(?:permanent\s+)?representative"
                r"|ambassador|king|queen|prince|princess|emir|amir|sultan|governor-general|chair(?:man|person)?|chief",
        ends=r"\bat\s+the\b|\bbefore\s+the\b|\bto\s+the\s+(?:general|\d)|\bgeneral\s+debate|\b\d+(?:st|nd|rd|th)\s+session"
             r"|\bgeneral\s+assembly|\bnew\s+york|\bduring\s+the\b",
        salutations=r"mr\.?\s+president|madam\s+president|mr\.?\s+secretary|madam\s+secretary|excellenc(?:y|ies)\b|your\s+excellenc"
                    r"|ladies\s+and\s+gentlemen|distinguished\s+(?:delegates|guests|representatives)|honou?rable\s+(?:delegates|heads|members)"
                    r"|dear\s+(?:colleagues|friends)",
        chair=r"assembly|secretary[-\s]general",
    ),
)
