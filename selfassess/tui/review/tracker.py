"""The recommendations tracker: the inspection's items down, units across, each cell the item's status
in that unit; Enter shows the actions and criteria behind a cell. Opened with ``i`` from the review."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Static

from selfassess.core.model import Framework
from selfassess.core.textgate import visible
from selfassess.core.vocabulary import ItemStatus
from selfassess.logic.recommendations import ItemProgress, Tracker
from selfassess.tui.common.footer import KeyFooter
from selfassess.tui.common.help import HelpModal
from selfassess.tui.common.text import literal
from selfassess.tui.review.cells import MUTED

HELP = """\
# Progress on the inspection's recommendations

Each row is one item of an inspection (`inspections/<id>.yaml`): a recommendation, an area for
improvement or a cause of concern. Each unit's cell is the item's status there, judged as at the
earlier of today and the quarter's end:

| status | means |
| --- | --- |
| ‼ overdue | an action is past due, or the item's due date passed with no action or an open one |
| ○ not started | no action addresses it |
| ◔ in progress | actions address it, some still open |
| ◕ actions complete | every action addressing it is done |
| ■ closed | the inspection lead closed it |

The *all units* column is the item's status over every unit. Actions count when they are in the
quarter's files, or were done in an earlier quarter's.

| key | does |
| --- | --- |
| arrows, mouse | choose an item and a unit |
| `Enter` | the item, its criteria's grades and the actions behind the cell |
| `o` | only items still open (overdue, not started, in progress), or all again |
| `Esc` | back to the heat map |
| `F1`, `?` | this help |
| `q` | quit |
"""
ITEM_WIDTH = 8
STATUS_WIDTH = 18
TEXT_WIDTH = 44


def status_cell(status: ItemStatus | None) -> Content:
    if status is None:
        return literal("—", MUTED)
    return literal(f"{status.mark} {status.words}", status.style)


class ItemModal(ModalScreen[None]):
    """One item in one unit (or all): its text, its criteria's grades, and the actions behind it."""

    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("enter", "dismiss", "Close", show=False)]

    def __init__(self, framework: Framework, progress: ItemProgress, unit: str | None) -> None:
        super().__init__()
        self.framework, self.progress, self.unit = framework, progress, unit

    def compose(self) -> ComposeResult:
        progress, item = self.progress, self.progress.item
        units = [self.unit] if self.unit else list(progress.units)
        status = progress.unit_status.get(self.unit, progress.status) if self.unit else progress.status
        parts = [
            literal(f"{item.ref} — {item.kind.replace('-', ' ')}\n", "bold"),
            literal(f"{item.text}\n\n"),
            literal("Status: "),
            status_cell(status),
            literal(f"  (due {item.due.isoformat()})\n" if item.due else "\n"),
        ]
        if progress.closed_on:
            parts.append(literal(f"Closed on {progress.closed_on.isoformat()}\n"))
        parts.append(literal(f"\nCriteria: {', '.join(item.criteria) or 'none named'}\n", "bold"))
        for unit in units:
            parts.append(literal(f"\n{unit}: {progress.grade_words(self.framework, unit)}\n", "bold"))
            actions = [a for a in progress.actions if a.unit == unit]
            if not actions:
                parts.append(literal("  no action addresses it\n", MUTED))
            for found in actions:
                action = found.action
                done = f"done {action.done.isoformat()}" if isinstance(action.done, date) else "open"
                due = f", due {action.due.isoformat()}" if action.due else ""
                owner = f", {action.owner}" if action.owner else ""
                parts.append(
                    literal(f"  {action.id} ({found.criterion}, {found.period}{owner}{due}, {done})\n    ")
                )
                parts.append(literal(f"{action.action}\n"))
        with VerticalScroll(id="item-box"):
            yield Static(Content.assemble(*parts), id="item-text")
            yield Static(literal("Esc: close", MUTED))

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


class TrackerScreen(Screen[None]):
    """``tracker``'s items by unit."""

    DEFAULT_CSS = """
    TrackerScreen #tracker-top { height: auto; padding: 0 1; }
    ItemModal { align: center middle; }
    ItemModal #item-box { width: 90%; max-width: 100; height: 80%; border: round $accent;
        background: $surface; padding: 0 1; }
    """
    BINDINGS = [
        Binding("enter", "open", "Details"),
        Binding("o", "open_only", "Open only"),
        Binding("escape", "back", "Back"),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, tracker: Tracker, framework: Framework) -> None:
        super().__init__()
        self.tracker, self.framework = tracker, framework
        self.open_only = False
        self.shown: list[ItemProgress] = []
        self.units = self._units()

    def _units(self) -> list[str]:
        seen: list[str] = []
        for progress in self.tracker.items():
            seen += [u for u in progress.units if u not in seen]
        return seen

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="tracker-top")
        yield DataTable(id="tracker-table", cursor_type="cell", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = f"Recommendations {self.tracker.period}"
        table = self.query_one(DataTable)
        table.add_column(Text("item", style="bold"), key="item", width=ITEM_WIDTH)
        table.add_column(Text("all units", style="bold"), key="all", width=STATUS_WIDTH)
        for unit in self.units:
            table.add_column(Text(visible(unit), style="bold"), key=f"unit:{unit}", width=STATUS_WIDTH)
        table.add_column(Text("what it asks", style="bold"), key="text", width=TEXT_WIDTH)
        self.refresh_table()
        table.focus()

    def refresh_table(self) -> None:
        items = list(self.tracker.items())
        self.shown = [p for p in items if p.status.is_open] if self.open_only else items
        table = self.query_one(DataTable)
        table.clear()
        for index, progress in enumerate(self.shown):
            cells = [literal(progress.item.id, "bold"), status_cell(progress.status)]
            cells += [status_cell(progress.unit_status.get(unit)) for unit in self.units]
            cells.append(literal(progress.item.text))
            table.add_row(*cells, key=str(index))
        counts = ", ".join(f"{n} {s.words}" for s in ItemStatus if (n := self.tracker.count(s)))
        top = Content.assemble(
            literal(f"{len(items)} items as at {self.tracker.day.isoformat()}: {counts or 'none'}."),
            literal("  Showing open items only." if self.open_only else ""),
            literal("  Enter: details · o: open only · Esc: back", MUTED),
        )
        self.query_one("#tracker-top", Static).update(top)

    @on(DataTable.CellSelected, "#tracker-table")
    def action_open(self) -> None:
        table = self.query_one(DataTable)
        row, column = table.cursor_coordinate
        if not self.shown or row >= len(self.shown):
            return
        unit_column = column - 2
        unit = self.units[unit_column] if 0 <= unit_column < len(self.units) else None
        self.app.push_screen(ItemModal(self.framework, self.shown[row], unit))

    def action_open_only(self) -> None:
        self.open_only = not self.open_only
        self.refresh_table()

    def action_help(self) -> None:
        self.app.push_screen(HelpModal(HELP))

    def action_back(self) -> None:
        self.dismiss(None)
