"""The diff screen: two periods of a district side by side — rating moves first, then changed evidence,
notes, dip samples and actions with the changed words marked.

Reading and comparing is :mod:`selfassess.logic.versions` and :mod:`selfassess.logic.diff`; this
module picks the two periods and shows the result. (Any two versions, from git or paths, are
``selfassess diff``'s job.)
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, Label, Select, Static

from selfassess.core.errors import SelfAssessError
from selfassess.core.periods import Period
from selfassess.core.textgate import visible
from selfassess.logic.diff import Diff, compare
from selfassess.logic.versions import read_version
from selfassess.tui.common.base import AppScreen
from selfassess.tui.common.footer import KeyFooter
from selfassess.tui.common.help import HelpModal
from selfassess.tui.common.keys import key_table
from selfassess.tui.common.navigation import go_home
from selfassess.tui.common.text import literal
from selfassess.tui.diff.evidence import EvidenceChange
from selfassess.tui.diff.moves import RatingMoves

HELP = """\
# Compare

Two periods of one district side by side.

{keys}

Rating moves come first, worst news first: worse, better, newly rated, no longer rated, applicability,
criteria added or removed. Below them, each criterion whose evidence, notes, dip sample or actions
changed: removed words are struck through on the left, added words highlighted on the right; a sample
recorded, removed or changed reads as in `selfassess diff` ("sample 14/20 (70%) → 18/20 (90%)", then
the period of its cases and its source where they changed).
"""

#: the heading over the changed criteria
HEADING = "Evidence, notes, samples and actions"
#: keys that are not bindings of the screen
KEYS_BEFORE = [
    ("`Tab`", "move between the district, *from* and *to* pickers and the table"),
    ("`Enter`", "on a rating move: jump to its evidence"),
]


@dataclass
class Choice:
    """One version the pickers offer: what :func:`read_version` reads, and how it is shown."""

    spec: str
    label: str


class DiffScreen(AppScreen):
    """Compare two versions of a district's assessment."""

    BINDINGS = [
        Binding(
            "escape", "back", "Back", tooltip="back (to the home screen when opened directly; never quits)"
        ),
        Binding(
            "left_square_bracket", "step(1)", "Earlier", key_display="[", tooltip="compare one step earlier"
        ),
        Binding(
            "right_square_bracket", "step(-1)", "Later", key_display="]", tooltip="compare one step later"
        ),
        Binding("s", "swap", "Swap", tooltip="swap *from* and *to*"),
        Binding("r", "reload", "Reload", tooltip="read the files again"),
        Binding("f1,question_mark", "help", "Help", tooltip="this help"),
        Binding("q", "app.quit", "Quit", tooltip="quit"),
    ]

    def __init__(
        self,
        district: str | None = None,
        old: str | None = None,
        new: str | None = None,
    ) -> None:
        """Periods ``old`` and ``new`` of ``district`` (default: this quarter against the one before)."""
        super().__init__()
        self.district = district
        self.requested = (old, new)
        self.choices: list[Choice] = []
        self.old_spec: str | None = None
        self.new_spec: str | None = None
        self.result: Diff | None = None
        self.error: str | None = None
        self._asked = 0  # comparisons asked for; only the latest is shown

    # -- building ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="diff-pickers"):
            yield Label("District", classes="diff-picker-label", id="diff-district-label")
            yield Select[str]([], id="diff-district", allow_blank=True, prompt="district")
            yield Label("From", classes="diff-picker-label")
            yield Select[str]([], id="diff-old", allow_blank=True, prompt="from")
            yield Label("To", classes="diff-picker-label")
            yield Select[str]([], id="diff-new", allow_blank=True, prompt="to")
        yield Static(id="diff-banner")
        with VerticalScroll(id="diff-body"):
            yield Static("Rating moves", classes="diff-heading", id="diff-moves-heading")
            yield RatingMoves(id="diff-moves")
            yield Static(HEADING, classes="diff-heading", id="diff-evidence-heading")
            yield Vertical(id="diff-evidence")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.title = "Compare"
        self._choose_defaults()
        self._show_pickers()
        await self.show_diff()
        self.query_one(RatingMoves).focus()

    def _choose_defaults(self) -> None:
        old, new = self.requested
        workspace = self.workspace
        if self.district is None:
            with_files = [d for d in workspace.districts if workspace.periods(d)]
            self.district = next(iter(with_files or workspace.districts), None)
        self._choose_periods(new, old)

    def _choose_periods(self, new: str | None, old: str | None) -> None:
        workspace = self.workspace
        periods = workspace.periods(self.district) if self.district else []
        if new is None:
            current = workspace.current_period(self.today)
            new = current if current in periods or not periods else periods[-1]
        if old is None:
            old = str(Period.parse(new).previous or new)  # 1000-Q1: nothing before it
        labels = sorted({*periods, old, new}, reverse=True)
        self.choices = [Choice(f"{self.district}@{p}", p if p in periods else f"{p} (none)") for p in labels]
        self.old_spec, self.new_spec = f"{self.district}@{old}", f"{self.district}@{new}"

    def _show_pickers(self) -> None:
        district = self.query_one("#diff-district", Select)
        workspace = self.workspace
        with self.prevent(Select.Changed):
            district.set_options([(d, d) for d in workspace.districts])
            if self.district in workspace.districts:
                district.value = self.district
            options = [(c.label, c.spec) for c in self.choices]
            for select_id, spec in (("#diff-old", self.old_spec), ("#diff-new", self.new_spec)):
                select = self.query_one(select_id, Select)
                select.set_options(options)
                if spec in {c.spec for c in self.choices}:
                    select.value = spec

    # -- comparing -----------------------------------------------------------------------------
    def compared(self, old_spec: str | None, new_spec: str | None) -> tuple[Diff | None, str | None]:
        """Read both versions and compare them: (the diff, None), or (None, the problem to show).

        Reads files (and git, for ``REV:PATH``): :meth:`show_diff` runs it off the UI thread."""
        if not old_spec or not new_spec:
            return None, "Choose two versions to compare."
        workspace = self.workspace
        try:
            before = read_version(old_spec, workspace, workspace.root)
            after = read_version(new_spec, workspace, workspace.root)
        except SelfAssessError as error:
            return None, str(error)
        if before.framework.id != after.framework.id:
            return None, (
                f"These use different frameworks ({before.framework.id}, {after.framework.id}) "
                "and cannot be compared."
            )
        return compare(before.side, after.side, after.framework), None

    async def show_diff(self) -> None:
        self._asked += 1
        asked = self._asked
        found = await asyncio.to_thread(self.compared, self.old_spec, self.new_spec)
        if asked != self._asked:
            return  # another choice was made while these files were read: that one is shown
        self.result, self.error = found
        banner = self.query_one("#diff-banner", Static)
        banner.set_class(self.error is not None, "-error")
        banner.update(literal(self.error) if self.error else self._summary())
        self.query_one(RatingMoves).show(self.result)
        container = self.query_one("#diff-evidence", Vertical)
        await container.remove_children()
        result = self.result
        moves = result.moves() if result else []
        self.query_one("#diff-moves").display = bool(moves)
        if result is None:  # nothing to compare: no counts left over from the last comparison
            self.query_one("#diff-moves-heading", Static).update("Rating moves: nothing to compare")
            self.query_one("#diff-evidence-heading", Static).update(f"{HEADING}: nothing to compare")
            return
        old_name, new_name = self._side_names(result)
        panels = [
            EvidenceChange(
                change, result.framework, old_name, new_name, id=f"diff-change-{_safe_id(change.id)}"
            )
            for change in result.criteria
            if change.text_changed or change.actions or "sample" in change.changed
        ]
        self.query_one("#diff-moves-heading", Static).update(
            f"Rating moves ({len(moves)})" if moves else "Rating moves: none"
        )
        self.query_one("#diff-evidence-heading", Static).update(
            f"{HEADING} ({len(panels)} criteria)" if panels else f"{HEADING}: no changes"
        )
        await container.mount_all(panels)

    def _side_names(self, result: Diff) -> tuple[str, str]:
        old, new = result.old.assessment, result.new.assessment
        if old.district == new.district:
            return old.period, new.period
        return f"{old.district} {old.period}", f"{new.district} {new.period}"

    def _summary(self) -> Content:
        result = self.result
        assert result is not None
        old, new = result.old.assessment, result.new.assessment
        if old.district == new.district:
            parts = [f"{new.district}: {old.period} → {new.period}"]
        else:
            parts = [f"{result.old.source} → {result.new.source}"]
        status = result.status
        parts.append(f"status {status[0]} → {status[1]}" if status[0] != status[1] else f"status {status[1]}")
        if result.old.review != result.new.review:
            parts.append(f"review: {result.old.review or 'none'} → {result.new.review or 'none'}")
        if result.is_empty:
            parts.append("no changes")
        return literal(" · ".join(parts))

    # -- events and actions --------------------------------------------------------------------
    @on(Select.Changed, "#diff-district")
    async def _district_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.district:
            self.district = event.value
            self._choose_periods(None, None)
            self._show_pickers()
            await self.show_diff()

    @on(Select.Changed, "#diff-old")
    @on(Select.Changed, "#diff-new")
    async def _version_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str):
            return
        if event.select.id == "diff-old":
            self.old_spec = event.value
        else:
            self.new_spec = event.value
        await self.show_diff()

    @on(DataTable.RowSelected, "#diff-moves")
    def _jump_to_evidence(self, event: DataTable.RowSelected) -> None:
        criterion_id = event.row_key.value or ""
        for panel in self.query_one("#diff-evidence").query(EvidenceChange):
            if panel.change.id == criterion_id:
                self.query_one("#diff-body", VerticalScroll).scroll_to_widget(panel, top=True, animate=False)
                return
        self.notify(visible(f"{criterion_id}: only the rating changed."), timeout=3, markup=False)

    async def action_step(self, steps: int) -> None:
        """Move both sides ``steps`` choices older (positive) or newer (negative)."""
        specs = [c.spec for c in self.choices]
        if self.old_spec not in specs or self.new_spec not in specs:
            return
        self._shift_periods(steps)
        self._show_pickers()
        await self.show_diff()

    def _shift_periods(self, steps: int) -> None:
        def shifted(spec: str) -> str:
            period = Period.parse(spec.rsplit("@", 1)[1])
            for _ in range(abs(steps)):
                period = (period.previous or period) if steps > 0 else period.next
            return str(period)

        assert self.old_spec and self.new_spec
        self._choose_periods(shifted(self.new_spec), shifted(self.old_spec))

    async def action_swap(self) -> None:
        self.old_spec, self.new_spec = self.new_spec, self.old_spec
        self._show_pickers()
        await self.show_diff()

    async def action_reload(self) -> None:
        self._choose_periods(self._period(self.new_spec), self._period(self.old_spec))
        self._show_pickers()
        await self.show_diff()

    @staticmethod
    def _period(spec: str | None) -> str | None:
        return spec.rsplit("@", 1)[1] if spec and "@" in spec else None

    def action_help(self) -> None:
        self.app.push_screen(HelpModal(HELP.format(keys=key_table(self.BINDINGS, KEYS_BEFORE))))

    def action_back(self) -> None:
        go_home(self)  # back to the screen underneath, else to the home screen: never quits


def _safe_id(criterion_id: str) -> str:
    """A criterion id as a widget id (ids may hold dots)."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in criterion_id)
