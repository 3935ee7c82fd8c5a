"""Issue 13: the compare screen never shows counts of a comparison it is no longer showing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_diff import NEW, OLD
from textual.widgets import Static

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.diff.screen import DiffScreen
from selfassess.workspace.workspace import Workspace

from builders import workspace, write

TODAY = date(2026, 11, 23)


async def test_an_empty_no_assessment_side_shows_no_old_counts(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws")
    write(root, "north", "2026-Q3", OLD, status="submitted")
    write(root, "north", "2026-Q4", NEW)
    app = SelfAssessApp(Workspace(root), TODAY, "ACC Test", "diff", district="north")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, DiffScreen)
        assert "Rating moves (8)" in str(screen.query_one("#diff-moves-heading", Static).render())
        await pilot.press("left_square_bracket")  # 2026-Q2 → 2026-Q3: there is no 2026-Q2
        await pilot.pause()
        assert "no assessment" in str(screen.query_one("#diff-banner", Static).render())
        assert "(8)" not in str(screen.query_one("#diff-moves-heading", Static).render())
        assert "(2 criteria)" not in str(screen.query_one("#diff-evidence-heading", Static).render())
