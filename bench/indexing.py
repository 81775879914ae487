"""Indexing, end to end, in a child process: ``rapporteur.indexer.sync.writer.sync`` into a fresh folder.

The parent samples the resident memory of the child and all its descendants (psutil) every
50 ms, so a multiprocess writer's workers count too; the child also reports its own
``ru_maxrss`` and that of its waited-for children. The jieba reference runs in another
child: ``jieba.initialize()``, then ``jieba.lcut`` over the same paragraph texts, timed.

Child modes: ``python -m bench.indexing index INDEX_DIR RECORDS_DIR`` and
``python -m bench.indexing jieba TEXTS_JSONL REPEAT``; each prints one JSON line.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

try:
    import psutil  # a bench extra; without it only ru_maxrss is reported
except ImportError:  # pragma: no cover
    psutil = None


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


class PeakRSS:
    """Samples the summed RSS of a process tree until stopped."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        if psutil is None:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            try:
                procs = [root] + root.children(recursive=True)
                total = 0
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                return
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_child(args: list[str], timeout: float | None = None) -> tuple[dict, int]:
    """Run ``python -m bench.indexing ARGS``; its JSON line and the peak RSS of its tree."""
    proc = subprocess.Popen([sys.executable, "-m", "bench.indexing", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=str(Path(__file__).resolve().parent.parent))
    with PeakRSS(proc.pid) as peak:
        out, err = proc.communicate(timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"bench.indexing {args[0]} failed ({proc.returncode}): {err.strip()[-2000:]}")
    return json.loads(out.strip().splitlines()[-1]), peak.peak


def index_once(records_dir: Path, index_dir: Path) -> dict:
    result, peak = run_child(["index", str(index_dir), str(records_dir)])
    result["peak_rss_tree_bytes"] = peak
    result["index_bytes"] = dir_bytes(index_dir)
    return result


def jieba_reference(texts_path: Path, repeat: int) -> dict:
    result, _peak = run_child(["jieba", str(texts_path), str(repeat)])
    return result


# ---------------------------------------------------------------- child side

def _child_index(index_dir: str, records_dir: str) -> dict:
    t_import = time.perf_counter()
    from rapporteur.indexer.sync.writer import sync

    t0 = time.perf_counter()
    report = sync(index_dir, [records_dir], rebuild=False)
    seconds = time.perf_counter() - t0
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    kids_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {"seconds": seconds, "import_seconds": t0 - t_import, "chars": report.chars,
            "added": report.added, "failed": len(report.failed), "warnings": len(report.warnings),
            "ru_maxrss_self_bytes": self_rss, "ru_maxrss_children_bytes": kids_rss}


def _child_jieba(texts_path: str, repeat: int) -> dict:
    import logging
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(logging.WARNING)
    with open(texts_path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    t0 = time.perf_counter()
    jieba.initialize()
    init = time.perf_counter() - t0
    times = []
    tokens = 0
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        tokens = 0
        for text in texts:
            tokens += len(jieba.lcut(text))
        times.append(time.perf_counter() - t0)
    return {"times": times, "init_seconds": init, "tokens": tokens, "chars": sum(map(len, texts))}


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "index":
        out = _child_index(sys.argv[2], sys.argv[3])
    elif mode == "jieba":
        out = _child_jieba(sys.argv[2], int(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")
    sys.stdout.write(json.dumps(out) + "\n")
    os._exit(0)
