"""Read, parse and analyse record files in worker processes, for the one writer in the parent.

:func:`rapporteur.indexer.sync.writer.sync` hands the files it must (re)write to :func:`prepared`, which yields
one :class:`Prepared` per file, **in file order**: either in this process (few files, or
``workers`` ≤ 1) or from a pool of worker processes that each read, parse, build the Whoosh
documents (jieba initialised with the UN dictionary by :func:`rapporteur.indexer.analysis.segmentation.segmenter`)
and encode the postings (:func:`rapporteur.indexer.store.segwriter.analyse_document`). The parent only files the
postings and writes the segments, so results are the same whichever way a file went.

Design (measured on 2 cores, see the commit message):

* a file's manifest row (:mod:`.manifests`) travels with it and is applied after the parser,
  in the worker as in this process;
* a file is read once: the bytes parsed are the bytes whose checksum the index stores
  (:class:`Prepared` ``checksum``) and the checksum cache remembers (``digest``, ``identity``);
  a file that changed while it was read is read again or refused
  (:func:`~rapporteur.indexer.read.text.read_file`), and one that is a link to a file outside
  the folders being indexed (``within``) is refused where it is opened;
* workers are started as ``python -c`` (not forked: the parent may run threads, as ``watch``
  and ``serve`` do; not :mod:`multiprocessing` spawn, which re-runs a caller's unguarded
  ``__main__``); nothing is left running after :func:`prepared` ends;
* two pipes per worker, files dealt round-robin and read back in the same order, at most
  :data:`DEPTH` files outstanding per worker: results come in file order and memory stays
  bounded whatever the relative speed of the workers and the writer;
* a worker exits when its parent dies: the pipe reaches EOF when it waits, and
  ``PR_SET_PDEATHSIG`` (Linux) kills it while it works, with a ``getppid`` check between files;
* a worker that dies (a segfault in a parser) fails the file it was on, with one line naming
  the file, and is replaced; the other files go on. A worker that dies before it is ready
  (it cannot start) is logged and the rest of the run is done in this process.
"""
from __future__ import annotations

import functools
import logging
import os
import pickle
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from rapporteur.indexer.store.documents import record_documents
from rapporteur.indexer.errors import RapporteurError, UnreadableRecord
from rapporteur.indexer.settings import env_number
from rapporteur.indexer.sync.checksums import described_checksum
from rapporteur.indexer.sync.manifests import read_described

# Files a run must (re)write below which no pool is started (a worker costs ~1 s of start-up:
# Python, Whoosh, the jieba dictionary), e.g. the incremental add of one record.
MIN_POOL_FILES = 20
MAX_WORKERS = 4
DEPTH = 4  # files outstanding per worker (sent, result not yet read)
ENV_WORKERS = "RAPPORTEUR_WORKERS"


@dataclass
class Prepared:
    """One file, parsed (``reason`` is None) or failed (``reason`` says why, as reported)."""

    path: str
    reason: str | None = None
    symbol: str | None = None
    lang: str | None = None
    warnings: list[str] = field(default_factory=list)
    chars: int = 0
    checksum: str | None = None  # what the index stores: of the bytes parsed (and the manifest row)
    digest: str | None = None  # SHA-256 of the bytes parsed, for the checksum cache
    identity: tuple | None = None  # the file's identity when they were read (None: a custom parser read it)
    read_ns: int = 0
    record: object = None  # in-process: the Record, analysed by the writer
    analysed: list | None = None  # from a worker: analyse_document() of each document


def default_workers() -> int:
    """``$RAPPORTEUR_WORKERS`` if set, else the number of cores, at most :data:`MAX_WORKERS`."""
    return int(env_number(ENV_WORKERS, max(1, min(os.cpu_count() or 1, MAX_WORKERS)), minimum=1, maximum=256,
                          whole=True))


def parse_record(parse, path: Path):
    """``(what parse returned, None)`` or ``(None, reason)``: a file's failure reason as ``sync`` reports it."""
    try:
        return parse(path), None
    except UnreadableRecord as exc:
        return None, exc.reason
    except RapporteurError as exc:
        return None, str(exc)
    except Exception as exc:  # a parser bug on one file must not stop the others
        return None, f"parser error: {type(exc).__name__}: {exc}"


def described(parse, entry, within=None):
    """``path → (Record, RawText or None)``: ``parse`` (None: the record parser, from one read of
    the file inside ``within``), then the manifest row ``entry``."""
    return functools.partial(read_described, entry=entry, parse=parse, within=within)


def _prepared(path: str, read, reason, entry=None, checksum: str | None = None) -> Prepared:
    """What one file gave: ``read`` is ``(record, raw)`` from :func:`described`; ``checksum`` the
    one the plan took, used only when a custom parser gave no checksum of its own."""
    if reason is not None:
        return Prepared(path, reason)
    record, raw = read
    digest = raw.checksum if raw is not None else getattr(record, "checksum", None)
    stored = checksum if digest is None else described_checksum(digest, entry) if entry is not None else digest
    return Prepared(path, None, record.symbol, record.lang, list(getattr(record, "warnings", []) or []),
                    sum(len(p.text or "") for p in record.paragraphs), record=record, checksum=stored,
                    digest=digest if raw is not None else None, identity=raw.identity if raw is not None else None,
                    read_ns=raw.read_ns if raw is not None else 0)


def prepared(jobs: list[tuple], parse=None, *, schema=None, workers: int | None = None, within=None):
    """:class:`Prepared` for each ``(path, checksum, manifest row)`` of ``jobs``, in order (see module doc).
    ``within``: the resolved folders every file must lie in (None: anywhere).

    A pool is used when ``workers`` ≥ 2, there are at least :data:`MIN_POOL_FILES` jobs and
    ``parse`` is the default parser (a custom one may not be importable in a worker)."""
    workers = default_workers() if workers is None else max(1, int(workers))
    if parse is None and workers >= 2 and len(jobs) >= MIN_POOL_FILES and schema is not None:
        yield from _pooled(jobs, schema, min(workers, len(jobs)), within)
        return
    for path, checksum, entry in jobs:
        yield _prepared(str(path), *parse_record(described(parse, entry, within), path), entry, checksum)


# ---- the pool (parent side)


def _worker_command(rfd: int, wfd: int) -> list[str]:
    # -P: the worker imports the installed rapporteur package, never a folder of that name in
    # the current directory.
    return [sys.executable, "-P", "-c", "from rapporteur.indexer.sync.pool import _worker_main; "
            f"_worker_main({rfd}, {wfd}, {os.getpid()})"]


class _NotStarted(Exception):
    """A worker died before it could take files (it cannot import the indexer, say)."""


class _Worker:
    """A worker process (``python -c`` of :func:`_worker_main`, not :mod:`multiprocessing`'s
    spawn, which re-runs a caller's unguarded ``__main__`` script) and its two pipes."""

    def __init__(self, schema_bytes: bytes):
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        try:
            self.proc = subprocess.Popen(_worker_command(to_child_r, from_child_w), stdin=subprocess.DEVNULL,
                                         pass_fds=(to_child_r, from_child_w), close_fds=True)
        finally:
            os.close(to_child_r)  # the parent keeps one end of each: a dead worker is an EOF here
            os.close(from_child_w)
        self.tx = Connection(to_child_w, readable=False)
        self.rx = Connection(from_child_r, writable=False)
        self.outstanding: list[tuple] = []  # (index, path, checksum, manifest row)
        self.ready = False
        try:
            self.tx.send_bytes(schema_bytes)
        except OSError:  # died at once: seen as not started by recv
            pass

    def send(self, job) -> None:
        self.outstanding.append(job)
        try:
            self.tx.send(job[1:])
        except OSError:  # a dead worker: seen when its result is read
            pass

    def recv(self):
        """The next result; :class:`_NotStarted` if the worker died before it was ready."""
        if not self.ready:
            try:
                self.rx.recv()  # ("ready", None)
            except (EOFError, OSError):
                raise _NotStarted(_death_reason(self.proc)) from None
            self.ready = True
        return self.rx.recv()

    def stop(self, timeout: float = 5.0) -> None:
        try:
            self.tx.send(None)
        except (OSError, ValueError):
            pass
        for conn in (self.tx, self.rx):
            try:
                conn.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _death_reason(proc) -> str:
    try:
        code = proc.wait(5.0)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = proc.wait()
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the indexing worker process died on it ({name})"
    return f"the indexing worker process died on it (exit status {code})"


def _pooled(jobs, schema, n: int, within=None):
    schema_bytes = pickle.dumps((schema, within), pickle.HIGHEST_PROTOCOL)
    pool: list[_Worker] = []
    fallback = None  # the first job to do in this process, when workers cannot start
    try:
        for _ in range(n):
            pool.append(_Worker(schema_bytes))
        todo = [(i, str(path), checksum, entry) for i, (path, checksum, entry) in enumerate(jobs)]
        owner: list[int] = []  # job index → worker slot
        sent = 0

        def fill():
            nonlocal sent
            while sent < len(todo) and len(pool[sent % n].outstanding) < DEPTH:
                slot = sent % n
                pool[slot].send(todo[sent])
                owner.append(slot)
                sent += 1

        fill()
        for i in range(len(todo)):
            slot = owner[i]
            w = pool[slot]
            assert w.outstanding[0][0] == i
            try:
                kind, payload = w.recv()
            except _NotStarted as exc:
                logging.getLogger(__name__).warning("indexing in one process: a worker did not start (%s)", exc)
                fallback = i
                break
            except (EOFError, OSError):
                # The worker died on its first outstanding file: fail that one, replace the
                # worker and give it the rest of what the dead one had.
                dead = w.outstanding.pop(0)
                reason = _death_reason(w.proc)
                rest = w.outstanding
                w.stop(0)
                pool[slot] = w = _Worker(schema_bytes)
                for job in rest:
                    w.send(job)
                yield Prepared(dead[1], reason)
                fill()
                continue
            w.outstanding.pop(0)
            if kind == "raise":  # not a file's fault (e.g. the schema): stop as in-process would
                raise payload
            fill()
            yield payload
    finally:
        for w in pool:
            w.stop()
    if fallback is not None:
        for path, checksum, entry in jobs[fallback:]:
            yield _prepared(str(path), *parse_record(described(None, entry, within), path), entry, checksum)


# ---- the worker


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def _worker_main(rfd: int, wfd: int, parent_pid: int) -> None:
    """A worker: read ``(path, checksum, manifest row)`` jobs, answer ``("ok", Prepared)`` in order; stop at
    ``None``, at EOF (the parent is gone) or when the parent's pid is no longer its parent's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent(parent_pid)
    rx = Connection(rfd, writable=False)
    tx = Connection(wfd, readable=False)
    from rapporteur.indexer.analysis.segmentation import segmenter
    from rapporteur.indexer.store.segwriter import analyse_document

    segmenter()
    try:
        schema, within = pickle.loads(rx.recv_bytes())
        tx.send(("ready", None))
    except (EOFError, OSError):
        return
    while True:
        try:
            job = rx.recv()
        except (EOFError, OSError):
            break
        if job is None or os.getppid() != parent_pid:
            break
        path, checksum, entry = job
        read, reason = parse_record(described(None, entry, within), Path(path))
        out = _prepared(path, read, reason, entry, checksum)
        try:
            if reason is None:
                out.analysed = [analyse_document(schema, doc) for doc in record_documents(out.record, path, out.checksum)]
                out.record = None
            msg = pickle.dumps(("ok", out), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            try:
                msg = pickle.dumps(("raise", exc), pickle.HIGHEST_PROTOCOL)
            except Exception:
                msg = pickle.dumps(("raise", RuntimeError(f"{path}: {type(exc).__name__}: {exc}")))
        try:
            tx.send_bytes(msg)
        except OSError:
            break
