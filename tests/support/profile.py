"""How big the heavy tests are: one switch, the environment variable ``RAPPORTEUR_TEST_PROFILE``.

``ci`` (the default)
    What ``.venv/bin/python -m pytest`` and CI run: every test, with the heavy ones (fuzzing,
    SIGKILLs, the server under load, the I/O error sweep) at sizes that keep the whole suite
    within a few minutes on two cores.
``thorough``
    The full sizes: 5,500 fuzzed queries, 20 SIGKILLs over 2,000 records, 60 s of load on 400
    records, 16 injected write errors, JSONL imports of 50,000 and 200,000 lines. ``RAPPORTEUR_TEST_PROFILE=thorough .venv/bin/python -m pytest``
    (or only ``tests/reliability``, whose figures ``docs/RELIABILITY.md`` is rendered from).

The same switch selects the Hypothesis settings profile of the same name (registered in
``tests/conftest.py``): derandomised and without a deadline in both, so a run is repeatable and
never fails on time. No test asserts a wall-clock time under either profile; time bounds belong
to the benchmark (``python -m bench``). Both profiles run the same tests: nothing is deselected.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

ENV = "RAPPORTEUR_TEST_PROFILE"
DEFAULT = "ci"


@dataclass(frozen=True)
class Profile:
    name: str
    # Hypothesis: examples for a @given test that sets none itself.
    max_examples: int
    # tests/reliability/test_fuzz.py::test_fuzz_queries_many: generated queries per target.
    fuzz_cases: dict[str, int] = field(default_factory=dict)
    # tests/reliability/test_crash_safety.py::test_sigkill_at_random_moments: SIGKILLs, the records
    # built (and then changed) under them, and the latest moment of a kill after the lock is taken.
    sigkills: int = 0
    sigkill_records: int = 0
    sigkill_max_delay_s: float = 0.0
    # ::test_disk_full_or_io_error_sweep: runs failing at seeded byte offsets.
    write_error_budgets: int = 0
    # tests/reliability/test_concurrency.py::test_server_under_load_while_reindexing.
    load_seconds: float = 0.0
    load_records: int = 0
    # tests/reliability/test_import_stream.py::test_many_lines_in_bounded_memory: N, the lines of
    # the smaller JSONL file (the larger has 4N).
    jsonl_lines: int = 0

    env: str = ENV


PROFILES = {
    "ci": Profile(
        name="ci", max_examples=100,
        fuzz_cases={"parser": 1200, "cli": 240, "api": 560},
        sigkills=6, sigkill_records=600, sigkill_max_delay_s=1.5,
        write_error_budgets=8,
        load_seconds=20, load_records=150,
        jsonl_lines=5_000,
    ),
    "thorough": Profile(
        name="thorough", max_examples=1000,
        fuzz_cases={"parser": 3000, "cli": 700, "api": 1800},
        sigkills=20, sigkill_records=2000, sigkill_max_delay_s=4.5,
        write_error_budgets=16,
        load_seconds=60, load_records=400,
        jsonl_lines=50_000,
    ),
}


def _selected() -> Profile:
    name = os.environ.get(ENV, "").strip() or DEFAULT
    try:
        return PROFILES[name]
    except KeyError:
        raise RuntimeError(f"{ENV}={name!r}: the test profiles are {', '.join(PROFILES)}") from None


PROFILE = _selected()
