"""Last period's answer to the current criterion, read-only and collapsible, for comparison and carrying."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Collapsible, Static

from selfassess.core.model import Framework, Response
from selfassess.tui.common.grades import rating_content
from selfassess.tui.common.text import literal


def action_line(action_id: str, text: str, owner: str, due: object) -> Content:
    parts = [literal(f"• {action_id} ", "bold"), literal(text)]
    if owner:
        parts.append(literal(f" — {owner}"))
    if due:
        parts.append(literal(f" (due {due})", "italic"))
    return Content.assemble(*parts)


class LastPeriod(Collapsible):
    """Rating, evidence and open actions recorded last period; hidden when there are none."""

    def __init__(self, framework: Framework, period: str, **kwargs: str) -> None:
        super().__init__(
            Static(id="previous-evidence", classes="previous-text"),
            Static(id="previous-actions", classes="previous-text"),
            title="Last period",
            collapsed=False,
            **kwargs,  # type: ignore[arg-type]
        )
        self.framework = framework
        self.period = period

    def show(self, response: Response | None, can_carry: bool, typing: bool = False) -> None:
        self.display = response is not None
        if response is None:
            return
        grade = self.framework.grade(response.rating)
        hint = ("  — Esc, then c: carry forward" if typing else "  — c: carry forward") if can_carry else ""
        self.title = Content.assemble(  # type: ignore[assignment]
            literal(f"Last period ({self.period}): "), rating_content(grade, response), literal(hint)
        )
        evidence = response.evidence.strip() or "(no evidence recorded)"
        self.query_one("#previous-evidence", Static).update(literal(evidence))
        actions = self.query_one("#previous-actions", Static)
        lines = [action_line(a.id, a.action, a.owner, a.due) for a in response.open_actions()]
        actions.display = bool(lines)
        if lines:
            actions.update(Content("\n").join([literal("Open actions:", "bold"), *lines]))
