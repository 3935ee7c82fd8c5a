"""The home screen: each district's recent periods with status and completion; opens fill, review and diff."""

from __future__ import annotations

from datetime import date
from functools import partial

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from selfassess.core.model import Framework
from selfassess.core.periods import Period
from selfassess.core.textgate import visible
from selfassess.core.vocabulary import Status
from selfassess.logic.done import completion as done_count
from selfassess.tui.common.base import AppScreen
from selfassess.tui.common.confirm import ConfirmModal
from selfassess.tui.common.footer import KeyFooter
from selfassess.tui.common.help import HelpModal
from selfassess.tui.common.hints import HintLine
from selfassess.tui.common.keys import key_table
from selfassess.tui.common.palette import Command, ScreenCommands
from selfassess.tui.common.text import literal
from selfassess.tui.home import git as home_git
from selfassess.workspace.workspace import Entry, Workspace

PERIODS_SHOWN = 4
HELP = """\
# selfassess: home

Each district's last quarters: the status of its assessment (missing, draft, submitted, reviewed,
changed since review, invalid) and how many of the criteria that apply to it are done: nothing about
them blocks submitting (rated with evidence, or marked not applicable; confirmed if carried; an open
action where the rating needs one).

"""
#: keys that are not bindings of the screen, before and after those that are
KEYS_BEFORE = [
    ("arrows, mouse", "choose a district and a quarter"),
    ("`Enter`", "open that assessment to fill in (read-only when submitted or open elsewhere)"),
]
KEYS_AFTER = [("`ctrl+p`", "command palette (themes, keys)")]
#: the line under the table; it wraps only between hints (``common.hints``)
HINTS = [
    Content(hint)
    for hint in (
        "Enter: open the assessment under the cursor",
        "f: fill this quarter",
        "r: review the quarter",
        "d: what changed",
        "F1: help",
    )
]


def completion(workspace: Workspace, entry: Entry) -> tuple[int, int] | None:
    """(done, applicable criteria) of a readable assessment, else None: done when nothing about the
    criterion blocks submitting (as the fill screen's progress)."""
    assessment = entry.assessment
    if assessment is None:
        return None
    framework: Framework = workspace.load_framework(assessment.framework)
    return done_count(framework, assessment, workspace.capabilities(entry.district))


def items_line(workspace: Workspace, today: date) -> Content:
    """The inspection's items still open and overdue in the default quarter ('' with no inspections/)."""
    if not workspace.inspection_files():
        return Content("")
    from selfassess.core.vocabulary import ItemStatus
    from selfassess.logic.recommendations import track

    tracker = track(workspace, workspace.default_period(today), today)
    still_open = sum(1 for item in tracker.items() if item.status.is_open)
    overdue = tracker.count(ItemStatus.OVERDUE)
    return Content.assemble(
        literal(f"\nInspection items: {still_open} open, "),
        literal(f"{overdue} overdue", ItemStatus.OVERDUE.style if overdue else ""),
        literal(" (r, then i: the tracker)", "$text-muted"),
    )


def cell(workspace: Workspace, entry: Entry) -> Content:
    """``draft 19/28``: status in words (coloured) and completion."""
    status = literal(entry.status, entry.status.style)
    done = completion(workspace, entry)
    if done is None:
        return status
    return Content.assemble(status, literal(f" {done[0]}/{done[1]}"))


class HomeScreen(AppScreen):
    """Districts down, the last quarters across; Enter opens the assessment under the cursor."""

    COMMANDS = {ScreenCommands}
    BINDINGS = [
        Binding("f", "fill_current", "Fill", tooltip="fill the chosen district's current quarter"),
        Binding("r", "review", "Review", tooltip="review all districts for the chosen quarter"),
        Binding(
            "d",
            "diff",
            "Changes",
            tooltip="what changed in the chosen district since the quarter before",
        ),
        Binding(
            "s",
            "sync",
            "Sync",
            tooltip="sync: commit, pull and push (the line above the keys says where git stands)",
        ),
        Binding("f1", "help", "Help", tooltip="this help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("q", "app.quit", "Quit", tooltip="quit"),
    ]

    items_line: Content = Content("")

    def __init__(self) -> None:
        super().__init__()
        self.periods: list[str] = []
        self.entries: dict[tuple[str, str], Entry] = {}

    @property
    def current_period(self) -> str:
        return self.workspace.current_period(self.today)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="home-intro")
        yield DataTable(id="home-table", cursor_type="cell", zebra_stripes=True)
        yield HintLine(HINTS, id="home-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "selfassess"
        self.sub_title = self.workspace.settings.force
        self.load()
        table = self.query_one(DataTable)
        if self.current_period in self.periods:
            table.move_cursor(row=0, column=self.periods.index(self.current_period) + 1)
        table.focus()
        home_git.install(self)  # the git status line, live reload

    def on_screen_resume(self) -> None:
        if self.periods:
            self._reload()

    @work(thread=True, exclusive=True, group="home-load")
    def _reload(self) -> None:
        """Read every status again off the UI thread (a screen closed on top may have saved)."""
        read = self._read()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_table, *read)

    def _period_columns(self) -> list[str]:
        latest = self.workspace.latest_period()
        last = max(Period.parse(self.current_period), Period.parse(latest) if latest else Period(1, 1))
        return [str(p) for p in last.last(PERIODS_SHOWN)]

    def load(self) -> None:
        """(Re)read every district's status for the quarters shown, keeping the cursor where it was."""
        self._show_table(*self._read())

    def _read(self) -> tuple[list[str], dict[tuple[str, str], Entry], dict[str, list[Content]]]:
        """The quarters shown, each (district, quarter)'s entry, and each district's row of cells."""
        workspace = self.workspace
        periods = self._period_columns()
        entries = {(d, p): workspace.entry(d, p) for d in workspace.districts for p in periods}
        rows = {d: [cell(workspace, entries[(d, p)]) for p in periods] for d in workspace.districts}
        self.items_line = items_line(workspace, self.today)
        return periods, entries, rows

    def _show_table(
        self, periods: list[str], entries: dict[tuple[str, str], Entry], rows: dict[str, list[Content]]
    ) -> None:
        workspace = self.workspace
        self.periods, self.entries = periods, entries
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        # explicit widths: DataTable does not measure Content cells by itself
        table.add_column("district", key="district", width=max(8, *map(len, workspace.districts)))
        for index, period in enumerate(self.periods):
            width = max(len(period), *(cells[index].cell_length for cells in rows.values()))
            table.add_column(Text(visible(period)), key=period, width=width)
        for district, cells in rows.items():
            table.add_row(literal(district, "bold"), *cells, key=district)
        table.cursor_coordinate = cursor
        self._show_intro()

    def _show_intro(self) -> None:
        today = self.today
        intro = Content.assemble(
            literal("Workspace: ", "bold"),
            literal(str(self.workspace.root)),
            literal(f"   Today: {today}   Current quarter: {self.current_period}"),
            self.items_line,
        )
        self.query_one("#home-intro", Static).update(intro)

    # -- where the cursor is --------------------------------------------------------------------
    def _selection(self) -> tuple[str, str]:
        """(district, period) under the cursor; the district column means the current quarter."""
        table = self.query_one(DataTable)
        coordinate: Coordinate = table.cursor_coordinate
        keys = table.coordinate_to_cell_key(coordinate)
        district = str(keys.row_key.value)
        column = str(keys.column_key.value)
        return district, column if column in self.periods else self.current_period

    @on(DataTable.CellSelected, "#home-table")
    def _cell_selected(self) -> None:
        self.open_fill(*self._selection())

    def open_fill(self, district: str, period: str) -> None:
        entry = self.entries.get((district, period))
        if entry is not None and entry.status == Status.INVALID:
            self.notify(
                visible(str(entry.error)), title="Cannot open", severity="error", timeout=10, markup=False
            )
            return
        if self.workspace.is_future(period, self.today):  # an early start moves no one else's quarter
            question = literal(
                f"{period} is after today's quarter ({self.current_period}). Open {district}'s {period} "
                "anyway?"
            )

            def answered(yes: bool | None) -> None:
                if yes:
                    self.open_screen("fill", district=district, period=period)

            self.app.push_screen(ConfirmModal(question, yes="Open it", no="Cancel"), answered)
            return
        self.open_screen("fill", district=district, period=period)

    # -- keys -----------------------------------------------------------------------------------
    def action_fill_current(self) -> None:
        self.open_fill(self._selection()[0], self.current_period)

    def action_review(self) -> None:
        self.open_screen("review", period=self._selection()[1])

    def action_diff(self) -> None:
        district, period = self._selection()
        old = str(Period.parse(period).previous or period)  # 1000-Q1 has none: its own file
        for label in (old, period):
            if not self.workspace.assessment_path(district, label).exists():
                self.notify(
                    visible(f"{district} has no assessment for {label} to compare."), timeout=5, markup=False
                )
                return
        self.open_screen("diff", district=district, old=old, new=period)

    def action_sync(self) -> None:
        home_git.sync(self)

    def action_help(self) -> None:
        self.app.push_screen(HelpModal(HELP + key_table(self.BINDINGS, KEYS_BEFORE, KEYS_AFTER)))

    def palette_commands(self) -> list[Command]:
        """The home screen's keys, then each district's current quarter to fill, for the palette."""
        commands: list[Command] = [
            (
                f"{key.description}: {key.tooltip}",
                partial(self.run_action, key.action),
                key.key,
            )
            for key in self.BINDINGS
            if isinstance(key, Binding) and key.show and key.tooltip
        ]
        period = self.current_period
        commands += [
            (f"Fill {district} {period}", partial(self.open_fill, district, period), "open its fill screen")
            for district in self.workspace.settings.districts
        ]
        return commands
