"""The search deadline (``search/deadline.py``) and the engine without a global lock.

The clock of a :class:`Deadline` can be stepped by the test, and ``cancelled`` is any callable:
a test counts the checks a real search makes, stops it after a number of them, or holds it
inside the engine (``cancelled`` blocks on an event) while other calls are made from another
thread. No time is measured or asserted.
"""
from __future__ import annotations

import shutil
import threading

import pytest

from rapporteur.indexer.errors import RapporteurError
from rapporteur.search.deadline import CANCEL_POLL, Deadline, SearchTimeout
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.paths import SEED
from tests.support.records import SEED_SYMBOL, WIESBADEN, WIESBADEN_PARAS


class Clock:
    """A monotonic clock the test moves: each read returns the time, then adds ``step``."""

    def __init__(self, step: float = 0.0):
        self.now, self.step = 1000.0, step

    def __call__(self) -> float:
        now = self.now
        self.now += self.step
        return now


class Counter:
    """A ``cancelled`` callable that says True from its ``stop_at``-th call on."""

    def __init__(self, stop_at: int | None = None):
        self.calls, self.stop_at = 0, stop_at

    def __call__(self) -> bool:
        self.calls += 1
        return self.stop_at is not None and self.calls >= self.stop_at


# ---- the Deadline itself ------------------------------------------------------------------------

def test_deadline_passes_at_its_end_time():
    clock = Clock()
    d = Deadline(2.0, clock=clock)
    d.check()
    clock.now += 1.999
    d.check()
    assert d.remaining() == pytest.approx(0.001)
    clock.now += 0.001
    with pytest.raises(SearchTimeout) as err:
        d.check()
    assert not err.value.cancelled and err.value.limit == 2.0 and err.value.seconds == pytest.approx(2.0)
    assert isinstance(err.value, RapporteurError) and "2 s" in str(err.value)
    assert d.expired() and d.remaining() == 0.0


def test_no_deadline_never_passes_but_cancelled_stops_it():
    clock = Clock(step=CANCEL_POLL)  # every check is a poll of ``cancelled``
    assert not Deadline(None, clock=clock).bounded
    Deadline(None, clock=clock).check()
    gone = Counter(stop_at=3)
    d = Deadline(None, cancelled=gone, clock=clock)
    assert d.bounded and d.remaining() is None
    d.check()
    d.check()
    with pytest.raises(SearchTimeout) as err:
        d.check()
    assert err.value.cancelled and "went away" in str(err.value)


def test_cancelled_is_asked_at_most_every_poll_interval():
    clock = Clock()
    asked = Counter()
    d = Deadline(None, cancelled=asked, clock=clock)
    for _ in range(1000):  # the clock does not move: one poll, then none until CANCEL_POLL has passed
        d.check()
    assert asked.calls == 1
    clock.now += CANCEL_POLL
    d.check()
    assert asked.calls == 2


@pytest.mark.parametrize("bad", [-1, float("nan")])
def test_a_deadline_is_a_number_of_seconds(bad):
    with pytest.raises(ValueError):
        Deadline(bad)


# ---- the engine checks it in its loops ------------------------------------------------------

def _checks(engine: Engine, q: str, **kw) -> int:
    """How many times a search for ``q`` checks its deadline (each check polls ``cancelled``)."""
    count = Counter()
    engine.search(SearchRequest(q=q, **kw), Deadline(None, cancelled=count, clock=Clock(step=CANCEL_POLL)))
    return count.calls


def test_the_search_checks_its_deadline_per_term_block_and_hit(tmp_path):
    engine = Engine(_own_index(tmp_path), cache_size=0)
    try:
        one = _checks(engine, WIESBADEN)
        several = _checks(engine, f"{WIESBADEN} 出口管制 透明度 外联 -德国")
        assert one > 1 and several > one
        assert _checks(engine, WIESBADEN, size=100) > _checks(engine, WIESBADEN, size=1)  # per hit
    finally:
        engine.close()


@pytest.mark.parametrize("q", [WIESBADEN, f"{WIESBADEN} 出口管制", '"出口管制" -德国', "delegation:德国 委员会", "核 OR 生物"])
def test_a_stopped_search_raises_is_not_cached_and_leaves_the_engine_working(tmp_path, q):
    engine = Engine(_own_index(tmp_path))
    try:
        _checks(engine, q)  # a cold run (it also fills the per-generation caches) …
        engine._cache.clear()
        total = _checks(engine, q)  # … then the checks of a warm one
        engine._cache.clear()
        for stop_at in sorted({1, 2, max(1, total // 2), total}):
            with pytest.raises(SearchTimeout):
                engine.search(SearchRequest(q=q), Deadline(None, cancelled=Counter(stop_at),
                                                           clock=Clock(step=CANCEL_POLL)))
            assert not engine._cache  # a stopped search leaves no page behind
        whole = engine.search(SearchRequest(q=q))
        assert whole.total > 0 and whole.hits
        assert engine._pool.open_views == 1  # the view of the stopped searches came back each time
    finally:
        engine.close()


def test_engine_default_deadline(tmp_path):
    index = _own_index(tmp_path)
    with Engine(index, deadline=0) as engine:
        with pytest.raises(SearchTimeout):
            engine.search(SearchRequest(q=WIESBADEN))
        assert engine.record(SEED_SYMBOL) is not None  # records and stats are not searches
        assert engine.stats()["paragraphs"] > 0
    with Engine(index, deadline=None) as engine:
        assert sorted(h["n"] for h in engine.search(SearchRequest(q=WIESBADEN)).hits) == WIESBADEN_PARAS


# ---- no global lock -----------------------------------------------------------------------------

def test_calls_from_other_threads_do_not_wait_for_a_search_in_progress(tmp_path):
    """One search is held inside the engine (its ``cancelled`` waits on an event, from within the
    query runner's loops); meanwhile another thread searches, reads records, stats and the
    generation. Then the held search is let go and completes."""
    engine = Engine(_own_index(tmp_path), cache_size=0)
    inside, release = threading.Event(), threading.Event()

    def hold() -> bool:
        inside.set()
        release.wait(timeout=120)
        return False

    held: dict = {}

    def slow_search():
        deadline = Deadline(None, cancelled=hold, clock=Clock(step=CANCEL_POLL))
        try:
            held["result"] = engine.search(SearchRequest(q=f"{WIESBADEN} 出口管制"), deadline)
        except Exception as err:  # noqa: BLE001 (reported below)
            held["error"] = err

    worker = threading.Thread(target=slow_search, daemon=True)
    worker.start()
    try:
        assert inside.wait(timeout=60)
        other = {}

        def others():
            other["search"] = engine.search(SearchRequest(q=WIESBADEN)).total
            other["record"] = engine.record(SEED_SYMBOL).symbol
            other["stats"] = engine.stats()["paragraphs"]
            other["generation"] = engine.generation

        side = threading.Thread(target=others, daemon=True)
        side.start()
        side.join(timeout=120)
        assert not side.is_alive(), "the other calls waited for the held search"
        assert other["search"] == len(WIESBADEN_PARAS) and other["record"] == SEED_SYMBOL
        assert other["stats"] > 0 and other["generation"] >= 0
        assert worker.is_alive() and "result" not in held  # still held all that while
        assert engine._pool.open_views == 2  # one view each
    finally:
        release.set()
        worker.join(timeout=120)
        engine.close()
    assert "error" not in held, held.get("error")
    assert held["result"].total > 0


def test_a_view_held_across_a_commit_serves_its_generation_then_closes(tmp_path):
    """A request in progress keeps the generation it started on; the next ones see the commit;
    the old view is closed when it comes back (the pool keeps only views of the latest)."""
    from rapporteur.indexer.sync.writer import sync

    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    index = tmp_path / "index"
    sync(index, [folder])
    engine = Engine(index)
    try:
        before = engine.generation
        with engine.view() as old:
            (folder / "notes.txt").write_text("Notes on zebrafish.\n", encoding="utf-8")
            sync(index, [folder])
            assert engine.generation > before
            assert engine.search(SearchRequest(q="zebrafish")).total == 1  # another view, the new generation
            assert old.generation == before and len(old.ctx.paragraphs) < engine.stats()["paragraphs"]
        assert engine._pool.open_views == 1  # the old view was closed on its return
        assert engine.stats()["generation"] == engine.generation
    finally:
        engine.close()


def _own_index(tmp_path):
    from rapporteur.indexer.sync.writer import sync

    index = tmp_path / "index"
    report = sync(index, [SEED])
    assert report.added == 1 and not report.failed
    return index
