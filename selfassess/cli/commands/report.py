"""``selfassess report``: the quarter's position as Markdown, CSV, JSON or HTML, to stdout or a file.

Only click is imported here; the report package is imported when the command runs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from selfassess.cli.commands.options import Options, common

#: selfassess.report.FORMATS (a test checks they agree), spelled here so that --help imports no report code
FORMATS = ("md", "csv", "json", "html", "xlsx")
SUFFIXES = {".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json", ".html": "html", ".htm": "html"}
SUFFIXES[".xlsx"] = "xlsx"  # a workbook: selfassess.report.xlsx, written only to a file


@click.command("report")
@click.argument("period", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: from the -o file's extension, else md).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Write the report to FILE (default, or '-': standard output). A device or pipe is written "
    "through; a symbolic link only when it leads inside the workspace.",
)
@click.option("--excel", is_flag=True, help="CSV only: start with a UTF-8 byte-order mark for Excel.")
@click.option("--stamp", is_flag=True, help="Add the time of generation (otherwise output is reproducible).")
@common
def report_command(
    opts: Options, period: str | None, fmt: str | None, output: Path | None, excel: bool, stamp: bool
) -> int:
    """A report of PERIOD (default: the latest quarter up to today's with any assessment) for the PCC
    or the inspectorate.

    md: status, heat map, trend and the criteria at the worst grade with evidence and actions;
    csv: one row per criterion x district; json: the full combined view; html: one self-contained
    page for printing or sending. Exit 1 when a district's file could not be read (it is shown as
    invalid); exit 2 for a bad period or no workspace.

    xlsx (needs -o): the heat map with the scale as legend, a sheet per district (which
    'selfassess import' reads back) and the open actions, overdue ones highlighted.
    """
    from selfassess.cli.commands.options import combined_view, report_unreadable
    from selfassess.cli.terminal import echo
    from selfassess.formats.safeio import STDOUT, write_output
    from selfassess.report import build, render_bytes

    if fmt is None:
        fmt = SUFFIXES.get(output.suffix.lower(), "md") if output else "md"
    if excel and fmt != "csv":
        raise click.UsageError("--excel applies only to --format csv")
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs -o FILE (a workbook is not text for a terminal)")
    combined = combined_view(opts, period)
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if stamp else None
    view = build(opts.workspace(), combined, opts.today(), stamp=when)
    data, notes = render_bytes(view, fmt, excel=excel)
    for note in notes:
        echo(f"{output}: note: {note}", err=True)
    write_output(output or STDOUT, data, opts.workspace().root)
    return report_unreadable(combined)
