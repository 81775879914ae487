"""English: "Mr. Anton (Observer for Germany) said…", "The Chair said…", "(spoke in Chinese):"."""
from __future__ import annotations

import re

from rapporteur.indexer.parse.grammar import Grammar, HeaderForms, clock, month_date
from rapporteur.indexer.parse.speakers_intl import OpeningForms
from rapporteur.indexer.parse.statement_forms import StatementForms

MONTHS = {m.lower(): i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}
LANGUAGES = {"arabic": "ar", "chinese": "zh", "english": "en", "french": "fr", "russian": "ru", "spanish": "es",
             "portuguese": "pt", "italian": "it", "german": "de", "japanese": "ja", "korean": "ko", "turkish": "tr",
             "persian": "fa", "farsi": "fa", "hebrew": "he", "ukrainian": "uk", "dutch": "nl", "indonesian": "id",
             "swahili": "sw", "hindi": "hi", "greek": "el", "polish": "pl", "vietnamese": "vi", "thai": "th"}
HONORIFICS = ("Mr.", "Ms.", "Mrs.", "Miss", "Dr.", "Sir", "Dame", "Lord", "Lady", "Baroness", "Baron", "Archbishop",
              "Cardinal", "Bishop", "Monsignor", "Msgr.", "Father", "Sister", "Rabbi", "Imam", "Prince", "Princess",
              "Sheikh", "Sheikha", "Judge", "Professor", "Prof.", "H.E. Mr.", "H.E. Ms.", "Mr", "Ms", "Mrs", "Dr",
              # heads of State and Government are announced by their office: "President Bellini (spoke in Italian):"
              "President", "Vice-President", "Prime Minister", "Deputy Prime Minister", "King", "Queen", "Emir",
              "Crown Prince", "Sultan", "Grand Duke", "Chancellor")
_PERSON = r"(?P<hon>Mr\.|Ms\.|Mrs\.|Dr\.|Sir|Dame|Sheikh)\s*(?P<name>[^(),.;:!?]{1,60}?)\s*(?:\((?P<deleg>[^()]+)\))?"

FORMS = OpeningForms(
    honorifics=HONORIFICS,
    chair=("The Chair", "The Chairman", "The Chairperson", "The President", "The Vice-Chair", "The Temporary President",
           "The Temporary Chair"),
    acting_chair=("The Acting Chair", "The Acting Chairman", "The Acting Chairperson", "The Acting President"),
    chair_complement=r"\s+(?:of|for)\b",
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
        meeting=re.compile(
            r"(?:(?P<kind>Summary|Verbatim)\s+record\s+(?:\(partial\)\s+)?of\s+the\s+)?(?P<n>\d+)(?:st|nd|rd|th)?\s+"
            r"(?:plenary\s+)?meeting\b(?!s)", re.I),
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
        r"^(The agenda was adopted|The meeting was suspended|It was so decided"
        r"|The (?:draft )?(?:resolution|decision|report|programme of work)\b.{0,80}\bwas adopted"
        r"|At the invitation of the (?:Chair|President)\b.{0,200}\btook (?:a )?place"
        r"|.{0,160}\btook (?:a )?place at the petitioners['’] table"
        r"|.{0,160}?\b(?:withdrew|was escorted (?:into|from) the\b[^.]{0,60})\.$)",
        re.I,
    ),
    took_chair=(re.compile(
        rf"^(?:In the absence of (?:the (?:President|Chair)|[^,]{{1,80}}),\s*)?{_PERSON},?\s*"
        r"(?:(?:the\s+)?(?:Vice-President|Vice-Chair|Vice-Chairman|Vice-Chairperson|Rapporteur)\s*,\s*)?took the Chair\.?$",
        re.I,
    ),),
    left_chair=re.compile(r"^(?:The (?:President|Chair)|[^,]{1,80}\))\s+(?:returned to|resumed|took) the Chair\.?$", re.I),
    national=re.compile(r"\b(?:in (?:my|his|her|their) (?:national )?capacity as|speaking as) (?:the )?representative of (?:the )?(?P<d>[A-Z][\w’'\- ]{1,60}?)(?=[,.;:]| and\b| on behalf\b)"),
    address=re.compile(r"(?:^|— )Address by (?:(?:Mr|Ms|Mrs|Dr)\.\s+|His |Her |Sheikh |King |Queen )*(?P<name>[^,—]+),\s*"
                       r"(?P<role>[^,—]*?\b(?:of|for) (?:the )?(?P<d>[^,—]+))$"),
    national_end=re.compile(r"\bI (?:now )?resume my functions as (?:President|Chair)\b", re.I),
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
