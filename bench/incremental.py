"""Incremental update: ``rapporteur index`` adds one new record to the built index.

The new record file is copied into the indexed folder and the same command a user runs is
timed as a subprocess (wall time, including start-up and the dictionary load); the command's
own summary line says how much of it was the sync. A rebuild would show up as ``added``
greater than 1.

``python -m bench.incremental RUN_DIR`` measures it again on a run kept with ``--keep``
(e.g. after a change to the writer): each time a copy of the extra record under a new
symbol is added, and one JSON line per run is printed.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

from bench.serve import ROOT, _command

_SUMMARY = re.compile(r"added (\d+), updated (\d+), removed (\d+), failed (\d+) in ([\d.]+)s")


def _sync(index_dir: Path, records_dir: Path) -> tuple[subprocess.CompletedProcess, float]:
    t0 = time.perf_counter()
    proc = subprocess.run(_command() + ["index", str(records_dir), "--index", str(index_dir)],
                          capture_output=True, text=True, timeout=3600, cwd=str(ROOT))
    return proc, time.perf_counter() - t0


def reset(index_dir: Path, records_dir: Path, corpus_files: set[str], max_remove: int = 100) -> dict:
    """Remove from ``records_dir`` the record files not in ``corpus_files`` (file names) and
    sync the index to it, untimed by the caller's figure; what was done, as a dict. More than
    ``max_remove`` such files is not a kept run of this corpus: RuntimeError, nothing removed."""
    extra = sorted(p for p in records_dir.glob("*.txt") if p.name not in corpus_files)
    if len(extra) > max_remove:
        raise RuntimeError(f"{records_dir}: {len(extra)} record files are not in the corpus of paragraphs.jsonl "
                           f"(e.g. {extra[0].name}); not a kept run of this corpus, nothing removed")
    for p in extra:
        p.unlink()
    out: dict = {"removed_files": [p.name for p in extra][:20], "removed_count": len(extra)}
    proc, wall = _sync(index_dir, records_dir)  # also repairs an index left behind a crashed run
    m = _SUMMARY.search(proc.stdout)
    out.update(wall_seconds=wall, exit=proc.returncode, output=(proc.stdout.strip() or proc.stderr.strip())[-300:])
    if m:
        out.update(added=int(m.group(1)), updated=int(m.group(2)), removed=int(m.group(3)), failed=int(m.group(4)))
    return out


def run(index_dir: Path, records_dir: Path, new_record: Path) -> dict:
    target = records_dir / new_record.name
    shutil.copyfile(new_record, target)
    proc, wall = _sync(index_dir, records_dir)
    m = _SUMMARY.search(proc.stdout)
    out = {"wall_seconds": wall, "exit": proc.returncode, "output": proc.stdout.strip()[-300:]}
    if m:
        out.update(added=int(m.group(1)), updated=int(m.group(2)), removed=int(m.group(3)),
                   failed=int(m.group(4)), sync_seconds=float(m.group(5)))
    return out


def fresh_copy(extra: Path, records_dir: Path, n: int) -> Path:
    """The extra record under a symbol no record has (its symbol with ``9<n>`` appended)."""
    text = extra.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    symbol = first.split()[-1]
    new = f"{symbol}9{n}"
    path = records_dir / (new.replace("/", "_") + extra.name[len(symbol):])
    path.write_text(text.replace(symbol, new), encoding="utf-8")
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.incremental", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run_dir", type=Path, help="a bench run folder kept with --keep (run-N-seedS)")
    ap.add_argument("--times", type=int, default=3, help="new records to add, one run each (default 3)")
    args = ap.parse_args(argv)
    index_dir, records_dir = args.run_dir / "index-0", args.run_dir / "corpus" / "records"
    extras = sorted((args.run_dir / "corpus" / "extra").glob("*.txt"))
    if not (index_dir.is_dir() and records_dir.is_dir() and extras):
        ap.error(f"{args.run_dir}: not a kept bench run (index-0/, corpus/records/, corpus/extra/)")
    start = int(time.time()) * 100  # symbols of earlier re-runs are not used again
    for i in range(args.times):
        new = fresh_copy(extras[0], args.run_dir, start + i)
        try:
            print(json.dumps(run(index_dir, records_dir, new)), flush=True)
        finally:
            new.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
