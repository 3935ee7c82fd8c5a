"""What every command shares: the common options, the workspace they name, and opening a screen.

Only click is imported here; a command imports what does its work when it runs.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from selfassess.cli.terminal import echo

if TYPE_CHECKING:
    from selfassess.logic.combine import Combined
    from selfassess.workspace.workspace import Workspace

#: the exit status for findings (SPEC §5)
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
            from selfassess.workspace.workspace import Workspace, find_workspace

            self._workspace = Workspace(find_workspace(self.workspace_path))
        return self._workspace

    def today(self) -> date:
        from selfassess.workspace.workspace import today

        return today(self.as_of)

    def who(self) -> str:
        from selfassess.workspace.workspace import who

        return who(self.as_name)


COMMON = (
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

    for option in reversed(COMMON):
        wrapper = option(wrapper)
    return wrapper


#: the command that opens each screen, for "needs a terminal"
SCREEN_COMMANDS = {"home": "selfassess", "fill": "selfassess fill", "review": "selfassess review"}


def has_terminal() -> bool:
    """Whether a screen can run: stdin and stdout are both terminals."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def open_tui(opts: Options, screen: str, **arguments: Any) -> int:
    """Start the Textual app on ``screen``; imported here so other commands never load Textual.

    Without a terminal (stdin and stdout) it says so at once and returns 2 (SPEC §5).
    """
    if not has_terminal():
        command = SCREEN_COMMANDS.get(screen, "selfassess")
        echo(f"{command} needs a terminal (stdin and stdout); for text, use 'selfassess summary'", err=True)
        return 2
    from selfassess.tui.app import run

    return run(opts.workspace(), today=opts.today(), user=opts.who(), screen=screen, **arguments)


def combined_view(opts: Options, period: str | None) -> Combined:
    """The combined view of ``period`` (checked first: a bad period is a usage error)."""
    from selfassess.core import typed
    from selfassess.logic.combine import combine

    if period is not None:
        label = str(typed.period(period))
        if note := typed.understood(period, label):
            echo(f"Period {note}.", err=True)
        period = label
    return combine(opts.workspace(), period, opts.today())


def report_unreadable(combined: Combined) -> int:
    """Each file of the view that could not be read (an assessment, or a review, whose district then
    counts as unreviewed), on stderr; FINDINGS when there is one."""
    errors = [error for e in combined.entries.values() for error in (e.error, e.review_error) if error]
    for error in errors:
        echo(f"{error.location()}: error: {error.message}", err=True)
    return FINDINGS if errors else 0
