"""``python -m bench --reuse REPORT.json``: measure again on the work folder of a kept run.

An earlier run with ``--keep`` left ``<out>/run-<paragraphs>-seed<seed>/`` behind: the records
(``corpus/``), ``paragraphs.jsonl`` and its last index (``index-<index_repeat - 1>``). Reusing it
skips the corpus build, the indexing and the jieba reference; the new report copies the
``corpus`` and ``indexing`` sections of REPORT.json (and, with ``--skip-peers``, its ``peers``),
each marked with ``taken_from`` (the report's file name, commit and date; a report that was a
reuse itself passes on the mark of the one that measured them). :func:`check` says in
one line what is missing or does not match, before any work.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


class ReuseError(Exception):
    """The kept folder or the report cannot be reused: the message says why, in one line."""


@dataclass
class Kept:
    report_path: Path
    report: dict
    work: Path
    index_dir: Path
    records_dir: Path
    extra_path: Path
    texts_path: Path

    def mark(self) -> dict:
        return {"file": self.report_path.name, "commit": self.report.get("commit"), "date": self.report.get("date")}

    def copied(self, section: str) -> dict:
        """A copy of the report's ``section``, marked as taken from it (or, when that report
        had reused it in turn, from the report that measured it)."""
        out = dict(self.report.get(section) or {})
        out.setdefault("taken_from", self.mark())
        return out


def _count_lines(path: Path) -> int:
    n = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            n += block.count(b"\n")
    return n


def check(report_path: Path, out: Path, paragraphs: int, seed: int, zh_share: float) -> Kept:
    """The kept run REPORT.json describes, checked against the arguments; ReuseError otherwise."""
    report_path = Path(report_path)
    if not report_path.is_file():
        raise ReuseError(f"--reuse {report_path}: no such report")
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReuseError(f"--reuse {report_path}: not a readable JSON report ({exc})") from None
    if not isinstance(report, dict) or not all(isinstance(report.get(k), dict) for k in ("corpus", "indexing")):
        raise ReuseError(f"--reuse {report_path}: not a bench report (no corpus and indexing sections)")
    theirs = (report.get("paragraphs"), report.get("seed"))
    if theirs != (paragraphs, seed):
        raise ReuseError(f"--reuse {report_path}: a run of --paragraphs {theirs[0]} --seed {theirs[1]}, "
                         f"not --paragraphs {paragraphs} --seed {seed}")
    if report.get("zh_share") is not None and abs(float(report["zh_share"]) - zh_share) > 1e-9:
        raise ReuseError(f"--reuse {report_path}: a run of --zh-share {report['zh_share']}, not {zh_share}")
    work = Path(out) / f"run-{paragraphs}-seed{seed}"
    index_dir = work / f"index-{int(report.get('index_repeat') or 1) - 1}"
    records_dir, extra_dir, texts_path = work / "corpus" / "records", work / "corpus" / "extra", work / "paragraphs.jsonl"
    extras = sorted(extra_dir.glob("*.txt")) if extra_dir.is_dir() else []
    missing = [str(p) for p, ok in ((work, work.is_dir()), (records_dir, records_dir.is_dir()),
                                    (extra_dir, bool(extras)), (texts_path, texts_path.is_file()),
                                    (index_dir, index_dir.is_dir())) if not ok]
    if missing:
        raise ReuseError(f"--reuse {report_path}: the kept run is incomplete or missing (was it run with --keep "
                         f"and --out {out}?): no {missing[0]}")
    want = report["corpus"].get("paragraphs")
    have = _count_lines(texts_path)
    if want is not None and have != want:
        raise ReuseError(f"--reuse {report_path}: {texts_path} holds {have} paragraphs, the report {want}: "
                         f"not the folder of that run")
    return Kept(report_path, report, work, index_dir, records_dir, extras[0], texts_path)
