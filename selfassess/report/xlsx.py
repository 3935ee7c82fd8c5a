"""The report as an Excel workbook: the heat map with the scale as its legend, a sheet per district
(criterion, rating, evidence, actions, the dip sample: the shape ``selfassess import`` reads back), the
open actions and, for a workspace that signs commits, the provenance (who submitted, reviewed and signed;
whether it verifies).

Written with xlsxwriter (imported here, only for this format) in memory with a fixed ``created`` date,
so the same data gives the same bytes. Every text is written with ``write_string``: a cell beginning
``=``, ``+``, ``-`` or ``@`` is text, never a formula. Colours come from the framework's scale.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from selfassess.core.colours import hex_colour, text_on
from selfassess.core.errors import SelfAssessError
from selfassess.core.model import Action, Criterion, Response
from selfassess.core.vocabulary import legend, legend_text
from selfassess.report.provenance import HEADER as PROVENANCE_HEADER
from selfassess.report.provenance import NOTE as PROVENANCE_NOTE
from selfassess.report.text import district_name
from selfassess.report.view import ReportView

#: the characters a workbook stores escaped (``_x0001_``)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
#: the most characters a cell holds
CELL_LIMIT = 32767
HEAT_MAP = "Heat map"
OPEN_ACTIONS = "Open actions"
RECOMMENDATIONS = "Recommendations"
PROVENANCE = "Provenance"
TRACKER_COLUMNS = ("Inspection", "Item", "Kind", "What it asks", "Status", "Unit", "Grade", "Actions", "Due")
#: the district sheet's columns, in the words ``selfassess import`` reads back
DISTRICT_COLUMNS = tuple(
    "Criterion|Title|Rating|Evidence|Notes|As of|Action id|Action|Owner|Due|Done|Sample|Met|Share met|"
    "Sample from|Sample to|Sample source|Addresses".split("|")
)
#: the dip sample's columns: cases examined, how many met the standard, the share, the period its cases
#: come from and its source (import reads all but the share back)
SAMPLE_COLUMN = DISTRICT_COLUMNS.index("Sample")
SAMPLE_FROM_COLUMN = DISTRICT_COLUMNS.index("Sample from")
#: where an action's inspection items go in a district's sheet (after the sample's columns)
ADDRESSES_COLUMN = DISTRICT_COLUMNS.index("Addresses")
ACTION_COLUMNS = ("District", "Criterion", "Title", "Action id", "Action", "Owner", "Due", "Overdue")
#: widest a column is made (characters); longer text wraps
WIDEST = 60
DATE_FORMAT = "yyyy-mm-dd"
#: overdue rows: bold on a pale neutral tint (not a grade's colour: the scale is the framework's own)
OVERDUE_FILL = "#fbe3d6"
SHEET_NAME_LIMIT = 31


@dataclass
class _Sheet:
    """One worksheet being written: tracks each column's widest text for the widths at the end."""

    sheet: Any
    formats: _Formats
    notes: list[str]
    widths: dict[int, int] = field(default_factory=dict)

    def text(self, row: int, column: int, value: str, style: Any = None, where: str = "") -> None:
        if len(value) > CELL_LIMIT:
            self.notes.append(
                f"{where or self.sheet.name}: longer than {CELL_LIMIT:,} characters, the most a cell "
                "holds: cut in the workbook"
            )
            value = value[:CELL_LIMIT]
        if where and _CONTROL.search(value):
            self.notes.append(
                f"{where}: holds control characters, stored as Excel stores them (_x0001_ and so on); "
                "Excel and selfassess import read them back"
            )
        if value:
            self.sheet.write_string(row, column, value, style)
        else:
            self.sheet.write_blank(row, column, None, style)  # styled if ``style``, else nothing
        longest = max((len(line) for line in value.splitlines()), default=0)
        self.widths[column] = max(self.widths.get(column, 0), longest)

    def day(self, row: int, column: int, value: date | None, style: Any = None) -> None:
        if value is None:
            return
        self.sheet.write_datetime(row, column, datetime.combine(value, time()), style or self.formats.date)
        self.widths[column] = max(self.widths.get(column, 0), 10)

    def header(self, row: int, names: Iterable[str]) -> None:
        for column, name in enumerate(names):
            self.text(row, column, name, self.formats.header)

    def fit(self, minimum: int = 6) -> None:
        for column, width in self.widths.items():
            self.sheet.set_column(column, column, min(max(width, minimum) + 2, WIDEST))


class _Formats:
    """The workbook's formats, one per grade colour, made once each."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.header = book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.top = book.add_format({"valign": "top"})
        self.date = book.add_format({"num_format": DATE_FORMAT, "valign": "top"})
        self.bold = book.add_format({"bold": True})
        self.share = book.add_format({"num_format": "0.0%", "valign": "top"})
        self.overdue = book.add_format({"bold": True, "bg_color": OVERDUE_FILL, "valign": "top"})
        self.overdue_date = book.add_format(
            {"bold": True, "bg_color": OVERDUE_FILL, "num_format": DATE_FORMAT, "valign": "top"}
        )
        self._fills: dict[str, Any] = {}

    def fill(self, colour: str) -> Any:
        """A centred cell filled with a framework colour and text that stays readable on it."""
        background = hex_colour(colour)
        if background is None:
            return self.top
        if background not in self._fills:
            self._fills[background] = self.book.add_format(
                {"bg_color": background, "font_color": text_on(background), "valign": "top", "border": 1}
            )
        return self._fills[background]


def _sheet_names(districts: Iterable[str]) -> dict[str, str]:
    """A worksheet name for each district: its id, cut to Excel's 31 characters, made unique."""
    names: dict[str, str] = {}
    taken = {name.casefold() for name in (HEAT_MAP, OPEN_ACTIONS, RECOMMENDATIONS, PROVENANCE)}
    for district in districts:
        name = district[:SHEET_NAME_LIMIT]
        number = 2
        while name.casefold() in taken:
            suffix = f"-{number}"
            name = district[: SHEET_NAME_LIMIT - len(suffix)] + suffix
            number += 1
        taken.add(name.casefold())
        names[district] = name
    return names


def _heat_map(view: ReportView, page: _Sheet) -> None:
    fw, formats = view.framework, page.formats
    page.text(0, 0, f"{view.force}: {fw.title}, {view.period}", formats.title)
    page.text(
        1, 0,
        f"As at {view.today.isoformat()}. Marks show movement since {view.combined.previous_label}: "
        f"{legend_text(', ', cells=())}.",
    )  # fmt: skip
    page.header(3, ["Theme", "Criterion", "Title", *(district_name(d) for d in view.districts)])
    page.text(4, 2, "Status", formats.bold)
    for offset, district in enumerate(view.districts):
        page.text(4, 3 + offset, view.combined.status(district), formats.bold)
    row = 5
    for theme in fw.themes:
        for criterion in theme.criteria:
            page.text(row, 0, theme.title, formats.top)
            page.text(row, 1, criterion.id, formats.top)
            page.text(row, 2, criterion.title, formats.top)
            for offset, district in enumerate(view.districts):
                cell = view.cell(criterion, district)
                shown = f"{cell.text} {cell.sign}" if cell.sign else cell.text
                style = formats.fill(cell.grade.colour) if cell.grade is not None else formats.top
                page.text(row, 3 + offset, shown, style)
            row += 1
    page.sheet.freeze_panes(5, 3)
    page.widths[0] = min(page.widths.get(0, 0), 24)
    page.widths[2] = min(page.widths.get(2, 0), 48)
    row = _counts(view, page, row + 1)
    _legend(view, page, row + 1)


def _counts(view: ReportView, page: _Sheet, row: int) -> int:
    """How many criteria each district has at each grade (then n/a, not rated); the last row used."""
    page.text(row, 2, "Criteria at each grade", page.formats.bold)
    grades = {g.id: g for g in view.framework.scale}
    for key, words in view.count_keys():
        row += 1
        grade = grades.get(key)
        page.text(row, 2, words, page.formats.fill(grade.colour) if grade else page.formats.top)
        for offset, district in enumerate(view.districts):
            if view.combined.has_assessment(district):
                page.sheet.write_number(
                    row, 3 + offset, view.combined.counts(district)[key], page.formats.top
                )
    return row


def _legend(view: ReportView, page: _Sheet, row: int) -> None:
    """The framework's scale, worst first, each grade in its own colour; then the other symbols."""
    formats = page.formats
    page.text(row, 1, "Scale", formats.bold)
    page.text(row, 2, "Key, meaning", formats.bold)
    for grade in view.framework.scale:
        row += 1
        page.text(row, 1, grade.label, formats.fill(grade.colour))
        page.text(row, 2, f"{grade.number}  {grade.meaning}".rstrip(), formats.top)
    for symbol, meaning in legend(movement=False):
        row += 1
        page.text(row, 1, symbol, formats.top)
        page.text(row, 2, meaning, formats.top)


def _district(view: ReportView, district: str, page: _Sheet) -> None:
    formats = page.formats
    assessment = view.combined.entries[district].assessment
    page.header(0, DISTRICT_COLUMNS)
    row = 1
    for criterion in view.framework.criteria:
        if not view.combined.asked(criterion, district):
            continue
        response = (assessment.get(criterion.id) if assessment else None) or Response()
        row = _district_rows(view, page, row, criterion, response, f"{district} {criterion.id}")
    page.sheet.freeze_panes(1, 2)
    page.sheet.autofilter(0, 0, max(row - 1, 1), len(DISTRICT_COLUMNS) - 1)
    for column in (3, 4, 7):
        page.sheet.set_column(column, column, WIDEST, formats.wrap)
        page.widths.pop(column, None)


def _district_rows(
    view: ReportView, page: _Sheet, row: int, criterion: Criterion, response: Response, where: str
) -> int:
    """One row for the criterion, and one more for each action after the first; the next free row."""
    formats = page.formats
    page.text(row, 0, criterion.id, formats.top)
    page.text(row, 1, criterion.title, formats.wrap)
    grade = view.framework.grade(response.rating)
    if response.not_applicable is not None:
        page.text(row, 2, "n/a", formats.top)
        page.text(row, 3, response.evidence or response.not_applicable, formats.wrap, f"{where} evidence")
    else:
        if grade is not None:
            page.text(row, 2, grade.label, formats.fill(grade.colour))
        if response.evidence:
            page.text(row, 3, response.evidence, formats.wrap, f"{where} evidence")
    if response.notes:
        page.text(row, 4, response.notes, formats.wrap, f"{where} notes")
    page.day(row, 5, response.as_of)
    if response.sample is not None:
        sample = response.sample
        page.sheet.write_number(row, SAMPLE_COLUMN, sample.size, formats.top)
        page.sheet.write_number(row, SAMPLE_COLUMN + 1, sample.met, formats.top)
        page.sheet.write_number(row, SAMPLE_COLUMN + 2, sample.met / sample.size, formats.share)
        for column in range(SAMPLE_COLUMN, SAMPLE_COLUMN + 3):
            page.widths[column] = max(page.widths.get(column, 0), 9)
        page.day(row, SAMPLE_FROM_COLUMN, sample.start)
        page.day(row, SAMPLE_FROM_COLUMN + 1, sample.end)
        if sample.source:
            page.text(row, SAMPLE_FROM_COLUMN + 2, sample.source, formats.wrap, f"{where} sample source")
    for index, action in enumerate(response.actions):
        if index:
            row += 1
            page.text(row, 0, criterion.id, formats.top)
        _action_cells(page, row, action, where)
    return row + 1


def _action_cells(page: _Sheet, row: int, action: Action, where: str) -> None:
    formats = page.formats
    page.text(row, 6, action.id, formats.top)
    page.text(row, 7, action.action, formats.wrap, f"{where} action {action.id}")
    if action.owner:
        page.text(row, 8, action.owner, formats.top)
    page.day(row, 9, action.due)
    if isinstance(action.done, date):
        page.day(row, 10, action.done)
    if action.addresses:
        page.text(row, ADDRESSES_COLUMN, " ".join(sorted(action.addresses)), formats.top)


def _open_actions(view: ReportView, page: _Sheet) -> None:
    formats = page.formats
    page.header(0, ACTION_COLUMNS)
    actions = view.open_actions()
    for row, item in enumerate(actions, start=1):
        style, day_style = (formats.overdue, formats.overdue_date) if item.overdue else (formats.top, None)
        criterion = view.framework.criterion(item.criterion)
        page.text(row, 0, district_name(item.district), style)
        page.text(row, 1, item.criterion, style)
        page.text(row, 2, criterion.title if criterion else "", style)
        page.text(row, 3, item.action.id, style)
        page.text(row, 4, item.action.action, style, f"{item.district} action {item.action.id}")
        page.text(row, 5, item.action.owner, style)
        page.day(row, 6, item.action.due, day_style)
        page.text(row, 7, "overdue" if item.overdue else "", style)
    page.sheet.freeze_panes(1, 0)
    page.sheet.autofilter(0, 0, max(len(actions), 1), len(ACTION_COLUMNS) - 1)
    page.widths[2] = min(page.widths.get(2, 0), 40)


def _recommendations(view: ReportView, page: _Sheet) -> None:
    """One row per inspection item and unit: its status, the unit's grade and actions (an item's rows
    stay together: sorted as the inspection lists them)."""
    tracker = view.tracker
    assert tracker is not None
    formats = page.formats
    page.header(0, TRACKER_COLUMNS)
    row = 1
    for inspection, items in tracker.inspections:
        for progress in items:
            for unit in progress.units:
                actions = [a for a in progress.actions if a.unit == unit]
                grade = view.framework.grade(progress.grades.get(unit))
                page.text(row, 0, inspection.id, formats.top)
                page.text(row, 1, progress.item.id, formats.top)
                page.text(row, 2, progress.item.kind, formats.top)
                page.text(row, 3, progress.item.text, formats.wrap, f"{progress.item.ref} text")
                page.text(
                    row,
                    4,
                    progress.status.words,
                    formats.overdue if progress.status == "overdue" else formats.top,
                )
                page.text(row, 5, district_name(unit), formats.top)
                if grade is not None:
                    page.text(row, 6, grade.label, formats.fill(grade.colour))
                said = "; ".join(f"{a.action.id} {a.action.action}" for a in actions) or "no action"
                page.text(row, 7, said, formats.wrap, f"{progress.item.ref} actions")
                page.day(row, 8, progress.item.due)
                row += 1
    page.sheet.freeze_panes(1, 0)
    page.sheet.autofilter(0, 0, max(row - 1, 1), len(TRACKER_COLUMNS) - 1)
    page.widths[3] = min(page.widths.get(3, 0), 50)
    page.widths[7] = min(page.widths.get(7, 0), 50)


def _provenance(rows: list[tuple[str, ...]], page: _Sheet) -> None:
    """The report's provenance section: the note on what verified means, then one row per district."""
    formats = page.formats
    page.sheet.merge_range(0, 0, 0, len(PROVENANCE_HEADER) - 1, "", formats.wrap)
    page.text(0, 0, PROVENANCE_NOTE, formats.wrap)
    page.sheet.set_row(0, 60)
    page.widths.pop(0, None)
    page.header(2, PROVENANCE_HEADER)
    for row, values in enumerate(rows, start=3):
        for column, value in enumerate(values):
            page.text(row, column, value or "none", formats.wrap if column == 5 else formats.top)
    page.sheet.freeze_panes(3, 1)
    page.widths[5] = min(page.widths.get(5, 0), 50)


def _created(view: ReportView) -> datetime:
    """The workbook's ``created`` date: the generation time with ``--stamp``, else the report's day."""
    if view.stamp:
        try:
            return datetime.strptime(view.stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime.combine(view.today, time(), tzinfo=UTC)


def render_xlsx(view: ReportView) -> tuple[bytes, list[str]]:
    """The workbook's bytes, and notes for the user (text cut to fit a cell)."""
    try:
        import xlsxwriter
    except ImportError:
        raise SelfAssessError(
            "--format xlsx needs xlsxwriter, which did not install: pip install xlsxwriter"
        ) from None
    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    }
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties(
        {"title": f"{view.force}: {view.period}", "created": _created(view), "author": "selfassess"}
    )
    formats = _Formats(book)
    notes: list[str] = []
    if view.tracker is not None:
        tracker = _Sheet(book.add_worksheet(RECOMMENDATIONS), formats, notes)
        _recommendations(view, tracker)
        tracker.fit()
    heat = _Sheet(book.add_worksheet(HEAT_MAP), formats, notes)
    _heat_map(view, heat)
    heat.fit()
    names = _sheet_names(view.districts)
    for district in view.districts:
        if view.combined.entries[district].assessment is None:
            continue
        page = _Sheet(book.add_worksheet(names[district]), formats, notes)
        _district(view, district, page)
        page.fit()
    actions = _Sheet(book.add_worksheet(OPEN_ACTIONS), formats, notes)
    _open_actions(view, actions)
    actions.fit()
    provenance = view.provenance()
    if provenance is not None:  # only a workspace that signs commits has the section
        signed = _Sheet(book.add_worksheet(PROVENANCE), formats, notes)
        _provenance(provenance, signed)
        signed.fit()
    book.close()
    return buffer.getvalue(), notes
