"""``report --format csv``: one row per criterion × district, safe to open in a spreadsheet.

A workspace that signs commits (its report has a provenance section) gets four more columns at the end,
the district's provenance repeated on each of its rows: ``assessor``, ``reviewed_by``, ``signed_by`` and
``verified`` (``yes``, ``NO: <reasons>``, or empty where verify cannot say), as ``ReportView.provenance``
gives them. A workspace that does not sign keeps exactly the columns it had.

Cells a spreadsheet would take for a formula (starting ``=``, ``+``, ``-``, ``@``, tab or CR) get a
leading apostrophe; ``--excel`` adds a UTF-8 byte-order mark so Excel reads the file as UTF-8.
"""

from __future__ import annotations

import csv
import io

from selfassess.core.model import Criterion
from selfassess.core.vocabulary import CellKind, cell_kind
from selfassess.report.view import ReportView

COLUMNS = (
    "period district theme criterion title rating rating_label previous_rating movement status "
    "actions_open actions_overdue sample_size sample_met sample_share sample_supports"
).split()
#: the provenance columns, after ``COLUMNS``, only for a workspace that signs commits
PROVENANCE_COLUMNS = ("assessor", "reviewed_by", "signed_by", "verified")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value: object) -> object:
    """A string a spreadsheet would evaluate, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def rating_label(view: ReportView, value: str | None, has_assessment: bool) -> str:
    """The grade's label, or the cell in words (a spreadsheet cell stays empty with no assessment)."""
    grade = view.framework.grade(value)
    if grade is not None:
        return grade.label
    kind = cell_kind(view.framework, value, has_assessment) or CellKind.NOT_APPLICABLE
    return "" if kind is CellKind.NO_ASSESSMENT else kind.words


def columns(view: ReportView) -> list[str]:
    """The header: :data:`COLUMNS`, then :data:`PROVENANCE_COLUMNS` for a workspace that signs."""
    return list(COLUMNS) + (list(PROVENANCE_COLUMNS) if view.provenance() is not None else [])


def rows(view: ReportView) -> list[list[object]]:
    combined, result = view.combined, []
    provenance = view.provenance()  # (name, status, assessor, reviewer, signer, verified) per district
    signed = {}
    if provenance is not None:
        signed = {d: list(row[2:]) for d, row in zip(view.districts, provenance, strict=True)}
    for criterion in view.framework.criteria:
        for district in view.districts:
            cell = view.cell(criterion, district)
            actions = view.actions_on(criterion, district)
            result.append(
                [
                    view.period,
                    district,
                    criterion.theme,
                    criterion.id,
                    criterion.title,
                    cell.value or "",
                    rating_label(view, cell.value, combined.has_assessment(district)),
                    cell.previous or "",
                    cell.movement,
                    combined.status(district),
                    len(actions),
                    sum(1 for a in actions if a.overdue),
                    *_sample(view, criterion, district),
                    *signed.get(district, []),
                ]
            )
    return result


def _sample(view: ReportView, criterion: Criterion, district: str) -> list[object]:
    """Cases, met, share (to four places) and the grade the sample supports; empty without one."""
    shown = view.combined.sample_figures(criterion, district)
    if shown is None:
        return ["", "", "", ""]
    return [shown.size, shown.met, round(shown.proportion, 4), shown.supports]


def render_csv(view: ReportView, excel: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns(view))
    for row in rows(view):
        writer.writerow([neutralise(value) for value in row])
    return (BOM if excel else "") + out.getvalue()
