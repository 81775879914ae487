"""``rapporteur watch`` in its own process (the venv's installed package), its output read line
by line as the tests wait for what it logs."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.support.paths import ROOT


class Watch:
    """``rapporteur watch FOLDER --index INDEX_DIR`` while the ``with`` block runs; ``lines``
    holds its output (stdout and stderr) as read so far."""

    def __init__(self, folder: Path, index_dir: Path):
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen([sys.executable, "-c", "from rapporteur.cli.main import main; main()", "watch",
                                      str(folder), "--index", str(index_dir)], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
        self.lines: list[str] = []

    def wait_for(self, fragment: str, timeout: float = 60) -> None:
        """Read its output until a line holds ``fragment``; fails with what was read if none
        does within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            self.lines.append(line)
            if fragment in line:
                return
        raise AssertionError(f"{fragment!r} not logged: {self.lines}")

    def __enter__(self) -> "Watch":
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
