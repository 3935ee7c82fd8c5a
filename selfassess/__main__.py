"""``python -m selfassess``."""

from selfassess.launch import main

main()
