"""Every command, one module per group of commands; ``selfassess.cli.main`` wires them into the group.

Commands import only click (and :mod:`.options`) at load; what does the work is imported when they run.
"""
