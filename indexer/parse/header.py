"""The header of a meeting record: symbol, languages, body, meeting, date, place, chair, agenda.

The header runs from the top of the file to the line that opens the meeting. Its lines are
recognised by the words of the record's language (:class:`~rapporteur.indexer.parse.grammar.HeaderForms`)::

    United Nations  A/AC.183/SR.413          联合国 S/AC.44/SR.74
    Distr.: General … / Chinese / Original: English
    Committee on the Exercise of …           安全理事会第 1540 (2004) 号决议所设委员会   ← the body
    Summary record of the 413th meeting      第74次会议简要记录
    Held at Headquarters, New York, on …     2016年6月22日星期三下午3时在纽约总部举行
    Chair: Mr. Niang (Senegal)               主席: 奥亚尔孙•马切西先生......(西班牙)
    Contents / 目录  → agenda items
"""
from __future__ import annotations

import re

from rapporteur.indexer import languages
from rapporteur.indexer.model import Record
from rapporteur.indexer.parse import symbols
from rapporteur.indexer.parse.grammar import Grammar

LANGUAGE_NAMES = languages.NAMES

_ORIGINAL = re.compile(r"^(?:Original|原文|Оригинал|الأصل)\s*:\s*(\w+)", re.I)
BOILERPLATE = re.compile(
    r"^(本记录可以更正|更正请|更正后的记录|This record is subject to correction|Corrections should be"
    r"|Any corrections|Le présent compte rendu est sujet à rectifications|Les rectifications"
    r"|La presente acta está sujeta a correcciones|Las correcciones|В настоящий отчет могут вноситься поправки"
    r"|Поправки|هذا المحضر قابل للتصويب|Distr\b|Distr\.|General$)",
    re.I,
)
_SKIP = re.compile(r"^(联合国|United Nations|Nations Unies|Naciones Unidas|Организация Объединенных Наций|الأمم المتحدة|\d{2}-\d{5})", re.I)
_DOT_LEADERS = re.compile(r"[.…·•\s]{3,}$")
# Cover lines around the body's name: "General Assembly Official Records", "Seventy-ninth session".
_OFFICIAL = re.compile(r"\s*(Official Records|Documents officiels|Documentos Oficiales|Официальные отчеты|正式记录|الوثائق الرسمية)$", re.I)
_SESSION = re.compile(r"^\S+(?:[- ]\S+)?\s+(?:session|year|session$|année|período de sesiones|año|сессия|год)$|届会议$|^第.{1,8}年$", re.I)


def _split_honorific(name: str, honorifics: tuple[str, ...]) -> tuple[str, str | None]:
    name = _DOT_LEADERS.sub("", name.strip())
    for h in honorifics:
        if name.endswith(h):
            return name[: -len(h)].strip(), h
    return name, None


def parse_header(lines: list[str], record: Record, grammar: Grammar) -> str | None:
    """Fill ``record`` from the header lines. Returns the chair's honorific (先生, Mr.), which the
    record does not keep but the chair's paragraphs do."""
    forms = grammar.header
    chair_honorific = None
    in_agenda = False
    previous: str | None = None
    first_date: str | None = None  # a cover's date line, "Tuesday, 24 September 2024, 3 p.m."
    for line in lines:
        if in_agenda:
            if BOILERPLATE.match(line) or grammar.opening_line.match(line):
                in_agenda = False
            else:
                record.agenda.append(line)
                continue
        if record.symbol is None:
            sym = symbols.from_header_line(line)
            if sym and (_SKIP.match(line) or "_{" in line or line == sym):
                record.symbol = sym
                continue
        low = line.strip().lower()
        if low in LANGUAGE_NAMES and record.lang is None:
            record.lang = LANGUAGE_NAMES[low]
            continue
        m = _ORIGINAL.match(line)
        if m:
            record.original_lang = LANGUAGE_NAMES.get(m.group(1).lower())
            continue
        m = forms.meeting.search(line)
        if m and record.meeting is None:
            record.meeting = int(m.group("n"))
            kind = (m.groupdict().get("kind") or "").lower()
            record.kind = forms.kinds.get(kind)  # "5th plenary meeting" names no kind: the layout decides
            if previous and record.body is None:
                record.body = previous
            continue
        if record.date is None and forms.held.search(line):
            record.date = forms.date(line)
            place = forms.place.search(line)
            if place:
                record.place = place.group(1).strip()
            continue
        m = forms.chair.match(line)
        if m and record.chair is None:
            record.chair, chair_honorific = _split_honorific(m.group("name"), forms.honorifics)
            chair_honorific = m.groupdict().get("hon") or chair_honorific
            record.chair_delegation = m.group("deleg").strip()
            continue
        if line.strip().rstrip(":") in forms.contents:
            in_agenda = True
            continue
        if grammar.opening_line.match(line):
            record.opened = grammar.to_time(line)
            continue
        if BOILERPLATE.match(line):
            continue
        if first_date is None and len(line) <= 80:
            first_date = forms.date(line)
            if first_date:
                continue
        if not _SKIP.match(line) and not _SESSION.search(line):
            previous = _OFFICIAL.sub("", line) or None
    record.date = record.date or first_date
    return chair_honorific
