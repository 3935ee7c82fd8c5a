"""The review screen: every district for one quarter in a heat map, with filters, drill-downs, the trend,
open actions, and the reviewer's comment that marks a district reviewed.

Everything shown comes from ``combine`` (as ``selfassess summary`` does); the trend is read by a worker
after the heat map is on screen, so the first paint never waits for eight quarters of files.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Static
from textual.worker import Worker, WorkerState

from selfassess.core.errors import SelfAssessError
from selfassess.core.model import Criterion
from selfassess.core.periods import Period
from selfassess.core.textgate import visible
from selfassess.core.vocabulary import NOT_SUBMITTED, Status
from selfassess.logic.combine import Combined, combine
from selfassess.logic.review import mark_reviewed, refusal, worst_ratings
from selfassess.logic.trend import Trend, load_trend
from selfassess.tui.common.base import AppScreen
from selfassess.tui.common.footer import KeyFooter
from selfassess.tui.common.help import HelpModal
from selfassess.tui.common.navigation import go_home
from selfassess.tui.common.sync_action import commit_review
from selfassess.tui.common.text import literal
from selfassess.tui.review import git as review_git
from selfassess.tui.review.actions import ActionsScreen
from selfassess.tui.review.cell import CellModal
from selfassess.tui.review.cells import (
    MUTED,
    grade_tags,
    grade_words,
    legend,
    mean_trend_content,
    trend_content,
)
from selfassess.tui.review.commands import Command, ReviewCommands
from selfassess.tui.review.comment import CommentModal
from selfassess.tui.review.heatmap import TITLE_COLUMN, TREND_COLUMN, HeatMap, ViewFilter
from selfassess.tui.review.help import review_help
from selfassess.tui.review.row import RowModal

QUARTER = Binding.Group("Quarter", compact=True)
#: the legend's padding, one cell each side (review.tcss)
LEGEND_PADDING = 2


class ReviewScreen(AppScreen):
    """All districts for ``period``; the cursor's cell is described in full beneath the heat map."""

    #: whose sign-off verifies (``git.Verification``: column marks), when the workspace has allowed_signers
    verification: Any = None
    COMMANDS = {ReviewCommands}
    #: the keys the footer keeps first after Help, Back and Quit (``common.footer``); the rest are in F1
    footer_first = ("select_cursor", "review", "actions", "recommendations", "step", "theme", "changes")
    BINDINGS = [
        Binding(
            "r",
            "review",
            "Review",
            tooltip="comment on the district under the cursor and mark it reviewed "
            "(submitted assessments only)",
        ),
        Binding(
            "a",
            "actions",
            "Actions",
            tooltip="open improvement actions across districts, overdue highlighted",
        ),
        Binding(
            "i",
            "recommendations",
            "Recommendations",
            tooltip="the inspection's recommendations: each item's status by unit (inspections/)",
        ),
        Binding("f1", "help", "Help", tooltip="this help"),
        Binding("q", "quit", "Quit", tooltip="quit"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("t", "theme", "Theme", tooltip="show one theme at a time, then all again"),
        Binding("c", "changes", "Moved", tooltip="only criteria that changed since last quarter"),
        Binding("w", "worst", "Worst", tooltip="only criteria rated at the worst grade"),
        Binding(
            "u",
            "unsupported",
            "Unsupported",
            tooltip="only criteria a district rated better than its dip sample supports (again: all)",
        ),
        Binding(
            "p",
            "proportions",
            "Shares",
            tooltip="cells show each dip sample's share meeting the standard, on the colour of the grade "
            "it supports (again: the grades)",
        ),
        Binding(
            "d", "district", "District", tooltip="only the district under the cursor (again: all districts)"
        ),
        Binding(
            "left_square_bracket",
            "step(-1)",
            "Previous quarter",
            key_display="[",
            group=QUARTER,
            tooltip="previous quarter",
        ),
        Binding(
            "right_square_bracket",
            "step(1)",
            "Next quarter",
            key_display="]",
            group=QUARTER,
            tooltip="next quarter",
        ),
        Binding(
            "ctrl+r",
            "reload",
            "Reload",
            tooltip="read the files again (the screen also does so by itself within 2 s of a change on disk)",
        ),
        Binding(
            "escape",
            "back",
            "Back",
            tooltip="clear the filters; with none on, back to the home screen (never quits)",
        ),
    ]

    def __init__(self, period: str | None = None) -> None:
        super().__init__()
        self.period = period
        self.view = ViewFilter()
        self.combined: Combined | None = None
        self.trend: Trend | None = None
        #: whether an assessment could not be read: `selfassess review` then exits 1 (SPEC §5)
        self.met_unreadable = False

    @property
    def heatmap(self) -> HeatMap:
        return self.query_one(HeatMap)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-top")
        yield Static(id="review-legend")
        yield HeatMap(id="review-map")
        yield Static(id="review-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.workspace.settings.force
        self.load(self.period)
        self.heatmap.focus()
        review_git.install(self)  # live reload; verified sign-off when the workspace signs commits
        self.call_after_refresh(self.offer_review_conflict)

    # -- a review both sides of a merge changed -------------------------------------------------
    def offer_review_conflict(self) -> None:
        """Show the first review conflict of the quarter, if any, to choose from (then the next)."""
        from selfassess.logic.reviewconflict import review_conflicts

        if self.combined is None:
            return
        found = review_conflicts(self.workspace, self.combined.period)
        if not found:
            return
        conflict = found[0]
        if conflict.other is None:
            self._offer_set_aside(conflict)
            return
        from selfassess.tui.review.conflict import ReviewConflictModal

        self.app.push_screen(ReviewConflictModal(conflict), partial(self._review_chosen, conflict))

    def _offer_set_aside(self, conflict: Any) -> None:
        from selfassess.logic.reviewconflict import set_aside
        from selfassess.tui.common.confirm import ConfirmModal

        question = literal(
            f"{conflict.error}\n\nThis review conflict file cannot be read. Set it aside (renamed to "
            "…broken, not deleted) and carry on?"
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                self.notify("The conflict file stays: sync will not push until it is gone.", timeout=8)
                return
            try:
                moved = set_aside(conflict)
            except OSError as failure:
                self.notify(
                    visible(f"{failure.strerror or failure}"), severity="error", timeout=12, markup=False
                )
                return
            self.notify(
                visible(f"Set aside as {moved.name}."), title="Conflict file", timeout=8, markup=False
            )
            self.offer_review_conflict()

        self.app.push_screen(ConfirmModal(question, "Set aside", "Keep"), answered)

    def _review_chosen(self, conflict: Any, choice: str | None) -> None:
        from selfassess.logic.reviewconflict import keep_file, take_other
        from selfassess.tui.review.conflict import OTHER

        if choice is None:
            self.notify("The review conflict stays: sync will not push until it is resolved.", timeout=8)
            return
        try:
            if choice == OTHER:
                written = take_other(self.workspace, conflict)
                subject = f"{conflict.district} {conflict.period}: review conflict resolved by {self.user}"
                commit_review(self, written, subject)
            else:
                keep_file(conflict)
        except (SelfAssessError, OSError) as error:
            self.notify(visible(str(error)), title="Not resolved", severity="error", timeout=12, markup=False)
            return
        self.notify(
            visible(f"{conflict.district}'s review conflict resolved."),
            title="Resolved",
            timeout=8,
            markup=False,
        )
        self.load(self.period)
        self.offer_review_conflict()

    # -- loading --------------------------------------------------------------------------------
    def load(self, period: str | None) -> None:
        """Combine ``period`` (this quarter's and the previous quarter's files), show it, then the trend."""
        try:
            self.combined = combine(self.workspace, period, self.today)
        except SelfAssessError as error:  # e.g. the framework file broke under us after a git pull
            self.notify(
                visible(str(error)),
                title="Cannot show the quarter",
                severity="error",
                timeout=12,
                markup=False,
            )
            return
        self.period = self.combined.period
        self.title = f"Review {self.period}"
        self.met_unreadable |= any(e.status == Status.INVALID for e in self.combined.entries.values())
        if self.trend is not None and self.trend.periods[-1] != self.period:
            self.trend = None  # another quarter's: the worker brings this one's
        self.heatmap.show(self.combined, self.view, self.trend)
        self._show_top()
        self._show_detail()
        # after the next paint, so the heat map is on screen before the worker competes for the GIL
        self.call_after_refresh(self._load_trend, self.combined)

    # a description, or Textual would build one from repr() of every assessment in ``combined``
    @work(thread=True, exclusive=True, group="trend", exit_on_error=False, description="load the trend")
    def _load_trend(self, combined: Combined) -> Trend:
        return load_trend(self.workspace, combined.period, combined.districts, combined.assessments())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "trend" or self.combined is None:
            return
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, Trend):
            if worker.result.periods[-1] == self.combined.period:
                self.trend = worker.result
                self.heatmap.fill_trend(self.trend)
                self._show_detail()
        elif event.state == WorkerState.ERROR:
            self.notify(
                visible(f"The trend could not be read: {worker.error}"), severity="warning", markup=False
            )

    def _show(self) -> None:
        if self.combined is not None:
            self.heatmap.show(self.combined, self.view, self.trend)
            self._show_top()
            self._show_detail()

    # -- what the top and bottom lines say ------------------------------------------------------
    def _show_top(self) -> None:
        combined = self.combined
        if combined is None:
            return
        filters = self.view.words(combined)
        shown = f"{len(self.heatmap.visible_districts)} of {len(combined.districts)} districts"
        first = literal(
            f"{combined.period}, movement since {combined.previous_label} · {shown} · "
            + (f"filter: {'; '.join(filters)}" if filters else "no filter"),
            "bold",
        )
        lines = [first, self._not_submitted(combined)]
        self.query_one("#review-top", Static).update(Content("\n").join(lines))
        heatmap = self.heatmap
        self.query_one("#review-legend", Static).update(
            legend(
                combined.framework,
                grade_tags(combined.framework),
                self.verification is not None,
                width=self.app.size.width - LEGEND_PADDING,
                statuses=heatmap.marked_statuses,
            )
        )

    @staticmethod
    def _not_submitted(combined: Combined) -> Content:
        """Who has not submitted and who awaits review, by name: obvious without scanning headers."""
        groups = (
            (
                "Not submitted",
                [d for d in combined.districts if combined.status(d) in NOT_SUBMITTED],
                "bold $error",
            ),
            (
                "to review",
                [d for d in combined.districts if combined.status(d) == Status.SUBMITTED],
                "bold $accent",
            ),
            (
                Status.CHANGED,
                [d for d in combined.districts if combined.status(d) == Status.CHANGED],
                "bold $warning",
            ),
        )
        parts = []
        for label, districts, style in groups:
            if districts:
                names = ", ".join(
                    f"{d} ({combined.status(d)})" if label == "Not submitted" else d for d in districts
                )
                parts.append(Content.assemble(literal(f"{label}: ", style), literal(names)))
        if not parts:
            return literal("Every district has submitted and been reviewed.", "$success")
        return Content(" · ").join(parts)

    def _show_detail(self) -> None:
        self.query_one("#review-detail", Static).update(self._detail())

    def _detail(self) -> Content:
        combined, heatmap = self.combined, self.heatmap
        if combined is None:
            return Content("")
        if not heatmap.row_count:
            return literal(
                "No criteria match the filters: press c, w, u, t or d again to widen them.", "italic"
            )
        theme_id = heatmap.theme_at_cursor()
        if theme_id is not None:
            theme = next(t for t in combined.framework.themes if t.id == theme_id)
            return Content("\n").join(
                [
                    literal(theme.title, "bold"),
                    literal(
                        "Worst grade per district and how many criteria are at it · Enter: this theme only"
                    ),
                ]
            )
        criterion = heatmap.criterion_at_cursor()
        if criterion is None:
            return Content("")
        district = heatmap.district_at_cursor()
        title = literal(f"{criterion.id} {criterion.title}", "bold")
        if district is None:
            return Content("\n").join([title, self._mean_line(criterion)])
        return Content("\n").join([title, self._cell_line(criterion, district)])

    def _cell_line(self, criterion: Criterion, district: str) -> Content:
        """``barnsley: 2 Amber ▼ worse · 2026-Q3 3 Green · trend ▃▅██``, short enough for 80 columns."""
        combined = self.combined
        assert combined is not None
        framework = combined.framework
        before = combined.previous_cell(criterion, district)
        movement = combined.movement(criterion, district)
        moved = f" {movement.sign} {movement.words}" if movement else ""
        parts = [
            literal(f"{district}: ", "bold"),
            grade_words(framework, combined.cell(criterion, district), combined.has_assessment(district)),
            literal(moved, "bold"),
            literal(f" · {combined.previous_label} "),
            grade_words(framework, before, combined.had_assessment(district)),
        ]
        if self.trend is not None:
            trend = self.trend
            blocks = trend_content(trend.framework, trend.line(criterion.id, district), trend.had(district))
            parts += [literal(f" · since {trend.periods[0]} "), blocks]
        line = Content.assemble(*parts)
        shown = combined.sample_figures(criterion, district)
        if shown is None:
            return line
        said = f"sample {shown.words(framework)}"
        if combined.not_supported(criterion, district):
            return Content("\n").join(
                [line, literal(f"⚠ {said}: the rating is better than that", "$warning")]
            )
        return Content("\n").join([line, literal(said, MUTED)])

    def _mean_line(self, criterion: Criterion) -> Content:
        if self.trend is None:
            return literal("trend: loading…  Enter: every district side by side", MUTED)
        means = self.trend.mean([criterion.id], self.heatmap.visible_districts)
        return Content.assemble(
            literal("mean of the districts shown: "),
            mean_trend_content(self.trend.framework, means),
            literal(
                f"  {self.trend.periods[0]} → {self.trend.periods[-1]} · Enter: every district side by side",
                MUTED,
            ),
        )

    def on_resize(self) -> None:
        if self.combined is not None and self.heatmap.fitted_width != self.app.size.width:
            self._show()  # the columns, the legend's lines and the statuses' marks follow the width

    @on(DataTable.CellHighlighted, "#review-map")
    def _cursor_moved(self) -> None:
        self._show_detail()

    @on(DataTable.HeaderSelected, "#review-map")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        self.heatmap.go_to(district=str(event.column_key.value))

    # -- opening things -------------------------------------------------------------------------
    @on(DataTable.CellSelected, "#review-map")
    def _cell_selected(self) -> None:
        heatmap = self.heatmap
        theme_id = heatmap.theme_at_cursor()
        if theme_id is not None:
            self.view = self.view.toggled(theme=None if self.view.theme == theme_id else theme_id)
            self._show()
            return
        _, column = heatmap.cursor_keys()
        if column in (TITLE_COLUMN, TREND_COLUMN):
            self.action_row()
            return
        criterion, district = heatmap.criterion_at_cursor(), heatmap.district_at_cursor()
        if criterion is not None and district is not None:
            self.open_cell(district, criterion.id)

    def open_cell(self, district: str, criterion_id: str) -> None:
        """The drill-down for one district and criterion (also from the actions view)."""
        criterion = self.combined.framework.criterion(criterion_id) if self.combined else None
        if criterion is None or self.combined is None:
            self.notify(
                visible(f"{criterion_id} is not a current criterion."), severity="warning", markup=False
            )
            return
        signoff = review_git.signoff_detail(self, district)
        self.app.push_screen(CellModal(self.combined, criterion, district, self.today, self.trend, signoff))

    def action_row(self) -> None:
        criterion = self.heatmap.criterion_at_cursor()
        if criterion is None or self.combined is None:
            self.notify("Move the cursor to a criterion's row first.", severity="warning")
            return
        districts = self.heatmap.visible_districts
        self.app.push_screen(RowModal(self.combined, criterion, districts, self.today, self.trend))

    def action_actions(self) -> None:
        if self.combined is not None:
            self.app.push_screen(ActionsScreen(self.combined, self.today, self.open_cell))

    def action_recommendations(self) -> None:
        """``i``: the recommendations tracker for the quarter shown."""
        if self.combined is None:
            return
        if not self.workspace.inspection_files():
            self.notify(
                "No inspection items: add the inspection's findings as inspections/<id>.yaml.",
                severity="warning",
            )
            return
        from selfassess.logic.recommendations import track
        from selfassess.tui.review.tracker import TrackerScreen

        tracker = track(self.workspace, self.combined.period, self.today)
        for error in tracker.errors:
            self.notify(visible(str(error)), severity="error", markup=False)
        self.app.push_screen(TrackerScreen(tracker, self.combined.framework))

    def action_help(self) -> None:
        if self.combined is not None:
            self.app.push_screen(HelpModal(review_help(self.combined.framework, self.BINDINGS)))

    def action_back(self) -> None:
        """Esc: clear the filters first; then back to the home screen (opened if review started here)."""
        if self.view != ViewFilter():
            self.view = ViewFilter()
            self._show()
            self.notify(
                "Filters cleared: every theme and district. Esc again for the home screen.", timeout=3
            )
            return
        go_home(self)

    def action_quit(self) -> None:
        self.app.exit(1 if self.met_unreadable else 0)

    # -- filters and quarters -------------------------------------------------------------------
    def action_theme(self) -> None:
        if self.combined is None:
            return
        order = [None, *(t.id for t in self.combined.framework.themes)]
        position = order.index(self.view.theme) if self.view.theme in order else 0
        self.view = self.view.toggled(theme=order[(position + 1) % len(order)])
        self._show()

    def action_changes(self) -> None:
        self.view = self.view.toggled(changes_only=not self.view.changes_only)
        self._show()

    def action_worst(self) -> None:
        self.view = self.view.toggled(worst_only=not self.view.worst_only)
        self._show()

    def action_unsupported(self) -> None:
        self.view = self.view.toggled(unsupported_only=not self.view.unsupported_only)
        self._show()

    def action_proportions(self) -> None:
        self.view = self.view.toggled(proportions=not self.view.proportions)
        self._show()

    def action_district(self) -> None:
        if self.view.district is not None:
            self.view = self.view.toggled(district=None)
        else:
            district = self.heatmap.district_at_cursor()
            if district is None:
                self.notify("Move the cursor to a district's column first.", severity="warning")
                return
            self.view = self.view.toggled(district=district)
        self._show()

    def action_step(self, quarters: int) -> None:
        """Show the quarter before or after, within the quarters that have files (or the current one)."""
        if self.period is None:
            return
        periods = self.workspace.periods()
        current = self.workspace.current_period(self.today)
        first = Period.parse(periods[0]) if periods else Period.parse(current)
        last = max(Period.parse(periods[-1]) if periods else first, Period.parse(current))
        target = Period.parse(self.period)
        target = target.next if quarters > 0 else (target.previous or target)
        if quarters < 0 and target > last:  # from a later quarter without files: the latest that has them
            target = last
        elif quarters > 0 and target < first:
            target = first
        if not first <= target <= last:
            self.notify(
                visible(f"No assessments {'after' if quarters > 0 else 'before'} {self.period}."),
                markup=False,
            )
            return
        self.load(str(target))

    def action_reload(self) -> None:
        self.load(self.period)
        self.notify(visible(f"Read the files for {self.period} again."), markup=False)

    # -- reviewing ------------------------------------------------------------------------------
    def action_review(self) -> None:
        district = self.heatmap.district_at_cursor()
        if self.combined is None or district is None:
            self.notify("Move the cursor to a district's column first.", severity="warning")
            return
        entry = self.combined.entries[district]
        reason = refusal(entry)
        if reason is not None:
            self.notify(visible(reason), title="Cannot review", severity="warning", timeout=8, markup=False)
            return
        self.app.push_screen(
            CommentModal(entry, worst_ratings(self.workspace, entry)), partial(self._write_review, district)
        )

    def _write_review(self, district: str, comment: str | None) -> None:
        if comment is None or self.combined is None:
            return
        entry = self.combined.entries[district]
        try:
            mark_reviewed(self.workspace, entry, self.user, comment)
        except SelfAssessError as error:
            message = f"{error}. Press ctrl+r to read the files again."
            self.notify(visible(message), title="Not reviewed", severity="error", timeout=12, markup=False)
            return
        self.load(self.period)
        path = self.workspace.relative(self.workspace.review_path(district, entry.period))
        self.notify(visible(f"{district} marked reviewed: {path}"), title="Reviewed", markup=False)
        review_file = self.workspace.review_path(district, entry.period)
        commit_review(self, review_file, f"{district} {entry.period}: reviewed by {self.user}")

    # -- command palette ------------------------------------------------------------------------
    def palette_commands(self) -> list[Command]:
        """Every command, and a jump to each criterion and district."""
        commands: list[Command] = [
            ("Open improvement actions", self.action_actions, "Every open action, overdue highlighted"),
            ("Review the district under the cursor", self.action_review, "Comment and mark reviewed"),
            ("Evidence of every district for this criterion", self.action_row, "Side by side"),
            ("Filter: next theme", self.action_theme, "One theme at a time, then all"),
            ("Filter: only changes since last quarter", self.action_changes, "Toggle"),
            ("Filter: only the worst grade", self.action_worst, "Toggle"),
            ("Filter: only the district under the cursor", self.action_district, "Toggle"),
            ("Previous quarter", partial(self.action_step, -1), "Step back a quarter"),
            ("Next quarter", partial(self.action_step, 1), "Step forward a quarter"),
            ("Read the files again", self.action_reload, "After a git pull"),
            ("Help", self.action_help, "Keys and marks"),
        ]
        if self.combined is not None:
            for criterion in self.combined.framework.criteria:
                commands.append(
                    (
                        f"{criterion.id} {criterion.title}",
                        partial(self.go_to, criterion.id),
                        "Go to this criterion",
                    )
                )
            for district in self.combined.districts:
                commands.append(
                    (f"District {district}", partial(self.go_to, None, district), "Go to its column")
                )
        return commands

    def go_to(self, criterion_id: str | None, district: str | None = None) -> None:
        """Move to a criterion and/or district, widening the filters when they hide it."""
        if not self.heatmap.go_to(criterion_id, district):
            self.view = ViewFilter()
            self._show()
            self.heatmap.go_to(criterion_id, district)
        self.heatmap.focus()
