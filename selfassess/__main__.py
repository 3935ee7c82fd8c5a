"""``python -m selfassess``."""

from .launch import main

main()
