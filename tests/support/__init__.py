"""Helpers the tests import by name: ``from tests.support.paths import SEED`` and so on.

Fixtures are not here: they live in ``conftest.py`` files (``tests/conftest.py`` and the
subfolders'), which pytest loads itself and nothing imports.
"""
