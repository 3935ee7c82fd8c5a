"""``selfassess init`` and ``selfassess demo``: a new workspace, or the demo one."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from selfassess.cli.commands.options import Options, common, has_terminal, open_tui
from selfassess.cli.commands.summary import summary_text
from selfassess.cli.terminal import echo


@click.command()
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--force-name", default=None, metavar="NAME", help="The force's name, shown on reports.")
@click.option(
    "--districts",
    default="north,south,east,west",
    show_default=True,
    metavar="a,b,c",
    help="District ids, comma-separated, in display order.",
)
@click.option(
    "--force-unit",
    default=None,
    metavar="NAME",
    help="Add a force-wide unit (e.g. force), asked only the force-level criteria.",
)
@common
def init(
    opts: Options, path: Path | None, force_name: str | None, districts: str, force_unit: str | None
) -> int:
    """Create a workspace in PATH (default: here): settings, the default framework, git files."""
    from selfassess.workspace.scaffold import init_workspace

    root = (path or Path.cwd()).resolve()
    names = [d.strip() for d in districts.split(",") if d.strip()]
    if not names:
        raise click.UsageError("--districts needs at least one district id")
    created_git = init_workspace(root, force_name or root.name.replace("-", " ").title(), names, force_unit)
    echo(f"Created a selfassess workspace in {root}")
    if created_git:
        echo("  and a git repository: commit and push it so districts and reviewers can share it.")
    echo(
        next_step(
            force_name is not None, _given("districts"), names[0] if _given("districts") else "DISTRICT"
        )
    )
    return 0


def _given(parameter: str) -> bool:
    """Whether the user typed the option (rather than taking its default)."""
    source = click.get_current_context().get_parameter_source(parameter)
    return source not in (None, click.core.ParameterSource.DEFAULT)


def next_step(named: bool, districts: bool, first: str) -> str:
    """What to do after ``init``: edit only the settings that were left at their defaults."""
    defaults = [
        words for words, given in (("the force's name", named), ("districts", districts)) if not given
    ]
    run = f"run 'selfassess fill {first}'"
    if not defaults:
        return f"Next: {run} (settings are in selfassess.toml)."
    return f"Next: edit selfassess.toml ({' and '.join(defaults)}), then {run}."


@click.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--no-tui", is_flag=True, help="Only create the demo workspace and print its summary.")
@common
def demo(opts: Options, directory: Path | None, no_tui: bool) -> int:
    """Copy the demo workspace to DIRECTORY (default: a new temporary folder) as a git repository
    with one commit per quarter, then open it."""
    from selfassess.git.run import have_git
    from selfassess.workspace.scaffold import commit_demo_history, copy_demo

    root = (directory or Path(tempfile.mkdtemp(prefix="selfassess-demo-"))).resolve()
    copy_demo(root)
    commits = commit_demo_history(root) if have_git() else 0
    echo(f"Demo workspace: {root}")
    echo(f"  {commits} commits, one per quarter." if commits else "  (git not found: no history.)")
    echo(f"  Explore it: cd {root} && selfassess summary")
    opts.workspace_path = str(root)
    if no_tui or not has_terminal():
        return summary_text(opts, None)
    return open_tui(opts, "home")


for _param in demo.params:  # the demo makes its own workspace: --workspace is not one of its options
    if isinstance(_param, click.Option) and _param.name == "workspace_path":
        _param.hidden = True
