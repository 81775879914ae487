"""``rapporteur watch`` survives a full disk: one line, and it keeps watching."""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.support.paths import SEED

INJECT = Path(__file__).with_name("inject_write_error.py")


def test_watch_reports_disk_full_and_keeps_running(tmp_path):
    records = tmp_path / "records"
    records.mkdir()
    shutil.copy(SEED, records / SEED.name)
    proc = subprocess.Popen(
        [sys.executable, str(INJECT), "2000", "ENOSPC", "", "watch", str(records), "--index", str(tmp_path / "ix")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "watching" in line:
                break
        output = "".join(lines)
        assert "cannot write the index at" in output and "No space left on device" in output
        assert "Traceback" not in output
        assert "watching" in output  # it went on to watch after the failed sync
        time.sleep(1.0)
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=20)
