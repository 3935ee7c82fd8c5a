"""Completion means one thing everywhere (#13): a criterion is done when nothing about it blocks submit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable

from selfassess.logic.checks import submit_blockers
from selfassess.logic.session import Session
from selfassess.tui.app import SelfAssessApp
from selfassess.workspace.workspace import Workspace

TODAY = date(2026, 11, 23)
DRAFT = """\
schema = 1
framework = "test"
framework_version = "1.0"
district = "north"
period = "2026-Q4"
status = "draft"
assessor = "DCI Test"
updated = 2026-11-01T10:00:00Z

[criteria.T1C1]
rating = "red"

[criteria.T1C2]
rating = "green"
evidence = "Dip sample: 20 of 20"
"""


async def test_a_rated_criterion_that_blocks_submit_is_not_done_on_home_or_in_fill(make_workspace) -> None:
    """A Red with no evidence used to count as done while submit listed it as blocking."""
    root: Path = make_workspace()
    (root / "assessments" / "north").mkdir()
    (root / "assessments" / "north" / "2026-Q4.toml").write_text(DRAFT)
    workspace = Workspace(root)
    blocking = {f.criterion for f in submit_blockers(workspace, workspace.load("north", "2026-Q4"))}
    assert "T1C1" in blocking and "T1C2" not in blocking
    session = Session(workspace, "north", "2026-Q4", "DCI Test", TODAY)
    assert session.progress() == (1, 6)
    app = SelfAssessApp(workspace, TODAY, "DCI Test", "home")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(DataTable).get_cell("north", "2026-Q4").plain == "draft 1/6"


async def test_home_counts_done_as_submit_does_for_every_demo_district(demo_workspace: Path) -> None:
    workspace = Workspace(demo_workspace)
    app = SelfAssessApp(workspace, TODAY, "DCI Test", "home")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        for district in workspace.districts:
            assessment = workspace.load(district, "2026-Q4")
            assert assessment is not None
            blocked = {f.criterion for f in submit_blockers(workspace, assessment)}
            shown = table.get_cell(district, "2026-Q4").plain.split()[-1]
            done, total = map(int, shown.split("/"))
            assert total - done == len(blocked), district
