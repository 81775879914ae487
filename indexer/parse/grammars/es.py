"""Spanish: "El Sr. Anton (Observador de Alemania) dice que…", "El Presidente dice…", "(habla en chino):"."""
from __future__ import annotations

import re

from rapporteur.indexer.parse.grammar import Grammar, HeaderForms, clock, month_date
from rapporteur.indexer.parse.speakers_intl import OpeningForms
from rapporteur.indexer.parse.statement_forms import StatementForms

MONTHS = {m: i for i, m in enumerate(
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(), 1)}
MONTHS["setiembre"] = 9
LANGUAGES = {"árabe": "ar", "chino": "zh", "inglés": "en", "francés": "fr", "ruso": "ru", "español": "es",
             "portugués": "pt", "italiano": "it", "alemán": "de", "japonés": "ja", "coreano": "ko", "turco": "tr",
             "persa": "fa", "hebreo": "he", "ucraniano": "uk", "neerlandés": "nl"}
_PERSON = r"(?:(?:El|La)\s+)?(?P<hon>Sr\.|Sra\.|Srta\.|Dr\.|Dra\.|Jeque)\s*(?P<name>[^(),.;:!?]{1,60}?)\s*(?:\((?P<deleg>[^()]+)\))?"

FORMS = OpeningForms(
    honorifics=("Sr.", "Sra.", "Srta.", "Excmo. Sr.", "Excma. Sra.", "Mons.", "Monseñor", "Cardenal", "Arzobispo",
                "Jeque", "Dr.", "Dra.", "Príncipe", "Princesa", "Magistrado", "Magistrada"),
    articles=("El", "La"),
    chair=("El Presidente", "La Presidenta", "El Vicepresidente", "La Vicepresidenta"),
    acting_chair=("El Presidente interino", "La Presidenta interina", "El Presidente en funciones", "La Presidenta en funciones"),
    chair_complement=r"\s+(?:de|del)\b",
    observer=r"^(?P<r>(?:Observador|Observadora)(?:\s+Permanente)?)\s+(?:de\s+la\s+|de\s+los\s+|de\s+las\s+|del\s+|de\s+)(?P<d>.+)$",
    titles=r"\b(Secretari[oa]|Expert[oa]|Coordinador[a]?|Relator[a]?|Alt[oa] Representante|Representante Especial|Enviad[oa]"
           r"|Director[a]?|President[ea]|Jef[ea]|Comisionad[oa]|Juez[a]?|Fiscal)\b",
    spoke_in=r"habla\s+en\s+(?P<l>\w+)",
    languages=LANGUAGES,
    capacity=r"\s*,\s*(?P<cap>(?:hablando|haciendo uso de la palabra)\s+[^,]{3,80}?)\s*,",
    role_titles=r"El Secretario General|La Secretaria General|El Secretario|La Secretaria",
)
_OPENINGS = FORMS.compiled()
_DATE = re.compile(r"(?P<d>\d{1,2})\s+de\s+(?P<m>[a-z]+)\s+de\s+(?P<y>\d{4})", re.I)
_TIME = re.compile(r"(\d{1,2})(?:[.:](\d{2}))?\s*horas")


def to_time(text: str) -> str | None:
    """``10.10 horas`` → ``10:10``."""
    m = _TIME.search(text)
    return clock(int(m.group(1)), int(m.group(2) or 0)) if m else None


GRAMMAR = Grammar(
    lang="es",
    match_opening=_OPENINGS.match,
    header=HeaderForms(
        meeting=re.compile(r"(?:Acta\s+(?P<kind>resumida|literal)\s+(?:\(parcial\)\s+)?de\s+la\s+)?(?P<n>\d+)\s*[ªa.]?\s+sesión\b", re.I),
        kinds={"resumida": "SR", "literal": "PV"},
        date=month_date(_DATE, MONTHS),
        held=re.compile(r"^Celebrada\b", re.I),
        place=re.compile(r"^Celebrada\s+en\s+(.+?),\s+el\b", re.I),
        chair=re.compile(r"^(?:Presidente|Presidenta|Presidencia)(?:\s+interin[oa])?\s*:\s*(?P<hon>Sr\.|Sra\.)?\s*(?P<name>[^(]+?)\s*\((?P<deleg>.+)\)\s*$", re.I),
        contents=("Índice", "Sumario", "Indice"),
    ),
    opening_line=re.compile(r"^Se (?:declara abierta|abre|reanuda) la sesión a las\b", re.I),
    closing_line=re.compile(r"^Se levanta la sesión a las\b", re.I),
    to_time=to_time,
    procedural=re.compile(
        r"^(Queda aprobado el (?:programa|orden del día)|Se suspende la sesión|Así queda acordado|Así queda decidido"
        r"|Por invitación de la Presidencia\b.{0,200}\b(?:toma|toman|ocupa|ocupan) asiento"
        r"|.{0,160}\b(?:toma|toman|ocupa|ocupan) asiento (?:en|a) la mesa de los peticionarios"
        r"|.{0,160}?\b(?:se retiran?|es acompañad[oa] (?:a la tribuna|fuera del Salón)[^.]{0,60})\.$)",
        re.I,
    ),
    took_chair=(
        re.compile(rf"^(?:En ausencia de[l]? [^,]{{1,80}},\s*)?{_PERSON},\s*(?:Vicepresident[ea]\s*,\s*)?ocupa la Presidencia\.?$", re.I),
        re.compile(r"^En ausencia de[l]? [^,]{1,80},\s*ocupa la Presidencia (?:el|la) Vicepresident[ea],?\s*"
                   r"(?P<hon>Sr\.|Sra\.)\s*(?P<name>[^(),.;:!?]{1,60}?)\s*(?:\((?P<deleg>[^()]+)\))?\.?$", re.I),
    ),
    left_chair=re.compile(r"^(?:El Presidente|La Presidenta)\s+(?:vuelve a ocupar|reasume|ocupa) la Presidencia\.?$", re.I),
    national=re.compile(r"\ben (?:mi|su) calidad de representante (?:de la |de los |de las |del |de )(?P<d>[A-ZÁÉÍÓÚ][\w’'\- ]{1,60}?)(?=[,.;:]| y\b| en nombre\b)"),
    address=re.compile(r"(?:^|— )Discurso de(?:l| la)? (?:Sr\.|Sra\.|Excmo\. Sr\.|Excma\. Sra\.)?\s*(?P<name>[^,—]+),\s*"
                       r"(?P<role>[^,—]*?\b(?:de la |de los |del |de )(?P<d>[^,—]+))$"),
    national_end=re.compile(r"\breanudo (?:ahora )?(?:el ejercicio de )?mis funciones (?:como|de) President[ea]", re.I),
    statement=StatementForms(
        titles=r"intervenci[óo]n|discurso|palabras|mensaje|declaraci[óo]n|alocuci[óo]n",
        prepositions=r"de\s+la|del|de",
        honorifics=r"su\s+excelencia|su\s+majestad|excelent[íi]sim[oa](?:\s+señor[a]?)?|excm[oa]\.?(?:\s*sr[a]?\.)?|señor[a]?|sr[a]?\.|d\.|doña|don"
                   r"|embajador[a]?|dr[a]?\.|doctor[a]?|general|coronel",
        offices=r"(?:vice)?president[ea]|primer[a]?\s+ministr[oa]|(?:vice)?ministr[oa]|canciller|secretari[oa]|representante|jef[ea]"
                r"|embajador[a]?|rey|reina|pr[íi]ncipe|princesa|delegad[oa]",
        ends=r"\ben\s+el\s+debate|\bpara\s+el\s+debate|\bante\s+(?:la|el|esta)\b|\ben\s+(?:la|el)\s+\d|\ben\s+ocasi[óo]n|\bcon\s+motivo"
             r"|\bdebate\s+general|\b\d+\s*\S?\s*per[íi]odo|\basamblea\s+general|\bnueva\s+york",
        salutations=r"señor[a]?(?:/a)?\s+(?:president[ea]|secretari[oa]|vicepresident)|señoras\s+y\s+señores|señores\b|señoras\b"
                    r"|(?:excelent[íi]sim[oa]s?|excm[oa]\.?)\s+señor[a]?\s+president|sus\s+excelencias|distinguid[oa]s\b"
                    r"|honorables?\s+(?:jefes|delegad|representant)|estimad[oa]s\b|damas\s+y\s+caballeros|muchas\s+gracias",
        chair=r"asamblea|secretari[oa]\s+general",
    ),
)
