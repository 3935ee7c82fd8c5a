"""Every open improvement action across districts for the period: sortable, filterable, overdue first
to the eye (the word OVERDUE, not only a colour). Enter opens the action's criterion for its district.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from selfassess.core.cells import cell_len, fit
from selfassess.logic.combine import Combined, OpenAction
from selfassess.tui.common.footer import KeyFooter
from selfassess.tui.common.help import HelpModal
from selfassess.tui.common.text import literal
from selfassess.tui.review.cells import MUTED

#: sort name → key over open actions (stable sorts keep the combined order: due date, then district)
SORTS: dict[str, Callable[[OpenAction], tuple[object, ...]]] = {
    "due date, soonest first": lambda a: (a.action.due is None, a.action.due or date.max),
    "due date, latest first": lambda a: (a.action.due is not None, -(a.action.due or date.min).toordinal()),
    "district": lambda a: (a.district,),
    "criterion": lambda a: (a.criterion,),
}
CRITERION_WIDTH = 30
OWNER_WIDTH = 24
#: the owner gives up room first (cut with …) down to this; the action text gets at least ACTION_SHARE
#: of the room the owner and the action share, and the line under the table says the chosen one in full
OWNER_LEAST = 10
ACTION_SHARE = 2 / 3
#: a column's padding (one cell each side) and the vertical scrollbar
PADDING = 2
SCROLLBAR = 2
#: the criterion's title has a column when it can be this wide
TITLE_LEAST = 15
HELP = """\
# Open improvement actions

Every action not yet done in any district's assessment for the quarter, with its criterion and district.
An action is **overdue** when its due date is before today (due today is not overdue); overdue actions
say OVERDUE and are highlighted.

| key | does |
| --- | --- |
| arrows, mouse | choose an action |
| `Enter` | open the action's criterion for its district: evidence, notes and every action |
| `s` | sort: due date soonest first, latest first, by district, by criterion |
| `o` | only overdue actions, or all again |
| `/` | filter by words of the district, criterion, owner or action (Enter returns to the table) |
| `Esc` | clear the filter first; then back to the heat map |
| `F1`, `?` | this help |
| `q` | quit |
"""
OVERDUE_STYLE = "bold $error"


def _widest(texts: list[str], least: int, most: int) -> int:
    return min(most, max([least, *map(cell_len, texts)]))


def matches(found: OpenAction, words: list[str], title: str) -> bool:
    """Whether every word of the filter is in the action's district, criterion, owner or text."""
    haystack = " ".join(
        (found.district, found.criterion, title, found.action.owner, found.action.action)
    ).lower()
    return all(word in haystack for word in words)


class ActionsScreen(Screen[None]):
    """The open actions of ``combined`` as of ``today``; Enter calls ``open_cell(district, criterion)``."""

    BINDINGS = [
        Binding("s", "sort", "Sort"),
        Binding("o", "overdue", "Overdue only"),
        Binding("slash", "filter", "Filter"),
        Binding("escape", "back", "Back"),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, combined: Combined, today: date, open_cell: Callable[[str, str], None]) -> None:
        super().__init__()
        self.combined = combined
        self.today = today
        self.open_cell = open_cell
        self.sort_name = next(iter(SORTS))
        self.overdue_only = False
        self.all_actions = combined.open_actions(today)
        self.shown: list[OpenAction] = []
        #: the terminal width the columns were fitted to
        self.fitted_width = 0
        #: column name → width
        self.widths: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="actions-top")
        yield Input(
            placeholder="/ filter: words of district, criterion, owner or action",
            id="actions-filter",
            compact=True,
        )
        yield DataTable(id="actions-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="actions-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = f"Open actions {self.combined.period}"
        table = self.query_one(DataTable)
        self._add_columns(table)
        self.refresh_table()
        table.focus()

    def on_resize(self) -> None:
        table = self.query_one(DataTable)
        if self.fitted_width != self.app.size.width:
            row = table.cursor_row
            table.clear(columns=True)
            self._add_columns(table)
            self.refresh_table()
            table.move_cursor(row=row)

    def _add_columns(self, table: DataTable[Any]) -> None:
        """Explicit widths (DataTable does not measure Content cells by itself): the action text gets the
        room, the owner is cut first; the criterion's title comes last, beyond the edge when it must."""
        found = self.all_actions
        self.fitted_width = self.app.size.width
        fixed = [
            ("state", 7),
            ("due", 10),
            ("district", _widest([a.district for a in found], 8, 16)),
            ("criterion", _widest([a.criterion for a in found], 9, 12)),
        ]
        room = self.app.size.width - SCROLLBAR - sum(w + PADDING for _, w in fixed) - 2 * PADDING
        owners = _widest([a.action.owner for a in found], 5, OWNER_WIDTH)
        owner = min(owners, max(OWNER_LEAST, room - max(int(room * ACTION_SHARE), 6)))
        actions = _widest([a.action.action for a in found], 6, 10_000)
        action = max(6, min(actions, room - owner))
        columns = [*fixed, ("owner", owner), ("action", action)]
        titles = _widest([self._title(a.criterion) for a in found], 15, CRITERION_WIDTH)
        if room - owner - action >= TITLE_LEAST + PADDING:  # else the line under the table names it
            columns.append(("criterion title", min(titles, room - owner - action - PADDING)))
        self.widths = dict(columns)
        for name, width in columns:
            table.add_column(Text(name, style="bold"), key=name, width=width)

    def _title(self, criterion_id: str) -> str:
        criterion = self.combined.framework.criterion(criterion_id)
        return f"{criterion_id} {criterion.title}" if criterion else criterion_id

    def refresh_table(self) -> None:
        words = self.query_one(Input).value.lower().split()
        found = [a for a in self.all_actions if matches(a, words, self._title(a.criterion))]
        if self.overdue_only:
            found = [a for a in found if a.overdue]
        self.shown = sorted(found, key=SORTS[self.sort_name])
        table = self.query_one(DataTable)
        table.clear()
        for index, found_action in enumerate(self.shown):
            table.add_row(*self._cells(found_action), key=str(index))
        overdue = sum(a.overdue for a in self.all_actions)
        top = Content.assemble(
            literal(f"{len(self.all_actions)} open actions in {self.combined.period}, "),
            literal(f"{overdue} overdue", OVERDUE_STYLE if overdue else ""),
            literal(f" at {self.today}.  Showing {len(self.shown)}, sorted by {self.sort_name}"),
            literal(", overdue only" if self.overdue_only else ""),
            literal(".  s: sort · o: overdue only · /: filter · Enter: open", MUTED),
        )
        self.query_one("#actions-top", Static).update(top)
        self._show_detail()

    @on(DataTable.RowHighlighted, "#actions-table")
    def _show_detail(self) -> None:
        """The chosen action in full under the table: its text, then owner, due date and criterion."""
        table = self.query_one(DataTable)
        detail = self.query_one("#actions-detail", Static)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            none = "No open actions match." if self.all_actions else "No open actions."
            detail.update(literal(none, MUTED))
            return
        found = self.shown[table.cursor_row]
        action = found.action
        due = f"due {action.due}" if action.due else "no due date"
        where = f"{found.district} · {self._title(found.criterion)}"
        detail.update(
            Content("\n").join(
                [
                    literal(action.action, "bold"),
                    literal(f"{action.owner or 'no owner'} · {due} · {where}", MUTED),
                ]
            )
        )

    def _cells(self, found: OpenAction) -> list[Content]:
        action = found.action
        style = OVERDUE_STYLE if found.overdue else ""
        state = literal("OVERDUE", "bold reverse $error") if found.overdue else literal("open")
        criterion = self.combined.framework.criterion(found.criterion)
        widths = self.widths
        cells = {
            "state": state,
            "due": literal(str(action.due) if action.due else "—", style),
            "district": literal(found.district, style),
            "criterion": literal(found.criterion),
            "owner": literal(fit(action.owner or "—", widths["owner"])),
            "action": literal(fit(action.action, widths["action"])),
            # dim, not $text-muted: a table cell does not resolve theme variables (it drew black on black)
            "criterion title": literal(criterion.title if criterion else "(no longer asked)", "dim"),
        }
        return [cells[name] for name in widths]

    # -- keys -----------------------------------------------------------------------------------
    def action_sort(self) -> None:
        names = list(SORTS)
        self.sort_name = names[(names.index(self.sort_name) + 1) % len(names)]
        self.refresh_table()

    def action_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.refresh_table()

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed, "#actions-filter")
    def _filter_changed(self) -> None:
        self.refresh_table()

    @on(Input.Submitted, "#actions-filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#actions-table")
    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self.shown and table.cursor_row < len(self.shown):
            found = self.shown[table.cursor_row]
            self.open_cell(found.district, found.criterion)

    def action_help(self) -> None:
        self.app.push_screen(HelpModal(HELP))

    def action_back(self) -> None:
        """Esc: clear the filter first (back to the table); then back to the heat map."""
        field = self.query_one(Input)
        if isinstance(self.focused, Input) or field.value:
            field.value = ""
            self.query_one(DataTable).focus()
        else:
            self.dismiss(None)
