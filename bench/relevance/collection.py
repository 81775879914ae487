"""The fixed evaluation collection: a deterministic subset of ``../shared/corpus``.

Judgments name paragraphs by id (``symbol:lang:n``), so the collection must be the same
paragraphs on every machine and in every run: each part below is a fixed file, or a fixed
stride over a sorted file list, and nothing is sampled at random. Changing a part changes the
paragraphs the judgments refer to (see the header of ``judgments.tsv``).

Parts (about 6,500 paragraphs, 2.3 M characters; the product indexes them in well under a
minute on 2 cores, the stock Whoosh + jieba baseline in about a minute):

``seed``
    ``seed/S_AC.44_SR.74.zh.txt``: the 1540 Committee summary record (zh), parsed by the
    product's parser.
``summary-record``
    ``zh-en-summary-record/A_AC.183_SR.413.{zh,en}.txt``: the Palestinian rights committee,
    parsed.
``unsc-2020``
    every 4th of the 83 ``unsc-2020-verbatim-en/S_PV.*.txt`` (sorted by name), parsed: long
    paragraphs, one whole speech each.
``ungdc-2024``
    every 3rd of the 192 ``ungdc-general-debate-en/Session_79_2024`` statements (sorted),
    converted to JSONL by ``examples/ungdc_to_jsonl.py`` (the documented way of loading that
    corpus) and imported: short paragraphs, the country as delegation.
``un-documents-zh``
    the Chinese side of ``zh-en-sentence-pairs`` (pairs flagged ``suspect_misaligned`` left
    out, as :mod:`bench.sources` does), one JSONL record per theme, symbol
    ``UN-CORPUS-DEMO/<theme>``, one paragraph per sentence numbered by the pair's id. The
    only sizeable real Chinese UN prose there is; the two zh meeting records alone hold 62
    paragraphs.

The texts come from the product's own reading (``parse_file``, ``read_jsonl``) and are
normalised as the writer normalises them, so the baselines index exactly the strings the
product indexes, under the same ids.
"""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path

from rapporteur.indexer.model import Record, paragraph_id
from rapporteur.indexer.parse import parse_file
from rapporteur.indexer.read.jsonl import read_jsonl
from rapporteur.indexer.text import normalize_text

ROOT = Path(__file__).resolve().parents[2]
UNGDC_EXAMPLE = ROOT / "examples" / "ungdc_to_jsonl.py"

PARTS = ("seed", "summary-record", "unsc-2020", "ungdc-2024", "un-documents-zh")
UNSC_STRIDE = 4
UNGDC_SESSION = "Session_79_2024"
UNGDC_STRIDE = 3
PAIRS_SYMBOL = "UN-CORPUS-DEMO/{theme}"


@dataclass(frozen=True)
class Paragraph:
    id: str
    lang: str
    text: str


@dataclass
class Collection:
    """What the three systems index: record files (``files``) and JSONL files (``jsonl``) for
    the product's writer, and the same paragraphs as plain ``(id, lang, text)`` for the baselines."""

    parts: tuple[str, ...]
    files: list[Path] = field(default_factory=list)
    jsonl: list[Path] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # the shared-corpus files, relative to its root

    def add(self, record: Record) -> None:
        for p in record.paragraphs:
            self.paragraphs.append(Paragraph(paragraph_id(record.symbol, record.lang, p.n), record.lang,
                                             normalize_text(p.text or "")))

    def ids(self) -> set[str]:
        return {p.id for p in self.paragraphs}

    def fingerprint(self) -> str:
        """A hash of every paragraph's id and text: indexes built from another collection differ."""
        h = hashlib.sha256()
        for p in self.paragraphs:
            h.update(f"{p.id}\t{p.lang}\t{p.text}\n".encode("utf-8"))
        return h.hexdigest()

    def summary(self) -> dict:
        langs: dict[str, int] = {}
        for p in self.paragraphs:
            langs[p.lang] = langs.get(p.lang, 0) + 1
        return {"parts": list(self.parts), "paragraphs": len(self.paragraphs), "by_lang": langs,
                "chars": sum(len(p.text) for p in self.paragraphs), "files": len(self.sources),
                "fingerprint": self.fingerprint()}


class MissingCorpus(Exception):
    """A file or folder of the shared corpus that the collection needs is not there."""


def _need(path: Path) -> Path:
    if not path.exists():
        raise MissingCorpus(f"shared corpus not found: {path} is missing (give --shared PATH or set "
                            f"$RAPPORTEUR_SHARED_CORPUS)")
    return path


def _ungdc_example():
    spec = importlib.util.spec_from_file_location("ungdc_to_jsonl", UNGDC_EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_ungdc(shared: Path, work: Path, coll: Collection) -> Path:
    """The chosen statements as the example converts them. The example converts a whole corpus
    folder, so it is given a view of one: links to the speakers table and the chosen files."""
    corpus = _need(shared / "ungdc-general-debate-en")
    chosen = sorted(_need(corpus / UNGDC_SESSION).glob("*.txt"))[::UNGDC_STRIDE]
    view = work / "ungdc-view"
    (view / UNGDC_SESSION).mkdir(parents=True, exist_ok=True)
    speakers = "Speakers_by_session_1946-2024.tsv"
    links = [(view / speakers, _need(corpus / speakers))] + [(view / UNGDC_SESSION / p.name, p) for p in chosen]
    for link, target in links:
        if not link.is_symlink():
            link.symlink_to(target.resolve())
    out = work / "ungdc-2024.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        _ungdc_example().convert(view, fh)
    coll.sources += [str(p.relative_to(shared)) for p in chosen]
    return out


def _write_pairs(shared: Path, work: Path, coll: Collection) -> Path:
    tsv = _need(shared / "zh-en-sentence-pairs" / "un_corpus_demo_all_pairs.tsv")
    themes: dict[str, list[dict]] = {}
    with open(tsv, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["suspect_misaligned"] == "1" or not row["zh"].strip():
                continue
            n = int(row["id"].rsplit("_", 1)[1])
            themes.setdefault(row["theme"], []).append({"n": n, "text": row["zh"]})
    out = work / "un-documents-zh.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        for theme in sorted(themes):
            record = {"symbol": PAIRS_SYMBOL.format(theme=theme), "lang": "zh",
                      "body": "UN documents of 2023 (un-corpus-demo sentence pairs, Chinese side)"}
            paragraphs = sorted(themes[theme], key=lambda p: p["n"])
            fh.write(json.dumps({"record": record, "paragraphs": paragraphs}, ensure_ascii=False) + "\n")
    coll.sources.append(str(tsv.relative_to(shared)))
    return out


def build(shared: Path, work: Path, parts=PARTS) -> Collection:
    """The collection's parts read from ``shared``; JSONL files are written under ``work``.
    Raises :class:`MissingCorpus` when something it needs is absent."""
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise ValueError(f"unknown part {unknown[0]!r} (parts: {', '.join(PARTS)})")
    _need(shared)
    work.mkdir(parents=True, exist_ok=True)
    coll = Collection(parts=tuple(p for p in PARTS if p in parts))
    if "seed" in parts:
        coll.files.append(_need(shared / "seed" / "S_AC.44_SR.74.zh.txt"))
    if "summary-record" in parts:
        coll.files += [_need(shared / "zh-en-summary-record" / f"A_AC.183_SR.413.{lang}.txt") for lang in ("zh", "en")]
    if "unsc-2020" in parts:
        coll.files += sorted(_need(shared / "unsc-2020-verbatim-en").glob("S_PV.*.txt"))[::UNSC_STRIDE]
    coll.sources += [str(p.relative_to(shared)) for p in coll.files]
    for path in coll.files:
        coll.add(parse_file(path))
    if "ungdc-2024" in parts:
        coll.jsonl.append(_write_ungdc(shared, work, coll))
    if "un-documents-zh" in parts:
        coll.jsonl.append(_write_pairs(shared, work, coll))
    for path in coll.jsonl:
        good, errors = read_jsonl(path)
        if errors:
            raise ValueError(f"{path}: {errors[0]}")
        for _line, record in good:
            coll.add(record)
    return coll
