"""Interface language: complete catalogues, Accept-Language default, a switch that persists."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.records import SEED_SYMBOL

WEB = Path(__file__).resolve().parents[2] / "web"


def catalog(code: str) -> dict:
    return json.loads((WEB / "i18n" / f"{code}.json").read_text(encoding="utf-8"))


def test_catalogues_have_the_same_labels_and_cover_the_templates():
    zh, en = catalog("zh"), catalog("en")
    assert set(zh) == set(en)
    used = set()
    for template in (WEB / "templates").glob("*.html"):
        used |= set(re.findall(r"""_\(\s*["']([a-z0-9_]+)["']\s*[,)]""", template.read_text(encoding="utf-8")))
    used |= {f"facet_{n}" for n in ("delegation", "speaker", "symbol", "lang", "date_from", "date_to")}
    used |= {f"error_{s}_{part}" for s in (400, 404, 405, 500, 503) for part in ("title", "text")}
    assert used - set(zh) == set()
    assert all(zh[k] and en[k] for k in zh)
    # Every label is translated: the English ones carry no Chinese except in examples.
    translated = [k for k in en if re.search(r"[\u4e00-\u9fff]", en[k]) and k != "search_placeholder"]
    assert translated == []


@pytest.mark.parametrize(
    "header, expected",
    [("zh-CN,zh;q=0.9", "zh"), ("en-US,en;q=0.8", "en"), ("en-GB,zh;q=0.5", "en"), ("fr-FR", "zh"), ("", "zh")],
)
def test_accept_language_default(client, header, expected):
    html = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{"zh-Hans" if expected == "zh" else "en"}">' in html


def test_switch_persists_in_a_cookie(client):
    response = client.get(f"/record/{SEED_SYMBOL}?ui=en", headers={"Accept-Language": "zh-CN"})
    assert "ui=en" in response.headers["Set-Cookie"]
    assert "Chair" in response.get_data(as_text=True)
    later = client.get("/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert '<html lang="en">' in later and "Query syntax" in later
    back = client.get("/?ui=zh").get_data(as_text=True)
    assert "检索语法" in back


def test_switch_link_keeps_the_page(client):
    html = client.get(f"/record/{SEED_SYMBOL}?lang=zh&q=外联", headers={"Accept-Language": "zh"}).get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)" hreflang="en"', html).group(1).replace("&amp;", "&")
    assert link.startswith(f"/record/{SEED_SYMBOL}?") and "lang=zh" in link and "ui=en" in link


def test_codes_in_upper_case_are_the_same_languages(client):
    """``?ui=EN``, ``?lang=ZH`` and ``?with=ZH`` are read as ``en`` and ``zh``, as a symbol is
    taken in any case."""
    page = client.get(f"/record/{SEED_SYMBOL}?lang=ZH&ui=EN")
    assert page.status_code == 200 and '<html lang="en">' in page.get_data(as_text=True)
    assert client.get(f"/api/record/{SEED_SYMBOL}?lang=ZH").get_json()["record"]["lang"] == "zh"
    assert client.get(f"/record/{SEED_SYMBOL}?lang=zh&with=ZH").status_code == 400  # still not itself
