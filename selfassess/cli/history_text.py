"""A district's history as text: criteria down, periods across, then when each rating last changed."""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.cli.diff_text import cell_label
from selfassess.cli.terminal import fit, style
from selfassess.core.cells import cell_len, pad
from selfassess.core.model import Framework
from selfassess.core.vocabulary import ItemStatus
from selfassess.logic.history import CriterionHistory, History
from selfassess.logic.recommendations import StatusChange
from selfassess.logic.samples import percent

CELL_WIDTH = 10
TITLE_WIDTH = 34


def render_history(history: History) -> str:
    """A compact table: criteria down, periods across, then when the current rating last changed."""
    fw = history.framework
    lines = [style(f"{history.district}: grades by period ({fw.id} {fw.version})", bold=True)]
    if not history.periods:
        return "\n".join([*lines, "", f"No assessments yet for {history.district}."])
    width = min(CELL_WIDTH, max(len(p) for p in history.periods) + 1)
    width = max(width, min(CELL_WIDTH, max(cell_len(g.label) for g in fw.scale) + 1))
    single = len(history.criteria) == 1  # one criterion (--criterion): its whole title on a line of its own
    title_width = max(cell_len(history.criteria[0].id) + 2, 10) if single else TITLE_WIDTH
    if single:
        lines += ["", f"{history.criteria[0].id} {history.criteria[0].title}".rstrip()]
    head = " " * title_width + "".join(p.ljust(width) for p in history.periods)
    lines += ["", head + ("last change" if history.in_git else "")]
    for item in history.criteria:
        label = item.id if single else f"{item.id} {item.title}".rstrip()
        row = pad(fit(label, title_width - 2), title_width)
        for period in history.periods:
            label, colour = cell_label(fw, item.ratings[period])
            shown = fit(label, width - 1)
            row += style(shown, colour) + " " * (width - cell_len(shown))
        lines.append((row + _last_change_text(fw, item) if history.in_git else row).rstrip())
        if item.samples:
            row = "  met the standard".ljust(TITLE_WIDTH)
            for period in history.periods:
                figures = item.samples.get(period)
                row += (percent(figures.proportion, floor=True) if figures else "").ljust(width)
            lines.append(row.rstrip())
    lines += ["", f"Last change: the commit that gave {history.current} its current rating."]
    if any(item.samples for item in history.criteria):
        lines.append(
            "Met the standard: the share of the period's dip sample that met the criterion's standard."
        )
    return "\n".join(lines)


def _last_change_text(framework: Framework, item: CriterionHistory) -> str:
    if item.uncommitted:
        return "not committed yet"
    change = item.last_change
    if change is None:
        return ""
    old = cell_label(framework, change.rating[0])[0]
    new = cell_label(framework, change.rating[1])[0]
    return f"{change.date[:10]} {change.commit} {old} → {new}"


def render_item_history(
    district: str,
    periods: list[str],
    items: dict[str, dict[str, ItemStatus]],
    changes: Sequence[StatusChange] = (),
) -> str:
    """The inspection items for ``district``, their status there quarter by quarter (a change of status
    marked ``*``), then each change with the commit that last changed that quarter's file."""
    width = max(len(s.words) for s in ItemStatus) + 2
    ref_width = max(len(ref) for ref in items) + 2
    lines = ["", style(f"Inspection items in {district}: status by period (* changed)", bold=True), ""]
    lines.append((" " * ref_width + "".join(p.ljust(width) for p in periods)).rstrip())
    for ref, statuses in items.items():
        row, before = ref.ljust(ref_width), None
        for period in periods:
            status = statuses.get(period)
            said = "" if status is None else status.words + ("*" if before and status != before else "")
            row += said.ljust(width)
            before = status or before
        lines.append(row.rstrip())
    if changes:
        lines += ["", "Changes of status, with the commit that last changed that quarter's file:"]
        for change in changes:
            where = f"commit {change.commit}" if change.commit else "not committed"
            lines.append(
                f"  {change.ref} {change.period}: {change.before.words} → {change.after.words} ({where})"
            )
    return "\n".join(lines)
