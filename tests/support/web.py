"""Helpers for the web, browser and web-attack tests: a real index built by the real writer and
the real ``rapporteur serve`` in its own process. Nothing is mocked: the app talks to the real
engine. The fixtures over these (``index_dir``, ``app``, ``client``, ``own_index``) are in
``tests/conftest.py``; the records they index are in :mod:`tests.support.records`.

The processes started here run the package installed in the venv (``pip install -e '.[test]'``),
with this process's environment as it is.
"""
from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path

from tests.support.paths import ROOT

# The query parameters of the search and record pages (every one is attacked).
PARAMS = ["q", "delegation", "speaker", "symbol", "lang", "date_from", "date_to", "page", "size", "ui"]


def python(code: str, *args: str, **kwargs) -> subprocess.Popen | subprocess.CompletedProcess:
    """Run ``code`` with ``args`` in a separate Python process (the venv's, with the package installed)."""
    command = [sys.executable, "-c", code, *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(command, cwd=ROOT, **kwargs)
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True, timeout=300)


def build_index(corpus: Path, index_dir: Path) -> Path:
    """Index ``corpus`` with the real writer, in this process."""
    from rapporteur.indexer.sync.writer import sync

    report = sync(index_dir, [corpus])
    assert not report.failed, report.failed
    return index_dir


def reindex_elsewhere(corpus: Path, index_dir: Path) -> None:
    """Sync the index from another process, as ``rapporteur index`` or ``watch`` would."""
    python("import sys; from rapporteur.indexer.sync.writer import sync; sys.exit(bool(sync(sys.argv[1], [sys.argv[2]]).failed))",
           str(index_dir), str(corpus))


SERVE_URL = re.compile(r"(http://127\.0\.0\.1:(\d+)/)")  # what serve prints once it listens


def wait_for_url(proc, timeout: float):
    """Read a starting server's output until it prints its URL: ``(match, lines read)``; the
    match is None if the output ended, or ``timeout`` passed, first."""
    lines: list[str] = []
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        m = SERVE_URL.search(line)
        if m:
            return m, lines
    return None, lines


def start_server(index_dir, timeout: float = 180.0):
    """Start ``rapporteur serve --port 0``; returns (process, base URL, output so far)."""
    proc = python("from rapporteur.cli.main import main; main()", "serve", "--index", str(index_dir), "--port", "0",
                  background=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    m, lines = wait_for_url(proc, timeout)
    if m:
        _drain(proc)
        return proc, m.group(1), "".join(lines)
    stop_server(proc)
    raise AssertionError("serve did not print its URL:\n" + "".join(lines))


def stop_server(proc) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    drain = getattr(proc, "drain", None)
    if drain is not None:
        drain.join(timeout=10)  # EOF once the server has exited
    proc.stdout.close()


def _drain(proc) -> None:
    """Keep reading the server's output (its last lines in ``proc.output``) once the URL is known.

    The output is a pipe: unread, it fills (64 KiB on Linux) and the server's next write to
    stdout or stderr blocks. Waitress logs from its one I/O thread, holding its task-queue lock,
    so a blocked write there freezes every request — a stall of the harness, not of the server."""
    proc.output = deque(maxlen=1000)
    proc.drain = threading.Thread(target=lambda: proc.output.extend(proc.stdout), daemon=True,
                                  name=f"drain-serve-{proc.pid}")
    proc.drain.start()
