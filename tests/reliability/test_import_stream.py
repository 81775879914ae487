"""``rapporteur import`` streams a JSONL file: a line at a time read, validated and written, its
memory bounded whatever the file's size (second round, finding 4: one 195 MB line took 2.58 GB
and was killed at 60 s without a word; 1,000,000 lines took 1.03 GB, every record held, and
said nothing until the end).

Each import runs the real CLI in its own process, its peak RSS measured (as it reports it on exit) and its
address space capped at :data:`ADDRESS_SPACE_MB`, so that a regression fails with a MemoryError
instead of taking the machine's memory.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from rapporteur.indexer.read.jsonl import MAX_LINE_BYTES
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.profile import PROFILE
from tests.support.reliability import capped, pytest_command, record_figures, run

PEAK_RSS_BOUND_MB = 300  # any file size
ADDRESS_SPACE_MB = 2048
HUGE_LINE_MB = 105
GROWTH_MB = 10  # from N to 4N lines (reading every line into memory grew 1.4 KB a line: 21 MB at 5,000 → 20,000)
MB = 1024 * 1024
PROGRESS = re.compile(r"importing: ([\d,]+) records? \((\d+)% of the file\), ([\d,]+) records/s")
WORDS = "the delegation said that outreach and export controls were the first line of defence "


def good_line(symbol: str, marker: str, lang: str = "en") -> str:
    return json.dumps({"record": {"symbol": symbol, "lang": lang, "date": "2016-06-22", "meeting": 7},
                       "paragraphs": [{"n": 1, "speaker": "Anton", "delegation": "Germany",
                                       "text": f"Mr. Anton said that {marker} mattered."}]})


def write_huge_line(fh, megabytes: int) -> int:
    """A valid record whose one paragraph is ``megabytes`` of words, written a megabyte at a time;
    returns the line's length in bytes (without its line end)."""
    head = b'{"record": {"symbol": "A/AC.99/SR.HUGE", "lang": "en"}, "paragraphs": [{"n": 1, "text": "'
    tail = b'"}]}'
    chunk = (WORDS * (MB // len(WORDS) + 1)).encode()[:MB]
    fh.write(head)
    for _ in range(megabytes):
        fh.write(chunk)
    fh.write(tail + b"\n")
    return len(head) + megabytes * MB + len(tail)


def import_(jsonl: Path, ix: Path, logs: Path, name: str, *extra: str, timeout: float = 900):
    res = run(["import", str(jsonl), "--index", str(ix), *extra], logs, name, timeout=timeout,
              prefix=capped(ADDRESS_SPACE_MB))
    assert "Traceback" not in res.stderr, res.stderr[-2000:]
    return res


def symbols(ix: Path, q: str) -> set[str]:
    with Engine(ix, cache_size=0) as engine:
        return {h["symbol"] for h in engine.search(SearchRequest(q=q, size=100)).hits}


def huge_line_import(tmp_path: Path) -> dict:
    """A file with a line of :data:`HUGE_LINE_MB` among good lines and a bad one: the huge line is
    reported and skipped without being read whole, the rest imported; with --strict nothing is."""
    jsonl, ix, logs = tmp_path / "huge.jsonl", tmp_path / "ix-huge", tmp_path / "logs"
    bad_json = "invalid JSON: Expecting property name enclosed in double quotes at column 2"
    try:
        with open(jsonl, "wb") as fh:
            for i in (1, 2):
                fh.write(good_line(f"A/AC.99/SR.{i}", f"zqxgood{i}").encode() + b"\n")
            huge = write_huge_line(fh, HUGE_LINE_MB)
            fh.write(b"{not json\n")
            fh.write(good_line("A/AC.99/SR.5", "zqxgood5").encode() + b"\n")
        file_mb = jsonl.stat().st_size / MB
        too_long = f"{jsonl}:3: line too long ({huge / MB:.1f} MB; the limit is {MAX_LINE_BYTES // MB} MB)"

        # --strict: the validating pass streams too, and nothing is imported.
        strict = import_(jsonl, ix, logs, "strict", "--strict")
        assert strict.returncode == 1
        assert strict.stderr.splitlines() == [too_long, f"{jsonl}:4: {bad_json}",
                                              "rapporteur: 2 bad lines; nothing imported (--strict)"]
        assert not ix.exists()

        res = import_(jsonl, ix, logs, "import")
    finally:
        jsonl.unlink(missing_ok=True)
    assert res.returncode == 1, res.stderr
    assert [line for line in res.stderr.splitlines() if not PROGRESS.fullmatch(line)] == [
        too_long, f"{jsonl}:4: {bad_json}"]
    assert res.stdout.startswith("added 3, updated 0, unchanged 0, removed 0, failed 2 in "), res.stdout
    assert symbols(ix, "zqxgood1 OR zqxgood2 OR zqxgood5") == {"A/AC.99/SR.1", "A/AC.99/SR.2", "A/AC.99/SR.5"}
    assert symbols(ix, "defence") == set()  # nothing of the huge line
    assert strict.peak_rss_mb < PEAK_RSS_BOUND_MB, strict.peak_rss_mb
    assert res.peak_rss_mb < PEAK_RSS_BOUND_MB, res.peak_rss_mb
    return {"huge_line_mb": round(huge / MB, 1), "huge_file_mb": round(file_mb, 1),
            "huge_peak_rss_mb": round(res.peak_rss_mb, 1), "huge_strict_peak_rss_mb": round(strict.peak_rss_mb, 1),
            "huge_seconds": round(res.seconds, 1)}


def write_lines(path: Path, count: int, changed: int = 0) -> Path:
    """``count`` one-paragraph records, ``A/AC.99/SR.<i>`` with the marker ``zqx<i>``; every
    ``changed``-th one (when given) with its text changed (the marker ``zqxchanged``)."""
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(count):
            marker = "zqxchanged" if changed and i % changed == 0 else f"zqx{i}"
            fh.write(good_line(f"A/AC.99/SR.{i}", f"{marker} and zqxstream").replace(
                "mattered.", f"mattered: {WORDS}") + "\n")
    return path


def many_lines_import(tmp_path: Path) -> dict:
    """Files of N and 4N lines: memory stays under the bound and does not grow with the lines,
    progress is reported as the import goes, every record is imported; then a re-import of the
    first 3N lines, some changed, updates those, skips the others and removes the last N."""
    n, logs = PROFILE.jsonl_lines, tmp_path / "logs"
    small = import_(write_lines(tmp_path / "small.jsonl", n), tmp_path / "ix-small", logs, "small")
    jsonl, ix = write_lines(tmp_path / "large.jsonl", 4 * n), tmp_path / "ix-large"
    large = import_(jsonl, ix, logs, "large")
    for res, count in ((small, n), (large, 4 * n)):
        assert res.returncode == 0, res.stderr[-2000:]
        assert res.stdout.startswith(f"added {count}, updated 0, unchanged 0, removed 0, failed 0 in "), res.stdout
        assert res.peak_rss_mb < PEAK_RSS_BOUND_MB, res.peak_rss_mb
    # Progress: a line every 10 s on a pipe, counting up.
    progress = [PROGRESS.fullmatch(line) for line in large.stderr.splitlines()]
    assert progress and all(progress), large.stderr[-2000:]
    done = [int(m.group(1).replace(",", "")) for m in progress]
    assert done == sorted(done) and 0 < done[0] <= 4 * n
    grown_mb = large.peak_rss_mb - small.peak_rss_mb
    assert grown_mb < GROWTH_MB, (small.peak_rss_mb, large.peak_rss_mb)
    assert symbols(ix, f"zqx0 OR zqx{4 * n - 1}") == {"A/AC.99/SR.0", f"A/AC.99/SR.{4 * n - 1}"}
    with Engine(ix, cache_size=0) as engine:
        assert engine.search(SearchRequest(q="zqxstream")).total == 4 * n

    write_lines(jsonl, 3 * n, changed=100)
    again = import_(jsonl, ix, logs, "again")
    jsonl.unlink()
    updated = len(range(0, 3 * n, 100))
    assert again.returncode == 0, again.stderr[-2000:]
    assert again.stdout.startswith(f"added 0, updated {updated}, unchanged {3 * n - updated}, removed {n}, "
                                   "failed 0 in "), again.stdout
    assert again.peak_rss_mb < PEAK_RSS_BOUND_MB, again.peak_rss_mb
    with Engine(ix, cache_size=0) as engine:
        assert engine.search(SearchRequest(q="zqxstream")).total == 3 * n
        assert engine.search(SearchRequest(q="zqxchanged")).total == updated
        assert engine.search(SearchRequest(q=f"zqx{3 * n}")).total == 0  # removed
    return {"lines": [n, 4 * n], "peak_rss_mb": [round(small.peak_rss_mb, 1), round(large.peak_rss_mb, 1)],
            "grown_mb": round(grown_mb, 1), "seconds": [round(small.seconds, 1), round(large.seconds, 1)],
            "records_per_s": round(4 * n / large.seconds), "progress_lines": len(progress),
            "reimport": {"lines": 3 * n, "updated": updated, "removed": n, "seconds": round(again.seconds, 1),
                         "peak_rss_mb": round(again.peak_rss_mb, 1)}}


def test_jsonl_import_streams_in_bounded_memory(tmp_path):
    huge = huge_line_import(tmp_path)
    many = many_lines_import(tmp_path)
    n = PROFILE.jsonl_lines
    record_figures(
        "jsonl_streaming",
        title="JSONL import streams: a 105 MB line, and files of many lines",
        tried=(f"`rapporteur import` of a {huge['huge_file_mb']:.0f} MB file: 3 good lines, a bad one and a "
               f"{huge['huge_line_mb']:.0f} MB line (a valid record), with and without --strict; files of {n:,} and "
               f"{4 * n:,} one-paragraph records; a re-import of the first {3 * n:,} lines, every 100th changed"),
        held=(f"the huge line skipped unread, reported as `FILE:3: line too long ({huge['huge_line_mb']} MB; the "
              f"limit is {MAX_LINE_BYTES // MB} MB)`, the good records imported: peak RSS {huge['huge_peak_rss_mb']:.0f} MB "
              f"({huge['huge_strict_peak_rss_mb']:.0f} MB with --strict). {n:,} and {4 * n:,} lines: peak RSS "
              f"{many['peak_rss_mb'][0]:.0f} and {many['peak_rss_mb'][1]:.0f} MB (bound {PEAK_RSS_BOUND_MB} MB), "
              f"{many['records_per_s']} records/s, {many['progress_lines']} progress lines, every record searchable; "
              f"the re-import updated {many['reimport']['updated']}, removed {n:,}, peak RSS "
              f"{many['reimport']['peak_rss_mb']:.0f} MB"),
        command=pytest_command("tests/reliability/test_import_stream.py::test_jsonl_import_streams_in_bounded_memory"),
        rss_bound_mb=PEAK_RSS_BOUND_MB, **huge, **many,
    )
