"""Run the real ``rapporteur`` CLI with a fault injected into Whoosh's file writes.

    python inject_write_error.py BUDGET ERRNO_NAME COUNT_FILE rapporteur-args...

Every write to a file Whoosh creates (segments, postings, stored fields, the TOC) counts its
bytes; the write that goes past BUDGET bytes raises ``OSError(ERRNO_NAME)`` (``ENOSPC``,
``EIO``), as a full disk or a failing device would. BUDGET -1 never fails; with COUNT_FILE
the total written is saved there at exit (to choose budgets inside a real run).

A script, not a test module: it imports ``whoosh`` and ``rapporteur`` as installed in the
interpreter that runs it (the venv's, ``pip install -e '.[test]'``), as a user's script would.
"""
import atexit
import errno
import os
import sys

from whoosh.filedb import filestore

budget, code, count_file = int(sys.argv[1]), getattr(errno, sys.argv[2]), sys.argv[3]
written = [0]


class FailingFile:
    def __init__(self, f):
        self._f = f

    def write(self, data):
        if budget >= 0 and written[0] + len(data) > budget:
            raise OSError(code, os.strerror(code))
        written[0] += len(data)
        return self._f.write(data)

    def __getattr__(self, name):
        return getattr(self._f, name)


_create_file = filestore.FileStorage.create_file


def create_file(self, name, *args, **kwargs):
    f = _create_file(self, name, *args, **kwargs)
    f.file = FailingFile(f.file)
    return f


filestore.FileStorage.create_file = create_file
if count_file:
    atexit.register(lambda: open(count_file, "w").write(str(written[0])))

from rapporteur.cli.main import main  # noqa: E402

sys.argv = ["rapporteur", *sys.argv[4:]]
main()
