"""``python -m ceasefire`` runs the command-line interface."""

from ceasefire.cli import main

main()
