"""The heat map: criteria down (under theme rows that summarise), districts across, one period.

Built once per period or filter from ``Combined`` (no file is read here); the trend column is filled in
later, when the trend has loaded. The first two columns are frozen, and so is the header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from textual.binding import Binding
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from selfassess.core.cells import cell_len, fit
from selfassess.core.model import NOT_APPLICABLE, Criterion, Theme
from selfassess.core.vocabulary import CellKind, Status
from selfassess.logic.combine import Combined
from selfassess.logic.samples import percent
from selfassess.logic.trend import QUARTERS, Trend
from selfassess.tui.common.segment_cell import SegmentCell
from selfassess.tui.common.text import literal
from selfassess.tui.review.cells import (
    counts_line,
    counts_width,
    grade_tags,
    heat_cell,
    mean_trend_content,
    share_cell,
    status_line,
    status_width,
    status_words_fit,
    theme_cell,
)
from selfassess.tui.review.git import name_line

TITLE_WIDTH = 32
MIN_TITLE_WIDTH = 22
NAME_WIDTH = 16
#: districts are at least this wide while there is room (one look on a wide terminal)
MIN_DISTRICT_WIDTH = 11
#: on a narrow terminal the criterion column shrinks to this beside the trend column; then the trend
#: column goes and the criterion column shrinks to SMALLEST_TITLE_WIDTH, before any district gives up room
NARROW_TITLE_WIDTH = 16
SMALLEST_TITLE_WIDTH = 10
#: a column's cell padding (one each side) and the vertical scrollbar, in cells
PADDING = 2
SCROLLBAR = 2
TITLE_COLUMN = "title"
TREND_COLUMN = "trend"
THEME_ROW = "theme:"
CRITERION_ROW = "criterion:"


@dataclass(frozen=True)
class ViewFilter:
    """What the heat map shows: one theme or all, only changes, only the worst grade, one district."""

    theme: str | None = None
    changes_only: bool = False
    worst_only: bool = False
    district: str | None = None
    #: cells show each dip sample's share meeting the standard instead of the grade (``p``)
    proportions: bool = False
    #: only criteria rated better than a district's sample supports (``u``)
    unsupported_only: bool = False

    def toggled(self, **changes: object) -> ViewFilter:
        return replace(self, **changes)  # type: ignore[arg-type]

    def districts(self, combined: Combined) -> tuple[str, ...]:
        return (self.district,) if self.district in combined.districts else combined.districts

    def shows(self, combined: Combined, criterion: Criterion, districts: tuple[str, ...]) -> bool:
        if self.theme is not None and criterion.theme != self.theme:
            return False
        if self.changes_only and not any(combined.changed(criterion, d) for d in districts):
            return False
        if self.unsupported_only and not any(combined.not_supported(criterion, d) for d in districts):
            return False
        worst = combined.framework.worst.id
        return not self.worst_only or any(combined.cell(criterion, d) == worst for d in districts)

    def words(self, combined: Combined) -> list[str]:
        """The filters in force, for the top line."""
        found = []
        if self.theme is not None:
            theme = next((t for t in combined.framework.themes if t.id == self.theme), None)
            found.append(f"theme: {theme.title if theme else self.theme}")
        if self.changes_only:
            found.append(f"only changes since {combined.previous_label}")
        if self.worst_only:
            found.append(f"only {combined.framework.worst.label}")
        if self.district is not None:
            found.append(f"district: {self.district}")
        if self.unsupported_only:
            found.append("only ratings their dip sample does not support")
        if self.proportions:
            found.append("cells: share of the dip sample meeting the standard")
        return found


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells (a wide character takes two)."""
    return fit(text, width)


class HeatMap(DataTable[SegmentCell]):
    """Criteria × districts for one period; ``show`` rebuilds it, ``fill_trend`` adds the trend column."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Open", show=True),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="cell", fixed_columns=2, header_height=3, **kwargs)  # type: ignore[arg-type]
        self.combined: Combined | None = None
        self.view = ViewFilter()
        self.visible_districts: tuple[str, ...] = ()
        self.visible_criteria: list[Criterion] = []
        self.title_width = TITLE_WIDTH
        #: whether the trend column is shown (on a narrow terminal it gives its room to the districts)
        self.shows_trend = True
        #: the statuses some column shows as a mark alone, for the legend to give their words
        self.marked_statuses: tuple[Status, ...] = ()
        #: the terminal width the columns were fitted to
        self.fitted_width = 0
        self.trend: Trend | None = None
        self._blank = SegmentCell(Content(""))  # no style: the same under every theme
        self._made_cells: dict[tuple[str | None, bool, str, int, bool], SegmentCell] = {}
        #: district → its sign-off mark beside the name (``git.Verification.marks``; none without signing)
        self.marks_for: Callable[[Combined], dict[str, str]] | None = None

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        """Cells hold colours resolved under the old theme: make them again."""
        if self.combined is not None:
            self.show(self.combined, self.view, self.trend)

    def fitting_title_width(self) -> int:
        """The criterion column's width: narrower on a narrow terminal so districts stay in view."""
        return max(MIN_TITLE_WIDTH, min(TITLE_WIDTH, self.app.size.width // 3))

    # -- building ---------------------------------------------------------------------------------
    def show(self, combined: Combined, view: ViewFilter, trend: Trend | None = None) -> None:
        """Rebuild for ``combined`` under ``view``, keeping the cursor on the same row and column."""
        keys = self.cursor_keys()
        if combined is not self.combined:
            self.trend = None
        self.combined, self.view = combined, view
        self.visible_districts = view.districts(combined)
        self.title_width = self.fitting_title_width()
        self.fitted_width = self.app.size.width
        self.clear(columns=True)
        self._made_cells = {}
        tags = grade_tags(combined.framework)
        widths = self._add_columns(combined, tags)
        self.visible_criteria = []
        for theme in combined.framework.themes:
            criteria = [c for c in theme.criteria if view.shows(combined, c, self.visible_districts)]
            if criteria:
                self._add_theme(combined, theme, tags, widths)
                for criterion in criteria:
                    self._add_criterion(combined, criterion, tags, widths)
                self.visible_criteria += criteria
        if trend is not None:
            self.fill_trend(trend)
        self._restore(keys)

    def _add_columns(self, combined: Combined, tags: dict[str, str]) -> dict[str, int]:
        cell_width = max(cell_len(t) for t in tags.values()) + 3
        least = max(cell_width, counts_width(combined.framework))
        marks = self.marks_for(combined) if self.marks_for is not None else {}

        def name_width(district: str) -> int:
            return min(cell_len(district), NAME_WIDTH) + (2 if marks.get(district) else 0)

        # natural: the name, the status in words; compact: the status as a mark alone (the legend says it)
        compact = {district: max(least, name_width(district)) for district in self.visible_districts}
        natural = {
            district: max(width, status_width(combined.status(district)))
            for district, width in compact.items()
        }
        self.title_width, self.shows_trend, widths = self._fit_columns(natural, compact, least)
        self.fixed_columns = 2 if self.shows_trend else 1
        self.add_column(  # DataTable draws any Rich renderable as a label; its annotation names str and Text
            SegmentCell(self._title_header(combined)),  # type: ignore[arg-type]
            key=TITLE_COLUMN,
            width=self.title_width,
        )
        if self.shows_trend:
            trend = literal(f"trend\n{QUARTERS} qtrs\nmean")
            self.add_column(SegmentCell(trend), key=TREND_COLUMN, width=QUARTERS)  # type: ignore[arg-type]
        marked = set()
        for district, width in widths.items():
            status = combined.status(district)
            if not status_words_fit(status, width):
                marked.add(status)
            counts = combined.counts(district) if combined.has_assessment(district) else None
            header = Content("\n").join(
                [
                    name_line(district, width, marks.get(district, "")),
                    status_line(status, width),
                    counts_line(combined.framework, counts),
                ]
            )
            self.add_column(SegmentCell(header), key=district, width=width)  # type: ignore[arg-type]
        self.marked_statuses = tuple(status for status in Status if status in marked)
        return widths

    def _status_of(self, district: str) -> Status:
        assert self.combined is not None
        return self.combined.status(district)

    def _title_header(self, combined: Combined) -> Content:
        """The criterion column's header, its words shortened to the column."""
        width = self.title_width
        since = f"{combined.period} (since {combined.previous_label})"
        counts = "counts (worst first) →"
        return Content("\n").join(
            [
                literal(since if cell_len(since) <= width else _fit(combined.period, width), "bold"),
                literal(_fit("status →", width)),
                literal(counts if cell_len(counts) <= width else _fit("counts →", width)),
            ]
        )

    def _fit_columns(
        self, natural: dict[str, int], compact: dict[str, int], least: int
    ) -> tuple[int, bool, dict[str, int]]:
        """(criterion column width, whether the trend column is shown, district widths), so that every
        district is in view when it can be. The criterion and trend columns give up room first: the
        criterion column narrows beside the trend, then the trend goes and it narrows further; only then
        do statuses become a mark alone (the legend gives the words), and last names are cut with …,
        never below ``least`` (a cell or the counts). Beyond that the districts scroll. Room left over
        widens the criterion column up to TITLE_WIDTH."""
        room = self.app.size.width - SCROLLBAR
        fitting = self.title_width
        trend_room = QUARTERS + PADDING

        def left(widths: dict[str, int], trend: bool) -> int:
            """The room left for the criterion column's text."""
            return room - PADDING - (trend_room if trend else 0) - sum(w + PADDING for w in widths.values())

        if not natural:
            return fitting, True, natural
        roomy = {district: max(width, MIN_DISTRICT_WIDTH) for district, width in natural.items()}
        for widths, trend, narrowest in (
            (roomy, True, NARROW_TITLE_WIDTH),
            (natural, True, NARROW_TITLE_WIDTH),
            (roomy, False, NARROW_TITLE_WIDTH),
            (natural, False, SMALLEST_TITLE_WIDTH),
        ):
            if left(widths, trend) >= narrowest:
                return min(left(widths, trend), TITLE_WIDTH if trend else fitting), trend, widths
        if left(compact, False) >= SMALLEST_TITLE_WIDTH:
            widths = dict(compact)
            spare = left(compact, False) - SMALLEST_TITLE_WIDTH
            statuses = sorted({self._status_of(d) for d in widths}, key=list(Status).index)
            for status in statuses:  # a status in words again in every column showing it, while room lasts
                columns = [d for d in widths if self._status_of(d) == status]
                more = sum(natural[d] - widths[d] for d in columns)
                if more <= spare:
                    widths.update({d: natural[d] for d in columns})
                    spare -= more
            return min(fitting, SMALLEST_TITLE_WIDTH + spare), False, widths
        share = (room - PADDING - SMALLEST_TITLE_WIDTH) // len(compact) - PADDING
        if share >= least:
            widths = {district: min(width, share) for district, width in compact.items()}
            return min(fitting, max(SMALLEST_TITLE_WIDTH, left(widths, False))), False, widths
        # too many to see at once: they scroll, the names whole, beside the trend
        return min(fitting, NARROW_TITLE_WIDTH), True, compact

    def _add_theme(
        self, combined: Combined, theme: Theme, tags: dict[str, str], widths: dict[str, int]
    ) -> None:
        cells = [literal(_fit(f"▾ {theme.title}", self.title_width), "bold")]
        if self.shows_trend:
            cells.append(Content(""))
        for district, width in widths.items():
            cells.append(
                theme_cell(
                    combined.framework,
                    tags,
                    combined.theme_worst(theme, district),
                    self._mark(combined, theme, district),
                    width,
                )
            )
        self.add_row(*map(SegmentCell, cells), key=THEME_ROW + theme.id)

    @staticmethod
    def _mark(combined: Combined, theme: Theme, district: str) -> str:
        """What a theme cell with no grade says: no file, all not applicable, or not rated."""
        if not combined.has_assessment(district):
            return CellKind.NO_ASSESSMENT.mark
        if all(combined.cell(c, district) == NOT_APPLICABLE for c in theme.criteria):
            return CellKind.NOT_APPLICABLE.mark
        return CellKind.NOT_RATED.mark

    def _add_criterion(
        self, combined: Combined, criterion: Criterion, tags: dict[str, str], widths: dict[str, int]
    ) -> None:
        worst = combined.framework.worst.id
        title = literal(_fit(f"  {criterion.id} {criterion.title}", self.title_width))
        cells = [SegmentCell(title), self._blank] if self.shows_trend else [SegmentCell(title)]
        made = self._made_cells
        for district, width in widths.items():
            cell = combined.cell(criterion, district)
            shown = combined.sample_figures(criterion, district) if self.view.proportions else None
            if shown is not None:
                share = percent(shown.proportion, floor=True)
                unsupported = combined.not_supported(criterion, district)
                cells.append(
                    SegmentCell(share_cell(combined.framework, share, shown.supports, unsupported, width))
                )
                continue
            look = (
                cell,
                combined.has_assessment(district),
                combined.movement(criterion, district),
                width,
                self.view.worst_only and cell != worst,
            )
            if look not in made:  # a map has few distinct cells: each is made and rendered once
                made[look] = SegmentCell(heat_cell(combined.framework, tags, *look))
            cells.append(made[look])
        self.add_row(*cells, key=CRITERION_ROW + criterion.id)

    def fill_trend(self, trend: Trend) -> None:
        """Put each row's mean grade over the quarters in the trend column (rows already built)."""
        combined = self.combined
        if combined is None or trend.periods[-1] != combined.period:
            return
        self.trend = trend
        if not self.shows_trend:
            return
        framework = combined.framework
        visible = {c.id for c in self.visible_criteria}
        for theme in framework.themes:
            shown = [c for c in theme.criteria if c.id in visible]
            if not shown:
                continue
            ids = [c.id for c in theme.criteria]
            means = trend.mean(ids, self.visible_districts)
            cell = SegmentCell(mean_trend_content(framework, means))
            self.update_cell(THEME_ROW + theme.id, TREND_COLUMN, cell)
            for criterion in shown:
                means = trend.mean([criterion.id], self.visible_districts)
                cell = SegmentCell(mean_trend_content(framework, means))
                self.update_cell(CRITERION_ROW + criterion.id, TREND_COLUMN, cell)

    # -- where the cursor is ----------------------------------------------------------------------
    def cursor_keys(self) -> tuple[str | None, str | None]:
        """(row key, column key) under the cursor, or Nones when the table is empty."""
        if not self.row_count or not self.columns:
            return None, None
        keys = self.coordinate_to_cell_key(self.cursor_coordinate)
        return keys.row_key.value, keys.column_key.value

    def _restore(self, keys: tuple[str | None, str | None]) -> None:
        row_key, column_key = keys
        row = self.get_row_index(row_key) if row_key is not None and row_key in self.rows else None
        column = (
            self.get_column_index(column_key)
            if column_key is not None and column_key in self.columns
            else None
        )
        if row is None:
            row = 1 if self.row_count > 1 else 0  # the first criterion, under its theme row
        if column is None:
            column = self.fixed_columns if len(self.columns) > self.fixed_columns else 0
        self.cursor_coordinate = Coordinate(row, column)

    def criterion_at_cursor(self) -> Criterion | None:
        row_key, _ = self.cursor_keys()
        if self.combined is None or row_key is None or not row_key.startswith(CRITERION_ROW):
            return None
        return self.combined.framework.criterion(row_key.removeprefix(CRITERION_ROW))

    def theme_at_cursor(self) -> str | None:
        row_key, _ = self.cursor_keys()
        return row_key.removeprefix(THEME_ROW) if row_key and row_key.startswith(THEME_ROW) else None

    def district_at_cursor(self) -> str | None:
        _, column_key = self.cursor_keys()
        return column_key if column_key in self.visible_districts else None

    def go_to(self, criterion_id: str | None = None, district: str | None = None) -> bool:
        """Move the cursor to a criterion's row and/or a district's column; False if not shown."""
        row, column = self.cursor_coordinate
        if criterion_id is not None:
            key = CRITERION_ROW + criterion_id
            if key not in self.rows:
                return False
            row = self.get_row_index(key)
        if district is not None:
            if district not in self.columns:
                return False
            column = self.get_column_index(district)
        self.cursor_coordinate = Coordinate(row, column)
        return True
