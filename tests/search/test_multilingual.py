"""Multilingual search: one delegation across languages, per-language analysis at query time,
the labelled delegation facet and each hit's versions in other languages."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from rapporteur.cli.main import main
from rapporteur.indexer.sync.writer import sync
from rapporteur.search.engine import Engine, SearchRequest
from tests.support.paths import shared_path
from tests.support.records import CHINA_SR8_ZH, SR7_SIX_LANGUAGES, SR7_SYMBOL, file_name, write_versions

MARK = re.compile(r"<mark>(.*?)</mark>")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = write_versions(tmp_path_factory.mktemp("multilingual"), SR7_SYMBOL, SR7_SIX_LANGUAGES)
    index_dir = folder / "index"
    report = sync(index_dir, [folder])
    assert report.added == len(SR7_SIX_LANGUAGES) and not report.failed, report
    with Engine(index_dir) as eng:
        yield eng


def search(engine, q, **kw):
    return engine.search(SearchRequest(q=q, size=100, **kw)).to_dict()


def ids(res) -> set[str]:
    return {h["id"] for h in res["hits"]}


def test_each_language_parsed_with_the_delegation_code(engine):
    res = search(engine, "", symbol="A/AC.99/SR.7")
    assert {h["lang"] for h in res["hits"]} == {"en", "zh", "fr", "es", "ru", "ar"}
    firsts = {h["lang"]: h["delegation_code"] for h in res["hits"] if h["n"] == 1}
    assert set(firsts.values()) == {"DEU"}, firsts


@pytest.mark.parametrize("name", ["Germany", "德国", "Allemagne", "Alemania", "Германия", "ألمانيا", "DEU", "deu"])
def test_delegation_in_any_language_filters_by_code(engine, name):
    res = search(engine, f"delegation:{name}")
    langs = {h["lang"] for h in res["hits"]}
    assert langs == {"en", "zh", "fr", "es", "ru", "ar"}, (name, ids(res))
    assert all(h["delegation_code"] == "DEU" for h in res["hits"])
    assert ids(search(engine, "", delegation=name)) == ids(res)
    assert ids(search(engine, f"-delegation:{name}")) & ids(res) == set()


def test_delegation_facet_one_entry_labelled(engine):
    res = search(engine, "delegation:Germany")
    assert [(e["value"], e["count"]) for e in res["facets"]["delegation"]] == [("DEU", res["total"])]
    for ui, label in (("zh", "德国"), ("fr", "Allemagne"), ("ru", "Германия"), ("en", "Germany"), ("xx", "Germany")):
        facet = search(engine, "delegation:Germany", ui_lang=ui)["facets"]["delegation"]
        assert facet == [{"value": "DEU", "label": label, "count": res["total"]}], (ui, facet)
    # Without ui_lang: the language of most hits.
    zh = search(engine, "德国 lang:zh")["facets"]["delegation"]
    assert {"value": "DEU", "label": "德国", "count": 2} in zh
    # The facet value is what the filter accepts.
    value = res["facets"]["delegation"][0]["value"]
    assert ids(search(engine, f"delegation:{value}")) == ids(res)


def test_french_query_matches_french_inflections(engine):
    res = search(engine, "délégations lang:fr")
    assert ids(res) == {"A/AC.99/SR.7:fr:2"}
    assert MARK.findall(res["hits"][0]["snippet"]) == ["délégation"]
    assert ids(search(engine, "delegations lang:fr")) == {"A/AC.99/SR.7:fr:2"}
    # Spanish: plural query, singular text, and the other way round
    assert "A/AC.99/SR.7:es:2" in ids(search(engine, "delegaciones"))
    assert "A/AC.99/SR.7:es:2" in ids(search(engine, "reunión lang:es"))


def test_query_searches_every_language_by_default(engine):
    langs = {h["lang"] for h in search(engine, "Anton")["hits"]}
    assert {"en", "zh", "fr", "es"} <= langs
    assert {h["lang"] for h in search(engine, "delegation", lang="fr")["hits"]} == {"fr"}


def test_russian_cases_match(engine):
    for q in ("Германии", "Германия", "германией"):
        res = search(engine, f"{q} lang:ru")
        assert ids(res) == {"A/AC.99/SR.7:ru:1", "A/AC.99/SR.7:ru:2"}, q
    marks = MARK.findall(search(engine, "Германии lang:ru")["hits"][0]["snippet"])
    assert set(marks) <= {"Германии", "Германия"} and marks


@pytest.mark.parametrize("q", ["مبادرة", "مُبَادَرَةَ", "مبادره", "المبادرة", "مبـــادرة"])
def test_arabic_normalisation_and_diacritics(engine, q):
    res = search(engine, f"{q} lang:ar")
    assert ids(res) == {"A/AC.99/SR.7:ar:2"}, q
    assert MARK.findall(res["hits"][0]["snippet"]) == ["مُبَادَرَةَ"]


@pytest.mark.parametrize("q", ["ألمانيا", "المانيا", "إلمانيا"])
def test_arabic_alef_variants(engine, q):
    assert {"A/AC.99/SR.7:ar:1", "A/AC.99/SR.7:ar:2"} <= ids(search(engine, f"{q} lang:ar"))


def test_versions_of_each_hit(engine):
    res = search(engine, "industry")
    hit = next(h for h in res["hits"] if h["id"] == "A/AC.99/SR.7:en:1")
    assert hit["versions"] == {lang: f"A/AC.99/SR.7:{lang}:1" for lang in ("ar", "en", "es", "fr", "ru", "zh")}
    # Paragraph 3 exists in en, zh and fr only.
    hit3 = next(h for h in search(engine, "China lang:en")["hits"] if h["n"] == 3)
    assert hit3["versions"] == {"en": "A/AC.99/SR.7:en:3", "fr": "A/AC.99/SR.7:fr:3", "zh": "A/AC.99/SR.7:zh:3"}
    assert engine.languages("A/AC.99/SR.7") == ["ar", "en", "es", "fr", "ru", "zh"]


def test_delegation_china_zh_and_real_english_verbatim(tmp_path):
    pv = shared_path("unsc-2020-verbatim-en", "S_PV.8698.txt")
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(pv, folder / pv.name)
    (folder / "A_AC.99_SR.8.zh.txt").write_text(CHINA_SR8_ZH, encoding="utf-8")
    index_dir = tmp_path / "index"
    assert sync(index_dir, [folder]).added == 2
    out = CliRunner().invoke(main, ["search", "delegation:China", "--index", str(index_dir), "--json", "--limit", "100"])
    assert out.exit_code == 0, out.output
    res = json.loads(out.stdout)
    by_lang = {}
    for h in res["hits"]:
        by_lang.setdefault(h["lang"], []).append(h)
    assert {h["n"] for h in by_lang["zh"]} == {1, 2} and all(h["delegation"] == "中国" for h in by_lang["zh"])
    assert by_lang["en"] and all(h["delegation"] == "China" and h["symbol"] == "S/PV.8698" for h in by_lang["en"])
    assert any(h["spoke_in"] == "zh" for h in by_lang["en"])
    assert res["facets"]["delegation"] == [{"value": "CHN", "label": "中国", "count": res["total"]}]


def test_versions_between_real_zh_and_en_summary_records(tmp_path):
    folder = shared_path("zh-en-summary-record")
    index_dir = tmp_path / "index"
    assert sync(index_dir, [folder]).added == 2
    with Engine(index_dir) as eng:
        res = eng.search(SearchRequest(q="delegation:Palestine", size=100)).to_dict()
        assert {h["lang"] for h in res["hits"]} == {"zh", "en"}
        for hit in res["hits"]:
            n = hit["n"]
            assert hit["versions"] == {"en": f"A/AC.183/SR.413:en:{n}", "zh": f"A/AC.183/SR.413:zh:{n}"}
        assert res["facets"]["delegation"][0]["value"] == "PSE"


def test_index_from_before_delegation_codes_is_analysed_again(tmp_path, monkeypatch):
    from rapporteur.indexer.store import schema as schema_module

    build_schema = schema_module.build_schema

    def old_schema():
        schema = build_schema()
        schema.remove("delegation_code")
        return schema

    folder = tmp_path / "records"
    folder.mkdir()
    (folder / file_name(SR7_SYMBOL, "zh")).write_text(SR7_SIX_LANGUAGES["zh"], encoding="utf-8")
    with monkeypatch.context() as old_version:  # the index is written by a version without codes
        old_version.setattr(schema_module, "build_schema", old_schema)
        old_version.setattr("rapporteur.indexer.store.documents._present", lambda doc: {
            k: v for k, v in doc.items() if v not in (None, "") and k != "delegation_code"})
        sync(tmp_path / "ix", [folder])
    current = tmp_path / "ix" / "CURRENT"  # and that version wrote no analysis version
    current.write_text(json.dumps({k: v for k, v in json.loads(current.read_text()).items() if k != "analysis"}))
    with Engine(tmp_path / "ix") as eng:
        res = eng.search(SearchRequest(q="delegation:德国")).to_dict()
        assert "run 'rapporteur index' once" in res["notice"]
        assert sorted(h["n"] for h in res["hits"]) == [1, 2]  # the delegation as written still filters
        assert res["facets"]["delegation"][0]["value"] == "德国"
    report = sync(tmp_path / "ix", [folder])  # analyses the index again: the codes come
    assert report.unchanged == 1 and not report.failed
    with Engine(tmp_path / "ix") as eng:
        res = eng.search(SearchRequest(q="delegation:德国")).to_dict()
        assert res["notice"] is None
        assert sorted(h["n"] for h in res["hits"]) == [1, 2]
        assert res["facets"]["delegation"][0]["value"] == "DEU"


def test_current_index_has_no_rebuild_notice(engine):
    assert search(engine, "Anton")["notice"] is None
