"""Build a benchmark corpus of record files, deterministically from a seed.

Each record is a file in the parser's input format, so parsing is part of the measured
pipeline: Chinese summary records laid out like the bundled seed (symbol line, body,
第N次会议简要记录, date line, 主席 line, 目录, numbered ``N. Name 先生(德国观察员)说,…``
paragraphs) and English summary records laid out like ``A_AC.183_SR.413.en.txt``. Paragraphs
are 2–6 real sentences; a record has 30–150 paragraphs; the language of each record is
chosen so the paragraph mix follows ``zh_share`` exactly (the last record takes the remainder).
"""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.sources import Pools, Speaker

MIN_PARAS, MAX_PARAS = 30, 150
# (symbol prefix, Chinese body, English body): real UN bodies that keep summary records.
BODIES = [
    ("S/AC.44/SR", "安全理事会第 1540 (2004) 号决议所设委员会",
     "Security Council Committee established pursuant to resolution 1540 (2004)"),
    ("A/AC.183/SR", "巴勒斯坦人民行使不可剥夺权利委员会",
     "Committee on the Exercise of the Inalienable Rights of the Palestinian People"),
    ("A/C.1/{s}/SR", "第一委员会", "First Committee"),
    ("A/C.3/{s}/SR", "第三委员会", "Third Committee"),
    ("A/C.6/{s}/SR", "第六委员会", "Sixth Committee"),
    ("E/C.12/SR", "经济、社会及文化权利委员会", "Committee on Economic, Social and Cultural Rights"),
    ("CERD/C/SR", "消除种族歧视委员会", "Committee on the Elimination of Racial Discrimination"),
    ("CCPR/C/SR", "人权事务委员会", "Human Rights Committee"),
]
AGENDA_ZH = ["通过议程", "一般性辩论", "审议委员会的报告草稿", "其他事项", "全面审查执行情况(续)", "专题讨论:透明度和媒体外联"]
AGENDA_EN = ["Adoption of the agenda", "General debate", "Consideration of the draft report of the Committee",
             "Other matters", "Comprehensive review of the status of implementation (continued)",
             "Update on the activities of the Committee"]
WEEKDAYS_ZH = "一二三四五六日"
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]


@dataclass
class PlannedParagraph:
    n: int
    speaker: str | None
    delegation: str | None
    text_sentences: int


@dataclass
class PlannedRecord:
    path: str
    symbol: str
    lang: str
    date: str
    paragraphs: list[PlannedParagraph] = field(default_factory=list)


@dataclass
class Corpus:
    records_dir: Path
    extra_path: Path  # one more record, not in records_dir: the incremental update
    records: list[PlannedRecord]
    paragraphs: int
    raw_bytes: int
    sources: list[str]
    missing: list[str]

    def manifest(self) -> dict:
        return {"records_dir": str(self.records_dir), "extra_path": str(self.extra_path),
                "paragraphs": self.paragraphs, "raw_bytes": self.raw_bytes, "sources": self.sources,
                "missing": self.missing, "records": [asdict(r) for r in self.records]}


class _Writer:
    """Writes one record file; one method per language layout."""

    def __init__(self, rng: random.Random, pools: Pools):
        self.rng = rng
        self.pools = pools

    def _sentences(self, lang: str) -> list[str]:
        pool = self.pools.zh if lang == "zh" else self.pools.en
        return [self.rng.choice(pool) for _ in range(self.rng.randint(2, 6))]

    def _speakers(self, lang: str) -> list[Speaker]:
        pool = self.pools.zh_speakers if lang == "zh" else self.pools.en_speakers
        return self.rng.sample(pool, min(len(pool), self.rng.randint(4, 14)))

    def plan_and_text(self, symbol: str, body: tuple, meeting: int, date: dt.date, lang: str,
                      n_paras: int) -> tuple[str, list[PlannedParagraph]]:
        speakers = self._speakers(lang)
        chair = self.rng.choice(speakers)
        zh = lang == "zh"
        agenda = self.rng.sample(AGENDA_ZH if zh else AGENDA_EN, 3)
        if zh:
            head = [f"联合国 {symbol}", "", "Distr.: General", "", "Chinese", "", "Original: English", "",
                    body[1], "", f"第{meeting}次会议简要记录", "",
                    f"{date.year}年{date.month}月{date.day}日星期{WEEKDAYS_ZH[date.weekday()]}上午10时在纽约总部举行", "",
                    f"主席: {chair.name}{chair.honorific}({chair.delegation})", "", "目录", ""]
            head += [a for item in agenda for a in (item, "")]
            head += ["本记录可以更正。", "", "上午10时5分宣布开会。", "", agenda[0], ""]
        else:
            head = [f"United Nations {symbol}", "", body[2], "", f"Summary record of the {meeting}th meeting", "",
                    f"Held at Headquarters, New York, on {WEEKDAYS_EN[date.weekday()]}, {date.day} "
                    f"{MONTHS_EN[date.month - 1]} {date.year}, at 10 a.m.", "",
                    f"Chair: {chair.honorific} {chair.name} ({chair.delegation})", "", "Contents", ""]
            head += [a for item in agenda for a in (item, "")]
            head += ["The meeting was called to order at 10.05 a.m.", "", agenda[0], ""]
        plan = [PlannedParagraph(1, None, None, 1)]
        body_lines = ["1. 议程通过。" if zh else "1. The agenda was adopted.", ""]
        current: Speaker | None = None
        for n in range(2, n_paras + 1):
            sents = self._sentences(lang)
            text = "".join(sents) if zh else " ".join(sents)
            if current is None or self.rng.random() < 0.4:
                current = self.rng.choice(speakers)
                if current is chair and self.rng.random() < 0.5:
                    text = (f"主席说,{text}" if zh else f"The Chair said that {text[0].lower()}{text[1:]}")
                elif zh:
                    who = f"{current.delegation}观察员" if current.observer else current.delegation
                    text = f"{current.name} {current.honorific}({who})说,{text}"
                else:
                    text = (f"{current.honorific} {current.name} ({current.delegation}) said that "
                            f"{text[0].lower()}{text[1:]}")
            plan.append(PlannedParagraph(n, current.name, current.delegation, len(sents)))
            body_lines += [f"{n}. {text}", ""]
        tail = ["中午12时55分散会。"] if zh else ["The meeting rose at 12.55 p.m."]
        return "\n".join(head + body_lines + tail) + "\n", plan


def _file_name(symbol: str, lang: str) -> str:
    return symbol.replace("/", "_") + f".{lang}.txt"


def build(out_dir: Path, paragraphs: int, seed: int, zh_share: float, pools: Pools) -> Corpus:
    """Write ``paragraphs`` paragraphs of records under ``out_dir/records`` (+ one extra record)."""
    if not pools.zh:  # without English sentences every record is Chinese (pools.missing says why)
        raise ValueError("no Chinese sentences to sample (is the seed record missing?)")
    rng = random.Random(seed)
    writer = _Writer(rng, pools)
    records_dir = out_dir / "records"
    extra_dir = out_dir / "extra"
    records_dir.mkdir(parents=True, exist_ok=True)
    extra_dir.mkdir(parents=True, exist_ok=True)
    meetings: dict[str, int] = {}
    planned: list[PlannedRecord] = []
    done = {"zh": 0, "en": 0}
    raw_bytes = 0

    def one(lang: str, n_paras: int, where: Path) -> tuple[PlannedRecord, int]:
        prefix, zh_body, en_body = rng.choice(BODIES)
        session = rng.randint(60, 79)
        base = prefix.format(s=session)
        meetings[base] = meetings.get(base, rng.randint(1, 400)) + 1
        symbol = f"{base}.{meetings[base]}"
        date = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(25 * 365))
        text, plan = writer.plan_and_text(symbol, (prefix, zh_body, en_body), meetings[base], date, lang, n_paras)
        path = where / _file_name(symbol, lang)
        data = text.encode("utf-8")
        path.write_bytes(data)
        return PlannedRecord(str(path), symbol, lang, date.isoformat(), plan), len(data)

    total = 0
    while total < paragraphs:
        n = rng.randint(MIN_PARAS, MAX_PARAS)
        if paragraphs - total - n < MIN_PARAS:  # the last record takes the rest
            n = paragraphs - total
        want_zh = zh_share * (total + n)
        lang = "zh" if (done["zh"] + n <= want_zh + n / 2 or not pools.en) and zh_share > 0 else "en"
        rec, size = one(lang, n, records_dir)
        planned.append(rec)
        done[lang] += n
        total += n
        raw_bytes += size
    extra, _ = one("zh" if zh_share >= 0.5 else "en", 60, extra_dir)
    return Corpus(records_dir, Path(extra.path), planned, total, raw_bytes, list(pools.used), list(pools.missing))


def write_manifest(corpus: Corpus, path: Path) -> None:
    path.write_text(json.dumps(corpus.manifest(), ensure_ascii=False), encoding="utf-8")
