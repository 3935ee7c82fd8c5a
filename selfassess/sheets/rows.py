"""Rows of a district's sheet -> responses: each row matched to a criterion (by id, else by title, exactly
or closely), its rating, evidence, notes, as-of date and any action read; every cell that cannot be
read becomes a finding at its sheet, row and column.

A row with a blank criterion (and no title) continues the criterion above: several action rows per
criterion, and merged cells, which read-only openpyxl gives as one value and blanks below it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from selfassess.core import typed
from selfassess.core.errors import SelfAssessError
from selfassess.core.inspection import ADDRESS_RE
from selfassess.core.model import (
    MAX_SAMPLE_SIZE,
    NOT_APPLICABLE,
    Action,
    Criterion,
    Framework,
    Response,
    Sample,
)
from selfassess.sheets.columns import Layout, normalise
from selfassess.sheets.grid import Cell, Sheet, place
from selfassess.sheets.ratings import Scale
from selfassess.sheets.values import text, to_date, to_done

ERROR = "error"
WARNING = "warning"
NOTE = "note"
#: how alike (difflib ratio) a title must be to be offered as a match
CLOSE = 0.8


@dataclass(frozen=True)
class Finding:
    """One line of the import report: ``file.xlsx:Sheet1!C14: error: message``."""

    where: str
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"


@dataclass
class Draft:
    """What was read: responses by criterion id, findings, and the titles matched only closely."""

    responses: dict[str, Response] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    fuzzy: list[Finding] = field(default_factory=list)
    rows: int = 0
    #: each text value's cell, for the personal-data check: (criterion, field, where, text)
    texts: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def skipped(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)


@dataclass
class _Reader:
    sheet: Sheet
    shown: str
    layout: Layout
    framework: Framework
    applicable: tuple[Criterion, ...]
    scale: Scale
    today: date
    #: the workspace's quarters (``calendar`` or ``financial``): where a typed quarter starts and ends
    quarters: str = "calendar"
    draft: Draft = field(default_factory=Draft)
    _ratings: dict[str, tuple[str, str]] = field(default_factory=dict)
    _reported: set[tuple[int, str]] = field(default_factory=set)

    # -- cells ----------------------------------------------------------------------------------
    def at(self, row: int, role: str) -> Cell:
        """The row's cell for ``role``; one whose value cannot be used is reported and read as empty."""
        column = self.layout.columns.get(role)
        cell = self.sheet.cell(row, column) if column is not None else Cell()
        if cell.problem is None:
            return cell
        if (row, role) not in self._reported:
            self._reported.add((row, role))
            self.finding(row, role, ERROR, f"{cell.problem}; read as empty")
        return Cell(None, cell.fill)

    def has_data(self, row: int) -> bool:
        """Whether the row holds anything beyond a criterion's id and title (else it is a heading)."""
        column_roles = [r for r in self.layout.columns if r not in ("criterion", "title")]
        cells = [self.sheet.cell(row, self.layout.columns[r]) for r in column_roles]
        return any(c.value is not None or c.problem is not None for c in cells)

    def where(self, row: int, role: str | None = None) -> str:
        column = self.layout.columns.get(role) if role else None
        return place(self.shown, self.sheet, row, column)

    def finding(self, row: int, role: str | None, severity: str, message: str) -> None:
        self.draft.findings.append(Finding(self.where(row, role), severity, message))

    def column_name(self, role: str) -> str:
        return self.layout.names.get(self.layout.columns[role], role)

    # -- matching criteria ----------------------------------------------------------------------
    def match(self, row: int) -> Criterion | None:
        """The criterion this row is about; None when it matches none (with a finding, unless the row
        holds nothing else: a theme's heading, say)."""
        ident, title = text(self.at(row, "criterion").value).strip(), text(self.at(row, "title").value)
        if ident:
            found = self._by_id(ident)
            if found is not None or not title.strip():
                if found is None and self.has_data(row):
                    self._unknown_id(row, ident)
                return found
        found = self._by_title(row, title)
        if found is None and self.has_data(row):
            shown = f"criterion {ident!r}" if ident else f"title {title.strip()!r}"
            self.finding(
                row, "criterion" if ident else "title", ERROR, f"{shown} matches no criterion; row skipped"
            )
        return found

    def _by_id(self, ident: str) -> Criterion | None:
        wanted = normalise(ident)
        for criterion in self.framework.criteria:
            if normalise(criterion.id) == wanted or any(
                normalise(old) == wanted for old in criterion.replaces
            ):
                return criterion
        return None

    def _unknown_id(self, row: int, ident: str) -> None:
        if any(normalise(r.id) == normalise(ident) for r in self.framework.retired):
            why = "is retired from this framework"
        else:
            why = f"is not in framework {self.framework.id} {self.framework.version}"
        self.finding(row, "criterion", ERROR, f"criterion {ident!r} {why}; row skipped")

    def _by_title(self, row: int, title: str) -> Criterion | None:
        wanted = _words(title)
        if not wanted:
            return None
        titles = {
            " ".join(normalise(w) for w in c.title.split() if normalise(w)): c
            for c in self.framework.criteria
        }
        if wanted in titles:
            return titles[wanted]
        close = difflib.get_close_matches(wanted, list(titles), n=1, cutoff=CLOSE)
        if not close:
            return None
        criterion = titles[close[0]]
        self.draft.fuzzy.append(
            Finding(
                self.where(row, "title"),
                NOTE,
                f"title {title.strip()!r} taken as {criterion.id} {criterion.title!r}",
            )
        )
        return criterion

    # -- one row --------------------------------------------------------------------------------
    def read_row(self, row: int, criterion: Criterion) -> None:
        response = self.draft.responses.setdefault(criterion.id, Response())
        self._rating(row, criterion, response)
        for role in ("evidence", "notes"):
            value = text(self.at(row, role).value)
            current = getattr(response, role)
            if value and value != current:
                setattr(response, role, f"{current}\n{value}" if current else value)
                self.draft.texts.append((criterion.id, role, self.where(row, role), value))
        self._as_of(row, criterion, response)
        self._sample(row, criterion, response)
        self._action(row, criterion, response)

    def _sample(self, row: int, criterion: Criterion, response: Response) -> None:
        """A dip sample from "Sample" and "Met" columns, or "14 of 20" / "14/20" in one cell; with the
        period its cases come from ("Sample from", "Sample to") and its source ("Sample source")."""
        counts = self.at(row, "counts").value
        size, met = self.at(row, "sample").value, self.at(row, "met").value
        if counts is None and size is None and met is None:
            extra = next((r for r in SAMPLE_DETAILS if self.at(row, r).value is not None), None)
            if extra is not None:
                self.finding(
                    row,
                    extra,
                    ERROR,
                    f"{self.column_name(extra)} given with no sample (cases and met); ignored",
                )
            return
        role = "counts" if counts is not None else "sample" if size is not None else "met"
        read = _counts(counts) if counts is not None else _counts(size) if isinstance(size, str) else None
        if read is None:
            read = (_whole(met), _whole(size))
        found, total = read
        if found is None or total is None or total < 1 or not 0 <= found <= total or total > MAX_SAMPLE_SIZE:
            shown = (
                " of ".join(text(v) for v in (met, size) if v is not None) if counts is None else text(counts)
            )
            self.finding(
                row, role, ERROR, f"{shown!r} is not a sample (met of cases, e.g. 14 of 20); ignored"
            )
            return
        if criterion.sample is None:
            self.finding(
                row, role, ERROR, f"framework defines no dip sample for {criterion.id}; sample ignored"
            )
            return
        days = self._sample_day(row, "sample_from"), self._sample_day(row, "sample_to", last=True)
        if _UNREAD in days:
            return
        start, end = (day if isinstance(day, date) else None for day in days)
        if start is not None and end is not None and start > end:
            self.finding(row, "sample_from", ERROR, f"sample from {start} is after to {end}; sample ignored")
            return
        source = text(self.at(row, "sample_source").value).strip()
        if source:
            self.draft.texts.append((criterion.id, "sample source", self.where(row, "sample_source"), source))
        response.sample = Sample(size=total, met=found, start=start, end=end, source=source)

    def _sample_day(self, row: int, role: str, last: bool = False) -> date | str | None:
        """A sample's from (or, ``last``, to) date: a date as ``as of`` takes it, or a quarter
        (``2026-Q3``: its first day, or its last); None when empty, :data:`_UNREAD` when unreadable
        (reported)."""
        value = self.at(row, role).value
        if value is None:
            return None
        if isinstance(value, str) and _QUARTER.match(value):
            try:
                quarter = typed.period(value)
            except SelfAssessError:
                quarter = None
            if quarter is not None:
                return quarter.end(self.quarters) if last else quarter.start(self.quarters)
        day = to_date(value, self.sheet.epoch)
        if day is None:
            self.finding(
                row, role, ERROR,
                f"{text(value)!r} is not a date ({typed.DATE_FORMS}) or a quarter (2026-Q3); sample ignored",
            )  # fmt: skip
            return _UNREAD
        return day

    def _rating(self, row: int, criterion: Criterion, response: Response) -> None:
        if "rating" not in self.layout.columns or self.sheet.cell(row, self.layout.columns["rating"]).problem:
            self.at(row, "rating")  # reports the problem
            return
        cell = self.at(row, "rating")
        if cell.value is not None:
            grade = self.scale.read(cell.value)
            if grade is None:
                self.finding(
                    row, "rating", ERROR,
                    f"rating {text(cell.value)!r} is not a grade of the scale "
                    f"({self.scale.describe(self.framework)}); {criterion.id} left unrated",
                )  # fmt: skip
                return
        elif cell.fill is not None and cell.fill != "#ffffff":
            grade = self.scale.by_colour(cell.fill)
            if grade is None:
                self.finding(
                    row, "rating", ERROR,
                    f"empty rating filled {cell.fill}, which is near no grade's colour; "
                    f"{criterion.id} left unrated",
                )  # fmt: skip
                return
        else:
            return
        if not grade:
            return
        earlier = self._ratings.get(criterion.id)
        if earlier is not None and earlier[0] != grade:
            self.finding(
                row, "rating", ERROR,
                f"{criterion.id} is rated again, differently ({text(cell.value) or cell.fill}); "
                f"kept the rating at {earlier[1]}",
            )  # fmt: skip
            return
        self._ratings[criterion.id] = (grade, self.where(row, "rating"))

    def _as_of(self, row: int, criterion: Criterion, response: Response) -> None:
        value = self.at(row, "as_of").value
        if value is None:
            return
        day = to_date(value, self.sheet.epoch)
        if day is None:
            self.finding(row, "as_of", ERROR, f"{text(value)!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)")
        elif response.as_of is None:
            response.as_of = day

    def _action(self, row: int, criterion: Criterion, response: Response) -> None:
        words = text(self.at(row, "action").value).strip()
        others = [r for r in ("owner", "due", "done") if self.at(row, r).value is not None]
        if not words:
            if others:
                self.finding(
                    row, others[0], ERROR, f"{self.column_name(others[0])} given with no action; ignored"
                )
            return
        due_value, done_value = self.at(row, "due").value, self.at(row, "done").value
        due = to_date(due_value, self.sheet.epoch) if due_value is not None else None
        if due_value is not None and due is None:
            self.finding(row, "due", ERROR, f"{text(due_value)!r} is not a date; the action has no due date")
        done = to_done(done_value, self.sheet.epoch, self.today)
        if done is None:
            self.finding(
                row, "done", ERROR, f"{text(done_value)!r} is neither yes, no nor a date; read as not done"
            )
            done = False
        ident = text(self.at(row, "action_id").value).strip()
        addresses = self._addresses(row)
        action = Action(ident, words, text(self.at(row, "owner").value).strip(), due, done, addresses)
        response.actions.append(action)
        self.draft.texts.append((criterion.id, "action", self.where(row, "action"), words))

    def _addresses(self, row: int) -> tuple[str, ...]:
        """The inspection items an action addresses: ``ncpi-2014/R1`` forms, separated by spaces, commas
        or semicolons; anything else is a finding and left out."""
        value = self.at(row, "addresses").value
        found: list[str] = []
        for word in re.split(r"[\s,;]+", text(value).strip()) if value is not None else []:
            if not word:
                continue
            if ADDRESS_RE.fullmatch(word):
                if word not in found:
                    found.append(word)
            else:
                self.finding(
                    row,
                    "addresses",
                    ERROR,
                    f"{word!r} is not <inspection>/<item> (as ncpi-2014/R1); left out",
                )
        return tuple(sorted(found))

    # -- the sheet ------------------------------------------------------------------------------
    def read(self) -> Draft:
        current: Criterion | None = None
        for row in range(self.layout.header + 1, len(self.sheet.rows)):
            if all(c.value is None and c.problem is None for c in self.sheet.rows[row]):
                continue  # a blank row (or one only coloured)
            named = any(self.at(row, r).value is not None for r in ("criterion", "title"))
            if named:
                current = self.match(row)
                if current is not None and current not in self.applicable and not self.has_data(row):
                    current = None  # a row for a criterion not asked here, holding nothing: passed over
                elif current is not None and current not in self.applicable:
                    self.finding(
                        row, "criterion", ERROR, f"{current.id} does not apply to this district; row skipped"
                    )
                    current = None
                if current is None:
                    continue
            elif current is None:
                self.finding(row, None, ERROR, "row names no criterion (and none above it); skipped")
                continue
            self.read_row(row, current)
            self.draft.rows += 1
        self._settle()
        return self.draft

    def _settle(self) -> None:
        """Ratings onto responses; ``n/a`` takes its reason from the evidence (or notes)."""
        for criterion_id, (grade, where) in self._ratings.items():
            response = self.draft.responses[criterion_id]
            if grade != NOT_APPLICABLE:
                response.rating = grade
                continue
            reason = response.evidence.strip() or response.notes.strip()
            if not reason:
                reason = "Not applicable (imported)"
                self.draft.findings.append(
                    Finding(where, WARNING, f"{criterion_id} is n/a with no reason; recorded as {reason!r}")
                )
            response.not_applicable = reason
            if response.sample is not None:
                response.sample = None
                self.draft.findings.append(
                    Finding(where, WARNING, f"{criterion_id} is n/a: its sample is not recorded")
                )
            if response.evidence.strip() == reason:
                response.evidence = ""
            elif response.notes.strip() == reason:
                response.notes = ""


#: a sample's date cell that could not be read (and was reported)
_UNREAD = "unreadable"
#: a sample's columns beside its counts, which mean nothing without them
SAMPLE_DETAILS = ("sample_from", "sample_to", "sample_source")
#: a quarter typed in a date cell (``2026-Q3``, ``2026-q3``): what :func:`typed.period` reads
_QUARTER = re.compile(r"^\s*\d{4}-[qQ][1-4]\s*$")
_COUNTS = re.compile(r"^\s*(\d+)\s*(?:of|out\s+of|/)\s*(\d+)\s*$", re.IGNORECASE)


def _counts(value: object) -> tuple[int | None, int | None] | None:
    """(met, size) from "14 of 20", "14 out of 20" or "14/20"; None when the cell says neither."""
    match = _COUNTS.match(text(value))  # type: ignore[arg-type]  # any cell value
    return (int(match.group(1)), int(match.group(2))) if match else None


def _whole(value: object) -> int | None:
    """A whole number from a cell (12, 12.0 or "12"); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _words(title: str) -> str:
    """A title's words, normalised, one space apart: what title matching compares."""
    return " ".join(word for word in (normalise(w) for w in title.split()) if word)


def read_rows(
    sheet: Sheet,
    shown: str,
    layout: Layout,
    framework: Framework,
    applicable: tuple[Criterion, ...],
    today: date,
    quarters: str = "calendar",
) -> Draft:
    """Read a district's sheet, whose header ``layout`` was found, into responses and findings."""
    return _Reader(sheet, shown, layout, framework, applicable, Scale.of(framework), today, quarters).read()
