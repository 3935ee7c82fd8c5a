"""Sharing through git without knowing git: ``sync``, and the merge driver git calls.

Only click is imported here; the modules that do the work are imported when a command runs.
"""

from __future__ import annotations

import click

from selfassess.cli.commands.options import Options, common
from selfassess.cli.terminal import echo


@click.command("sync")
@click.option(
    "--all", "all_", is_flag=True, help="Also commit settings and frameworks (selfassess.toml, criteria/)."
)
@common
def sync_command(opts: Options, all_: bool) -> int:
    """Commit changed assessments and reviews with a message saying what changed, then pull and push.

    Without a remote, commits only. Refuses to push while a merge conflict is unresolved (fill screen).
    """
    import sys

    from selfassess.logic.sync import SyncConflict, sync

    root = opts.workspace().root
    progress = (lambda words: echo(words, err=True)) if sys.stderr.isatty() else None
    try:
        result = sync(root, include_shared=all_, progress=progress)
    except SyncConflict as stopped:
        for note in stopped.notes:  # what the pull did before it stopped (an action renumbered)
            echo(note)
        raise
    if result.registered:
        echo("Registered selfassess's diff and merge drivers in this clone's git config.")
    echo(f"Committed: {result.committed}" if result.committed else "Nothing new to commit.")
    if result.remote:
        if result.pulled:
            echo(f"Pulled {result.pulled} commit(s) from {result.remote}.")
        if result.up_to_date:
            echo(f"Nothing to push: {result.remote} already has every commit.")
        else:
            echo(f"Pushed to {result.remote}." if result.pushed else f"Not pushed to {result.remote}.")
    for note in result.notes:
        echo(note)
    return 0


@click.command("merge-driver", hidden=True)
@click.argument("base")
@click.argument("ours")
@click.argument("theirs")
@click.argument("path", required=False)
def merge_driver_command(base: str, ours: str, theirs: str, path: str | None) -> int:
    """git's merge driver for assessments and reviews (see 'selfassess git-setup')."""
    from selfassess.cli.mergedriver import main

    return main([base, ours, theirs, *([path] if path else [])])


#: the commands this module adds to ``cli``
COMMANDS = (
    sync_command,
    merge_driver_command,
)
