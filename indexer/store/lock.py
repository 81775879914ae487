"""One writer at a time: an advisory ``flock`` on ``writer.lock`` in the index folder.

The kernel drops an ``flock`` when its process dies, however it dies, so a killed writer
never blocks the next one. The holder writes its pid into the file and empties it on a
clean release; finding a pid there while the lock is free means the last writer was
killed, and :attr:`WriterLock.stale_pid` reports it so the caller can say so; ``on_stale``
is called with that pid as soon as the lock is taken (a run that is itself killed later has
still said so).
"""
from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from rapporteur.indexer.errors import IndexLocked

DEFAULT_TIMEOUT = 30.0
_POLL = 0.1
_HOLDER_GRACE = 0.5  # how long a waiter looks for the new holder's pid to appear


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


class WriterLock:
    def __init__(self, path: Path, timeout: float = DEFAULT_TIMEOUT, on_wait=None, on_stale=None):
        self.path = Path(path)
        self.timeout = timeout
        self.on_wait = on_wait  # called once with the holder's pid when we have to wait
        self.on_stale = on_stale  # called with the pid of a killed writer whose lock we took over
        self.stale_pid: int | None = None
        self._fd: int | None = None

    def _holder(self, fd: int) -> int | None:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 64).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else None

    def _live_holder(self, fd: int) -> int | None:
        """The holder's pid for the waiting message. A writer writes its pid just after it takes
        the lock, so right then the file is still empty, or holds the pid of a killed writer:
        look again for a moment until it names a live process."""
        end = time.monotonic() + _HOLDER_GRACE
        while True:
            pid = self._holder(fd)
            if pid and _alive(pid):
                return pid
            if time.monotonic() >= end:
                return pid
            time.sleep(0.02)

    def acquire(self) -> "WriterLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waited and self.on_wait:
                    self.on_wait(self._live_holder(fd))
                waited = True
                if time.monotonic() >= deadline:
                    holder = self._holder(fd)
                    os.close(fd)
                    who = f"process {holder}" if holder else "another process"
                    raise IndexLocked(
                        f"index {self.path.parent} is being written by {who}; "
                        f"gave up after waiting {self.timeout:g}s"
                    ) from None
                time.sleep(_POLL)
        previous = self._holder(fd)
        if previous and previous != os.getpid():
            self.stale_pid = previous
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        os.fsync(fd)
        self._fd = fd
        if self.stale_pid and self.on_stale:
            self.on_stale(self.stale_pid)
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)  # an empty file means "released cleanly"
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()
