"""The console script's entry: git's drivers (``textconv``, ``merge-driver``) run here before click or
anything else is imported, since git may start them hundreds of times; everything else goes to the CLI.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "textconv":
        from selfassess.cli.textconv import main as textconv

        code = textconv(args[1:])
        if code >= 0:
            sys.exit(code)
    elif args and args[0] == "merge-driver" and not any(a.startswith("-") for a in args[1:]):
        from selfassess.cli.mergedriver import main as merge_driver

        sys.exit(merge_driver(args[1:]))
    from selfassess.cli.main import main as cli_main

    cli_main(argv)
