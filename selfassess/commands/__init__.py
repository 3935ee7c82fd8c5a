"""Commands that live in modules of their own; each adds itself to ``selfassess.cli.cli`` on import.

They import only click at module level, so ``selfassess --help`` stays cheap.
"""
