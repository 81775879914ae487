"""Fixtures for the web tests: a real index, built once by the real ``rapporteur index`` from the
bundled seed plus a hostile record (see :mod:`web_support`), and an app over it.

Nothing is mocked: the app talks to the real engine over that index.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from web_support import build_index, write_corpus


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    """A shared, read-only index of the seed and the hostile record. Tests must not change it."""
    base = tmp_path_factory.mktemp("web")
    return build_index(write_corpus(base / "corpus"), base / "index")


@pytest.fixture()
def app(index_dir):
    from web import create_app

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
