"""``python -m selfassess``."""

from .cli import main

main()
