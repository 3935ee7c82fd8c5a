"""``selfassess import``: a district's existing spreadsheet (.xlsx or .csv) into a draft assessment.

Only click is imported here; the reader (and openpyxl, for a workbook) when the command runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from selfassess.cli.commands.options import Options, common
from selfassess.cli.terminal import echo


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--district", required=True, metavar="D", help="The district the sheet belongs to.")
@click.option("--period", required=True, metavar="YYYY-Qn", help="The quarter to write the draft for.")
@click.option("--sheet", default=None, metavar="NAME", help="The sheet to read (default: one named after "
              "the district, else the first with a header row).")  # fmt: skip
@click.option("--yes", is_flag=True, help="Accept the titles matched only closely (they are listed first).")
@click.option("--force", is_flag=True, help="Replace an existing assessment file (draft or submitted).")
@common
def import_command(
    opts: Options, file: Path, district: str, period: str, sheet: str | None, yes: bool, force: bool
) -> int:
    """Import FILE (.xlsx or .csv), a district's existing self-assessment, as a draft.

    Finds the header row in the first 20 rows; reads criterion ids (else titles), ratings (grade id,
    label, number or first letter, or an empty cell's fill colour), evidence, notes, as-of dates,
    dip samples (Sample and Met, or one cell such as 14/20 or "14 of 20", with Sample from, Sample to
    and Sample source) and actions (one per row). Dates may be YYYY-MM-DD or D/M/YYYY. Prints what
    it could not read as file.xlsx:Sheet1!C14: error: ...
    Exit 1 when anything was skipped (or close title matches await --yes), 2 when nothing could be read.
    """
    from selfassess.core import typed
    from selfassess.sheets.importer import Request, import_sheet

    label = str(typed.period(period))
    if note := typed.understood(period, label):
        echo(f"Period {note}.", err=True)
    request = Request(file, district, label, sheet, yes, force)
    outcome = import_sheet(opts.workspace(), request, opts.today(), opts.who())
    for finding in outcome.findings:
        echo(str(finding))
    for line in outcome.summary:
        echo(line, err=outcome.written is None)
    return outcome.code
