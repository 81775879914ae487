"""Settings read from the environment: each one a number with its bounds, checked once, so a
value that cannot be used is one line naming the variable (:class:`~rapporteur.indexer.errors.BadSetting`),
never a traceback deep in a search and never silently replaced by the default."""
from __future__ import annotations

import math
import os

from rapporteur.indexer.errors import BadSetting


def env_number(name: str, default: float, *, minimum: float = 0, maximum: float = 1_000_000,
               whole: bool = False) -> float:
    """``$name`` as a number from ``minimum`` to ``maximum`` (a whole number if ``whole``), or
    ``default`` when it is unset or empty; :class:`BadSetting` for anything else."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    kind = "a whole number" if whole else "a number"
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        value = math.nan
    if math.isnan(value) or not minimum <= value <= maximum:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise BadSetting(f"{name}={shown!r}: must be {kind} from {minimum:g} to {maximum:g}")
    return value
