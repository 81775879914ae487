"""The one-way rule, enforced: cli | web → search → indexer, and the indexer's wings in pipeline
order. The contracts are import-linter's, declared in pyproject.toml; a violation fails here."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def _lint_imports() -> str:
    found = Path(sys.executable).with_name("lint-imports")
    return str(found) if found.exists() else shutil.which("lint-imports")


def test_every_contract_is_kept():
    proc = subprocess.run([_lint_imports(), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert f"Contracts: {len(CONFIG['contracts'])} kept, 0 broken." in proc.stdout


def test_the_contracts_cover_every_package_and_wing():
    """A package or wing left out of the contracts would be free to import anything."""
    layers = {name.strip() for c in CONFIG["contracts"] for layer in c["layers"] for name in layer.split("|")}
    assert set(CONFIG["root_packages"]) == {"rapporteur.indexer", "rapporteur.search", "rapporteur.web",
                                            "rapporteur.cli"}
    assert set(CONFIG["root_packages"]) <= layers
    wings = {f"rapporteur.indexer.{p.name}" for p in (ROOT / "indexer").iterdir()
             if (p / "__init__.py").exists()}
    modules = {f"rapporteur.indexer.{p.stem}" for p in (ROOT / "indexer").glob("*.py") if p.stem != "__init__"}
    assert wings | modules <= layers, sorted((wings | modules) - layers)
