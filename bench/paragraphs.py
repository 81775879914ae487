"""The paragraphs exactly as the indexer sees them, saved once per run for the other steps.

The records are parsed with the project's parser and each text normalised as
``rapporteur.indexer.store.documents`` does, so the jieba reference and the peers work on the same strings
our index holds.
"""
from __future__ import annotations

import json
from pathlib import Path

from rapporteur.indexer.text import normalize_text
from rapporteur.indexer.parse import parse_file


def extract(records_dir: Path, out_path: Path) -> dict:
    count = chars = text_bytes = 0
    with open(out_path, "w", encoding="utf-8") as fh:
        for path in sorted(records_dir.glob("*.txt")):
            rec = parse_file(path)
            for p in rec.paragraphs:
                text = normalize_text(p.text or "")
                fh.write(json.dumps({"text": text, "lang": rec.lang, "symbol": rec.symbol, "n": p.n,
                                     "speaker": p.speaker, "delegation": p.delegation},
                                    ensure_ascii=False) + "\n")
                count += 1
                chars += len(text)
                text_bytes += len(text.encode("utf-8"))
    return {"paragraphs": count, "chars": chars, "text_bytes": text_bytes}


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]
