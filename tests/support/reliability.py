"""Helpers for the reliability tests (issue 7): generated records, the real CLI in its own
process (with peak memory), a read-out of everything an index holds, and the figures file.

Each test measures what it tried and what held and hands the numbers to :func:`record_figures`,
which merges them into ``test-artifacts/reliability.json`` (with the test profile the sizes came
from, see :mod:`tests.support.profile`); ``docs/make_reliability.py`` renders
``docs/RELIABILITY.md`` from that file. No figure is written by hand. Times are recorded there,
never asserted: time bounds belong to the benchmark.
"""
from __future__ import annotations

import fcntl
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import ARTIFACTS, ROOT
from tests.support.profile import PROFILE
from tests.support.records import summary_record

FIGURES = ARTIFACTS / "reliability.json"
# The CLI's own peak memory, written by the process itself when it exits (to the file named by
# PEAK_ENV): ``wait4``'s ``ru_maxrss`` of a child is no measure, since Linux carries the peak of
# the process that started it (this test process, often hundreds of MB) over ``exec``. VmHWM is
# the peak of the process's own memory since ``exec``; its children's (the pool's workers) are
# their ``ru_maxrss``, which can carry over no more than this process's own peak.
PEAK_ENV = "RAPPORTEUR_TEST_PEAK_FILE"
_PEAK_HOOK = (
    "import atexit, os, resource\n"
    "def _write_peak(path=os.environ.get('" + PEAK_ENV + "')):\n"
    "    if path:\n"
    "        with open('/proc/self/status') as fh:\n"
    "            own = next(int(line.split()[1]) for line in fh if line.startswith('VmHWM:'))\n"
    "        with open(path, 'w') as fh:\n"
    "            fh.write(str(max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)))\n"
    "atexit.register(_write_peak)\n"
)
RAPPORTEUR = [sys.executable, "-c",
              _PEAK_HOOK + "import sys; sys.argv[0] = 'rapporteur'; from rapporteur.cli.main import main; main()"]


def capped(megabytes: int) -> list[str]:
    """:data:`RAPPORTEUR` with its address space capped (``RLIMIT_AS``): a run that would take
    gigabytes fails with a MemoryError instead of taking the machine's memory (a test of a bound
    pass it as ``prefix``; the peak RSS it measures is still the figure)."""
    limit = megabytes * 1024 * 1024
    return [sys.executable, "-c", f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit})); "
                                  + RAPPORTEUR[2]]
HOT = "热点议题"  # in every paragraph of a "hot" generated record

DELEGATIONS = ["德国", "法国", "中国", "美利坚合众国", "俄罗斯联邦", "日本", "巴西", "印度", "南非", "墨西哥"]
SPEAKERS = ["Sison", "Anton", "Müller", "Dupont", "Ivanov", "Tanaka", "Silva", "Singh", "Mbeki", "García"]
TOPICS = ["防扩散", "出口管制", "透明度", "外联", "能力建设", "边境管制", "核安保", "生物安全", "国际合作", "执行情况"]


# ---- generated records ----------------------------------------------------------------------

def symbol_of(i: int) -> str:
    return f"S/AC.44/SR.{1000 + i}"


def file_name(i: int) -> str:
    return f"S_AC.44_SR.{1000 + i}.zh.txt"


def record_text(i: int, version: int, seed: int = 0, hot: bool = False, paragraphs: int | None = None) -> str:
    """Generated Chinese summary record ``S/AC.44/SR.<1000+i>``, in the UN layout of the seed.

    Every paragraph says which record and version it belongs to and how many paragraphs that
    version has (``记录00005版本3共4段第2段``), so a reader can tell a whole record from a torn one
    without outside knowledge.
    """
    rng = random.Random(f"{seed}:{i}:{version}")
    count = paragraphs or rng.randint(2, 5)
    paras = []
    for n in range(1, count + 1):
        d = rng.randrange(len(DELEGATIONS))
        topic = "、".join(rng.sample(TOPICS, 2))
        hot_words = f"{HOT}," if hot else ""
        paras.append(f"**{SPEAKERS[d]}** 先生({DELEGATIONS[d]})说,{hot_words}记录{i:05d}版本{version}共{count}段第{n}段"
                     f"谈到{topic}问题。")
    return summary_record(1000 + i, "2016年11月30日星期三", "测试", "专题讨论:外联", paras)


def write_record(folder: Path, i: int, version: int = 1, **kwargs) -> Path:
    path = folder / file_name(i)
    tmp = folder / f".{path.name}.tmp"  # hidden: never scanned half-written
    tmp.write_text(record_text(i, version, **kwargs), encoding="utf-8")
    os.replace(tmp, path)
    return path


_STAMP = re.compile(r"记录(\d{5})版本(\d+)共(\d+)段第(\d+)段")


def stamp(text: str) -> tuple[int, int, int, int] | None:
    """(record, version, count, n) written into a generated paragraph."""
    m = _STAMP.search(text or "")
    return tuple(int(x) for x in m.groups()) if m else None


def torn_records(hits: list[dict]) -> list[str]:
    """Problems with generated records among ``hits`` (dicts with ``symbol`` and ``text``):
    a record whose paragraphs mix versions, or miss or repeat one."""
    by_record: dict[str, list[tuple]] = defaultdict(list)
    for h in hits:
        s = stamp(h.get("text", ""))
        if s:
            by_record[h["symbol"]].append(s)
    problems = []
    for symbol, stamps in by_record.items():
        versions = {(v, c) for _i, v, c, _n in stamps}
        ns = sorted(n for *_rest, n in stamps)
        if len(versions) != 1:
            problems.append(f"{symbol}: paragraphs of versions {sorted(versions)}")
        elif ns != list(range(1, next(iter(versions))[1] + 1)):
            problems.append(f"{symbol}: paragraphs {ns} of {next(iter(versions))[1]}")
    return problems


# ---- what an index holds ----------------------------------------------------------------------

@dataclass
class IndexContents:
    records: dict[str, dict]  # rkey → stored record document
    paragraphs: dict[str, list[tuple[int, str]]]  # rkey → [(n, text)] sorted
    para_ids: list[str]
    generation: int

    @property
    def paragraph_count(self) -> int:
        return len(self.para_ids)


def index_contents(index_dir: Path) -> IndexContents:
    """Every stored document of the live index, read with Whoosh directly (not the engine)."""
    from whoosh import index as whoosh_index

    from rapporteur.indexer.store.locations import INDEX_NAME, generation, read_current
    from rapporteur.indexer.store.schema import PARA, RECORD

    cur = read_current(index_dir)
    assert cur is not None, f"no CURRENT in {index_dir}"
    ix = whoosh_index.open_dir(str(index_dir / cur.dir), indexname=INDEX_NAME)
    records, paragraphs, ids = {}, defaultdict(list), []
    try:
        with ix.searcher() as s:
            for fields in s.all_stored_fields():
                if fields.get("kind") == RECORD:
                    assert fields["rkey"] not in records, f"record {fields['rkey']} twice"
                    records[fields["rkey"]] = fields
                elif fields.get("kind") == PARA:
                    paragraphs[fields["rkey"]].append((fields["n"], fields["text"]))
                    ids.append(fields["id"])
    finally:
        ix.close()
    return IndexContents(records, {k: sorted(v) for k, v in paragraphs.items()}, ids, generation(index_dir))


def parsed_contents(folder: Path) -> dict[str, list[tuple[int, str]]]:
    """rkey → [(n, normalised text)] for every record file in ``folder``, as a clean build writes them."""
    from rapporteur.indexer.store.documents import record_key
    from rapporteur.indexer.text import normalize_text
    from rapporteur.indexer.parse import parse_file

    out = {}
    for path in sorted(folder.glob("*.txt")):
        rec = parse_file(path)
        out[record_key(rec.symbol, rec.lang)] = [(p.n, normalize_text(p.text or "")) for p in rec.paragraphs]
    return out


def atomicity_problems(contents: IndexContents, allowed: dict[str, list[list[tuple[int, str]]]]) -> list[str]:
    """Records that are not exactly one of their allowed versions, paragraphs without a record,
    and duplicate paragraph ids."""
    problems = []
    for rkey, rec in contents.records.items():
        paras = contents.paragraphs.get(rkey, [])
        if paras not in allowed.get(rkey, []):
            problems.append(f"{rkey}: {len(paras)} paragraphs, not one of its versions")
    problems += [f"{rkey}: paragraphs without a record" for rkey in contents.paragraphs if rkey not in contents.records]
    if len(set(contents.para_ids)) != len(contents.para_ids):
        problems.append(f"{len(contents.para_ids) - len(set(contents.para_ids))} duplicate paragraph ids")
    return problems


# ---- the real CLI in its own process ----------------------------------------------------------

def env() -> dict:
    """The environment of the CLI processes: this one's (the venv has the package installed)."""
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}


def start(args: list[str], log_dir: Path, name: str, prefix: list[str] | None = None) -> subprocess.Popen:
    """Start ``rapporteur ARGS`` (or ``prefix + ARGS``) with stdout/stderr going to files."""
    log_dir.mkdir(parents=True, exist_ok=True)
    out = open(log_dir / f"{name}.out", "w")
    err = open(log_dir / f"{name}.err", "w")
    try:
        peak = log_dir / f"{name}.peak"
        peak.unlink(missing_ok=True)
        proc = subprocess.Popen((prefix or RAPPORTEUR) + args, stdout=out, stderr=err, cwd=ROOT,
                                env={**env(), PEAK_ENV: str(peak)}, start_new_session=True)
    finally:
        out.close()
        err.close()
    proc.log_paths = (log_dir / f"{name}.out", log_dir / f"{name}.err")
    proc.peak_path = peak
    return proc


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float
    seconds: float


def wait_measured(proc: subprocess.Popen, timeout: float, t0: float | None = None) -> Finished:
    """Wait for ``proc`` (killing it after ``timeout``), with its peak RSS: as the CLI wrote it
    when it exited (see :data:`PEAK_ENV`), else (a process killed, or another command) from ``wait4``."""
    t0 = t0 if t0 is not None else time.monotonic()
    deadline = time.monotonic() + timeout
    rss = float("nan")  # unknown if something else reaped the process (Popen.poll)
    while proc.returncode is None:
        try:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        except ChildProcessError:
            proc.wait()
            break
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            rss = usage.ru_maxrss / 1024
            break
        if time.monotonic() > deadline:
            kill(proc)
            raise AssertionError(f"{proc.args} did not finish in {timeout}s")
        time.sleep(0.02)
    try:
        rss = int(proc.peak_path.read_text()) / 1024
    except (AttributeError, OSError, ValueError):
        pass
    out, err = (p.read_text(encoding="utf-8", errors="replace") for p in proc.log_paths)
    return Finished(proc.returncode, out, err, rss, time.monotonic() - t0)


def run(args: list[str], log_dir: Path, name: str, timeout: float = 300, prefix=None) -> Finished:
    t0 = time.monotonic()
    return wait_measured(start(args, log_dir, name, prefix), timeout, t0)


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL ``proc`` (and anything it started) if it is still running, and reap it."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def wait_for_lock(index_dir: Path, proc: subprocess.Popen, timeout: float = 60.0) -> bool:
    """True once ``proc`` holds the writer lock; False if it finished first."""
    from rapporteur.indexer.store.locations import LOCK

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if (index_dir / LOCK).read_text().strip() == str(proc.pid):
                return True
        except OSError:
            pass
        if proc.poll() is not None:
            return False
        time.sleep(0.01)
    raise AssertionError("the index run never took the lock")


# ---- figures -------------------------------------------------------------------------------------

def record_figures(key: str, *, title: str, tried: str, held: str, command: str, **figures) -> None:
    """Merge one test's measured figures into ``test-artifacts/reliability.json``."""
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / ".reliability.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            data = json.loads(FIGURES.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        data[key] = {"title": title, "tried": tried, "held": held, "command": command,
                     "figures": {**figures, "profile": PROFILE.name},
                     "recorded": time.strftime("%Y-%m-%d %H:%M:%S"), "python": sys.version.split()[0]}
        tmp = FIGURES.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, FIGURES)


def pytest_command(nodeid: str) -> str:
    """How to rerun the test at the sizes of the profile that measured the figures."""
    prefix = "" if PROFILE.name == "ci" else f"{PROFILE.env}={PROFILE.name} "
    return f"{prefix}.venv/bin/python -m pytest '{nodeid}'"


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(pct / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]
