"""``rapporteur index / search / show / stats / watch`` end to end, on real files."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from rapporteur.cli.main import main
from tests.support.paths import SEED
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
    assert set(stats) == {"records", "paragraphs", "languages", "delegations", "index_bytes", "generation"}
    assert stats["records"] == 1 and stats["paragraphs"] == 45


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
