"""The home screen: districts × recent quarters with status and completion; it opens the other screens."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList
from textual.widgets import DataTable
from typeahead import keys_of, type_ahead

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.fill.screen import FillScreen
from selfassess.tui.home.screen import HomeScreen
from selfassess.workspace.workspace import Workspace

from conftest import demo_at

TODAY = date(2026, 11, 23)
ROOT = Path(tempfile.gettempdir()) / "selfassess-home-snapshots" / "demo"


class HomeApp(SelfAssessApp):
    """The real app; it notes which screens were asked for (review and diff belong to other tests)."""

    def __init__(self, root: Path) -> None:
        super().__init__(Workspace(root), TODAY, "DCI Test", "home")
        self.opened: list[tuple[str, dict[str, Any]]] = []

    def open_screen(self, name: str, **arguments: Any) -> None:
        self.opened.append((name, arguments))
        super().open_screen(name, **arguments)


@pytest.fixture
def demo(demo_workspace: Path) -> Iterator[Path]:
    """The demo data at a fixed path (shown on the screen), fresh for each test."""
    yield from demo_at(demo_workspace, ROOT)


def cell_text(app: HomeApp, district: str, period: str) -> str:
    table = app.screen.query_one(DataTable)
    return table.get_cell(district, period).plain


async def test_home_shows_status_and_completion_and_opens_fill(demo: Path) -> None:
    app = HomeApp(demo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert screen.periods == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
        assert cell_text(app, "sheffield", "2026-Q4").startswith("draft ")
        assert cell_text(app, "barnsley", "2026-Q3").startswith("reviewed")
        await pilot.press("down", "down", "down", "enter")
        assert isinstance(app.screen, FillScreen)
        assert (app.screen.district, app.screen.period) == ("sheffield", "2026-Q4")
        await pilot.press("ctrl+p")  # palette works on top of fill, then back
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        assert app.screen is screen


async def test_f_opens_this_quarter(make_workspace) -> None:
    app = HomeApp(make_workspace())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert cell_text(app, "north", "2026-Q4") == "missing"
        await pilot.press("f")
        assert app.opened[-1] == ("fill", {"district": "north", "period": "2026-Q4"})


async def test_the_home_palette_lists_the_apps_commands(make_workspace) -> None:
    """#28 item 10: ctrl+p on home offers fill, review, sync… not only Textual's built-ins."""
    app = HomeApp(make_workspace())
    async with app.run_test(size=(100, 40)) as pilot:
        await type_ahead(pilot, "ctrl+p", *keys_of("rev"))
        listed = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
        assert any(line.startswith("Review: review all districts") for line in listed), listed
        await type_ahead(pilot, "escape", "ctrl+p", *keys_of("fill south"), "enter")
        assert app.opened[-1] == ("fill", {"district": "south", "period": "2026-Q4"})


async def test_an_unreadable_assessment_is_shown_invalid_and_not_opened(make_workspace) -> None:
    root = make_workspace()
    (root / "assessments" / "north").mkdir()
    (root / "assessments" / "north" / "2026-Q4.toml").write_text("schema = [/]\n")
    app = HomeApp(root)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert cell_text(app, "north", "2026-Q4") == "invalid"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.opened == [("home", {})]
        assert any("not valid TOML" in str(n.message) for n in app._notifications)


async def test_coming_back_reads_the_files_again(make_workspace) -> None:
    """A change made while another screen was on top shows once home is back (read by a worker)."""
    root = make_workspace()
    app = HomeApp(root)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert cell_text(app, "north", "2026-Q4") == "missing"
        await pilot.press("f1")
        (root / "assessments" / "north").mkdir()
        (root / "assessments" / "north" / "2026-Q4.toml").write_text("schema = [/]\n")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert cell_text(app, "north", "2026-Q4") == "invalid"


async def test_review_and_diff_are_opened_for_the_cell(demo: Path) -> None:
    app = HomeApp(demo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "r")
        assert ("review", {"period": "2026-Q4"}) in app.opened
        while not isinstance(app.screen, HomeScreen):
            app.pop_screen()
            await pilot.pause()
        await pilot.press("d")
        expected = ("diff", {"district": "doncaster", "old": "2026-Q3", "new": "2026-Q4"})
        assert expected in app.opened


def test_home_snapshot(demo: Path, snap_compare) -> None:
    """Four districts × four quarters, the current quarter under the cursor."""
    assert snap_compare(HomeApp(demo), terminal_size=(100, 40))


async def test_the_hint_line_wraps_only_between_hints(demo: Path) -> None:
    """#28: at 120 columns "· F1:" was left on one line and "help" on the next; at 80 and 120 each
    hint is whole on one line."""
    hints = ["Enter: open the assessment under the cursor", "f: fill this quarter", "r: review the quarter",
             "d: what changed", "F1: help"]  # fmt: skip
    for width in (80, 120):
        app = HomeApp(demo)
        async with app.run_test(size=(width, 30)) as pilot:
            await pilot.pause()
            hint = app.screen.query_one("#home-hint")
            region = hint.content_region
            lines = [s.text[region.x : region.right] for s in app.screen._compositor.render_strips()]
            shown = [line.strip() for line in lines[region.y : region.bottom]]
            assert len(shown) > (1 if width == 80 else 0)
            for text in hints:
                assert any(text in line for line in shown), (width, text, shown)
            assert all(len(line) <= region.width for line in shown)
