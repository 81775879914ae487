"""French: "M. Anton (Observateur de l'Allemagne) dit que…", "Le Président dit…", "(parle en anglais) :"."""
from __future__ import annotations

import re

from rapporteur.indexer.parse.grammar import Grammar, HeaderForms, clock, month_date
from rapporteur.indexer.parse.speakers_intl import OpeningForms
from rapporteur.indexer.parse.statement_forms import StatementForms

MONTHS = {m: i for i, m in enumerate(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(), 1)}
LANGUAGES = {"arabe": "ar", "chinois": "zh", "anglais": "en", "français": "fr", "russe": "ru", "espagnol": "es",
             "portugais": "pt", "italien": "it", "allemand": "de", "japonais": "ja", "coréen": "ko", "turc": "tr",
             "persan": "fa", "hébreu": "he", "ukrainien": "uk", "néerlandais": "nl"}
_PERSON = r"(?P<hon>M\.|Mme|Mgr|Cheikh)\s*(?P<name>[^(),.;:!?]{1,60}?)\s*(?:\((?P<deleg>[^()]+)\))?"

FORMS = OpeningForms(
    honorifics=("M.", "Mme", "Mlle", "Mgr", "Sir", "Dame", "S. E. M.", "S. E. Mme", "S. E. Mgr", "MM.", "Cardinal",
                "Cheikh", "Cheikha", "Dr", "Pr", "Me", "Prince", "Princesse", "Juge"),
    chair=("Le Président", "La Présidente", "Le Vice-Président", "La Vice-Présidente"),
    acting_chair=("Le Président par intérim", "La Présidente par intérim"),
    chair_complement=r"\s+(?:de|du|des|d['’])(?:\s|\b)",
    observer=r"^(?P<r>(?:Observateur|Observatrice)(?:\s+permanente?)?)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])(?P<d>.+)$",
    titles=r"\b(Secrétaire|Expert|Experte|Coordonnateur|Coordonnatrice|Rapporteur|Rapporteuse|Haut-Représentant|Haute-Représentante"
           r"|Représentant spécial|Représentante spéciale|Envoyé|Directeur|Directrice|Président|Présidente|Chef|Commissaire|Juge|Procureur)\b",
    spoke_in=r"parle\s+en\s+(?P<l>\w+)",
    languages=LANGUAGES,
    capacity=r"\s*,\s*(?P<cap>parlant\s+[^,]{3,80}?)\s*,",
    role_titles=r"Le Secrétaire général|La Secrétaire générale|Le Secrétaire|La Secrétaire",
)
_OPENINGS = FORMS.compiled()
_DATE = re.compile(r"(?P<d>\d{1,2})(?:er)?\s+(?P<m>[a-zéû]+)\s+(?P<y>\d{4})", re.I)
_TIME = re.compile(r"(\d{1,2})\s*h(?:eures?)?\s*(\d{1,2})?")


def to_time(text: str) -> str | None:
    """``10 h 10`` → ``10:10``; ``15 heures`` → ``15:00``."""
    m = _TIME.search(text)
    return clock(int(m.group(1)), int(m.group(2) or 0)) if m else None


GRAMMAR = Grammar(
    lang="fr",
    match_opening=_OPENINGS.match,
    header=HeaderForms(
        meeting=re.compile(r"(?:Compte\s+rendu\s+(?P<kind>analytique|sténographique)\s+(?:\(partiel\)\s+)?de\s+la\s+)?"
                           r"(?P<n>\d+)\s*(?:e|ème|re)\s+séance\b", re.I),
        kinds={"analytique": "SR", "sténographique": "PV"},
        date=month_date(_DATE, MONTHS),
        held=re.compile(r"^Tenue\b", re.I),
        place=re.compile(r"^Tenue\s+(?:au|à|a)\s+(.+?),\s+le\b", re.I),
        chair=re.compile(r"^(?:Président|Présidente)(?:\s+par\s+intérim)?\s*:\s*(?P<hon>M\.|Mme)?\s*(?P<name>[^(]+?)\s*\((?P<deleg>.+)\)\s*$", re.I),
        contents=("Table des matières", "Sommaire"),
    ),
    opening_line=re.compile(r"^La séance est (?:ouverte|reprise) à\b", re.I),
    closing_line=re.compile(r"^La séance est levée à\b", re.I),
    to_time=to_time,
    procedural=re.compile(
        r"^(L['’]ordre du jour est adopté|La séance est suspendue|Il en est ainsi décidé"
        r"|Sur l['’]invitation du Président\b.{0,200}\bprend(?:nent)? place"
        r"|.{0,160}\bprend(?:nent)? place à la table des pétitionnaires"
        r"|.{0,160}?\b(?:se retire(?:nt)?|est escortée? (?:à la tribune|hors de la salle)[^.]{0,60})\.$)",
        re.I,
    ),
    took_chair=(re.compile(
        rf"^(?:En l['’]absence d[ue] (?:la )?[^,]{{1,80}},\s*)?{_PERSON},\s*(?:(?:Vice-Présidente?|Rapporteur)\s*,\s*)?"
        r"(?:assume|prend|occupe) (?:la présidence|le fauteuil présidentiel)\.?$", re.I),),
    left_chair=re.compile(r"^(?:Le Président|La Présidente)\s+(?:reprend|retrouve)\s+(?:la présidence|sa place au fauteuil présidentiel)\.?$", re.I),
    national=re.compile(r"\ben (?:ma|sa) qualité de représentante? (?:de la |de l['’]|du |des |de |d['’])(?P<d>[A-ZÉÈ][\w’'\- ]{1,60}?)(?=[,.;:]| et\b| au nom\b)"),
    address=re.compile(r"(?:^|— )(?:Allocution|Discours) d[ue] (?:M\.|Mme|S\. ?M\.|S\. ?E\.)?\s*(?P<name>[^,—]+),\s*"
                       r"(?P<role>[^,—]*?\b(?:de la |de l['’]|du |des |de |d['’])(?P<d>[^,—]+))$"),
    national_end=re.compile(r"\bje reprends (?:maintenant )?mes fonctions de (?:Présidente?|président)", re.I),
    statement=StatementForms(
        titles=r"intervention|discours|allocution|d[ée]claration|message|adresse",
        prepositions=r"de\s+la|de\s+l['’]|du|des|de|d['’]",
        honorifics=r"son\s+excellence|sa\s+majest[ée]|son\s+altesse(?:\s+s[ée]r[ée]nissime)?|s\.?\s*a\.?\s*s\.|s\.?\s*e\.?\s*m\.?|s\.\s*e\.|sem"
                   r"|monsieur|madame|m\.|mme|mlle|(?:le\s+|la\s+)?(?:professeure?|docteure?|dr\.?|colonel|g[ée]n[ée]ral|capitaine)"
                   r"|l['’]ambassadeur|l['’]ambassadrice|ambassadeur|ambassadrice",
        offices=r"(?:vice-)?pr[ée]sidente?|premi(?:er|[èe]re)\s+ministre|ministre|chef(?:fe)?|repr[ée]sentante?|ambassadeur|ambassadrice"
                r"|secr[ée]taire|prince|princesse|roi|reine|[ée]mir|grand-duc|chanceli[eè]re?|porte-parole|d[ée]l[ée]gu[ée]e?",
        ends=r"\b[àa]\s+l['’]occasion|\blors\s+d|\bau\s+d[ée]bat|\b[àa]\s+la\s+(?:tribune|\d)|\bdevant\b|\bpour\s+le\s+d[ée]bat"
             r"|\b\d+\s*(?:e|è|ème|eme|°)\S*\s+session|\bd[ée]bat\s+g[ée]n[ée]ral|\bassembl[ée]e\s+g[ée]n[ée]rale|\bnew[\s-]*york",
        salutations=r"(?:monsieur|madame)\s+(?:le|la|les)\b|(?:monsieur|madame)\s*[,:;]|mesdames\b|messieurs\b|excellences?\b"
                    r"|distingu[ée]e?s\b|honorables?\s+d[ée]l[ée]gu|ch[èe]re?s\s+(?:coll[èe]gues|amis)",
        chair=r"assembl[ée]e|secr[ée]taire\s+g[ée]n[ée]ral",
    ),
)
