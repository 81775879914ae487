"""jieba, initialised once per process with the shipped UN user dictionary.

Every process that analyses text (the CLI, the web server, forked index workers)
calls :func:`segmenter`; the first call in a process loads the dictionary, adds
``indexer/data/un_userdict.txt`` and points jieba's cache at a private writable
folder instead of the shared ``/tmp/jieba.cache``.
"""
from __future__ import annotations

import logging
import os
import tempfile
import threading
import warnings
from pathlib import Path

with warnings.catch_warnings():
    # jieba imports pkg_resources, which warns about itself and about packages (such as our
    # ``search``) already imported from a source tree; neither is ours to fix.
    warnings.simplefilter("ignore", DeprecationWarning)
    warnings.simplefilter("ignore", UserWarning)
    import jieba

_lock = threading.Lock()
_ready_pid: int | None = None

USERDICT = "un_userdict.txt"


def _private_tmp_dir() -> str:
    path = os.path.join(tempfile.gettempdir(), f"rapporteur-jieba-{os.getuid()}")
    os.makedirs(path, mode=0o700, exist_ok=True)
    return path


def user_dictionary() -> list[tuple[str, int | None, str | None]]:
    """The shipped UN dictionary as ``(word, frequency, tag)`` entries; ``#`` lines are comments."""
    # Next to this module (not importlib.resources: under pytest ``indexer`` can be a namespace
    # package that also spans tests/indexer).
    text = (Path(__file__).resolve().parent / "data" / USERDICT).read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        entries.append((parts[0], freq, tag))
    return entries


def segmenter() -> jieba.Tokenizer:
    """The process's initialised jieba tokenizer (re-initialised after a fork)."""
    global _ready_pid
    if _ready_pid == os.getpid():
        return jieba.dt
    with _lock:
        if _ready_pid != os.getpid():
            jieba.setLogLevel(logging.WARNING)
            jieba.dt.tmp_dir = _private_tmp_dir()
            jieba.initialize()
            for word, freq, tag in user_dictionary():
                jieba.add_word(word, freq, tag)
            _ready_pid = os.getpid()
    return jieba.dt
