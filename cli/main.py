"""The ``rapporteur`` command group. Every command is registered here, explicitly, in the order
``rapporteur --help`` lists them; each command module defines its command and knows nothing of
the group."""
from __future__ import annotations

import click

from rapporteur.cli.import_cmd import import_command
from rapporteur.cli.index_cmd import index_command
from rapporteur.cli.parse_cmd import parse_command
from rapporteur.cli.search_cmd import search_command
from rapporteur.cli.serve_cmd import serve_command
from rapporteur.cli.show_cmd import show_command
from rapporteur.cli.stats_cmd import stats_command
from rapporteur.cli.watch_cmd import watch_command


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="rapporteur-search")
def main():
    """Rapporteur: full-text search over UN meeting records.

    \b
    Typical session:
      rapporteur parse corpus/S_AC.44_SR.74.zh.txt      # check what the parser reads
      rapporteur index                                   # index the bundled corpus
      rapporteur search '威斯巴登进程'                    # ranked, highlighted hits
      rapporteur serve                                   # the search page on http://127.0.0.1:8080
    """


for command in (parse_command, index_command, import_command, watch_command, search_command, show_command,
                stats_command, serve_command):
    main.add_command(command)
