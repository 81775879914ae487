"""Where things are: the checkout, the bundled seed, the project's fixtures and ../shared/corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "S_AC.44_SR.74.zh.txt"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
ARTIFACTS = ROOT / "test-artifacts"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/corpus, or skip the test with the reason when it is absent."""
    path = SHARED_CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not available: {path}")
    return path
