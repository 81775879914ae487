"""Pools of real UN text and real speakers, read from the bundled seed and ``../shared/corpus``.

Everything here is read-only and deterministic (sorted file lists); what is missing is
skipped and listed in :attr:`Pools.missing`, so a machine without the shared corpus still
builds a (Chinese-only, smaller-vocabulary) corpus from the seed record.
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapporteur.indexer import delegations
from rapporteur.indexer.parse import parse_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "S_AC.44_SR.74.zh.txt"
SHARED = Path(os.environ.get("RAPPORTEUR_SHARED_CORPUS") or ROOT.parent / "shared" / "corpus")

_ZH_SENT = re.compile(r"[^。！？!?]+[。！？!?]")
_EN_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A sentence must not look like layout to the parser: no leading number or list mark, no
# speaker opening (``X 先生(德国)说``, ``Mr. X (Y):``), no header words.
_BAD_START = re.compile(r"^\s*(\d+[.．、]|[-*•(（\[]|主席|The President|The Chair|Mr\.|Mrs\.|Ms\.|Dame|Sir|Agenda|Item)")
_BAD_ANY = re.compile(r"先生\s*[(（]|女士\s*[(（]|\(spoke in|\(Observer|宣布开会|散会|called to order|rose at|[$_{}|#*]")
_PV_PREFIX = re.compile(r"^[^:]{1,160}?:\s+")

HONORIFIC_ZH = {"Mr.": "先生", "Mrs.": "女士", "Ms.": "女士", "Miss": "女士", "Dame": "女士", "Sir": "先生"}


@dataclass(frozen=True)
class Speaker:
    name: str
    honorific: str  # 先生 / 女士 or Mr. / Ms.
    delegation: str  # in the record's language
    observer: bool = False


@dataclass
class Pools:
    zh: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    zh_speakers: list[Speaker] = field(default_factory=list)
    en_speakers: list[Speaker] = field(default_factory=list)
    used: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _ok(sentence: str, lo: int, hi: int) -> bool:
    return lo <= len(sentence) <= hi and not _BAD_START.match(sentence) and not _BAD_ANY.search(sentence)


def zh_sentences(text: str) -> list[str]:
    return [s.strip() for s in _ZH_SENT.findall(text) if _ok(s.strip(), 8, 220) and _HAN.search(s)]


def en_sentences(text: str) -> list[str]:
    out = []
    for s in _EN_SENT.split(" ".join(text.split())):
        s = s.strip()
        if _ok(s, 30, 400) and s[-1] in ".!?" and not _HAN.search(s):
            out.append(s)
    return out


def _zh_delegation(en_name: str) -> str | None:
    found = delegations.lookup(en_name, "en")
    return found.label("zh") if found else None


def load(shared: Path = SHARED, max_gdc_files: int = 400) -> Pools:
    pools = Pools()
    zh_seen: set[str] = set()
    en_seen: set[str] = set()

    def add_zh(sents):
        for s in sents:
            if s not in zh_seen:
                zh_seen.add(s)
                pools.zh.append(s)

    def add_en(sents):
        for s in sents:
            if s not in en_seen:
                en_seen.add(s)
                pools.en.append(s)

    def zh_speakers_of(record):
        for p in record.paragraphs:
            if p.speaker and p.delegation and p.honorific in ("先生", "女士"):
                pools.zh_speakers.append(Speaker(p.speaker, p.honorific, p.delegation, p.role == "观察员"))

    seed = parse_file(SEED)
    add_zh(s for p in seed.paragraphs for s in zh_sentences(p.text))
    zh_speakers_of(seed)
    pools.used.append("seed S/AC.44/SR.74")

    pairs = shared / "zh-en-sentence-pairs" / "un_corpus_demo_all_pairs.tsv"
    if pairs.exists():
        with open(pairs, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row.get("suspect_misaligned") == "1":
                    continue
                add_zh(zh_sentences(row.get("zh", "")))
        pools.used.append("zh-en-sentence-pairs")
    else:
        pools.missing.append(str(pairs))

    sr = shared / "zh-en-summary-record"
    for lang, path in (("zh", sr / "A_AC.183_SR.413.zh.txt"), ("en", sr / "A_AC.183_SR.413.en.txt")):
        if not path.exists():
            pools.missing.append(str(path))
            continue
        rec = parse_file(path)
        if lang == "zh":
            add_zh(s for p in rec.paragraphs for s in zh_sentences(p.text))
            zh_speakers_of(rec)
        else:
            add_en(s for p in rec.paragraphs for s in en_sentences(p.text))
        pools.used.append(f"zh-en-summary-record ({lang})")

    pv_dir = shared / "unsc-2020-verbatim-en"
    pv_files = sorted(pv_dir.glob("*.txt")) if pv_dir.is_dir() else []
    seen_speakers: set[tuple] = set()
    for path in pv_files:
        rec = parse_file(path)
        for p in rec.paragraphs:
            add_en(en_sentences(_PV_PREFIX.sub("", p.text, count=1)))
            if p.speaker and p.delegation and p.honorific and (p.speaker, p.delegation) not in seen_speakers:
                seen_speakers.add((p.speaker, p.delegation))
                pools.en_speakers.append(Speaker(p.speaker, p.honorific, p.delegation))
                zh_name = _zh_delegation(p.delegation)
                if zh_name:
                    pools.zh_speakers.append(Speaker(p.speaker, HONORIFIC_ZH.get(p.honorific, "先生"), zh_name))
    if pv_files:
        pools.used.append(f"unsc-2020-verbatim-en ({len(pv_files)} files)")
    else:
        pools.missing.append(str(pv_dir))

    gdc_dir = shared / "ungdc-general-debate-en"
    gdc_files = sorted(gdc_dir.glob("Session_*/*.txt")) if gdc_dir.is_dir() else []
    if gdc_files:
        step = max(1, len(gdc_files) // max_gdc_files)
        chosen = gdc_files[::step][:max_gdc_files]
        for path in chosen:
            add_en(en_sentences(path.read_text(encoding="utf-8", errors="replace")))
        pools.used.append(f"ungdc-general-debate-en ({len(chosen)} of {len(gdc_files)} files)")
    else:
        pools.missing.append(str(gdc_dir))

    if not pools.en_speakers:  # no PV speakers: English records speak for the seed's delegations
        for sp in pools.zh_speakers:
            found = delegations.lookup(sp.delegation, "zh")
            if found:
                pools.en_speakers.append(Speaker(sp.name, "Mr." if sp.honorific == "先生" else "Ms.", found.label("en")))
    return pools
