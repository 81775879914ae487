"""Hypothesis fuzzing of every way a query comes in: the query parser, ``rapporteur search
--json`` (click's CliRunner, the real command over a real index) and ``/api/search`` (Flask's
test client over the real app). Random unicode, query-syntax fragments, control characters
and huge inputs: no exception, no 5xx.

``test_fuzz_queries`` runs 510 cases under every profile; ``test_fuzz_queries_many`` the test
profile's count (``RAPPORTEUR_TEST_PROFILE``: 2,000 under ``ci``, 5,500 under ``thorough``; see
``tests/support/profile.py``). Both are derandomised, so repeatable. The counts actually run and
the slowest case of each target are written to the figures file; no time is asserted (a bound
failed under load; time bounds belong to the benchmark).
"""
from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.support.profile import PROFILE
from tests.support.reliability import pytest_command, record_figures

FRAGMENTS = [
    '"', "'", "(", ")", "OR", "AND", "NOT", "or", "-", "+", ":", "::", "*", "?", "~", "^", "\\", "/", "..",
    "speaker:", "delegation:", "symbol:", "lang:", "section:", "date:", "date:2016-01..2016-12", "date:..2016",
    "date:9999-99-99", "date:2016-13", "lang:zh", "lang:xx", "delegation:德国", "symbol:S/AC.44/SR.74",
    "威斯巴登进程", "出口管制", "出口管製", "威 斯巴登", "S/AC.44/SR.74", "1540(2004)", "第 1540 (2004) 号决议",
    "\u3000", "：", "（", "）", "＂", "－", "ｄｅｌｅｇａｔｉｏｎ：", "\x00", "\x07", "\x1b[31m", "\u202e", "\ufeff",
    "\u200b", "\ud7ff", "\U0010ffff", "<script>", "%", "%%", "{", "}", "[", "]", "AND OR NOT", "\n", "\t", " ",
]

fragments = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)
mixed = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map(" ".join)
control = st.text(alphabet=st.characters(max_codepoint=0x9f), max_size=200)
huge = st.tuples(st.sampled_from(FRAGMENTS + ["a", "威", "a OR ", '"出口', "-x "]),
                 st.integers(min_value=1, max_value=200_000)).map(lambda t: (t[0] * t[1])[:1_000_000])
QUERIES = st.one_of(st.text(), fragments, mixed, control, huge)


class Tally:
    def __init__(self):
        self.cases = 0
        self.max_s = 0.0
        self.statuses: dict[str, int] = {}

    def timed(self, fn):
        """Call ``fn``, counting the case and recording (never asserting) how long it took."""
        t0 = time.perf_counter()
        out = fn()
        self.cases += 1
        self.max_s = max(self.max_s, time.perf_counter() - t0)
        return out


def fuzz_settings(n: int):
    # The test profile's Hypothesis settings (derandomised, no deadline), with n examples.
    return settings(parent=settings.get_profile(PROFILE.name), max_examples=n,
                    suppress_health_check=list(HealthCheck))


def _parser(n: int) -> Tally:
    from rapporteur.search.parse import parse_query

    tally = Tally()
    parse_query("威斯巴登进程")  # warm-up: jieba loads once per process

    @fuzz_settings(n)
    @given(QUERIES)
    def case(q):
        parsed = tally.timed(lambda: parse_query(q))
        assert parsed.notice is None or isinstance(parsed.notice, str)

    case()
    return tally


def _cli(n: int, index: str) -> Tally:
    from click.testing import CliRunner

    from rapporteur.cli.main import main

    tally = Tally()
    runner = CliRunner()
    runner.invoke(main, ["search", "--index", index, "--json", "--", "威斯巴登进程"])  # warm-up
    keep = st.one_of(st.none(), st.text(max_size=30))

    @fuzz_settings(n)
    @given(QUERIES.map(lambda q: q.replace("\x00", "")), keep)  # argv cannot hold NUL
    def case(q, delegation):
        args = ["search", "--index", index, "--json"]
        if delegation and "\x00" not in delegation:
            args += ["--delegation", delegation]
        result = tally.timed(lambda: runner.invoke(main, args + ["--", q]))
        if result.exit_code == 2:  # a query over a cost limit: refused with one line, no work done
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("rapporteur: ") and "limit" in lines[0], lines
            return
        assert result.exit_code == 0, (result.output, result.exception)
        out = json.loads(result.stdout)
        assert {"query", "total", "page", "hits", "facets", "notice"} <= set(out)

    case()
    return tally


def _api(n: int, client) -> Tally:
    tally = Tally()
    client.get("/api/search", query_string={"q": "威斯巴登进程"})  # warm-up: jieba loads once per process
    params = st.dictionaries(
        st.sampled_from(["q", "delegation", "speaker", "symbol", "lang", "date_from", "date_to", "page", "size"]),
        st.one_of(QUERIES.map(lambda s: s[:5000]), st.integers(-10**12, 10**12).map(str)), max_size=5)

    @fuzz_settings(n)
    @given(QUERIES, params)
    def case(q, extra):
        response = tally.timed(lambda: client.get("/api/search", query_string={"q": q, **extra}))
        tally.statuses[str(response.status_code)] = tally.statuses.get(str(response.status_code), 0) + 1
        assert response.status_code in (200, 400), response.status_code
        body = response.get_json()
        assert ("hits" in body) if response.status_code == 200 else ("error" in body)
        assert response.headers["X-Content-Type-Options"] == "nosniff"

    case()
    return tally


def _fuzz(client, seed_index, counts: dict[str, int], key: str, name: str) -> None:
    t0 = time.monotonic()
    tallies = {"parser": _parser(counts["parser"]), "cli": _cli(counts["cli"], str(seed_index)),
               "api": _api(counts["api"], client)}
    total = sum(t.cases for t in tallies.values())
    record_figures(
        key,
        title="Fuzzing (Hypothesis): query parser, `rapporteur search --json`, `/api/search`",
        tried=(f"{total:,} generated queries (random unicode, syntax fragments, control characters, up to 1 MB): "
               + ", ".join(f"{k} {t.cases:,}" for k, t in tallies.items())),
        held=("0 exceptions, 0 5xx (API statuses " + ", ".join(f"{k}: {v}" for k, v in sorted(tallies["api"].statuses.items()))
              + "); slowest case " + ", ".join(f"{k} {t.max_s * 1000:.0f} ms" for k, t in tallies.items())),
        command=pytest_command(f"tests/reliability/test_fuzz.py::{name}"),
        cases=total, cases_by_target={k: t.cases for k, t in tallies.items()},
        max_ms={k: round(t.max_s * 1000, 1) for k, t in tallies.items()}, api_statuses=tallies["api"].statuses,
        seconds=round(time.monotonic() - t0, 1),
    )


def test_fuzz_queries(client, seed_index):
    _fuzz(client, seed_index, {"parser": 300, "cli": 60, "api": 150}, "fuzz_fast", "test_fuzz_queries")


@pytest.mark.slow
def test_fuzz_queries_many(client, seed_index):
    """The profile's count: 5,500 cases (parser 3,000, CLI 700, API 1,800) under ``thorough``."""
    _fuzz(client, seed_index, PROFILE.fuzz_cases, "fuzz_slow", "test_fuzz_queries_many")
