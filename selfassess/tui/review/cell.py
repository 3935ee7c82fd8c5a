"""Drill-down into one cell: a district's rating, evidence, notes and actions for one criterion, with its
trend and last period's rating and evidence beneath. Every piece of user text goes through ``literal``.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from selfassess.core.model import Action, Criterion, Response
from selfassess.core.vocabulary import Movement
from selfassess.logic.combine import Combined
from selfassess.logic.trend import Trend
from selfassess.tui.common.samples import sample_lines
from selfassess.tui.common.text import literal
from selfassess.tui.review.cells import MUTED, grade_words, status_line, trend_content


def action_line(action: Action, today: date) -> Content:
    """``OVERDUE due 2026-11-01 · Insp. X · text``: state in words first, then due, owner, text."""
    if action.done is not False:
        state = literal(f"done {action.done}" if isinstance(action.done, date) else "done", "$success")
    elif action.is_overdue(today):
        state = literal("OVERDUE", "bold reverse $error")
    else:
        state = literal("open", "$accent")
    due = f" due {action.due}" if action.due else " no due date"
    owner = f" · {action.owner}" if action.owner else ""
    return Content.assemble(state, literal(f"{due}{owner} · "), literal(action.action))


def heading(text: str) -> Static:
    return Static(literal(text, "bold"), classes="review-heading")


def text_block(text: str, empty: str) -> Static:
    """User text shown exactly as written, or ``empty`` (our words) in muted italics."""
    if text.strip():
        return Static(literal(text.rstrip("\n")), classes="review-text")
    return Static(literal(empty, f"italic {MUTED}"), classes="review-text")


def rating_line(combined: Combined, criterion: Criterion, district: str, previous: bool = False) -> Content:
    """``2026-Q4: 2 Amber ▼ worse`` (or last period's rating, without a movement)."""
    if previous:
        cell, had = combined.previous_cell(criterion, district), combined.had_assessment(district)
        return Content.assemble(
            literal(f"{combined.previous_label}: "), grade_words(combined.framework, cell, had)
        )
    cell, has = combined.cell(criterion, district), combined.has_assessment(district)
    movement = Movement(combined.movement(criterion, district))
    moved = f"  {movement.sign} {movement.words}".rstrip() if movement else ""
    return Content.assemble(
        literal(f"{combined.period}: "), grade_words(combined.framework, cell, has), literal(moved, "bold")
    )


def trend_line(trend: Trend | None, criterion: Criterion, district: str) -> Content:
    if trend is None:
        return literal("trend: loading…", MUTED)
    blocks = trend_content(trend.framework, trend.line(criterion.id, district), trend.had(district))
    span = f"  {trend.periods[0]} → {trend.periods[-1]}"
    return Content.assemble(literal("trend: "), blocks, literal(span, MUTED))


def response_widgets(response: Response | None, today: date, actions: bool = True) -> list[Widget]:
    """Evidence, notes and (optionally) actions of one response, each under a heading."""
    if response is None:
        return [text_block("", "nothing recorded")]
    found: list[Widget] = []
    if response.not_applicable is not None:
        found += [heading("Not applicable because"), text_block(response.not_applicable, "")]
    as_of = f" (as of {response.as_of})" if response.as_of else ""
    carried = " (carried from last period, not yet re-confirmed)" if response.carried else ""
    found += [heading(f"Evidence{as_of}{carried}"), text_block(response.evidence, "no evidence recorded")]
    if response.notes.strip():
        found += [heading("Notes"), text_block(response.notes, "")]
    if actions:
        found.append(heading("Improvement actions"))
        lines = [action_line(a, today) for a in response.actions]
        found.append(
            Static(Content("\n").join(lines), classes="review-text")
            if lines
            else text_block("", "no improvement actions")
        )
    return found


class CellModal(ModalScreen[None]):
    """One district's response to one criterion this period, and last period's beneath it."""

    BINDINGS = [Binding("escape,q,enter", "close", "Close")]

    def __init__(
        self,
        combined: Combined,
        criterion: Criterion,
        district: str,
        today: date,
        trend: Trend | None,
        signoff: Content | None = None,
    ) -> None:
        super().__init__()
        #: whether verify confirms the district's sign-off, and why not (only when the workspace signs)
        self.signoff = signoff
        self.combined = combined
        self.criterion = criterion
        self.district = district
        self.today = today
        self.trend = trend

    def compose(self) -> ComposeResult:
        combined, criterion, district = self.combined, self.criterion, self.district
        title = Content.assemble(
            literal(district, "bold"),
            literal("  "),
            status_line(combined.status(district), 40),
            literal(f"\n{criterion.id} {criterion.title}", "bold"),
        )
        with Vertical(id="review-cell-dialog", classes="dialog"):
            yield Static(title, classes="dialog-title")
            with VerticalScroll(id="review-cell-body"):
                if self.signoff is not None:
                    yield Static(self.signoff, id="review-cell-signoff")
                yield Static(rating_line(combined, criterion, district), classes="review-rating")
                yield Static(trend_line(self.trend, criterion, district), classes="review-trend")
                response = combined.response(criterion, district)
                lines = sample_lines(combined.framework, criterion, response) if response else []
                if lines:
                    yield Static(Content("\n").join(lines), classes="review-sample")
                yield from response_widgets(response, self.today)
                yield heading(f"Last period ({combined.previous_label})")
                yield Static(
                    rating_line(combined, criterion, district, previous=True), classes="review-rating"
                )
                previous = combined.previous_response(criterion, district)
                yield from response_widgets(previous, self.today, actions=False)
            yield Static(literal("Escape closes · arrows scroll"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#review-cell-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
