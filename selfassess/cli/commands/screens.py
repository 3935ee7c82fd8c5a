"""``selfassess fill`` and ``selfassess review``: open a screen (Textual is imported only then)."""

from __future__ import annotations

import click

from selfassess.cli.commands.options import Options, common, open_tui
from selfassess.core.errors import SelfAssessError


@click.command()
@click.argument("district")
@click.argument("period", required=False)
@click.option("--future", is_flag=True, help="Allow a PERIOD after today's quarter (an early start).")
@common
def fill(opts: Options, district: str, period: str | None, future: bool) -> int:
    """Fill DISTRICT's assessment for PERIOD in the fill screen.

    PERIOD is a quarter written YYYY-Qn, e.g. 2026-Q4 (the workspace's calendar says which months it
    covers); default: today's quarter (by --as-of). A quarter after today's needs --future.
    """
    from selfassess.core import typed

    workspace = opts.workspace()
    workspace.check_district(district)
    today = opts.today()
    label = str(typed.period(period)) if period else workspace.current_period(today)
    if workspace.is_future(label, today) and not future:
        raise click.UsageError(
            f"{label} is after today's quarter ({workspace.current_period(today)}); "
            "add --future to start it early"
        )
    from selfassess.workspace.gitsetup import register_quietly

    register_quietly(workspace.root)
    return open_tui(opts, "fill", district=district, period=label)


@click.command()
@click.argument("period", required=False)
@common
def review(opts: Options, period: str | None) -> int:
    """Review all districts for PERIOD in the review screen (default: the latest quarter not after
    today's with any assessment)."""
    from selfassess.core import typed

    workspace = opts.workspace()
    if not period and not workspace.periods():
        raise SelfAssessError("no assessments yet: nothing to review", workspace.root)
    label = str(typed.period(period)) if period else workspace.default_period(opts.today())
    return open_tui(opts, "review", period=label)
