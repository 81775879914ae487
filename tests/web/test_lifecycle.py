"""The app over time: a reindex by another process, a missing index, many requests."""
from __future__ import annotations

import os

from tests.support.records import SEED_SYMBOL, WIESBADEN, summary_record, write_corpus
from tests.support.web import reindex_elsewhere

NEW_RECORD = summary_record(100, "2016年12月5日星期一", "测试", "专题讨论:新议题", [
    "**Newman** 先生(德国)说,鸭嘴兽议题值得讨论。",
    "**Oldman** 先生(法国)说,他同意。",
])


def test_reindex_in_another_process_is_picked_up_without_restart(own_index):
    from rapporteur.web import create_app

    corpus, index_dir = own_index
    app = create_app(index_dir, TESTING=True)
    client = app.test_client()
    try:
        generation = client.get("/healthz").get_json()["generation"]
        assert client.get("/api/search?q=鸭嘴兽").get_json()["total"] == 0

        (corpus / "S_AC.44_SR.100.zh.txt").write_text(NEW_RECORD, encoding="utf-8")
        reindex_elsewhere(corpus, index_dir)

        found = client.get("/api/search?q=鸭嘴兽").get_json()
        assert [(h["symbol"], h["n"]) for h in found["hits"]] == [("S/AC.44/SR.100", 1)]
        assert client.get("/healthz").get_json()["generation"] > generation
        assert client.get("/record/S/AC.44/SR.100").status_code == 200

        (corpus / "S_AC.44_SR.100.zh.txt").unlink()
        reindex_elsewhere(corpus, index_dir)
        assert client.get("/api/search?q=鸭嘴兽").get_json()["total"] == 0
        assert client.get("/record/S/AC.44/SR.100").status_code == 404
    finally:
        app.extensions["rapporteur"].close()


def test_missing_index_is_503_until_it_is_built(tmp_path):
    from rapporteur.web import create_app

    index_dir = tmp_path / "index"
    app = create_app(index_dir, TESTING=True)
    client = app.test_client()
    try:
        page = client.get("/", headers={"Accept-Language": "en"})
        assert page.status_code == 503 and "rapporteur index" in page.get_data(as_text=True)
        assert client.get("/healthz").status_code == 503
        assert not index_dir.exists()  # the app created nothing

        reindex_elsewhere(write_corpus(tmp_path / "corpus"), index_dir)
        assert client.get("/healthz").status_code == 200
        assert client.get(f"/api/search?q={WIESBADEN}").get_json()["total"] == 6
    finally:
        app.extensions["rapporteur"].close()


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_no_file_handle_leak_over_many_requests(client):
    urls = [f"/?q={WIESBADEN}", f"/api/search?q=外联&page=2", f"/record/{SEED_SYMBOL}?q=外联",
            "/api/stats", "/healthz", "/nope", "/static/style.css"]
    for url in urls:  # warm up: the engine opens its files once
        client.get(url).close()
    before = open_files()
    for i in range(60):
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 404)
            response.close()
    assert open_files() <= before + 2
