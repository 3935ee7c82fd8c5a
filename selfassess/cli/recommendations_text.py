"""The recommendations tracker as text: one line per inspection item, its status, and per unit the
grade of its criteria and the actions addressing it; and as CSV rows for a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import date

from selfassess.cli.terminal import fit, style
from selfassess.core.model import Framework
from selfassess.core.vocabulary import ItemStatus, grade_label
from selfassess.logic.recommendations import Addressing, ItemProgress, Tracker
from selfassess.report.csvreport import neutralise

_STATUS_COLOUR = {
    ItemStatus.OVERDUE: "red",
    ItemStatus.NOT_STARTED: "yellow",
    ItemStatus.IN_PROGRESS: "cyan",
    ItemStatus.ACTIONS_COMPLETE: "green",
    ItemStatus.CLOSED: "green",
}
_WIDEST = max(len(s.words) for s in ItemStatus)


def action_words(addressing: Addressing, day_word: str = "due") -> str:
    action = addressing.action
    parts = [action.owner] if action.owner else []
    if action.due:
        parts.append(f"{day_word} {action.due.isoformat()}")
    if isinstance(action.done, date):
        parts.append(f"done {action.done.isoformat()}")
    elif action.done:
        parts.append("done")
    return f"{action.id} ({', '.join(parts)})" if parts else action.id


def item_line(framework: Framework, progress: ItemProgress) -> str:
    status = progress.status
    units = []
    for unit in progress.units:
        actions = [a for a in progress.actions if a.unit == unit]
        grade = progress.grade_words(framework, unit)
        still_open = [action_words(a) for a in actions if a.action.done is False]
        done = len(actions) - len(still_open)
        said = ", ".join(still_open + ([f"{done} done"] if done else [])) if actions else "no action"
        units.append(f"{unit} {grade}: {said}")
    head = style(f"{status.mark} {status.words:<{_WIDEST}}", _STATUS_COLOUR[status], bold=True)
    text = fit(progress.item.text, 60)
    return f"{progress.item.id:<6} {head}  {text}\n{'':9}" + " · ".join(units)


def render_tracker(tracker: Tracker, framework: Framework, force: str) -> str:
    lines = [f"{force} — inspection items, {tracker.period} (as of {tracker.day.isoformat()})"]
    for inspection, items in tracker.inspections:
        published = f" (published {inspection.published.isoformat()})" if inspection.published else ""
        lines += ["", style(f"{inspection.id} — {inspection.title}{published}", bold=True)]
        lines += [item_line(framework, progress) for progress in items]
    counts = [(s, tracker.count(s)) for s in ItemStatus]
    total = sum(n for _, n in counts)
    said = ", ".join(f"{n} {s.words}" for s, n in counts if n)
    lines += ["", f"{total} item{'s' if total != 1 else ''}: {said}" if total else "No items."]
    return "\n".join(lines)


CSV_HEADER = ["inspection", "item", "kind", "status", "unit", "grade", "actions", "owners", "due", "text"]


def render_tracker_csv(tracker: Tracker, framework: Framework) -> str:
    """One row per item and unit (formula-looking cells neutralised, as in every CSV we write)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for inspection, items in tracker.inspections:
        for progress in items:
            for unit in progress.units:
                actions = [a for a in progress.actions if a.unit == unit]
                grade = progress.grades.get(unit)
                row = [
                    inspection.id,
                    progress.item.id,
                    progress.item.kind,
                    str(progress.status),
                    unit,
                    grade_label(framework, grade) if grade else "",
                    " ".join(a.action.id for a in actions),
                    "; ".join(a.action.owner for a in actions if a.action.owner),
                    " ".join(a.action.due.isoformat() for a in actions if a.action.due),
                    progress.item.text,
                ]
                writer.writerow([neutralise(v) for v in row])
    return out.getvalue()
