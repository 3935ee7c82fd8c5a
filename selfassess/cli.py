"""The command line: parse, call, print, exit status. Textual is imported only by the TUI commands.

Exit status (SPEC §5): 0 success; 1 findings (validate/submit errors, an unreadable file in a combined
view); 2 the command could not run (usage, ids, missing files or revisions, no workspace).
"""

from __future__ import annotations

import functools
import importlib
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import SelfAssessError
from .terminal import GatedStream, echo
from .textgate import json_text

if TYPE_CHECKING:
    from .workspace import Workspace

FINDINGS = 1


@dataclass
class Options:
    """The options every command takes, from the command or, failing that, the group."""

    workspace_path: str | None = None
    as_of: str | None = None
    as_name: str | None = None
    _workspace: Workspace | None = field(default=None, repr=False)

    def workspace(self) -> Workspace:
        if self._workspace is None:
            from .workspace import Workspace, find_workspace

            self._workspace = Workspace(find_workspace(self.workspace_path))
        return self._workspace

    def today(self) -> date:
        from .workspace import today

        return today(self.as_of)

    def who(self) -> str:
        from .workspace import who

        return who(self.as_name)


_COMMON = (
    click.option(
        "--workspace",
        "workspace_path",
        metavar="PATH",
        default=None,
        help="Workspace folder (default: here or the nearest folder above with selfassess.toml; "
        "or $SELFASSESS_WORKSPACE).",
    ),
    click.option(
        "--as-of",
        "as_of",
        metavar="YYYY-MM-DD",
        default=None,
        help="Take this date as today (also $SELFASSESS_TODAY): overdue, stale, current quarter.",
    ),
    click.option(
        "--as",
        "as_name",
        metavar="NAME",
        default=None,
        help="Your name as assessor or reviewer (default: git user.name, else your login).",
    ),
)


def common(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command ``--workspace``, ``--as-of`` and ``--as``; it receives them as ``opts``."""

    @functools.wraps(command)
    def wrapper(workspace_path: str | None, as_of: str | None, as_name: str | None, **kwargs: Any) -> Any:
        parent = click.get_current_context().find_object(Options) or Options()
        opts = Options(
            workspace_path or parent.workspace_path, as_of or parent.as_of, as_name or parent.as_name
        )
        opts.today()  # a malformed --as-of is refused before anything runs
        return command(opts, **kwargs)

    for option in reversed(_COMMON):
        wrapper = option(wrapper)
    return wrapper


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="selfassess", prog_name="selfassess")
@_COMMON[0]
@_COMMON[1]
@_COMMON[2]
@click.pass_context
def cli(ctx: click.Context, workspace_path: str | None, as_of: str | None, as_name: str | None) -> Any:
    """Quarterly child protection inspection self-assessment, kept as TOML files in git.

    With no command, opens the home screen: each district's recent periods, status and completion.
    """
    ctx.obj = Options(workspace_path, as_of, as_name)
    if ctx.invoked_subcommand is None:
        opts = ctx.obj
        opts.today()
        return open_tui(opts, "home")
    return None


def open_tui(opts: Options, screen: str, **arguments: Any) -> int:
    """Start the Textual app on ``screen``; imported here so other commands never load Textual."""
    from .tui.app import run

    return run(opts.workspace(), today=opts.today(), user=opts.who(), screen=screen, **arguments)


# -- init and demo -------------------------------------------------------------------------------


@cli.command()
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--force-name", default=None, metavar="NAME", help="The force's name, shown on reports.")
@click.option(
    "--districts",
    default="north,south,east,west",
    show_default=True,
    metavar="a,b,c",
    help="District ids, comma-separated, in display order.",
)
@common
def init(opts: Options, path: Path | None, force_name: str | None, districts: str) -> int:
    """Create a workspace in PATH (default: here): settings, the default framework, git files."""
    from .scaffold import init_workspace

    root = (path or Path.cwd()).resolve()
    names = [d.strip() for d in districts.split(",") if d.strip()]
    if not names:
        raise click.UsageError("--districts needs at least one district id")
    created_git = init_workspace(root, force_name or root.name.replace("-", " ").title(), names)
    echo(f"Created a selfassess workspace in {root}")
    if created_git:
        echo("  and a git repository: commit and push it so districts and reviewers can share it.")
    echo("Next: edit selfassess.toml (force, districts), then run 'selfassess fill DISTRICT'.")
    return 0


@cli.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--no-tui", is_flag=True, help="Only create the demo workspace and print its summary.")
@common
def demo(opts: Options, directory: Path | None, no_tui: bool) -> int:
    """Copy the demo workspace to DIRECTORY (default: a new temporary folder) as a git repository
    with one commit per quarter, then open it."""
    from .gitutil import have_git
    from .scaffold import commit_demo_history, copy_demo

    root = (directory or Path(tempfile.mkdtemp(prefix="selfassess-demo-"))).resolve()
    copy_demo(root)
    commits = commit_demo_history(root) if have_git() else 0
    echo(f"Demo workspace: {root}")
    echo(f"  {commits} commits, one per quarter." if commits else "  (git not found: no history.)")
    echo(f"  Explore it: cd {root} && selfassess summary")
    opts.workspace_path = str(root)
    if no_tui or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return summary_text(opts, None)
    return open_tui(opts, "home")


# -- validate and submit -------------------------------------------------------------------------


def _print_findings(findings: list[Any], strict: bool) -> int:
    from .checks import ERROR

    shown = [f.strict() if strict else f for f in findings]
    for finding in shown:
        echo(str(finding))
    errors = sum(1 for f in shown if f.severity == ERROR)
    warnings = len(shown) - errors
    if shown:
        echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    return FINDINGS if errors else 0


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Treat warnings (personal data, stale, overdue) as errors.")
@common
def validate(opts: Options, paths: tuple[str, ...], strict: bool) -> int:
    """Check settings, frameworks, assessments and reviews (default: the whole workspace).

    Prints path:line: error|warning: message; exit 1 when anything is an error.
    """
    from .checks import ERROR, Finding
    from .errors import SettingsError
    from .validate import validate_paths, validate_workspace

    try:
        workspace = opts.workspace()
    except SettingsError as error:
        return _print_findings([Finding(error.path or "", error.line, ERROR, error.message)], strict)
    day = opts.today()
    findings = validate_paths(workspace, paths, day) if paths else validate_workspace(workspace, day)
    code = _print_findings(findings, strict)
    if not findings:
        echo("No problems found.")
    return code


@cli.command()
@click.argument("district")
@click.argument("period")
@click.option("--strict", is_flag=True, help="Treat warnings (personal data, stale, overdue) as errors.")
@common
def submit(opts: Options, district: str, period: str, strict: bool) -> int:
    """Check DISTRICT's PERIOD is complete and mark it submitted."""
    from .submit import submit_assessment

    findings, done = submit_assessment(opts.workspace(), district, period, opts.today(), opts.who(), strict)
    code = _print_findings(findings, strict)
    if done:
        echo(f"{district} {period} submitted.")
    else:
        echo(f"{district} {period} not submitted: fix the errors above first.", err=True)
    return code


# -- summary -------------------------------------------------------------------------------------


def _combined(opts: Options, period: str | None) -> Any:
    from .combine import combine
    from .periods import Period

    if period is not None:
        Period.parse(period)
    return combine(opts.workspace(), period)


def _unreadable(combined: Any) -> int:
    """Report each file of the period that could not be read (an assessment, or a review, whose
    district then counts as unreviewed); exit 1 if any."""
    errors = [error for e in combined.entries.values() for error in (e.error, e.review_error) if error]
    for error in errors:
        echo(f"{error.location()}: error: {error.message}", err=True)
    return FINDINGS if errors else 0


def summary_text(opts: Options, period: str | None) -> int:
    from .summary import render_summary

    combined = _combined(opts, period)
    echo(render_summary(combined, opts.workspace().settings.force))
    return _unreadable(combined)


@cli.command()
@click.argument("period", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common
def summary(opts: Options, period: str | None, fmt: str) -> int:
    """The combined matrix for PERIOD (default: the latest with any assessment): criteria x districts,
    counts per grade, movement since the previous period, and each district's status."""
    if fmt == "text":
        return summary_text(opts, period)
    combined = _combined(opts, period)
    echo(json_text(combined.to_json()))
    return _unreadable(combined)


# -- the screens ---------------------------------------------------------------------------------


@cli.command()
@click.argument("district")
@click.argument("period", required=False)
@common
def fill(opts: Options, district: str, period: str | None) -> int:
    """Fill DISTRICT's assessment for PERIOD (default: the current quarter) in the fill screen."""
    from .periods import Period

    workspace = opts.workspace()
    workspace.check_district(district)
    label = str(Period.parse(period)) if period else workspace.current_period(opts.today())
    return open_tui(opts, "fill", district=district, period=label)


@cli.command()
@click.argument("period", required=False)
@common
def review(opts: Options, period: str | None) -> int:
    """Review all districts for PERIOD (default: the latest with any assessment) in the review screen."""
    from .periods import Period

    workspace = opts.workspace()
    label = str(Period.parse(period)) if period else workspace.latest_period()
    if label is None:
        raise SelfAssessError("no assessments yet: nothing to review", workspace.root)
    return open_tui(opts, "review", period=label)


#: modules under selfassess/commands/ that add their commands to ``cli`` when imported
COMMAND_MODULES: tuple[str, ...] = ("diff", "report")
for _name in COMMAND_MODULES:
    importlib.import_module(f"selfassess.commands.{_name}")


# -- entry point ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the command line; every user mistake is one line on stderr and an exit status, no traceback."""
    try:
        code = cli.main(args=argv, prog_name="selfassess", standalone_mode=False)
    except click.exceptions.Exit as stop:
        code = stop.exit_code
    except click.ClickException as error:  # its message can quote an argument: through the gate
        error.show(file=GatedStream(sys.stderr))
        code = error.exit_code
    except click.Abort:
        echo("Aborted.", err=True)
        code = 1
    except SelfAssessError as error:
        echo(f"selfassess: {error}", err=True)
        code = error.exit_code
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = 0
    except OSError as error:  # a folder that cannot be made, a full disk, a permission: one line
        where = f"{error.filename}: " if error.filename else ""
        echo(f"selfassess: {where}{error.strerror or error}", err=True)
        code = 2
    sys.exit(code if isinstance(code, int) else 0)
