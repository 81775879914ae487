"""A record whose language the detector cannot tell (second round, finding 7): it was searchable,
but ``/record/…`` and ``/api/record/…`` answered 400 for it. Such records are built here as a user
builds them, with ``rapporteur index`` on files too short or too mixed to tell, and with
``rapporteur import`` of a line whose ``"lang"`` is null; they are served by the real app over
that index, and shown by ``rapporteur show``."""
from __future__ import annotations

import json
import time

from tests.support.records import UNKNOWN_LANGUAGE_RECORD
from tests.support.reliability import pytest_command, record_figures, run

TOO_SHORT = ("X/1", "X_1.txt", UNKNOWN_LANGUAGE_RECORD, "plugh", "Xyzzy plugh.")
TOO_MIXED = ("X/2", "X_2.txt", "Bonjour, hello, hola, ciao, hallo, olá, zqxmixed.\n\n"
             "Merci, thanks, gracias, grazie, danke, obrigado.\n", "zqxmixed",
             "Bonjour, hello, hola, ciao, hallo, olá, zqxmixed.")
IMPORTED = ("X/3", None, None, "zqximported", "Zqximported fnord.")


def test_a_record_of_undetected_language_is_found_opened_and_shown(tmp_path):
    from rapporteur.web import create_app

    folder, ix, logs = tmp_path / "records", tmp_path / "ix", tmp_path / "logs"
    folder.mkdir()
    for _symbol, name, text, _word, _first in (TOO_SHORT, TOO_MIXED):
        (folder / name).write_text(text, encoding="utf-8")
    indexed = run(["index", str(folder), "--index", str(ix)], logs, "index")
    assert indexed.returncode == 0 and indexed.stdout.startswith("added 2,"), indexed.stderr
    jsonl = tmp_path / "unknown.jsonl"
    jsonl.write_text(json.dumps({"record": {"symbol": "X/3", "lang": None},
                                 "paragraphs": [{"n": 1, "text": IMPORTED[4]}]}) + "\n", encoding="utf-8")
    imported = run(["import", str(jsonl), "--index", str(ix)], logs, "import")
    assert imported.returncode == 0 and imported.stdout.startswith("added 1,"), imported.stderr

    app = create_app(ix, TESTING=True)
    client = app.test_client()
    answers = {}
    t0 = time.perf_counter()
    try:
        for symbol, _name, _text, word, first in (TOO_SHORT, TOO_MIXED, IMPORTED):
            found = client.get(f"/api/search?q={word}").get_json()
            assert [(h["symbol"], h["lang"]) for h in found["hits"]] == [(symbol, None)], found
            page = client.get(f"/record/{symbol}")
            api = client.get(f"/api/record/{symbol}")
            answers[symbol] = (page.status_code, api.status_code)
            assert page.status_code == 200 and first in page.get_data(as_text=True)
            assert api.status_code == 200, api.get_data(as_text=True)
            record = api.get_json()
            assert record["record"]["symbol"] == symbol and record["record"]["lang"] is None
            assert record["languages"] == [""] and record["paragraphs"][0]["text"] == first
            assert client.get(f"/record/{symbol}?lang=").status_code == 200  # the version the index lists as ""
    finally:
        app.extensions["rapporteur"].close()
    web_seconds = time.perf_counter() - t0

    shown = {}
    for symbol, _name, _text, _word, first in (TOO_SHORT, TOO_MIXED, IMPORTED):
        res = run(["show", symbol, "--index", str(ix)], logs, f"show-{symbol.replace('/', '_')}")
        assert res.returncode == 0, res.stderr
        assert res.stdout.startswith(f"{symbol} [unknown language]") and first in res.stdout, res.stdout
        shown[symbol] = res.returncode

    record_figures(
        "undetected_language_record",
        title="A record whose language could not be told",
        tried=("`rapporteur index` of two files the detector cannot tell (two short lines of nonsense words; "
               "greetings in six languages) and `rapporteur import` of a line with \"lang\": null; then search, "
               "`/record/…`, `/api/record/…` on the real app over that index, and `rapporteur show`"),
        held=(f"each found by a search (language null), each record page and JSON twin answered "
              f"{sorted({code for pair in answers.values() for code in pair})} with its text (they answered 400 "
              f"before the fix), `rapporteur show` showed each as [unknown language]"),
        command=pytest_command("tests/reliability/test_undetected_language.py"),
        records=len(answers), answers={k: list(v) for k, v in answers.items()}, show_exit=shown,
        index_seconds=round(indexed.seconds, 1), import_seconds=round(imported.seconds, 1),
        web_seconds=round(web_seconds, 2),
    )
