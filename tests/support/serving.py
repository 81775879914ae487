"""Helpers for the serving tests (``tests/web/test_serving.py``): ``rapporteur serve`` in its own
process with its worker processes, the processes themselves read from ``/proc``, and raw HTTP on
sockets to 127.0.0.1.

A real search on a test index ends in milliseconds, too soon to be caught running. A server
started with ``slow=True`` runs :mod:`tests.support.slow_search` instead of the plain command:
the same ``rapporteur serve``, in which a search for :data:`SLOW` runs until its deadline or its
client stops it, calling the real ``Deadline.check()`` the engine gave its query runner, and
says so on stdout (:data:`RUNNING`). Everything else is the product as it ships: waitress, the
worker processes, the sockets, the web app, the engine.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path

from tests.support.paths import ROOT
from tests.support.slow_search import RUNNING, SLOW
from tests.support.web import wait_for_url

HOST = "127.0.0.1"


class Server:
    """A running ``rapporteur serve``: its process, port and every line it printed."""

    def __init__(self, proc: subprocess.Popen, port: int, lines: list[str]):
        self.proc, self.port = proc, port
        self.lines: deque[str] = deque(lines, maxlen=20_000)
        self._reader = threading.Thread(target=self._read, daemon=True, name=f"serve-{proc.pid}")
        self._reader.start()

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def _read(self) -> None:
        for line in self.proc.stdout:  # never left unread: a full pipe would stall the server
            self.lines.append(line)

    def output(self) -> str:
        return "".join(list(self.lines))

    def count(self, text: str) -> int:
        """How many times ``text`` was printed (lines of two threads can share a line)."""
        return sum(line.count(text) for line in list(self.lines))

    def wait_for(self, predicate, timeout: float = 60.0, what: str = "") -> None:
        """Wait (polling, at most ``timeout`` seconds) until ``predicate()`` holds."""
        end = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > end:
                raise AssertionError(f"gave up waiting for {what or predicate}:\n{self.output()[-4000:]}")
            time.sleep(0.05)

    def workers(self) -> set[int]:
        return children(self.proc.pid)

    def stop(self, sig=signal.SIGTERM, timeout: float = 60.0) -> int:
        """Signal the parent and wait for it; its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=10)
        self.proc.stdout.close()
        return self.proc.returncode


def start(index_dir: Path, *args: str, slow: bool = False, timeout: float = 180.0) -> Server:
    """``rapporteur serve --index index_dir --port 0 *args``, once it has printed its URL."""
    module = "tests.support.slow_search" if slow else "rapporteur.cli.main"
    code = f"import sys; sys.argv[0] = 'rapporteur'; from {module} import main; main()"
    proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--index", str(index_dir), "--port", "0", *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    m, lines = wait_for_url(proc, timeout)
    if m:
        return Server(proc, int(m.group(2)), lines)
    proc.kill()
    proc.wait()
    raise AssertionError("serve did not print its URL:\n" + "".join(lines))


# ---- processes ------------------------------------------------------------------------------

def children(pid: int) -> set[int]:
    """The live (not zombie) child processes of ``pid``, from ``/proc``."""
    out = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        if fields[0] != "Z" and int(fields[1]) == pid:
            out.add(int(entry))
    return out


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] != "Z"


# ---- HTTP on raw sockets ----------------------------------------------------------------------

def connect(port: int, timeout: float = 30.0) -> socket.socket:
    sock = socket.create_connection((HOST, port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def send_get(sock: socket.socket, path: str, close: bool = True) -> None:
    connection = "close" if close else "keep-alive"
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: {connection}\r\n\r\n".encode())


def read_all(sock: socket.socket) -> bytes:
    """Everything ``sock`` receives until the other end closes it."""
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def read_response(sock: socket.socket) -> tuple[int, bytes]:
    """The status and body of the response on ``sock`` (``Connection: close``: read to the end)."""
    head, _, body = read_all(sock).partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def get(port: int, path: str, timeout: float = 30.0) -> tuple[int, bytes]:
    with connect(port, timeout) as sock:
        send_get(sock, path)
        return read_response(sock)


def slow_path(api: bool = True) -> str:
    from urllib.parse import quote

    return f"/api/search?q={quote(SLOW)}" if api else f"/?q={quote(SLOW)}"


__all__ = ["RUNNING", "SLOW", "Server", "alive", "children", "connect", "get", "read_all", "read_response",
           "send_get", "slow_path", "start"]
