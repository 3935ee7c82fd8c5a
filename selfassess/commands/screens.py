"""``selfassess fill`` and ``selfassess review``: open a screen (Textual is imported only then)."""

from __future__ import annotations

import click

from ..errors import SelfAssessError
from .options import Options, common, open_tui


@click.command()
@click.argument("district")
@click.argument("period", required=False)
@common
def fill(opts: Options, district: str, period: str | None) -> int:
    """Fill DISTRICT's assessment for PERIOD (default: the current quarter) in the fill screen."""
    from ..periods import Period

    workspace = opts.workspace()
    workspace.check_district(district)
    label = str(Period.parse(period)) if period else workspace.current_period(opts.today())
    from ..gitsetup import register_quietly

    register_quietly(workspace.root)
    return open_tui(opts, "fill", district=district, period=label)


@click.command()
@click.argument("period", required=False)
@common
def review(opts: Options, period: str | None) -> int:
    """Review all districts for PERIOD (default: the latest with any assessment) in the review screen."""
    from ..periods import Period

    workspace = opts.workspace()
    label = str(Period.parse(period)) if period else workspace.latest_period()
    if label is None:
        raise SelfAssessError("no assessments yet: nothing to review", workspace.root)
    return open_tui(opts, "review", period=label)
