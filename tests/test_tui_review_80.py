"""Issue 28 item 13: the review screen at 80×24 (and 120×40), read off the screen as the user sees it,
with the demo's five units and with six: every unit's name and status whole and in view, the legend
broken only between entries, the open actions' text given the room, and the side-by-side view's
columns each within its borders."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from textual.content import Content
from textual.widgets import DataTable, Static

from selfassess.core.vocabulary import legend
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.review.actions import ActionsScreen
from selfassess.tui.review.heatmap import TITLE_COLUMN, TITLE_WIDTH, TREND_COLUMN, HeatMap
from selfassess.tui.review.row import RowModal
from selfassess.tui.review.screen import ReviewScreen
from selfassess.workspace.workspace import Workspace

from builders import add_unit

TODAY = date(2026, 11, 23)
SMALL = (80, 24)
LARGE = (120, 40)
#: a solid border's vertical line
BORDER = "│"


@pytest.fixture(params=["five", "six"])
def units(request: pytest.FixtureRequest, demo_workspace: Path) -> Path:
    """The demo (four districts and the force), and the demo with a sixth unit whose copied reviews no
    longer match (so its status is *changed since review*)."""
    if request.param == "six":
        add_unit(demo_workspace, "wakefield", "barnsley")
    return demo_workspace


def review(root: Path) -> SelfAssessApp:
    return SelfAssessApp(Workspace(root), TODAY, "ACC B. Example", "review", period="2026-Q4")


async def ready(pilot) -> None:
    """Until background work (the trend, git) has finished and been drawn: no fixed delay."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()


def screen_lines(app: SelfAssessApp) -> list[str]:
    """The terminal's lines as the user reads them (what ``export_screenshot`` draws, as text)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, color_system=None)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().split("\n")


def column_spans(table: DataTable) -> dict[str, tuple[int, int]]:
    """Each column's [start, end) on screen (no sideways scroll)."""
    spans, x = {}, table.region.x
    for column in table.ordered_columns:
        width = column.get_render_width(table)
        spans[str(column.key.value)] = (x, x + width)
        x += width
    return spans


# -- 1 and 2: every unit in view, its name and status whole ---------------------------------------------


async def test_every_unit_is_in_view_with_its_whole_name_and_a_readable_status_at_80_by_24(
    units: Path,
) -> None:
    async with review(units).run_test(size=SMALL) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen) and screen.combined is not None
        combined, table = screen.combined, screen.query_one(HeatMap)
        lines = screen_lines(pilot.app)
        name_row, status_row = lines[table.region.y], lines[table.region.y + 1]
        legend_text = screen.query_one("#review-legend", Static).region
        legend_lines = lines[legend_text.y : legend_text.bottom]
        spans = column_spans(table)
        assert len(combined.districts) in (5, 6)
        for district in combined.districts:
            start, end = spans[district]
            assert end <= table.scrollable_content_region.right, f"{district} is not wholly in view"
            assert name_row[start:end].strip() == district  # the whole name, no …
            status = combined.status(district)
            shown = status_row[start:end].strip()
            words = {f"{status.mark} {status}", f"{status.mark} {status.short}"}
            assert shown in words or shown == status.mark, (district, shown)
            if shown == status.mark:  # the mark alone: the legend gives its words, whole on one line
                assert any(f"{status.mark} {status}" in line for line in legend_lines), (shown, legend_lines)
        # the criterion column still names each criterion's id
        assert "LD1" in lines[table.region.y + 4]


async def test_a_status_mark_has_one_meaning_in_the_legend(demo_workspace: Path) -> None:
    """Six units at 80 columns: statuses that do not fit their column show the mark alone, each listed
    once in the legend with its own words (the mark means nothing else there)."""
    add_unit(demo_workspace, "wakefield", "barnsley")
    async with review(demo_workspace).run_test(size=SMALL) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        combined, table = screen.combined, screen.query_one(HeatMap)
        status_row = screen_lines(pilot.app)[table.region.y + 1]
        spans = column_spans(table)
        marked = {
            combined.status(d)
            for d in combined.districts
            if status_row[slice(*spans[d])].strip() == combined.status(d).mark
        }
        assert marked, "six units at 80 columns: some status shows as a mark alone"
        legend_widget = screen.query_one("#review-legend", Static).visual
        assert isinstance(legend_widget, Content)
        for status in marked:
            assert legend_widget.plain.count(status.mark) == 1
            assert f"{status.mark} {status}" in legend_widget.plain


async def test_with_fewer_units_the_criterion_column_and_the_trend_take_the_room(units: Path) -> None:
    async with review(units).run_test(size=SMALL) as pilot:
        await ready(pilot)
        table = pilot.app.screen.query_one(HeatMap)
        assert TREND_COLUMN not in table.columns  # five or six units: the trend gave its room first
        table.go_to(district="doncaster")
        await pilot.press("d")  # only that district
        await ready(pilot)
        assert TREND_COLUMN in table.columns
        assert table.columns[TITLE_COLUMN].width == TITLE_WIDTH
        lines = screen_lines(pilot.app)
        title = pilot.app.screen.combined.framework.criterion("LD1").title
        assert f"LD1 {title}"[: TITLE_WIDTH - 3] in lines[table.region.y + 4]


# -- 3: the legend wraps between entries --------------------------------------------------------------


@pytest.mark.parametrize("size", [SMALL, (66, 24), (100, 40), LARGE])
async def test_the_legend_breaks_only_between_entries(units: Path, size: tuple[int, int]) -> None:
    async with review(units).run_test(size=size) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        framework = screen.combined.framework
        region = screen.query_one("#review-legend", Static).region
        lines = screen_lines(pilot.app)[region.y : region.bottom]
        entries = [grade.label for grade in framework.scale] + [f"{s} {w}" for s, w in legend()]
        for entry in entries:
            assert any(entry in line for line in lines), (entry, lines)


# -- 4: the open actions' text gets the room ----------------------------------------------------------


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_the_open_actions_give_the_action_text_the_room(
    demo_workspace: Path, size: tuple[int, int]
) -> None:
    async with review(demo_workspace).run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await ready(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ActionsScreen)
        table = screen.query_one(DataTable)
        spans = column_spans(table)
        widths = {name: end - start for name, (start, end) in spans.items()}
        assert spans["action"][1] <= table.scrollable_content_region.right  # the action text in view
        owner, action = widths["owner"] - 2, widths["action"] - 2  # less the cells' padding
        longest = max(len(a.action.owner) for a in screen.all_actions)
        assert action > owner
        if owner < longest:  # the owner gives up room first: the action keeps half as much again
            assert action >= 1.5 * owner
        if size == LARGE:  # room for every owner whole
            assert owner >= longest
        # the chosen action, whole, under the table
        lines = screen_lines(pilot.app)
        detail = screen.query_one("#actions-detail", Static).region
        under = " ".join(line.strip() for line in lines[detail.y : detail.bottom])
        chosen = screen.shown[table.cursor_row].action
        assert chosen.action in under and chosen.owner in under
        row = lines[table.region.y + 1]  # the first action's row
        start, end = spans["action"]
        assert row[start:end].strip().rstrip("…") in chosen.action


# -- 5: side by side, each column in its borders ------------------------------------------------------


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_side_by_side_every_column_keeps_its_borders_and_its_text(
    units: Path, size: tuple[int, int]
) -> None:
    async with review(units).run_test(size=size) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        screen.go_to("PW2", None)  # every district has evidence, the force none
        await pilot.press("home", "enter")
        await ready(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, RowModal)
        body = modal.query_one("#review-row-body")
        for at_end in (False, True):
            if at_end:
                body.scroll_to(x=body.max_scroll_x, animate=False)
                await ready(pilot)
            view = body.scrollable_content_region
            lines = screen_lines(pilot.app)
            for band in modal.query(".review-row-band"):
                columns = list(band.query(".review-row-column"))
                assert len(columns) == len(modal.districts)
                # every column as tall as its band, so its border runs the band's full height
                assert len({column.region.height for column in columns}) == 1
                for left, right in zip(columns, columns[1:], strict=False):
                    assert left.region.right <= right.region.x
                for column in columns:
                    for child in column.children:  # the text stays in its column
                        assert column.region.x < child.region.x and child.region.right < column.region.right
                    if view.x <= column.region.x and column.region.right <= view.right:
                        rows = range(max(column.region.y, view.y), min(column.region.bottom, view.bottom))
                        assert all(lines[y][column.region.x] == BORDER for y in rows), column
                last = columns[-1]
                if at_end:
                    assert last.region.right <= view.right  # the last column wholly reachable
                    rows = range(max(last.region.y, view.y), min(last.region.bottom, view.bottom))
                    assert all(lines[y][last.region.right - 1] == BORDER for y in rows)
