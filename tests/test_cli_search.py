"""``rapporteur index / search / show / stats / watch`` end to end, on real files."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from rapporteur.cli.main import main
from tests.support.paths import ROOT, SEED
from tests.support.records import write_dates_corpus
from tests.support.watching import Watch


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def indexed(tmp_path, runner):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    ix = tmp_path / "ix"
    res = runner.invoke(main, ["index", str(corpus), "--index", str(ix)])
    assert res.exit_code == 0, res.output
    assert res.stdout.strip().splitlines()[-1].startswith("added 1, updated 0, removed 0, failed 0 in ")
    return corpus, ix


def test_index_unchanged_rerun_and_env_location(runner, indexed, monkeypatch):
    corpus, ix = indexed
    monkeypatch.setenv("RAPPORTEUR_INDEX", str(ix))
    res = runner.invoke(main, ["index", str(corpus)])
    assert res.exit_code == 0 and res.stdout.startswith("added 0, updated 0, removed 0, failed 0")


def test_index_reports_bad_file_in_one_line(runner, indexed, tmp_path):
    corpus, ix = indexed
    (corpus / "bad.txt").write_bytes(b"%PDF-1.4 binary")
    res = runner.invoke(main, ["index", str(corpus), "--index", str(ix)])
    assert res.exit_code == 0
    assert [line for line in res.stderr.splitlines() if "bad.txt" in line] == \
        [f"failed: {corpus / 'bad.txt'}: " + res.stderr.split("bad.txt: ", 1)[1].splitlines()[0]]
    assert "failed 1" in res.stdout


def test_search_json_is_the_result_dict(runner, indexed):
    from rapporteur.search.engine import Engine, SearchRequest

    _corpus, ix = indexed
    res = runner.invoke(main, ["search", "威斯巴登进程", "--index", str(ix), "--json", "--limit", "3"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    with Engine(ix) as eng:
        expected = eng.search(SearchRequest(q="威斯巴登进程", size=3)).to_dict()
    data.pop("took_ms"), expected.pop("took_ms")
    assert data == expected and data["total"] == 6


def test_search_human_output_and_filters(runner, indexed):
    _corpus, ix = indexed
    res = runner.invoke(main, ["search", "外联", "--index", str(ix), "--delegation", "德国"])
    assert res.exit_code == 0
    assert "1 paragraph matches" in res.stdout and "¶10  Anton (德国)" in res.stdout
    assert "其[外联]工作" in res.stdout


def test_search_help_documents_query_language(runner):
    res = runner.invoke(main, ["search", "--help"])
    for token in ['"出口管制"', "-德国", "OR", "speaker:", "delegation:", "symbol:", "lang:", "section:", "date:2016-01..2016-12"]:
        assert token in res.stdout


def test_show_and_stats(runner, indexed):
    _corpus, ix = indexed
    res = runner.invoke(main, ["show", "S/AC.44/SR.74", "--para", "10", "--index", str(ix)])
    assert res.exit_code == 0 and res.stdout.startswith("¶10  Anton 先生 (德国)")
    res = runner.invoke(main, ["show", "S/AC.44/SR.74", "--index", str(ix)])
    assert res.stdout.count("\n¶") == 45
    res = runner.invoke(main, ["stats", "--json", "--index", str(ix)])
    stats = json.loads(res.stdout)
    assert set(stats) == {"records", "paragraphs", "undated_records", "undated_paragraphs", "languages",
                          "delegations", "index_bytes", "generation"}
    assert stats["records"] == 1 and stats["paragraphs"] == 45
    assert stats["undated_records"] == 0 and stats["undated_paragraphs"] == 0


def test_index_stats_and_search_say_what_has_no_date(runner, tmp_path):
    corpus, ix = write_dates_corpus(tmp_path / "corpus"), tmp_path / "ix"  # 4 records, 2 without a date
    res = runner.invoke(main, ["index", str(corpus), "--index", str(ix)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().splitlines()
    assert lines[-2].startswith("added 4, updated 0, removed 0, failed 0 in ")
    assert lines[-1] == "2 of 4 records have no date; date filters leave them out"
    res = runner.invoke(main, ["stats", "--json", "--index", str(ix)])
    stats = json.loads(res.stdout)
    assert (stats["records"], stats["undated_records"], stats["paragraphs"], stats["undated_paragraphs"]) == (4, 2, 9, 5)
    res = runner.invoke(main, ["stats", "--index", str(ix)])
    assert "undated_records    2\n" in res.stdout and "undated_paragraphs 5\n" in res.stdout
    res = runner.invoke(main, ["search", "fisheries date:2016", "--index", str(ix)])
    assert res.exit_code == 0 and "1 paragraph matches" in res.stdout
    assert "note: 3 paragraphs that match have no date and were left out by date:2016." in res.stderr
    res = runner.invoke(main, ["search", "fisheries delegation:Nigeria date:2016", "--index", str(ix), "--json"])
    data = json.loads(res.stdout)
    assert data["total"] == 0 and [(n["code"], n["params"]) for n in data["notices"]] == \
        [("undated", {"count": 2, "dates": "date:2016"})]
    res = runner.invoke(main, ["search", "fisheries", "--index", str(ix)])
    assert "note:" not in res.stderr


def test_index_of_one_undated_record_says_so_once(runner, tmp_path):
    corpus, ix = write_dates_corpus(tmp_path / "corpus", meetings={1, 2}), tmp_path / "ix"
    res = runner.invoke(main, ["index", str(corpus), "--index", str(ix)])
    assert res.stdout.strip().splitlines()[-1] == "1 of 2 records has no date; date filters leave it out"
    (corpus / "A_AC.77_SR.1.en.txt").unlink()
    res = runner.invoke(main, ["index", str(corpus), "--index", str(ix)])
    assert res.stdout.strip().splitlines()[-1].startswith("added 0, updated 0, removed 1, failed 0 in ")


def test_show_names_the_language_or_says_it_is_unknown(runner, tmp_path):
    from tests.support.records import write_languages_corpus

    corpus = write_languages_corpus(tmp_path / "corpus", seed=False)
    ix = tmp_path / "ix"
    assert runner.invoke(main, ["index", str(corpus), "--index", str(ix)]).exit_code == 0
    res = runner.invoke(main, ["show", "X/1", "--index", str(ix)])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("X/1 [unknown language]") and "\n¶1\nXyzzy plugh.\n" in res.stdout
    res = runner.invoke(main, ["show", "X/1", "--para", "2", "--index", str(ix)])
    assert res.exit_code == 0 and res.stdout == "¶2\nQwrtz vbnm.\n"
    res = runner.invoke(main, ["show", "X/1", "--lang", "en", "--index", str(ix)])
    assert res.exit_code == 1 and "indexed languages: unknown language" in res.stderr
    res = runner.invoke(main, ["show", "GA79_pt", "--index", str(ix)])
    assert res.exit_code == 0 and res.stdout.startswith("GA79_pt [pt Portuguese]")
    res = runner.invoke(main, ["search", "cooperacao", "--lang", "pt", "--index", str(ix)])
    assert res.exit_code == 0 and res.stdout.startswith("2 paragraphs match") and "[pt]" in res.stdout


@pytest.mark.parametrize("args, code", [
    (["search", "x", "--index", "{missing}"], 1),
    (["stats", "--index", "{missing}"], 1),
    (["show", "S/AC.44/SR.74", "--index", "{missing}"], 1),
    (["show", "NO/SUCH", "--index", "{ix}"], 1),
    (["show", "S/AC.44/SR.74", "--para", "999", "--index", "{ix}"], 1),
    (["search", "x", "--page", "0", "--index", "{ix}"], 2),
    (["search", "x", "--limit", "5000", "--index", "{ix}"], 2),
])
def test_user_errors_are_one_line(runner, indexed, tmp_path, args, code):
    _corpus, ix = indexed
    args = [a.format(missing=tmp_path / "missing", ix=ix) for a in args]
    res = runner.invoke(main, args)
    assert res.exit_code == code
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "Traceback" not in res.output


@pytest.mark.slow
def test_watch_logs_and_applies_changes(tmp_path):
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    with Watch(corpus, ix) as watch:
        watch.wait_for("watching")
        target = corpus / SEED.name
        shutil.copy(SEED, target)
        watch.wait_for(f"added: {target}")
        watch.wait_for("added 1, updated 0, removed 0")
        target.unlink()
        watch.wait_for(f"removed: {target}")
