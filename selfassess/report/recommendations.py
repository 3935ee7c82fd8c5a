"""The report's section "Progress on the inspection's recommendations": each inspection item's status,
and per unit the grade of its criteria and the actions addressing it, in HTML and Markdown (the xlsx
sheet and JSON take the same tracker)."""

from __future__ import annotations

from datetime import date

from selfassess.core.vocabulary import ItemStatus
from selfassess.logic.recommendations import Addressing, Tracker
from selfassess.report.html_access import e, table_region
from selfassess.report.text import district_name, long_date, plural
from selfassess.report.view import ReportView

TITLE = "Progress on the inspection's recommendations"


def status_summary(tracker: Tracker) -> str:
    counts = [(s, tracker.count(s)) for s in ItemStatus]
    total = sum(n for _, n in counts)
    said = ", ".join(f"{n} {s.words}" for s, n in counts if n)
    return f"{plural(total, 'item')}: {said}." if total else "No items."


def _action_words(addressing: Addressing) -> str:
    action = addressing.action
    parts = [action.owner] if action.owner else []
    if action.done is not False and isinstance(action.done, date):
        parts.append(f"done {action.done.isoformat()}")
    elif action.due:
        parts.append(f"due {action.due.isoformat()}")
    return f"{action.id} {action.action}" + (f" ({', '.join(parts)})" if parts else "")


def tracker_html(view: ReportView) -> str:
    tracker = view.tracker
    if tracker is None:
        return ""
    parts = [f'<section id="recommendations"><h2>{e(TITLE)}</h2>']
    parts.append(f"<p>As at {e(long_date(tracker.day))}: {e(status_summary(tracker))}</p>")
    for index, (inspection, items) in enumerate(tracker.inspections, 1):
        published = f", published {long_date(inspection.published)}" if inspection.published else ""
        rows = []
        for progress in items:
            units = "".join(
                f"<li><strong>{e(district_name(unit))}</strong>: "
                f"{e(progress.grade_words(view.framework, unit))}; "
                + (
                    "; ".join(e(_action_words(a)) for a in progress.actions if a.unit == unit)
                    or "<em>no action</em>"
                )
                + "</li>"
                for unit in progress.units
            )
            status = progress.status
            rows.append(
                f'<tr class="item"><th scope="row"><span class="id">{e(progress.item.id)}</span></th>'
                f"<td>{e(progress.item.kind.replace('-', ' '))}</td><td>{e(progress.item.text)}</td>"
                f'<td class="status status-{e(str(status))}">{e(status.mark)} {e(status.words)}</td>'
                f'<td><ul class="units">{units}</ul></td></tr>'
            )
        head = "".join(
            f'<th scope="col">{w}</th>' for w in ("Item", "Kind", "What it asks", "Status", "Units")
        )
        caption = f"{e(inspection.title)}{e(published)}"
        parts.append(
            table_region(
                f"recommendations-{index}",
                caption,
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>",
                "recommendations",
            )
        )
    return "".join(parts) + "</section>"


def tracker_markdown(view: ReportView) -> list[str]:
    from selfassess.report.markdown import md, table

    tracker = view.tracker
    if tracker is None:
        return []
    lines = ["", f"## {TITLE}", "", f"As at {tracker.day.isoformat()}: {status_summary(tracker)}"]
    for inspection, items in tracker.inspections:
        lines += ["", f"### {md(inspection.title)}", ""]
        rows = []
        for progress in items:
            units = "; ".join(
                f"{md(district_name(unit))} {md(progress.grade_words(view.framework, unit))}: "
                + (", ".join(md(_action_words(a)) for a in progress.actions if a.unit == unit) or "no action")
                for unit in progress.units
            )
            status = progress.status
            rows.append(
                [md(progress.item.id), md(progress.item.text), f"{status.mark} {status.words}", units]
            )
        lines += table(["Item", "What it asks", "Status", "Units"], rows)
    return lines
