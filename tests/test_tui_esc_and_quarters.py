"""Issue 13: Esc clears a filter first, then goes home (never quits) on every screen however it was
opened; `[` from a quarter without files steps to the quarters that have them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_review_support import four_grade_workspace
from textual.widgets import Input

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.review.actions import ActionsScreen
from selfassess.tui.review.heatmap import ViewFilter
from selfassess.tui.review.screen import ReviewScreen
from selfassess.workspace.workspace import Workspace

from conftest import TODAY

AS_OF = date.fromisoformat(TODAY)
SIZE = (100, 40)


@pytest.fixture
def four(make_workspace) -> Path:
    return four_grade_workspace(make_workspace)


def review_app(root: Path, period: str | None = None) -> SelfAssessApp:
    return SelfAssessApp(Workspace(root), AS_OF, "ACC Test", "review", period=period)


async def test_escape_in_review_clears_the_filter_then_goes_home_never_quits(four: Path) -> None:
    async with review_app(four, "2026-Q4").run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("w")
        assert screen.view.worst_only
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen and screen.view == ViewFilter()  # the filter cleared first
        await pilot.press("escape")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "HomeScreen" and pilot.app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.is_running


async def test_q_quits_the_review_screen(four: Path) -> None:
    async with review_app(four, "2026-Q4").run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not pilot.app.is_running


async def test_escape_in_the_actions_list_clears_its_filter_first(four: Path) -> None:
    async with review_app(four, "2026-Q4").run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", "slash", *"zzz", "enter")
        actions = pilot.app.screen
        assert isinstance(actions, ActionsScreen) and actions.query_one(Input).value == "zzz"
        await pilot.press("escape")
        assert pilot.app.screen is actions and actions.query_one(Input).value == ""
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReviewScreen)


async def test_escape_from_fill_opened_directly_goes_home(make_workspace) -> None:
    root = make_workspace()
    app = SelfAssessApp(Workspace(root), AS_OF, "DCI Test", "fill", district="north", period="2026-Q4")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "HomeScreen" and pilot.app.is_running


async def test_earlier_quarter_from_one_without_files_steps_to_the_quarters_that_have_them(
    four: Path,
) -> None:
    async with review_app(four, "2027-Q3").run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.period == "2026-Q4"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.period == "2026-Q3"


def test_help_says_escape_clears_the_filter_then_goes_home_and_q_quits(four: Path) -> None:
    from selfassess.tui.review.help import review_help

    text = review_help(Workspace(four).framework, ReviewScreen.BINDINGS)
    assert "clear the filters; with none on, back to the home screen (never quits)" in text
    assert "| `q` | quit |" in text
