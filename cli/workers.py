"""``rapporteur serve``'s processes: one parent that binds the listening socket(s) and supervises
N worker processes, each running waitress on those same sockets with its own engine.

The parent binds, then forks the workers (pre-fork: the kernel hands each new connection to
whichever worker accepts it first) and from then on only supervises:

* a worker that dies is replaced (at once; after a quick death, with a delay that doubles up to
  :data:`MAX_RESTART_DELAY`), with one line on stderr per event;
* SIGTERM or SIGINT: the parent forwards SIGTERM to every worker, waits for them (each finishes
  the requests it has, within its grace time), SIGKILLs any left, and exits 0;
* a worker notices when the parent is gone however it went (even SIGKILL): it holds the read
  end of a pipe whose only writer is the parent, which reads as end-of-file then, and the
  worker stops. No worker outlives the parent.

A worker opens its own engine (and has jieba loaded) before it accepts a connection, then runs
waitress with the settings of :func:`waitress_settings`. Connections arriving while no worker is
accepting (a restart) wait in the socket's backlog.
"""
from __future__ import annotations

import errno
import os
import resource
import select
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass, field

import click

# Seconds between a quick death and the restart; doubled per further quick death, up to the max.
RESTART_DELAY = 0.25
MAX_RESTART_DELAY = 10.0
QUICK_DEATH = 10.0  # a worker that dies sooner than this after its start counts as a quick death
STARTUP_TIMEOUT = 300.0  # seconds a worker may take to open its engine and be ready
BACKLOG = 2048
# Bytes of request body waitress reads before it answers 413 (default 1 GB): the site is
# read-only and no route takes a body (a GET or HEAD with one is refused by the app's WSGI edge,
# rapporteur.web.guard; other methods are a 405), so a large body is refused once its
# Content-Length is read, or once a chunked one passes this many bytes.
MAX_REQUEST_BODY = 8192


def default_workers() -> int:
    """The cores this process may run on (its CPU affinity, so a container's limit counts)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def raise_open_files_limit(wanted: int = 65536) -> int:
    """Raise the soft limit of open files towards the hard one (every connection is a file
    descriptor); returns the soft limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft if soft != resource.RLIM_INFINITY else wanted


def waitress_settings(threads: int, open_files: int) -> dict:
    """The waitress settings of a worker, and why.

    * ``connection_limit``: waitress stops accepting at this many open connections (default
      100: 100 idle keep-alive or slow sockets lock everyone else out). 1,000 per worker, or
      what the open-files limit leaves room for; idle connections cost a file descriptor and a
      few kB, not a thread.
    * ``channel_timeout`` 30 s with ``cleanup_interval`` 5 s (defaults 120 s and 30 s): an idle
      connection is closed 30–35 s after its last byte; long enough for a browser's keep-alive
      between pages, short enough that abandoned sockets do not pile up.
    * ``channel_request_lookahead`` 2 (default 0): waitress keeps reading a connection while its
      request runs, so it sees the client close it, and gives the app
      ``waitress.client_disconnected``, which stops the search (the web's ``search_deadline``).
    * ``asyncore_use_poll``: ``select()`` cannot watch descriptors above 1,023.
    * ``max_request_body_size``: :data:`MAX_REQUEST_BODY`.
    """
    return {
        "threads": threads,
        "connection_limit": max(100, min(1000, open_files - 64 - 8 * threads)),
        "channel_timeout": 30,
        "cleanup_interval": 5,
        "channel_request_lookahead": 2,
        "asyncore_use_poll": True,
        "max_request_body_size": MAX_REQUEST_BODY,
        "backlog": BACKLOG,
        "ident": "rapporteur",
    }


def bind(host: str, port: int) -> list[socket.socket]:
    """Listening sockets for every address ``host`` resolves to, on one port (``port`` 0: the
    first address picks a free one and the others use the same)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    socks: list[socket.socket] = []
    seen = set()
    try:
        for family, kind, proto, _name, addr in infos:
            if (family, addr[:2]) in seen:
                continue
            seen.add((family, addr[:2]))
            sock = socket.socket(family, kind, proto)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            if socks and port == 0:
                addr = (addr[0], socks[0].getsockname()[1], *addr[2:])
            sock.bind(addr)
            sock.listen(BACKLOG)
            sock.set_inheritable(True)
            socks.append(sock)
    except OSError:
        for sock in socks:
            sock.close()
        raise
    return socks


def say(message: str) -> None:
    """One line on stderr, at once."""
    click.echo(f"rapporteur serve: {message}", err=True)
    sys.stderr.flush()


def describe_exit(status: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        return f"was killed by {name}"
    return f"exited with status {os.WEXITSTATUS(status)}"


@dataclass
class Worker:
    pid: int
    slot: int
    started: float
    ready_fd: int | None  # read end of its readiness pipe, until it has said it is ready
    replacement: bool = False


@dataclass
class Slot:
    quick_deaths: int = 0
    due: float | None = None  # when to start its next worker (None: running or starting)


@dataclass
class Supervisor:
    """The parent: starts ``count`` workers running ``serve_worker(sockets, ready_fd)`` and keeps
    them running until SIGTERM or SIGINT (see the module doc). ``grace``: the seconds a worker
    gets to finish its requests after SIGTERM before it is killed."""

    sockets: list[socket.socket]
    count: int
    serve_worker: object  # callable(sockets, ready_write_fd) -> exit status, run in the child
    grace: float = 10.0
    workers: dict[int, Worker] = field(default_factory=dict)
    slots: list[Slot] = field(default_factory=list)
    stopping: bool = False
    signalled: bool = False  # told to stop by SIGTERM or SIGINT

    # -- the parent --------------------------------------------------------------------

    def run(self, on_ready) -> int:
        """Start the workers, call ``on_ready()`` once all are ready, supervise until told to
        stop; the exit status (0, or 1 when the workers could not start)."""
        self._life_r, self._life_w = os.pipe()
        self._wake_r, self._wake_w = os.pipe()
        for fd in (self._wake_r, self._wake_w):
            os.set_blocking(fd, False)
        old_wakeup = signal.set_wakeup_fd(self._wake_w)
        old = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD)}
        try:
            self.slots = [Slot() for _ in range(self.count)]
            for slot in range(self.count):
                self._spawn(slot)
            if not self._wait_ready():
                self._stop_all()
                return 0 if self.signalled else 1
            on_ready()
            self._supervise()
            self._stop_all()
            return 0
        finally:
            signal.set_wakeup_fd(old_wakeup)
            for sig, handler in old.items():
                signal.signal(sig, handler)
            for fd in (self._wake_r, self._wake_w, self._life_r, self._life_w):
                _close(fd)
            for w in self.workers.values():
                _close(w.ready_fd)

    def _on_signal(self, signum, _frame) -> None:
        if signum in (signal.SIGTERM, signal.SIGINT):
            self.stopping = self.signalled = True

    def _spawn(self, slot: int, replacement: bool = False) -> None:
        ready_r, ready_w = os.pipe()
        sys.stdout.flush()  # or the worker would print the parent's buffered lines again
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:
            _close(ready_r)
            _close(ready_w)
            raise
        if pid == 0:  # the worker
            status = 1
            try:
                _close(ready_r)
                status = self._child(ready_w)
            except SystemExit as stop:
                status = stop.code if isinstance(stop.code, int) else 1
            except BaseException:  # noqa: BLE001 — report and leave; never return into the parent's code
                import traceback

                traceback.print_exc()
            finally:
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                finally:
                    os._exit(status)
        _close(ready_w)
        self.workers[pid] = Worker(pid, slot, time.monotonic(), ready_r, replacement)
        self.slots[slot].due = None

    def _child(self, ready_w: int) -> int:
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        signal.set_wakeup_fd(-1)
        for fd in (self._wake_r, self._wake_w, self._life_w):
            _close(fd)
        for w in self.workers.values():  # the other workers' readiness pipes
            _close(w.ready_fd)
        life_r = self._life_r

        def watch_parent():
            try:
                while os.read(life_r, 1):
                    pass
            except OSError:
                pass
            os.kill(os.getpid(), signal.SIGTERM)  # the parent has gone: stop as if told to

        threading.Thread(target=watch_parent, name="parent-watch", daemon=True).start()
        return self.serve_worker(self.sockets, ready_w)

    def _wait_ready(self) -> bool:
        """Wait until every worker has said it is ready; False when one died first or the parent
        was told to stop."""
        end = time.monotonic() + STARTUP_TIMEOUT
        while any(w.ready_fd is not None for w in self.workers.values()):
            if self.stopping or time.monotonic() > end:
                return False
            self._select(1.0)
            self._read_ready(announce=False)
            for pid, status in self._reap():
                say(f"worker {pid} {describe_exit(status)} before it was ready")
                return False
        return True

    def _supervise(self) -> None:
        while not self.stopping:
            now = time.monotonic()
            due = [s.due for s in self.slots if s.due is not None]
            self._select(max(0.0, min(due) - now) if due else None)
            self._read_ready(announce=True)
            for pid, status in self._reap():
                self._replace(pid, status)
            now = time.monotonic()
            for slot, s in enumerate(self.slots):
                if s.due is not None and s.due <= now and not self.stopping:
                    try:
                        self._spawn(slot, replacement=True)
                    except OSError as err:  # no process to be had now (EAGAIN …): later
                        s.due = now + MAX_RESTART_DELAY
                        say(f"cannot start a worker ({err.strerror or err}); trying again in {MAX_RESTART_DELAY:g} s")

    def _replace(self, pid: int, status: int) -> None:
        worker = self.workers.pop(pid, None)
        if worker is None:
            return
        _close(worker.ready_fd)
        if self.stopping:
            return
        lived = time.monotonic() - worker.started
        slot = self.slots[worker.slot]
        slot.quick_deaths = slot.quick_deaths + 1 if lived < QUICK_DEATH else 0
        delay = 0.0 if not slot.quick_deaths else min(MAX_RESTART_DELAY, RESTART_DELAY * 2 ** (slot.quick_deaths - 1))
        slot.due = time.monotonic() + delay
        when = "now" if not delay else f"in {delay:g} s"
        say(f"worker {pid} {describe_exit(status)} after {lived:.1f} s; starting another {when}")

    def _select(self, timeout: float | None) -> None:
        fds = [self._wake_r] + [w.ready_fd for w in self.workers.values() if w.ready_fd is not None]
        try:
            select.select(fds, [], [], timeout)
        except InterruptedError:
            pass
        try:
            while os.read(self._wake_r, 512):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def _read_ready(self, announce: bool) -> None:
        for w in self.workers.values():
            if w.ready_fd is None:
                continue
            readable, _, _ = select.select([w.ready_fd], [], [], 0)
            if not readable:
                continue
            data = os.read(w.ready_fd, 64)
            _close(w.ready_fd)
            w.ready_fd = None
            if data and announce:
                say(f"worker {w.pid} ready")

    def _reap(self) -> list[tuple[int, int]]:
        out = []
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            if pid == 0:
                break
            if pid in self.workers:
                out.append((pid, status))
        return out

    def _stop_all(self) -> None:
        """SIGTERM to every worker, wait up to ``grace`` (+ 5 s) for them, SIGKILL the rest."""
        self.stopping = True
        for pid in list(self.workers):
            _kill(pid, signal.SIGTERM)
        end = time.monotonic() + self.grace + 5
        while self.workers and time.monotonic() < end:
            self._select(0.2)
            for pid, _status in self._reap():
                worker = self.workers.pop(pid)
                _close(worker.ready_fd)
        for pid in list(self.workers):
            say(f"worker {pid} did not stop within {self.grace + 5:g} s: killed")
            _kill(pid, signal.SIGKILL)
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
            _close(self.workers.pop(pid).ready_fd)


def _close(fd: int | None) -> None:
    if fd is not None:
        try:
            os.close(fd)
        except OSError as err:
            if err.errno != errno.EBADF:
                raise


def _kill(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


# ---- one worker: waitress on the inherited sockets ----------------------------------------

# Requests that never wait for a worker thread busy with a search: the health check, the
# assets. They have their own threads (FAST_LANE_THREADS), next to waitress's --threads.
FAST_PATHS = ("/healthz", "/static/", "/favicon.ico")
FAST_LANE_THREADS = 2


def _dispatcher(threads: int):
    """Waitress's thread pool with a fast lane: a request for one of :data:`FAST_PATHS` goes to
    threads of its own, so it is answered even while every other thread runs a search."""
    from waitress.task import ThreadedTaskDispatcher

    class Lanes(ThreadedTaskDispatcher):
        def __init__(self):
            super().__init__()
            self.fast = ThreadedTaskDispatcher()

        def add_task(self, task):
            requests = getattr(task, "requests", None)  # the task is a channel: its next request
            request = requests[0] if requests else None
            path = getattr(request, "path", "") or ""
            if request is not None and not request.error and path.startswith(FAST_PATHS):
                self.fast.add_task(task)
            else:
                super().add_task(task)

        def set_thread_count(self, count):
            self.fast.set_thread_count(FAST_LANE_THREADS if count else 0)
            super().set_thread_count(count)

        def shutdown(self, cancel_pending=True, timeout=5):
            self.fast.shutdown(cancel_pending, timeout)
            return super().shutdown(cancel_pending, timeout)

    lanes = Lanes()
    lanes.set_thread_count(threads)
    return lanes


def _channel_class():
    """Waitress's connection class, whose own error answers (a malformed request, a body over
    :data:`MAX_REQUEST_BODY`, headers too large …; the app never sees these requests) carry the
    site's security headers and ``no-store`` as the app's answers do."""
    from waitress.channel import HTTPChannel
    from waitress.task import ErrorTask

    from rapporteur.web.guard import NO_STORE
    from rapporteur.web.security import HEADERS

    class SecureErrorTask(ErrorTask):
        def execute(self):
            self.response_headers.extend([("Cache-Control", NO_STORE), *HEADERS.items()])
            super().execute()

    class Channel(HTTPChannel):
        error_task_class = SecureErrorTask

    return Channel


def run_waitress(app, sockets: list[socket.socket], settings: dict, grace: float, ready=None) -> None:
    """Serve ``app`` with waitress on ``sockets`` until SIGTERM or SIGINT, then stop accepting,
    let the requests in progress finish (up to ``grace`` seconds) and close. ``ready()`` is
    called once the server accepts."""
    import waitress
    from waitress import trigger, wasyncore
    from waitress.server import BaseWSGIServer

    server = waitress.create_server(app, sockets=sockets, _dispatcher=_dispatcher(settings["threads"]), **settings)
    smap = server.map if hasattr(server, "map") else server._map
    listeners = [d for d in list(smap.values()) if isinstance(d, BaseWSGIServer)]
    channel = _channel_class()
    for listener in listeners:
        listener.channel_class = channel
    waker = trigger.trigger(smap)
    stop = threading.Event()

    def on_stop(_signum, _frame):
        stop.set()
        waker.pull_trigger()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, on_stop)
    if ready is not None:
        ready()
    timeout = server.adj.asyncore_loop_timeout
    try:
        while not stop.is_set():
            wasyncore.loop(timeout=timeout, map=smap, use_poll=True, count=1)
        for listener in listeners:  # no new connections (the other workers take them); the
            wasyncore.dispatcher.close(listener)  # listener's trigger stays: tasks still wake the loop
        end = time.monotonic() + grace
        while time.monotonic() < end and _busy(smap):
            wasyncore.loop(timeout=0.1, map=smap, use_poll=True, count=1)
    finally:
        listeners[0].task_dispatcher.shutdown(timeout=1)
        wasyncore.close_all(smap)


def _busy(smap) -> bool:
    """Whether a connection still has a request in progress or a response to send."""
    from waitress.channel import HTTPChannel

    return any(isinstance(c, HTTPChannel) and (c.requests or c.total_outbufs_len) for c in list(smap.values()))
