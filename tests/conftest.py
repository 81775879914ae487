"""Shared fixtures: the bundled seed parsed and indexed, and the web tests' app over a real index.

Fixtures live in conftest files only (this one and the subfolders'); pytest finds them, no
test imports them. Helpers that tests import by name are in ``tests/support/``.

The Hypothesis settings profiles are registered here, one per test profile of
:mod:`tests.support.profile`, and the one named by ``RAPPORTEUR_TEST_PROFILE`` (``ci`` unless
set; ``thorough`` for the full sizes) is loaded.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from tests.support.paths import SEED
from tests.support.profile import PROFILE, PROFILES
from tests.support.records import dates_zh_records, write_corpus, write_dates_corpus
from tests.support.web import build_index

for _profile in PROFILES.values():
    # Repeatable (derandomised, no example database) and never failing on time (no deadline).
    settings.register_profile(_profile.name, max_examples=_profile.max_examples, deadline=None,
                              derandomize=True, database=None)
settings.load_profile(PROFILE.name)


def pytest_configure(config):
    chosen = config.getoption("hypothesis_profile", None)
    if chosen in PROFILES and chosen != PROFILE.name:  # Hypothesis's own switch would leave the sizes as they are
        raise pytest.UsageError(f"--hypothesis-profile={chosen}: set {PROFILE.env}={chosen} instead (it sets both)")


def pytest_report_header(config):
    return f"test profile: {PROFILE.name} (set {PROFILE.env}=ci|thorough; see tests/support/profile.py)"


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


@pytest.fixture(scope="session")
def dates_index(tmp_path_factory) -> Path:
    """An index of records with and without a date (``tests.support.records.DATES_EN``,
    ``DATES_ZH``): the English files by the real writer, then each Chinese record by its own
    import (so one segment holds no date at all). Tests must not change it."""
    from rapporteur.indexer.sync.writer import import_records, sync

    folder = tmp_path_factory.mktemp("dates")
    index_dir = folder / "index"
    report = sync(index_dir, [write_dates_corpus(folder / "corpus")])
    assert report.added == 4 and not report.failed, report
    for line, record in dates_zh_records():
        jsonl = folder / f"zh-{line}.jsonl"
        jsonl.write_text("", encoding="utf-8")
        report = import_records(index_dir, jsonl, [(1, record)])
        assert report.added == 1 and not report.failed, report
    return index_dir


# ---- the web app over a real index (tests/web, tests/reliability) ----------------------------

@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    """A shared, read-only index of the seed and the hostile record, built once per run.
    Tests must not change it."""
    folder = tmp_path_factory.mktemp("web-shared")
    return build_index(write_corpus(folder / "corpus"), folder / "index")


@pytest.fixture()
def app(index_dir):
    from rapporteur.web import create_app

    app = create_app(index_dir, TESTING=True)
    yield app
    app.extensions["rapporteur"].close()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def own_index(tmp_path):
    """An index this test may change: (corpus folder, index folder)."""
    corpus = write_corpus(tmp_path / "corpus")
    return corpus, build_index(corpus, tmp_path / "index")
