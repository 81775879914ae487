"""``python -m rapporteur.cli``: the same as the ``rapporteur`` command."""
from rapporteur.cli.main import main

main(prog_name="rapporteur")
