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
    from rapporteur.indexer.parse import parse_file

    return parse_file(SEED)


# ---- index and search fixtures (issue 3) ---------------------------------------------------

@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """An index of the bundled seed, built once by the real writer. Tests must not change it."""
    from rapporteur.indexer.sync.writer import sync

    index_dir = tmp_path_factory.mktemp("seed-index") / "index"
    report = sync(index_dir, [SEED])
    assert report.added == 1 and not report.failed, report
    return index_dir


@pytest.fixture(scope="session")
def seed_engine(seed_index):
    from rapporteur.search.engine import Engine

    engine = Engine(seed_index)
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def seed_paragraphs(seed_engine) -> dict[int, str]:
    """Paragraph number → normalised text, as the index stores it."""
    record = seed_engine.record("S/AC.44/SR.74", "zh")
    return {p.n: p.text for p in record.paragraphs}
