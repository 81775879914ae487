"""Incremental update: ``rapporteur index`` adds one new record to the built index.

The new record file is copied into the indexed folder and the same command a user runs is
timed as a subprocess (wall time, including start-up and the dictionary load); the command's
own summary line says how much of it was the sync. A rebuild would show up as ``added``
greater than 1.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

from bench.serve import ROOT, _command

_SUMMARY = re.compile(r"added (\d+), updated (\d+), removed (\d+), failed (\d+) in ([\d.]+)s")


def run(index_dir: Path, records_dir: Path, new_record: Path) -> dict:
    target = records_dir / new_record.name
    shutil.copyfile(new_record, target)
    t0 = time.perf_counter()
    proc = subprocess.run(_command() + ["index", str(records_dir), "--index", str(index_dir)],
                          capture_output=True, text=True, timeout=3600, cwd=str(ROOT))
    wall = time.perf_counter() - t0
    m = _SUMMARY.search(proc.stdout)
    out = {"wall_seconds": wall, "exit": proc.returncode, "output": proc.stdout.strip()[-300:]}
    if m:
        out.update(added=int(m.group(1)), updated=int(m.group(2)), removed=int(m.group(3)),
                   failed=int(m.group(4)), sync_seconds=float(m.group(5)))
    return out
