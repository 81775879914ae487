"""Helpers and fixtures for the web and browser tests: the hostile record, a real index built
by the real writer, the real ``rapporteur serve`` in its own process, and the facts of the
bundled seed the tests check. Nothing is mocked: the app talks to the real engine.

The fixtures live here, not in a ``conftest.py``, because other test folders import their
helpers with ``from conftest import …``, which a second ``conftest`` module would shadow.
Test modules import the fixtures they use by name.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "S_AC.44_SR.74.zh.txt"
SEED_SYMBOL = "S/AC.44/SR.74"
HOSTILE_SYMBOL = "S/AC.44/SR.99"
WIESBADEN = "威斯巴登进程"
WIESBADEN_PARAS = [10, 13, 16, 18, 23, 28]

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'

def summary_record(meeting: int, day: str, chair: str, section: str, paragraphs: list[str]) -> str:
    """A Chinese summary record ``S/AC.44/SR.<meeting>`` laid out as the seed is.

    ``day`` is written the Chinese way (``2016年11月30日星期三``); each paragraph is numbered.
    """
    body = "\n\n".join(f"{n}. {text}" for n, text in enumerate(paragraphs, 1))
    return f"""联合国 $S_{{AC.44/SR.{meeting}}}$

安全理事会

Chinese

安全理事会第 1540 (2004) 号决议 所设委员会

第{meeting}次会议简要记录

{day}上午10时在纽约总部举行

主席: {chair}先生......(西班牙)

上午10时10分宣布开会。

{section}

{body}

上午11时散会。
"""


# Markup in the delegation, section, chair and text. (The parser's speaker-name grammar
# admits no markup, so names cannot carry it.)
HOSTILE_RECORD = summary_record(99, "2016年11月30日星期三", "测试<b>主席</b>", f"专题讨论:{SCRIPT}", [
    f"**Mallory** 先生({IMG}{SCRIPT}观察员)说,注入测试段落 {SCRIPT} 以及 {IMG} 都应当显示为文本。此段提到透明度外联。",
    "**Evil** 先生(德国)说,第二段 <img src=x onerror=alert(2)> 提到防扩散与出口管制。",
])


# One meeting in three languages, in the UN style: the versions of PARALLEL_SYMBOL. The French
# version lacks paragraph 5 (an empty cell side by side) and carries markup in its text.
PARALLEL_SYMBOL = "A/AC.99/SR.8"
PARALLEL_RECORDS = {
    "en": """United Nations A/AC.99/SR.8

Summary record of the 8th meeting
Held at Headquarters, New York, on Thursday, 23 June 2016, at 10 a.m.
Chair: Mr. Oyarzun Marchesi (Spain)

Contents
Outreach

The meeting was called to order at 10.10 a.m.
Outreach
1. Mr. Anton (Observer for Germany) said that export control was the first line of defence.
2. His delegation welcomed the Wiesbaden Process and its outreach to industry.
3. Ms. Kim Heun Jin (Observer for the Republic of Korea) said that outreach to academia mattered.
4. Mr. Cupitt (United States of America), speaking in his national capacity, said that his delegation had circulated a paper.
5. The Chair said that the review of export control had been useful.
The meeting rose at 12.10 p.m.
""",
    "fr": f"""Nations Unies A/AC.99/SR.8

Compte rendu analytique de la 8e séance
Tenue au Siège, à New York, le jeudi 23 juin 2016, à 10 heures
Président : M. Oyarzun Marchesi (Espagne)

Table des matières
Sensibilisation

La séance est ouverte à 10 h 10.
Sensibilisation
1. M. Anton (Observateur de l'Allemagne) dit que le contrôle des exportations est la première ligne de défense.
2. Sa délégation se félicite du Processus de Wiesbaden {SCRIPT} et de la sensibilisation de l'industrie {IMG}.
3. Mme Kim Heun Jin (Observatrice de la République de Corée) dit que la sensibilisation des universités est importante.
4. M. Cupitt (États-Unis d'Amérique), parlant en sa qualité de représentant de son pays, dit que sa délégation a distribué un document.
La séance est levée à 12 h 10.
""",
    "ar": """الأمم المتحدة A/AC.99/SR.8

محضر موجز للجلسة 8
المعقودة في المقر، نيويورك، يوم الخميس، 23 حزيران/يونيه 2016، الساعة 10:00
الرئيس: السيد أويارثون مارتشيسي (إسبانيا)

المحتويات
التوعية

افتتحت الجلسة الساعة 10:10.
التوعية
1. السيد أنتون (المراقب عن ألمانيا): قال إن مراقبة الصادرات هي خط الدفاع الأول.
2. وأضاف أن وفده يرحب بعملية فيسبادن وبالتوعية في أوساط الصناعة.
3. السيدة كيم هيون جين (المراقبة عن جمهورية كوريا): قالت إن التوعية في الأوساط الأكاديمية مهمة.
4. السيد كابيت (الولايات المتحدة الأمريكية): قال إن وفده عمم ورقة.
5. الرئيس: قال إن استعراض مراقبة الصادرات كان مفيدا.
رفعت الجلسة الساعة 12:10.
""",
}


def write_parallel_corpus(folder: Path) -> Path:
    """The three versions of :data:`PARALLEL_SYMBOL`, as files named the UN way."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = PARALLEL_SYMBOL.replace("/", "_")
    for lang, text in PARALLEL_RECORDS.items():
        (folder / f"{stem}.{lang}.txt").write_text(text, encoding="utf-8")
    return folder


def python(code: str, *args: str, **kwargs) -> subprocess.Popen | subprocess.CompletedProcess:
    """Run ``code`` with ``args`` in a separate Python process over this checkout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", code, *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(command, cwd=ROOT, env=env, **kwargs)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=300)


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / SEED.name)
    (folder / "S_AC.44_SR.99.zh.txt").write_text(HOSTILE_RECORD, encoding="utf-8")
    return folder


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


def start_server(index_dir, timeout: float = 180.0):
    """Start ``rapporteur serve --port 0``; returns (process, base URL, output so far)."""
    proc = python("from rapporteur.cli.main import main; main()", "serve", "--index", str(index_dir), "--port", "0",
                  background=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
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


@lru_cache(maxsize=None)
def _shared_index(base: Path) -> Path:
    folder = base / "web-shared"
    return build_index(write_corpus(folder / "corpus"), folder / "index")


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    """A shared, read-only index of the seed and the hostile record, built once per run.
    Tests must not change it."""
    return _shared_index(tmp_path_factory.getbasetemp())


@pytest.fixture()
def app(index_dir):
    from rapporteur.web import create_app

    app = create_app(index_dir, TESTING=True)
    yield app
    app.extensions["rapporteur"].close()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def own_index(tmp_path):
    """An index this test may change: (corpus folder, index folder)."""
    corpus = write_corpus(tmp_path / "corpus")
    return corpus, build_index(corpus, tmp_path / "index")
