"""The wheel: one top-level package, ``rapporteur``, holding every module and data file of the
top-level folders (and nothing of tools/, tests/ or bench/); installed, ``import indexer`` fails."""
from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"indexer": "rapporteur/indexer", "search": "rapporteur/search", "web": "rapporteur/web",
           "cli": "rapporteur/cli", "corpus": "rapporteur/corpus"}
DATA = ("*.py", "*.tsv", "*.txt", "*.html", "*.css", "*.js", "*.json", "*.svg")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (built,) = out.glob("rapporteur_search-*.whl")
    return built


def test_the_wheel_holds_one_top_level_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"rapporteur"}
    assert not any(n.startswith(("rapporteur/tools", "tools/", "tests/", "bench/")) for n in names)


def test_the_wheel_holds_every_module_and_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = set()
    for folder, package in FOLDERS.items():
        for pattern in DATA:
            for path in (ROOT / folder).rglob(pattern):
                if "__pycache__" not in path.parts:
                    expected.add(f"{package}/{path.relative_to(ROOT / folder).as_posix()}")
    assert expected - names == set()
    assert "rapporteur/indexer/delegations/data/delegations.tsv" in names
    assert "rapporteur/indexer/analysis/data/un_userdict.txt" in names
    assert "rapporteur/corpus/S_AC.44_SR.74.zh.txt" in names


def test_installed_the_old_top_level_names_are_gone(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                           str(wheel)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    # Modules that need no third-party package import; the old top-level names do not.
    probe = ("import importlib.util as u, rapporteur.indexer.languages as l; print(l.CODES); "
             "print([n for n in ('indexer', 'search', 'web', 'cli', 'corpus') if u.find_spec(n)])")
    out = subprocess.run([str(python), "-P", "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["('ar', 'zh', 'en', 'fr', 'ru', 'es')", "[]"]
