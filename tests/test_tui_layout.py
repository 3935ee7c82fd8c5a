"""Issue 13: the layout at 80×24 (and 120×40) is part of the product. On the demo (five units): every
district in the heat map, footers that keep Submit, Help and Quit, readable criteria titles, the
actions list's owner, compare's columns, and the side-by-side view of a criterion at 120 columns."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Footer
from textual.widgets._footer import FooterKey

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.fill.tree import CriteriaTree
from selfassess.tui.review.heatmap import HeatMap
from selfassess.tui.review.row import RowModal
from selfassess.workspace.workspace import Workspace

TODAY = date(2026, 11, 23)
SMALL = (80, 24)


def app(root: Path, screen: str, **arguments: object) -> SelfAssessApp:
    return SelfAssessApp(Workspace(root), TODAY, "DCI W. Example", screen, **arguments)


def sheffield(root: Path) -> SelfAssessApp:
    return app(root, "fill", district="sheffield", period="2026-Q4")


def visible_text(pilot) -> str:
    """What the terminal shows, as text (from the screenshot: nothing cut off is in it)."""
    svg = pilot.app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def ready(pilot) -> None:
    """Until the screen's background work (git status, trends) has finished and been drawn: no delay."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()


def footer_words(pilot) -> list[str]:
    """The descriptions of the footer's keys that are wholly on screen."""
    footer = pilot.app.screen.query_one(Footer)
    right = footer.region.right
    return [
        key.description for key in footer.query(FooterKey) if key.region.width and key.region.right <= right
    ]


async def test_the_heat_map_shows_every_district_of_five_at_80_by_24(demo_workspace: Path) -> None:
    assert len(Workspace(demo_workspace).districts) == 5
    async with app(demo_workspace, "review", period="2026-Q4").run_test(size=SMALL) as pilot:
        await ready(pilot)
        table = pilot.app.screen.query_one(HeatMap)
        widths = sum(column.get_render_width(table) for column in table.ordered_columns)
        assert widths <= table.scrollable_content_region.width
        assert {"Help", "Quit"} <= set(footer_words(pilot))


async def test_fill_footer_keeps_submit_help_and_quit_at_80_by_24(demo_workspace: Path) -> None:
    async with sheffield(demo_workspace).run_test(size=SMALL) as pilot:
        await ready(pilot)
        assert {"Submit", "Help", "Quit"} <= set(footer_words(pilot))
        await pilot.press("enter")  # typing: the footer changes, and still has them
        words = footer_words(pilot)
        assert {"Done", "Submit", "Help", "Quit"} <= set(words) and "Carry" not in words


async def test_fill_criteria_titles_are_readable_at_80_by_24(demo_workspace: Path) -> None:
    async with sheffield(demo_workspace).run_test(size=SMALL) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        tree = screen.query_one(CriteriaTree)
        title = screen.session.criterion(screen.current).title
        assert title[:18] in visible_text(pilot)
        assert tree.size.width >= 32


async def test_home_footer_keeps_help_and_quit_at_80_by_24(demo_workspace: Path) -> None:
    async with app(demo_workspace, "home").run_test(size=SMALL) as pilot:
        await ready(pilot)
        assert {"Help", "Quit"} <= set(footer_words(pilot))


async def test_the_actions_list_shows_the_owner_at_80_by_24(demo_workspace: Path) -> None:
    async with app(demo_workspace, "review", period="2026-Q4").run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await ready(pilot)
        table = pilot.app.screen.query_one(DataTable)
        owner = table.get_column_index("owner")
        before = sum(c.get_render_width(table) for c in table.ordered_columns[: owner + 1])
        assert before <= table.scrollable_content_region.width
        assert {"Help", "Quit"} <= set(footer_words(pilot))


async def test_compare_columns_are_not_cut_at_80_by_24(demo_workspace: Path) -> None:
    async with app(demo_workspace, "diff", district="barnsley").run_test(size=SMALL) as pilot:
        screen = pilot.app.screen
        for _ in range(50):  # until the comparison is shown and laid out
            await ready(pilot)
            table = screen.query_one("#diff-moves", DataTable)
            if table.row_count and table.scrollable_content_region.width:
                break
        await ready(pilot)
        assert table.row_count
        widths = sum(c.get_render_width(table) for c in table.ordered_columns)
        assert widths <= table.scrollable_content_region.width
        to = screen.query_one("#diff-new")
        assert to.region.right <= screen.region.right
        assert {"Help", "Quit"} <= set(footer_words(pilot))


@pytest.mark.parametrize("size", [(120, 40)])
async def test_the_side_by_side_view_shows_every_district_at_120_columns(
    demo_workspace: Path, size: tuple[int, int]
) -> None:
    async with app(demo_workspace, "review", period="2026-Q4").run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("home", "enter")
        await ready(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, RowModal) and len(modal.districts) == 5
        body = modal.query_one("#review-row-body")
        columns = list(modal.query(".review-row-column"))[:5]
        assert all(column.region.right <= body.region.right for column in columns)


async def test_fill_footer_keeps_quit_on_a_carried_criterion_at_80_by_24(demo_workspace: Path) -> None:
    async with sheffield(demo_workspace).run_test(size=SMALL) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        screen.go_to("PW2", focus=False)  # carried from 2026-Q3 in the demo
        await ready(pilot)
        assert screen.session.get("PW2").carried
        assert {"Submit", "Help", "Quit"} <= set(footer_words(pilot))
