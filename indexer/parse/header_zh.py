"""The header of a Chinese summary record: symbol, languages, body, meeting, date, chair, agenda.

Typical header (after normalisation)::

    联合国 S/AC.44/SR.74
    安全理事会
    Distr.: General 20 November 2016
    Chinese
    Original: English
    安全理事会第 1540 (2004) 号决议所设委员会
    第74次会议简要记录
    2016年6月22日星期三下午3时在纽约总部举行
    主席: 奥亚尔孙•马切西先生......(西班牙)
    目录
    <agenda items>
    本记录可以更正。 …
"""
from __future__ import annotations

import re

from indexer.model import Record
from indexer.parse import symbols
from indexer.parse.speakers_zh import HONORIFICS

LANGUAGE_NAMES = {
    "chinese": "zh", "中文": "zh", "english": "en", "英文": "en", "french": "fr", "français": "fr",
    "francais": "fr", "法文": "fr", "spanish": "es", "español": "es", "espanol": "es", "西班牙文": "es",
    "russian": "ru", "русский": "ru", "俄文": "ru", "arabic": "ar", "عربي": "ar", "阿拉伯文": "ar",
}

_MEETING = re.compile(r"第\s*(\d+)\s*次(?:\(\S+\))?会议(简要|逐字)?记录")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_PLACE = re.compile(r"在(.{2,20}?)举行")
_CHAIR = re.compile(r"^(?:代理)?主席\s*:\s*(?P<name>[^(]+?)\s*[.…·•\s]*\((?P<deleg>.+)\)\s*$")
_ORIGINAL = re.compile(r"^Original\s*:\s*(\w+)", re.I)
_CONTENTS = ("目录", "目 录")
_TIME = re.compile(r"(上午|中午|下午|晚上)?\s*(\d{1,2})\s*时\s*(?:(\d{1,2})\s*分)?")
OPENING_LINE = re.compile(r"^(?:(上午|中午|下午|晚上)\s*\d{1,2}\s*时(?:\s*\d{1,2}\s*分)?)\s*宣布开会")
CLOSING_LINE = re.compile(r"^(?:(上午|中午|下午|晚上)\s*\d{1,2}\s*时(?:\s*\d{1,2}\s*分)?)\s*(?:散会|宣布散会|会议结束)")
BOILERPLATE = re.compile(r"^(本记录可以更正|更正请|更正后的记录|Distr\.|Distr:|General\b)")

_SKIP = re.compile(r"^(联合国|United Nations|Distr|Original|Chinese|English|\d{2}-\d{5})", re.I)


def to_time(text: str) -> str | None:
    """``下午3时10分`` → ``15:10``."""
    m = _TIME.search(text)
    if not m:
        return None
    period, hour, minute = m.group(1), int(m.group(2)), int(m.group(3) or 0)
    if period in ("下午", "晚上") and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _split_honorific(name: str) -> tuple[str, str | None]:
    name = name.strip()
    for h in HONORIFICS:
        if name.endswith(h):
            return name[: -len(h)].strip(), h
    return name, None


def parse_header(lines: list[str], record: Record) -> str | None:
    """Fill ``record`` from the header lines (everything before the body).

    Returns the chair's honorific (先生/女士), which the record model does not keep but the
    chair's paragraphs do.
    """
    chair_honorific = None
    in_agenda = False
    previous: str | None = None
    for line in lines:
        if in_agenda:
            if BOILERPLATE.match(line) or OPENING_LINE.match(line):
                in_agenda = False
            else:
                record.agenda.append(line)
                continue
        if record.symbol is None:
            sym = symbols.from_header_line(line)
            if sym and (line.startswith("联合国") or "_{" in line or line == sym):
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
        m = _MEETING.search(line)
        if m and record.meeting is None:
            record.meeting = int(m.group(1))
            record.kind = {"逐字": "PV"}.get(m.group(2) or "", "SR")
            if previous and record.body is None:
                record.body = previous
            continue
        m = _DATE.search(line)
        if m and record.date is None and "举行" in line:
            y, mo, d = (int(x) for x in m.groups())
            record.date = f"{y:04d}-{mo:02d}-{d:02d}"
            place = _PLACE.search(line)
            if place:
                record.place = place.group(1)
            continue
        m = _CHAIR.match(line)
        if m and record.chair is None:
            record.chair, chair_honorific = _split_honorific(m.group("name"))
            record.chair_delegation = m.group("deleg").strip()
            continue
        if line.strip() in _CONTENTS:
            in_agenda = True
            continue
        m = OPENING_LINE.match(line)
        if m:
            record.opened = to_time(line)
            continue
        if not _SKIP.match(line) and not BOILERPLATE.match(line):
            previous = line
    return chair_honorific
