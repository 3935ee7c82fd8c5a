"""The fill screen's guide pane names the current criterion's sources (`references`)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from textual.widgets import Static

from selfassess.tui.app import SelfAssessApp
from selfassess.workspace.workspace import Workspace

from conftest import REPO


class FillApp(SelfAssessApp):
    CURSOR_BLINK = False


def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "criteria").mkdir(parents=True)
    shutil.copyfile(REPO / "criteria" / "ncpi.yaml", root / "criteria" / "ncpi.yaml")
    (root / "selfassess.toml").write_text('force = "Test"\nframework = "ncpi"\ndistricts = ["north"]\n')
    return root


async def test_the_guide_pane_lists_the_criterion_references(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    app = FillApp(Workspace(root), date(2026, 11, 23), "DCI Test", "fill", district="north", period="2026-Q4")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause(0.5)
        screen = app.screen
        references = screen.query_one("#references", Static)
        shown = str(references.render())
        assert references.display
        assert screen.current == "PW1"  # the first criterion a district is asked
        assert "Sources:" in shown
        assert "National child protection inspection programme – assessment criteria (HMICFRS, 2024)" in shown
        assert "https://hmicfrs.justiceinspectorates.gov.uk/" in shown
