"""``selfassess recommendations``: each inspection item's status for a period, as text, JSON or CSV."""

from __future__ import annotations

import click

from selfassess.cli.commands.options import FINDINGS, Options, common
from selfassess.cli.terminal import echo
from selfassess.core.textgate import json_text


@click.command("recommendations")
@click.argument("period", required=False)
@click.option(
    "--inspection", "inspection_id", metavar="ID", help="Only this inspection (inspections/ID.yaml)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="text: one line per item to read; json or csv for other programs.",
)
@click.option("--strict", is_flag=True, help="Exit 1 when any item is overdue.")
@common
def recommendations(
    opts: Options, period: str | None, inspection_id: str | None, fmt: str, strict: bool
) -> int:
    """Progress on the inspection's recommendations for PERIOD (default: the latest quarter up to
    today's with any assessment): each item's status (overdue, not started, in progress, actions
    complete, closed), its units, the actions addressing it and the grades of its criteria.

    Items come from inspections/<id>.yaml. Exit 1 when a file could not be read (or, with --strict,
    when an item is overdue); 2 for an unknown --inspection."""
    from selfassess.core.periods import Period
    from selfassess.core.vocabulary import ItemStatus
    from selfassess.logic.recommendations import to_json, track

    workspace = opts.workspace()
    today = opts.today()
    label = str(Period.parse(period)) if period else workspace.default_period(today)
    inspections, errors = workspace.inspections()
    if inspection_id is not None:
        from pathlib import Path

        chosen = [i for i in inspections if i.id == inspection_id]
        errors = [e for e in errors if e.path and Path(e.path).stem == inspection_id]
        if not chosen and not errors:
            known = ", ".join(i.id for i in inspections) or "none"
            echo(f"selfassess: no inspection {inspection_id!r} (inspections/: {known})", err=True)
            return 2
        inspections = chosen
    tracker = track(workspace, label, today, inspections, errors)
    framework = workspace.framework
    if fmt == "json":
        echo(json_text(to_json(tracker, framework)))
    elif fmt == "csv":
        from selfassess.cli.recommendations_text import render_tracker_csv

        click.echo(render_tracker_csv(tracker, framework), nl=False)
    elif not inspections and not errors:
        echo("No inspections: add the inspection's findings as inspections/<id>.yaml (see the README).")
    else:
        from selfassess.cli.recommendations_text import render_tracker

        echo(render_tracker(tracker, framework, workspace.settings.force))
    for error in tracker.errors:
        echo(f"{error.location()}: error: {error.message}", err=True)
    if tracker.errors or (strict and tracker.count(ItemStatus.OVERDUE)):
        return FINDINGS
    return 0
