"""Issue 28 item 7: Tab in the fill screen goes list → evidence → actions → notes → the evidence date →
the detail pane → the list, and shift+Tab the same way back; what needs no focus is skipped. Pilot
presses the keys and reads ``app.focused``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widget import Widget

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.fill.screen import FillScreen
from selfassess.workspace.workspace import Workspace

from builders import saved

TODAY = date(2026, 11, 23)
ROUND = ["evidence", "actions", "notes", "as-of", "fields", "criteria"]


def app(root: Path, district: str = "sheffield") -> SelfAssessApp:
    return SelfAssessApp(
        Workspace(root), TODAY, "DCI W. Example", "fill", district=district, period="2026-Q4"
    )


async def ready(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def where(pilot) -> str | None:
    focused = pilot.app.focused
    return focused.id if isinstance(focused, Widget) else None


async def walk(pilot, key: str, times: int) -> list[str | None]:
    stops = []
    for _ in range(times):
        await pilot.press(key)
        await ready(pilot)
        stops.append(where(pilot))
    return stops


async def test_tab_goes_from_the_list_to_the_evidence_then_the_actions_and_round(
    demo_workspace: Path,
) -> None:
    async with app(demo_workspace).run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("down")  # PW2: carried, with an action
        await ready(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, FillScreen) and screen.current == "PW2" and where(pilot) == "criteria"
        assert await walk(pilot, "tab", 6) == ROUND
        assert await walk(pilot, "shift+tab", 6) == [
            "fields",
            "as-of",
            "notes",
            "actions",
            "evidence",
            "criteria",
        ]
        await pilot.press("tab", "tab")  # in the actions list: its keys act there
        await ready(pilot)
        assert screen.mode == "actions"
        assert "Actions:" in str(screen.query_one("#mode").render())


async def test_tab_skips_the_actions_list_when_the_criterion_has_none(demo_workspace: Path) -> None:
    async with app(demo_workspace).run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        assert screen.current == "PW1" and not screen.query_one("#actions").display
        assert await walk(pilot, "tab", 5) == ["evidence", "notes", "as-of", "fields", "criteria"]
        assert await walk(pilot, "shift+tab", 2) == ["fields", "as-of"]


async def test_tab_skips_the_date_of_a_read_only_assessment(demo_workspace: Path) -> None:
    """Doncaster's 2026-Q4 is submitted: the date cannot change, so Tab passes it by."""
    async with app(demo_workspace, "doncaster").run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, FillScreen) and screen.session.read_only
        assert screen.query_one("#actions").display  # its first criterion has actions
        assert await walk(pilot, "tab", 5) == ["evidence", "actions", "notes", "fields", "criteria"]


async def test_typing_after_tab_goes_into_the_evidence(demo_workspace: Path) -> None:
    """Tab from the list puts the cursor at the end of the evidence: what is typed is saved there."""
    async with app(demo_workspace).run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("tab", *"Seen", "escape", "ctrl+r")
        await ready(pilot)
        assert where(pilot) == "criteria"
        assert saved(demo_workspace, district="sheffield").get("PW1").evidence == "Seen"
