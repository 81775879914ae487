"""The ``rapporteur`` command line: a thin click layer over indexer, search and web.

:mod:`.main` assembles the group; each command lives in its own module.
"""
