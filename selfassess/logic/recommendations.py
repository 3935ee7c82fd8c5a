"""Each inspection item's status for a period, computed once for every output (SPEC §3, Inspections).

Let D be the earlier of today and the period's end, so a past quarter's answer never changes. An
item's actions are those addressing it in its units' files for the period, plus those done in their
units' earlier files (a done action is not carried forward). First match wins: ``closed`` (closed on or
before D), ``overdue`` (an action overdue at D, or the item's ``due`` before D with no action or an open
one), ``not-started`` (no action), ``actions-complete`` (every action done by D), ``in-progress``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from selfassess.core.errors import SelfAssessError
from selfassess.core.inspection import Inspection, InspectionItem
from selfassess.core.model import FORCE_WIDE, NOT_APPLICABLE, Action, Assessment, Framework
from selfassess.core.periods import Period
from selfassess.core.vocabulary import ItemStatus, grade_and_movement
from selfassess.workspace.workspace import Workspace

CLOSED = ItemStatus.CLOSED
OVERDUE = ItemStatus.OVERDUE
NOT_STARTED = ItemStatus.NOT_STARTED
ACTIONS_COMPLETE = ItemStatus.ACTIONS_COMPLETE
IN_PROGRESS = ItemStatus.IN_PROGRESS


@dataclass(frozen=True)
class Addressing:
    """One action that addresses an item: where it is and what it says."""

    unit: str
    criterion: str
    action: Action
    period: str

    def done_by(self, day: date) -> bool:
        done = self.action.done
        return done is True or (isinstance(done, date) and done <= day)


@dataclass
class ItemProgress:
    """One item's standing in one period."""

    item: InspectionItem
    status: ItemStatus
    units: tuple[str, ...]
    actions: list[Addressing] = field(default_factory=list)
    #: the worst current grade of the item's criteria in each unit (None: not rated, or no file)
    grades: dict[str, str | None] = field(default_factory=dict)
    #: each unit's movement since the previous period (better, worse, same, rated, unrated or '')
    movement: dict[str, str] = field(default_factory=dict)
    closed_on: date | None = None
    #: each unit's own status, by the same rules over that unit's actions only
    unit_status: dict[str, ItemStatus] = field(default_factory=dict)

    @property
    def units_without_action(self) -> tuple[str, ...]:
        acting = {a.unit for a in self.actions}
        return tuple(u for u in self.units if u not in acting)

    def grade_words(self, framework: Framework, unit: str) -> str:
        """``Amber ▼``: the unit's grade and its movement sign (``vocabulary.grade_and_movement``)."""
        return grade_and_movement(framework, self.grades.get(unit), self.movement.get(unit, ""))


@dataclass
class Tracker:
    """Every inspection's items for one period."""

    period: str
    day: date
    inspections: list[tuple[Inspection, list[ItemProgress]]]
    errors: list[SelfAssessError] = field(default_factory=list)

    def items(self) -> Iterable[ItemProgress]:
        for _, items in self.inspections:
            yield from items

    def count(self, *statuses: ItemStatus) -> int:
        return sum(1 for item in self.items() if item.status in statuses)


def item_units(item: InspectionItem, workspace: Workspace) -> tuple[str, ...]:
    """The units an item is for: those it names, else every district but the force-wide unit."""
    if item.units:
        return item.units
    return tuple(d for d in workspace.districts if FORCE_WIDE not in workspace.capabilities(d))


def worst_grade(framework: Framework, assessment: Assessment | None, criteria: Iterable[str]) -> str | None:
    """The worst rated grade among ``criteria`` (ids current or replaced) in ``assessment``."""
    if assessment is None:
        return None
    cells = [assessment.cell(framework.current_id(c)) for c in criteria]
    graded = [c for c in cells if c is not None and c != NOT_APPLICABLE and framework.grade(c)]
    return min(graded, key=framework.rank) if graded else None


class _Files:
    """Each unit's assessments, read once per run however many items ask."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._read: dict[tuple[str, str], Assessment | None] = {}
        self.errors: list[SelfAssessError] = []

    def get(self, unit: str, period: str) -> Assessment | None:
        key = (unit, period)
        if key not in self._read:
            entry = self.workspace.entry(unit, period)
            if entry.error is not None:
                self.errors.append(entry.error)
            self._read[key] = entry.assessment
        return self._read[key]

    def earlier(self, unit: str, period: str) -> list[str]:
        return [p for p in self.workspace.periods(unit) if Period.parse(p) < Period.parse(period)]


def _addressing(files: _Files, item: InspectionItem, unit: str, period: str, day: date) -> list[Addressing]:
    found: dict[str, Addressing] = {}
    for earlier in files.earlier(unit, period):
        assessment = files.get(unit, earlier)
        for criterion, action in assessment.actions() if assessment else ():
            if item.ref in action.addresses and action.done is not False:
                found[action.id] = Addressing(unit, criterion, action, earlier)
    assessment = files.get(unit, period)
    for criterion, action in assessment.actions() if assessment else ():
        if item.ref in action.addresses:
            found[action.id] = Addressing(unit, criterion, action, period)
    return list(found.values())


def status_of(
    item: InspectionItem, inspection: Inspection, actions: list[Addressing], day: date
) -> ItemStatus:
    closure = inspection.closure(item.id)
    if closure is not None and closure.date <= day:
        return CLOSED
    open_actions = [a for a in actions if not a.done_by(day)]
    if any(a.action.due is not None and a.action.due < day for a in open_actions):
        return OVERDUE
    if item.due is not None and item.due < day and (not actions or open_actions):
        return OVERDUE
    if not actions:
        return NOT_STARTED
    if not open_actions:
        return ACTIONS_COMPLETE
    return IN_PROGRESS


def track(
    workspace: Workspace,
    period: str,
    today: date,
    inspections: list[Inspection] | None = None,
    errors: list[SelfAssessError] | None = None,
) -> Tracker:
    """Every item of every inspection (or of ``inspections``) for ``period``, as of ``today``."""
    if inspections is None:
        inspections, errors = workspace.inspections()
    framework = workspace.framework
    day = min(today, workspace.period_end(period))
    previous = str(Period.parse(period).previous) if Period.parse(period).previous else None
    files = _Files(workspace)
    result = []
    for inspection in inspections:
        items = []
        for item in inspection.items:
            units = item_units(item, workspace)
            known = [u for u in units if u in workspace.districts]
            actions = [a for u in known for a in _addressing(files, item, u, period, day)]
            progress = ItemProgress(item, status_of(item, inspection, actions, day), units, actions)
            closure = inspection.closure(item.id)
            progress.closed_on = closure.date if closure and closure.date <= day else None
            for unit in known:
                mine = [a for a in actions if a.unit == unit]
                progress.unit_status[unit] = status_of(item, inspection, mine, day)
                grade = worst_grade(framework, files.get(unit, period), item.criteria)
                progress.grades[unit] = grade
                before = (
                    worst_grade(framework, files.get(unit, previous), item.criteria) if previous else None
                )
                progress.movement[unit] = framework.movement(before, grade) if previous else ""
            items.append(progress)
        result.append((inspection, items))
    return Tracker(period, day, result, list(errors or []) + files.errors)


def to_json(tracker: Tracker, framework: Framework) -> dict[str, object]:
    """The tracker as SPEC §5 gives it: inspections, their items, each with status, units, actions
    and grades (grade ids; null where not rated)."""
    return {
        "period": tracker.period,
        "as_of": tracker.day.isoformat(),
        "inspections": [
            {
                "id": inspection.id,
                "title": inspection.title,
                "items": [_item_json(progress) for progress in items],
            }
            for inspection, items in tracker.inspections
        ],
    }


def _item_json(progress: ItemProgress) -> dict[str, object]:
    item = progress.item
    return {
        "ref": item.ref,
        "kind": item.kind,
        "text": item.text,
        "due": item.due.isoformat() if item.due else None,
        "status": str(progress.status),
        "closed": progress.closed_on.isoformat() if progress.closed_on else None,
        "criteria": list(item.criteria),
        "units": list(progress.units),
        "units_without_action": list(progress.units_without_action),
        "actions": [
            {
                "unit": a.unit,
                "id": a.action.id,
                "criterion": a.criterion,
                "action": a.action.action,
                "owner": a.action.owner,
                "due": a.action.due.isoformat() if a.action.due else None,
                "done": a.action.done.isoformat() if isinstance(a.action.done, date) else a.action.done,
                "period": a.period,
            }
            for a in progress.actions
        ],
        "grades": dict(progress.grades),
        "movement": dict(progress.movement),
    }


def unit_history(
    workspace: Workspace, unit: str, periods: list[str], today: date
) -> dict[str, dict[str, ItemStatus]]:
    """Each inspection item for ``unit``: its status there in each of ``periods`` (items whose units
    leave ``unit`` out are left out)."""
    inspections, errors = workspace.inspections()
    history: dict[str, dict[str, ItemStatus]] = {}
    for period in periods:
        for progress in track(workspace, period, today, inspections, errors).items():
            if unit in progress.unit_status:
                history.setdefault(progress.item.ref, {})[period] = progress.unit_status[unit]
    return history


@dataclass(frozen=True)
class StatusChange:
    """An item's status in a unit moving between two periods, and the commit that last changed the
    unit's file of the later period (None outside git or for an uncommitted file)."""

    ref: str
    period: str
    before: ItemStatus
    after: ItemStatus
    commit: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "ref": self.ref,
            "period": self.period,
            "from": str(self.before),
            "to": str(self.after),
            "commit": self.commit,
        }


def status_changes(
    workspace: Workspace, unit: str, history: dict[str, dict[str, ItemStatus]]
) -> list[StatusChange]:
    """Each change of an item's status in ``unit`` from one period to the next, with the commit of the
    later period's file (one ``git log`` per period that has a change)."""
    from selfassess.core.errors import GitError
    from selfassess.git.util import git

    commits: dict[str, str | None] = {}

    def commit_of(period: str) -> str | None:
        if period not in commits:
            path = workspace.assessment_path(unit, period)
            try:
                found = git(workspace.root, "log", "-1", "--format=%h %cs", "--", str(path)).strip()
            except GitError:
                found = ""
            commits[period] = found or None
        return commits[period]

    changes = []
    for ref, statuses in history.items():
        before: ItemStatus | None = None
        for period, status in statuses.items():
            if before is not None and status != before:
                changes.append(StatusChange(ref, period, before, status, commit_of(period)))
            before = status
    return changes
