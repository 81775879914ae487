"""The ``rapporteur`` command line: a thin click layer over indexer, search and web.

Each command lives in its own module; this module only assembles the group.
"""
from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="rapporteur")
def main():
    """Rapporteur: full-text search over UN meeting records.

    \b
    Typical session:
      rapporteur parse corpus/S_AC.44_SR.74.zh.txt      # check what the parser reads
      rapporteur index                                   # index the bundled corpus
      rapporteur search '威斯巴登进程'                    # ranked, highlighted hits
      rapporteur serve                                   # the search page on http://127.0.0.1:8080
    """


def _register():
    # Imported here so that each command module can import ``main`` freely.
    from cli import parse_cmd  # noqa: F401
    from cli import serve_cmd  # noqa: F401
    from cli import import_cmd, index_cmd, search_cmd, show_cmd, stats_cmd, watch_cmd  # noqa: F401


_register()
