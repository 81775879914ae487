#!/usr/bin/env python3
"""Convert the UN General Debate Corpus into Rapporteur's JSONL import format.

The corpus has one statement per file, ``Session_SS_YYYY/ISO_SS_YYYY.txt``, with no speaker line
in the text; ``Speakers_by_session_1946-2024.tsv`` names the speaker and their post by year and
ISO code. Each statement becomes one record::

    symbol  UNGDC/<session>/<ISO>   (the corpus's own identifier; statements have no UN symbol here)
    lang    en
    body    General Assembly, general debate
    meeting the session number
    date    the year of the session, ``YYYY`` (see below)
    paragraphs: the text split as Rapporteur splits a statement (``rapporteur.indexer.parse.statement``:
    blank lines, one paragraph per line in the sessions that have them, sentence-ending short lines
    in PDF text, printed paragraph numbers in the older sessions), each with the speaker, the
    country as delegation, its ISO code as delegation_code and the post as role.

The date. Session N of the General Assembly opens in September of 1945 + N and its general debate
is held in its first weeks; the file name and the TSV give the year and nothing finer. The record's
date is that year alone, ``1990``: an ISO 8601 date of reduced precision, the form the ``date:``
filter takes (``date:1990``, ``date:1985..1995`` find it). A day the corpus does not give is not
invented: ``1990-01-01`` would look like a fact, and ``1990-09`` would be wrong for the sessions
whose debate ran into October.

Usage::

    python examples/ungdc_to_jsonl.py ../shared/corpus/ungdc-general-debate-en > ungdc.jsonl
    rapporteur import ungdc.jsonl
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

from rapporteur.indexer.parse.statement import split_paragraphs

FILE_NAME = re.compile(r"^(?P<iso>[A-Z]{2,3})_(?P<session>\d+)_(?P<year>\d{4})\.txt$")


def load_speakers(tsv: Path) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(year, ISO) → (country, speaker, post); the first row wins."""
    out: dict[tuple[str, str], tuple[str, str, str]] = {}
    with open(tsv, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            key = ((row.get("Year") or "").strip(), (row.get("ISO Code") or "").strip())
            cell = lambda name: (row.get(name) or "").strip()  # noqa: E731 - short rows have missing cells
            out.setdefault(key, (cell("Country"), cell("Name of Person Speaking"), cell("Post")))
    return out


def convert(corpus: Path, out) -> tuple[int, int]:
    speakers = load_speakers(corpus / "Speakers_by_session_1946-2024.tsv")
    written = skipped = 0
    for path in sorted(corpus.glob("Session_*/*.txt")):
        m = FILE_NAME.match(path.name)
        if not m:
            print(f"{path}: file name is not ISO_SS_YYYY.txt; skipped", file=sys.stderr)
            skipped += 1
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        blocks = split_paragraphs(text)
        if not blocks:
            print(f"{path}: no text; skipped", file=sys.stderr)
            skipped += 1
            continue
        iso, session, year = m.group("iso"), int(m.group("session")), m.group("year")
        country, speaker, post = speakers.get((year, iso), (None, None, None))
        record = {
            "symbol": f"UNGDC/{session}/{iso}",
            "lang": "en",
            "kind": None,
            "body": "General Assembly, general debate",
            "meeting": session,
            "date": year,
            "source": str(path),
        }
        paragraphs = [
            {"n": n, "speaker": speaker or None, "delegation": country or iso, "delegation_code": iso,
             "role": post or None, "text": block}
            for n, block in blocks
        ]
        out.write(json.dumps({"record": record, "paragraphs": paragraphs}, ensure_ascii=False) + "\n")
        written += 1
    return written, skipped


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the ungdc-general-debate-en folder")
    args = parser.parse_args(argv)
    if not (args.corpus / "Speakers_by_session_1946-2024.tsv").exists():
        print(f"{args.corpus}: no Speakers_by_session_1946-2024.tsv here; is this the corpus folder?", file=sys.stderr)
        return 1
    written, skipped = convert(args.corpus, sys.stdout)
    print(f"{written} records written, {skipped} files skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
