"""Drill-down into a criterion row: every shown district's evidence side by side, last period's beneath.

Each period is a band: a grid whose cells in a row are as tall as the tallest, so every column's
borders run its band's full height and its text wraps inside it. Columns scroll sideways when there
are more than fit (as many whole columns as fit are in view); the whole page scrolls down.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, ScrollableContainer, Vertical
from textual.content import Content
from textual.layout import Layout
from textual.layouts.grid import GridLayout
from textual.screen import ModalScreen
from textual.widgets import Static

from selfassess.core.cells import cell_len
from selfassess.core.model import Criterion
from selfassess.logic.combine import Combined
from selfassess.logic.trend import Trend
from selfassess.tui.common.text import literal
from selfassess.tui.review.cell import heading, rating_line, response_widgets, trend_line
from selfassess.tui.review.cells import status_line

#: a district's column: at most this wide, at least this narrow (below that the columns scroll sideways)
WIDEST_COLUMN = 38
NARROWEST_COLUMN = 20
#: the dialog's share of the screen; its border and padding, and the body's vertical scrollbar, in cells
DIALOG_SHARE = 0.96
DIALOG_SPARE = 6
#: a column's left border and padding (one cell each side); the last column also has a right border
COLUMN_SPARE = 3


def body_width(screen_width: int) -> int:
    """The cells the columns have side by side in the dialog, beside its vertical scrollbar."""
    return int(screen_width * DIALOG_SHARE) - DIALOG_SPARE


def column_width(screen_width: int, districts: int) -> int:
    """Each district's column width: as many whole columns side by side as fit at NARROWEST_COLUMN
    or wider, sharing the room (the rest scroll sideways)."""
    room = body_width(screen_width) - 1  # the last column's right border
    shown = max(1, min(districts, room // NARROWEST_COLUMN))
    return max(NARROWEST_COLUMN, min(WIDEST_COLUMN, room // shown))


class Band(Grid):
    """One period's columns: a grid row whose cells all take the tallest one's height."""

    def pre_layout(self, layout: Layout) -> None:
        if isinstance(layout, GridLayout):
            layout.stretch_height = True


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
        #: each district's column width, fitted to the terminal when the dialog is composed
        self.column_cells = NARROWEST_COLUMN

    def compose(self) -> ComposeResult:
        self.column_cells = column_width(self.app.size.width, len(self.districts))
        criterion = self.criterion
        title = literal(f"{criterion.id} {criterion.title}", "bold")
        with Vertical(id="review-row-dialog", classes="dialog"):
            yield Static(title, classes="dialog-title")
            if criterion.question:
                yield Static(literal(criterion.question, "italic"), classes="review-question")
            with ScrollableContainer(id="review-row-body"), Vertical(id="review-row-bands"):
                with Band(classes="review-row-band"):
                    for district in self.districts:
                        with Vertical(classes="review-row-column"):
                            yield from self._now(district)
                yield heading(f"Last period ({self.combined.previous_label})")
                with Band(classes="review-row-band review-row-previous"):
                    for district in self.districts:
                        with Vertical(classes="review-row-column"):
                            yield from self._before(district)
            yield Static(
                literal("Escape closes · arrows and the mouse scroll, ← → sideways"),
                classes="dialog-hint",
            )

    def _district(self, district: str) -> Static:
        """The district's name and its status: on one line when both fit, else the status beneath (a
        mark never parted from its words)."""
        room = self.column_cells - COLUMN_SPARE
        status = status_line(self.combined.status(district), room)
        name = literal(district, "bold")
        fits = cell_len(district) + 2 + status.cell_length <= room
        line = Content.assemble(name, literal("  "), status) if fits else Content("\n").join([name, status])
        return Static(line, classes="review-row-district")

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
        width, count = self.column_cells, len(self.districts)
        # the last column's right border takes one cell more, so every column's text is as wide
        columns = " ".join([str(width)] * (count - 1) + [str(width + 1)])
        for band in self.query(Band):
            band.styles.grid_size_columns = count
            band.styles.grid_columns = columns
            band.styles.width = width * count + 1
        for band in self.query(Band):
            band.children[-1].add_class("-last")
        self.query_one("#review-row-bands").styles.width = width * count + 1
        self.query_one("#review-row-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
