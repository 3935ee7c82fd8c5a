"""Change over time: ``diff``, ``history``, ``textconv`` and ``git-setup``.

Only click is imported here; the modules that do the work are imported when a command runs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from selfassess.cli.commands.options import Options, common
from selfassess.cli.terminal import echo
from selfassess.core.errors import AssessmentError, SelfAssessError, WorkspaceNotFoundError
from selfassess.core.textgate import json_text, visible

if TYPE_CHECKING:
    from selfassess.workspace.workspace import Workspace

_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


def _workspace_or_none(opts: Options) -> Workspace | None:
    """The workspace, or None when there is none here (an explicit --workspace must exist)."""
    explicit = opts.workspace_path or os.environ.get("SELFASSESS_WORKSPACE")
    try:
        return opts.workspace()
    except WorkspaceNotFoundError:
        if explicit:
            raise
        return None


@click.command("diff")
@click.argument("old")
@click.argument("new")
@_FORMAT
@common
def diff_command(opts: Options, old: str, new: str, fmt: str) -> int:
    """What changed from OLD to NEW, worst news first.

    OLD and NEW are each DISTRICT@PERIOD (e.g. rotherham@2026-Q3), else REV:PATH (a git revision and
    a file, e.g. HEAD~1:assessments/rotherham/2026-Q4.toml), else a path. Exit 0 whether or not
    anything changed.
    """
    from selfassess.cli.diff_text import render_text
    from selfassess.logic.diff import compare
    from selfassess.logic.versions import read_version

    workspace = _workspace_or_none(opts)
    before = read_version(old, workspace)
    after = read_version(new, workspace)
    if before.framework.id != after.framework.id:
        raise SelfAssessError(
            f"{old} uses framework {before.framework.id!r} and {new} uses {after.framework.id!r}: "
            "assessments against different frameworks cannot be compared"
        )
    result = compare(before.side, after.side, after.framework)
    if fmt == "json":
        echo(json_text(result.to_json()))
    else:
        echo(render_text(result))
    return 0


@click.command("history")
@click.argument("district")
@click.option("--criterion", "criterion_id", metavar="ID", default=None, help="Only this criterion.")
@_FORMAT
@common
def history_command(opts: Options, district: str, criterion_id: str | None, fmt: str) -> int:
    """DISTRICT's grade for each criterion, period by period, and from git when each rating of the
    latest assessment last changed."""
    from selfassess.cli.history_text import render_history
    from selfassess.logic.history import district_history

    workspace = opts.workspace()
    result = district_history(workspace, district, criterion_id)
    items = {}
    changes = []
    if criterion_id is None and result.periods and workspace.inspection_files():
        from selfassess.logic.recommendations import status_changes, unit_history

        items = unit_history(workspace, district, result.periods, opts.today())
        changes = status_changes(workspace, district, items)
    if fmt == "json":
        data = result.to_json()
        if items:
            data["items"] = {ref: {p: str(s) for p, s in statuses.items()} for ref, statuses in items.items()}
            data["item_changes"] = [change.to_json() for change in changes]
        echo(json_text(data))
    else:
        echo(render_history(result))
        if items:
            from selfassess.cli.history_text import render_item_history

            echo(render_item_history(district, result.periods, items, changes))
    if result.periods and not result.in_git and fmt != "json":
        echo(
            "note: not a git repository: grades come from the files alone, without when each "
            "rating last changed",
            err=True,
        )
    for problem in result.unreadable:  # the rest is shown; each unreadable file named, exit 1
        echo(f"{problem} (left out of the history)", err=True)
    return 1 if result.unreadable else 0


@click.command("textconv")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@common
def textconv_command(opts: Options, file: Path) -> int:
    """Print an assessment or review FILE, wherever it is, as readable text (git's diff driver).

    Prints what it can of a file it cannot fully read, and the text as it is when it is not TOML.
    """
    from selfassess.cli.textconv import render_bytes
    from selfassess.core.names import megabytes
    from selfassess.formats.safeio import read_regular
    from selfassess.formats.tomlread import MAX_ASSESSMENT_BYTES

    try:  # bounded, and only a regular file: /dev/zero or a FIFO must not fill memory or hang
        data = read_regular(file, MAX_ASSESSMENT_BYTES)
    except OSError as error:
        raise AssessmentError(f"cannot read: {error.strerror}", file) from None
    if len(data) > MAX_ASSESSMENT_BYTES:  # git shows this line as the file's text, and goes on
        click.echo(f"{visible(str(file))}: larger than {megabytes(MAX_ASSESSMENT_BYTES)} MB; not shown")
        return 0
    click.echo(visible(render_bytes(data)), nl=False)
    return 0


@click.command("git-setup")
@click.option(
    "--global", "global_", is_flag=True, help="Register the driver in your global git config (all repos)."
)
@common
def git_setup_command(opts: Options, global_: bool) -> int:
    """Make git diff, git log -p and git show read assessments as ratings and evidence, and git merge
    them criterion by criterion.

    Adds 'assessments/**/*.toml diff=selfassess merge=selfassess' to the workspace's .gitattributes
    (commit it) and sets the diff and merge drivers in this repository's git config (or, with --global,
    yours). sync, submit and fill do the config part by themselves when it is missing.
    """
    from selfassess.workspace.gitsetup import (
        ATTRIBUTES_LINE,
        IGNORE_LINE,
        add_attributes,
        add_line,
        configure_git,
    )

    workspace = opts.workspace() if not global_ else _workspace_or_none(opts)
    root = workspace.root if workspace is not None else Path.cwd()
    for command in configure_git(root, global_):
        echo(f"ran: {command}")
    if workspace is not None:
        added = add_attributes(root)
        state = "added" if added else "already has"
        echo(f"{root / '.gitattributes'}: {state} '{ATTRIBUTES_LINE}'")
        if added:
            echo("Commit .gitattributes so everyone's git uses the drivers once they run git-setup.")
        if add_line(root / ".gitignore", IGNORE_LINE):
            echo(f"{root / '.gitignore'}: added '{IGNORE_LINE}' (conflict files are never committed)")
    echo("git diff, git log -p and git show now read assessments as ratings and evidence;")
    echo("git merges them criterion by criterion (a real conflict: see 'selfassess validate').")
    return 0
