"""``selfassess summary``: the combined matrix of one period, as text or JSON."""

from __future__ import annotations

import click

from selfassess.cli.commands.options import Options, combined_view, common, report_unreadable
from selfassess.cli.terminal import echo
from selfassess.core.textgate import json_text


def summary_text(opts: Options, period: str | None) -> int:
    from selfassess.cli.summary_text import render_summary

    combined = combined_view(opts, period)
    if not any(combined.has_assessment(d) or combined.entries[d].error for d in combined.districts):
        echo(f"No assessments for {combined.period}: no district has one for that period yet.")
        return 0
    echo(render_summary(combined, opts.workspace().settings.force))
    return report_unreadable(combined)


@click.command()
@click.argument("period", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: the matrix to read; json: the same for other programs (districts in settings order).",
)
@common
def summary(opts: Options, period: str | None, fmt: str) -> int:
    """The combined matrix for PERIOD (default: the latest quarter up to today's with any assessment):
    criteria x districts, counts per grade, movement since the previous period, and each district's
    status."""
    if fmt == "text":
        return summary_text(opts, period)
    from selfassess.logic.signoff import for_workspace

    combined = combined_view(opts, period)
    data = combined.to_json()
    signed = for_workspace(opts.workspace().root, combined.period, combined.districts)
    if signed is not None:  # only with allowed_signers: a workspace without behaves as before
        data["verified"] = {district: state.verified for district, state in signed.items()}
    echo(json_text(data))
    return report_unreadable(combined)
