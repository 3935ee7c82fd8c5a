"""Drill-down into a criterion row: every shown district's evidence side by side, last period's beneath.

Columns scroll sideways when there are many districts; the whole page scrolls down.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from selfassess.core.model import Criterion
from selfassess.logic.combine import Combined
from selfassess.logic.trend import Trend
from selfassess.tui.common.text import literal
from selfassess.tui.review.cell import heading, rating_line, response_widgets, trend_line
from selfassess.tui.review.cells import status_line

COLUMN_WIDTH = 36
#: a district's column: at most this wide, at least this narrow (below that the columns scroll sideways)
WIDEST_COLUMN = 38
NARROWEST_COLUMN = 20
#: the dialog's share of the screen, and its padding and scrollbar in cells
DIALOG_SHARE = 0.96
DIALOG_SPARE = 8


def column_width(screen_width: int, districts: int) -> int:
    """Each district's column width, so that as many districts as can be are side by side."""
    room = int(screen_width * DIALOG_SHARE) - DIALOG_SPARE
    return max(NARROWEST_COLUMN, min(WIDEST_COLUMN, room // max(districts, 1)))


class RowModal(ModalScreen[None]):
    """One criterion across ``districts``: this period's rating, evidence and actions over last period's."""

    BINDINGS = [Binding("escape,q,enter", "close", "Close")]

    def __init__(
        self,
        combined: Combined,
        criterion: Criterion,
        districts: Sequence[str],
        today: date,
        trend: Trend | None,
    ) -> None:
        super().__init__()
        self.combined = combined
        self.criterion = criterion
        self.districts = tuple(districts)
        self.today = today
        self.trend = trend

    def compose(self) -> ComposeResult:
        criterion = self.criterion
        title = literal(f"{criterion.id} {criterion.title}", "bold")
        with Vertical(id="review-row-dialog", classes="dialog"):
            yield Static(title, classes="dialog-title")
            if criterion.question:
                yield Static(literal(criterion.question, "italic"), classes="review-question")
            with ScrollableContainer(id="review-row-body"), Vertical(id="review-row-bands"):
                with Horizontal(classes="review-row-band"):
                    for district in self.districts:
                        with Vertical(classes="review-row-column"):
                            yield from self._now(district)
                yield heading(f"Last period ({self.combined.previous_label})")
                with Horizontal(classes="review-row-band review-row-previous"):
                    for district in self.districts:
                        with Vertical(classes="review-row-column"):
                            yield from self._before(district)
            yield Static(
                literal("Escape closes · arrows scroll (shift+arrows: sideways), so does the mouse"),
                classes="dialog-hint",
            )

    def _district(self, district: str) -> Static:
        status = status_line(self.combined.status(district), COLUMN_WIDTH)
        return Static(
            Content.assemble(literal(district, "bold"), literal("  "), status), classes="review-row-district"
        )

    def _now(self, district: str) -> ComposeResult:
        combined, criterion = self.combined, self.criterion
        yield self._district(district)
        yield Static(rating_line(combined, criterion, district), classes="review-rating")
        yield Static(trend_line(self.trend, criterion, district), classes="review-trend")
        yield from response_widgets(combined.response(criterion, district), self.today)

    def _before(self, district: str) -> ComposeResult:
        combined, criterion = self.combined, self.criterion
        yield Static(literal(district, "bold"), classes="review-row-district")
        yield Static(rating_line(combined, criterion, district, previous=True), classes="review-rating")
        yield from response_widgets(
            combined.previous_response(criterion, district), self.today, actions=False
        )

    def on_mount(self) -> None:
        width = column_width(self.app.size.width, len(self.districts))
        for column in self.query(".review-row-column"):
            column.styles.width = width  # five districts side by side at 120 columns
        self.query_one("#review-row-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
