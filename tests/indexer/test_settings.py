"""Settings from the environment: a value that cannot be used is one line naming the variable,
from the function and from the commands that read it."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from rapporteur.indexer.errors import BadSetting
from rapporteur.indexer.settings import env_number


@pytest.mark.parametrize("raw, expected", [("", 16), ("  ", 16), ("0", 0), ("2.5", 2.5), ("64", 64)])
def test_a_usable_value_or_the_default(monkeypatch, raw, expected):
    monkeypatch.setenv("RAPPORTEUR_X", raw)
    assert env_number("RAPPORTEUR_X", 16, maximum=64) == expected


@pytest.mark.parametrize("raw", ["inf", "1e400", "nan", "-1", "65", "abc", "0x10", "1,5"])
def test_a_value_that_cannot_be_used_names_the_variable(monkeypatch, raw):
    monkeypatch.setenv("RAPPORTEUR_X", raw)
    with pytest.raises(BadSetting) as err:
        env_number("RAPPORTEUR_X", 16, maximum=64)
    assert str(err.value) == f"RAPPORTEUR_X={raw!r}: must be a number from 0 to 64"


def test_whole_numbers(monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_X", "2.5")
    with pytest.raises(BadSetting, match="must be a whole number from 1 to 8"):
        env_number("RAPPORTEUR_X", 1, minimum=1, maximum=8, whole=True)
    monkeypatch.setenv("RAPPORTEUR_X", "3")
    assert env_number("RAPPORTEUR_X", 1, minimum=1, maximum=8, whole=True) == 3


@pytest.mark.parametrize("name", ["RAPPORTEUR_RESULT_CACHE", "RAPPORTEUR_POSTINGS_CACHE_MB"])
def test_search_says_which_setting_is_wrong(seed_index, name):
    proc = subprocess.run([sys.executable, "-c", "from rapporteur.cli.main import main; main()", "search", "出口管制",
                           "--index", str(seed_index)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, name: "inf"})
    assert proc.returncode != 0
    assert proc.stderr.strip() == f"rapporteur: {name}='inf': must be a number from 0 to 65536"
