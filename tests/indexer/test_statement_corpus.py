"""Statements from ../shared/corpus: the General Assembly's 2024 statements as delegations publish
them, and the General Debate Corpus through its converter (skipped where the corpus is absent)."""
from __future__ import annotations

import csv
import io
import json
import sys

from rapporteur.indexer.parse import parse_file
from rapporteur.indexer.parse.statement import MAX_CHARS
from rapporteur.indexer.read.jsonl import record_from_json
from rapporteur.indexer.text import normalize_text
from tests.support.paths import ROOT, shared_path


def unbroken_in(source: str, text: str) -> bool:
    """``text`` stands on one line of ``source``: the source gave no break to cut it at."""
    return any(text in normalize_text(line) for line in source.splitlines() if len(line) >= len(text))


def test_every_2024_statement_has_its_delegation_and_no_overlong_paragraph():
    folder = shared_path("ga79-statements")
    paths = sorted(folder.glob("*_*.txt"))
    assert len(paths) >= 30
    dated = spoken = 0
    for path in paths:
        rec = parse_file(path)
        source = path.read_text(encoding="utf-8")
        assert rec.paragraphs, path.name
        assert rec.symbol.startswith("statement-") and "/" not in rec.symbol
        assert all(p.delegation and p.delegation_code for p in rec.paragraphs), path.name
        assert len({p.delegation_code for p in rec.paragraphs}) == 1
        for p in rec.paragraphs:
            assert len(p.text) <= MAX_CHARS or unbroken_in(source, p.text), (path.name, p.n, len(p.text))
        numbers = [p.n for p in rec.paragraphs]
        assert numbers == sorted(set(numbers)), path.name
        dated += rec.date is not None
        spoken += rec.paragraphs[0].speaker is not None
    # Measured when this test was written: 28 of 39 dated (the others print no date), 32 with a speaker.
    assert dated >= 0.6 * len(paths) and spoken >= 0.7 * len(paths)


def test_andorra_in_french():
    rec = parse_file(shared_path("ga79-statements", "ad_fr.txt"))
    assert (rec.lang, rec.date, rec.symbol) == ("fr", "2024-09-27", "statement-AND-2024-09-27")
    first = rec.paragraphs[0]
    assert (first.speaker, first.role, first.delegation, first.delegation_code) == \
        ("Xavier Espot Zamora", "Chef du Gouvernement", "Andorre", "AND")
    assert not any(p.text.startswith("Intervention du Chef") for p in rec.paragraphs)  # the header is no paragraph


def _sample_corpus(tmp_path, per_session: int):
    """A copy of the General Debate Corpus with the first files of each session and the longest ones."""
    corpus = shared_path("ungdc-general-debate-en")
    sample = tmp_path / "ungdc"
    sample.mkdir()
    (sample / "Speakers_by_session_1946-2024.tsv").symlink_to(corpus / "Speakers_by_session_1946-2024.tsv")
    chosen = []
    for session in sorted(corpus.glob("Session_*")):
        files = sorted(session.glob("*.txt"))
        longest = sorted(files, key=lambda f: (-f.stat().st_size, f.name))[:2]
        for path in dict.fromkeys(files[:per_session] + longest):
            (sample / session.name).mkdir(exist_ok=True)
            (sample / session.name / path.name).symlink_to(path)
            chosen.append(path)
    return sample, chosen


def test_general_debate_converter_paragraphs_dates_speakers(tmp_path):
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import ungdc_to_jsonl
    finally:
        sys.path.pop(0)
    sample, chosen = _sample_corpus(tmp_path, per_session=6)
    out = io.StringIO()
    written, skipped = ungdc_to_jsonl.convert(sample, out)
    assert (written, skipped) == (len(chosen), 0)
    rows: dict = {}
    with open(sample / "Speakers_by_session_1946-2024.tsv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            rows.setdefault(((r["Year"] or "").strip(), (r["ISO Code"] or "").strip()), r)  # the first row wins
    sources = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in chosen}
    for line in out.getvalue().splitlines():
        data = json.loads(line)
        rec = record_from_json(data)  # the import validates it: a year alone is a date
        name = rec.source.rsplit("/", 1)[-1]
        iso, session, year = name[:-4].split("_")
        assert rec.date == year == str(1945 + int(session))
        numbers = [p.n for p in rec.paragraphs]
        assert numbers == sorted(set(numbers)), name
        for p in rec.paragraphs:
            assert len(p.text) <= MAX_CHARS or unbroken_in(sources[name], p.text), (name, p.n, len(p.text))
        row = rows.get((year, iso))
        if row and (row.get("Name of Person Speaking") or "").strip():
            assert all(p.speaker == row["Name of Person Speaking"].strip() for p in rec.paragraphs)
        if row and (row.get("Post") or "").strip():
            assert all(p.role == row["Post"].strip() for p in rec.paragraphs)
        # never one paragraph for a whole speech that has line breaks to cut it at
        if len(rec.paragraphs) == 1:
            assert unbroken_in(sources[name], rec.paragraphs[0].text), name
