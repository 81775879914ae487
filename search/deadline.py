"""How long a search may run: a :class:`Deadline` the engine hands to the query runner, which
calls :meth:`Deadline.check` at the points of its loops that can run long (per term, per
posting block, per batch of candidates verified, per segment, per hit highlighted).

Past the end time, or once ``cancelled()`` says the answer is no longer wanted (the web passes
waitress's ``client_disconnected``), ``check()`` raises :class:`SearchTimeout` and the work
stops there: nothing is cached, the caller answers with the error (the web: a 503 with
``"timed_out": true``; the CLI: one line, exit status 1).

A check is a clock read (``time.monotonic``, tens of nanoseconds); ``cancelled`` is asked at
most every :data:`CANCEL_POLL` seconds, so a check may sit in a loop that runs per posting block.
"""
from __future__ import annotations

import time
from typing import Callable

from rapporteur.indexer.errors import RapporteurError

# How often ``cancelled`` is asked, at most (seconds): a disconnected client is noticed this late.
CANCEL_POLL = 0.05


class SearchTimeout(RapporteurError):
    """A search stopped before it finished: its deadline passed (``cancelled`` False), or its
    caller went away (``cancelled`` True). ``seconds``: how long it had run."""

    def __init__(self, seconds: float, limit: float | None, cancelled: bool = False):
        self.seconds, self.limit, self.cancelled = seconds, limit, cancelled
        if cancelled:
            message = f"The search was stopped after {seconds:.1f} s: the client went away."
        else:
            message = (f"The search took longer than the {limit:g} s allowed and was stopped; "
                       "narrow it (fewer words, a filter) or try again.")
        super().__init__(message)


class Deadline:
    """A monotonic end time (``None``: no end) and an optional ``cancelled`` callable.

    ``Deadline(5)`` ends 5 s from now; ``Deadline(None)`` never ends (but still honours
    ``cancelled``). ``clock`` is for tests that step time themselves."""

    __slots__ = ("limit", "start", "end", "cancelled", "clock", "_next_poll")

    def __init__(self, seconds: float | None = None, cancelled: Callable[[], bool] | None = None,
                 clock: Callable[[], float] = time.monotonic):
        if seconds is not None and not seconds >= 0:  # also refuses NaN
            raise ValueError(f"a deadline must be a number of seconds ≥ 0, not {seconds!r}")
        self.clock = clock
        self.limit = seconds
        self.start = clock()
        self.end = None if seconds is None else self.start + seconds
        self.cancelled = cancelled
        self._next_poll = self.start

    @property
    def bounded(self) -> bool:
        """Whether a check can ever fail (an end time or a ``cancelled`` callable)."""
        return self.end is not None or self.cancelled is not None

    def elapsed(self) -> float:
        return self.clock() - self.start

    def remaining(self) -> float | None:
        """Seconds left (never below 0); None when there is no end time."""
        return None if self.end is None else max(0.0, self.end - self.clock())

    def expired(self) -> bool:
        """Whether :meth:`check` would raise now."""
        try:
            self.check()
        except SearchTimeout:
            return True
        return False

    def check(self) -> None:
        """Raise :class:`SearchTimeout` when the end time has passed or the caller has gone."""
        end, cancelled = self.end, self.cancelled
        if end is None and cancelled is None:
            return
        now = self.clock()
        if end is not None and now >= end:
            raise SearchTimeout(now - self.start, self.limit)
        if cancelled is not None and now >= self._next_poll:
            self._next_poll = now + CANCEL_POLL
            if cancelled():
                raise SearchTimeout(now - self.start, self.limit, cancelled=True)


# A deadline that never passes: what a runner uses when no one gave it one.
NO_DEADLINE = Deadline(None)
