"""Shared test fixtures. Paths to the bundled seed, the project's own fixtures and ../shared/corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "S_AC.44_SR.74.zh.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/corpus, or skip the test with the reason when it is absent."""
    path = SHARED_CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not available: {path}")
    return path


@pytest.fixture(scope="session")
def seed_record():
    from indexer.parse import parse_file

    return parse_file(SEED)
