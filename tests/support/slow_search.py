"""``rapporteur`` with one search that takes as long as it is allowed: for the serving tests.

:func:`main` is the real command line after one change: the executor's ``run`` treats a
query for :data:`SLOW` as endless work, a loop that calls the ``Deadline.check()`` the engine
put in the search context (as the executor's own loops do) and sleeps a little between checks. So such a
search ends exactly when the product stops it, by its deadline or because its client went
away, and at no other time. It prints :data:`RUNNING` with its process id when it starts.

``rapporteur serve`` forks its workers from the process this runs in, so they have the change.
"""
from __future__ import annotations

import os
import sys
import time

SLOW = "慢慢慢慢"
RUNNING = "slow search running in process"


def install() -> None:
    from rapporteur.search import execute

    plain = execute.Executor.run

    def run(self, qp, *args, **kwargs):
        if any(SLOW in term.text for term in qp.parsed.positive_terms()):
            sys.stdout.write(f"{RUNNING} {os.getpid()}\n")  # one write: threads print at once
            sys.stdout.flush()
            while True:
                self.ctx.deadline.check()
                time.sleep(0.005)
        return plain(self, qp, *args, **kwargs)

    execute.Executor.run = run


def main() -> None:
    install()
    from rapporteur.cli.main import main as cli

    cli()
