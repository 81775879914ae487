"""Russian: "Г-н Антон (наблюдатель от Германии) говорит, что…", "Председатель говорит…", "(говорит по-китайски):"."""
from __future__ import annotations

import re

from rapporteur.indexer.parse.grammar import Grammar, HeaderForms, clock, month_date
from rapporteur.indexer.parse.speakers_intl import OpeningForms

MONTHS = {m: i for i, m in enumerate(
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(), 1)}
LANGUAGES = {"по-арабски": "ar", "по-китайски": "zh", "по-английски": "en", "по-французски": "fr", "по-русски": "ru", "по-испански": "es"}

FORMS = OpeningForms(
    honorifics=("Г-н", "Г-жа", "Гн", "Гжа"),
    chair=("Председатель", "Исполняющий обязанности Председателя", "Заместитель Председателя"),
    observer=r"^(?P<r>(?:Постоянный\s+)?(?:наблюдатель|наблюдательница))\s+от\s+(?P<d>.+)$",
    titles=r"(Секретар|Генеральн|эксперт|Эксперт|Координатор|координатор|Докладчик|докладчик|Высокий представитель"
           r"|Специальный представитель|Посланник|Директор|директор|Председател|Руководител|Комиссар|Судья|Прокурор)",
    spoke_in=r"говорит\s+(?P<l>по-\w+)",
    languages=LANGUAGES,
    capacity=r"\s*,\s*(?P<cap>выступая\s+[^,]{3,80}?)\s*,",
    role_titles=r"Генеральный секретарь|Секретарь",
)
_OPENINGS = FORMS.compiled()
_DATE = re.compile(r"(?P<d>\d{1,2})\s+(?P<m>[а-я]+)\s+(?P<y>\d{4})", re.I)
_TIME = re.compile(r"(\d{1,2})\s*ч\.?\s*(?:(\d{1,2})\s*м(?:ин)?\.?)?")


def to_time(text: str) -> str | None:
    """``10 ч. 10 м.`` → ``10:10``."""
    m = _TIME.search(text)
    return clock(int(m.group(1)), int(m.group(2) or 0)) if m else None


GRAMMAR = Grammar(
    lang="ru",
    match_opening=_OPENINGS.match,
    header=HeaderForms(
        meeting=re.compile(r"(?P<kind>Краткий|Стенографический)\s+отчет\s+о\s+(?P<n>\d+)\s*-?\s*м\s+заседании", re.I),
        kinds={"краткий": "SR", "стенографический": "PV"},
        date=month_date(_DATE, MONTHS),
        held=re.compile(r"^состоявшемся\b", re.I),
        place=re.compile(r"^состоявшемся\s+в\s+(.+?),\s+в\b", re.I),
        chair=re.compile(r"^Председатель\s*:\s*(?P<hon>г-н|г-жа)?\s*(?P<name>[^(]+?)\s*\((?P<deleg>.+)\)\s*$", re.I),
        contents=("Содержание",),
    ),
    opening_line=re.compile(r"^Заседание (?:открывается|возобновляется) в\b", re.I),
    closing_line=re.compile(r"^Заседание закрывается в\b", re.I),
    to_time=to_time,
    procedural=re.compile(r"^(Повестка дня утверждается|Заседание прерывается|Решение принимается|Так постановляется)", re.I),
)
