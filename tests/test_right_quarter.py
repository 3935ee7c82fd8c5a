"""The right quarter (#13): an early draft of a later quarter moves no one's default; a future quarter
is opened only on purpose (``--future`` on the command line, a confirmation on the home screen)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from textual.widgets import DataTable

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.common.confirm import ConfirmModal
from selfassess.tui.home.screen import HomeScreen
from selfassess.workspace.workspace import Workspace

from conftest import run_cli

TODAY = "2026-11-23"  # 2026-Q4 under the demo's calendar


def early_draft(root: Path, district: str = "barnsley", period: str = "2027-Q1") -> Path:
    """``district`` opened ``period`` early: a draft of the quarter after today's."""
    text = (root / "assessments" / district / "2026-Q4.toml").read_text()
    text = text.replace('period = "2026-Q4"', f'period = "{period}"').replace(
        'status = "submitted"', 'status = "draft"'
    )
    path = root / "assessments" / district / f"{period}.toml"
    path.write_text(text)
    return path


def test_an_early_draft_does_not_move_the_default_quarter_of_summary_and_report(demo_workspace: Path) -> None:
    early_draft(demo_workspace)
    summary = run_cli("summary", "--format", "json", "--as-of", TODAY, cwd=demo_workspace)
    assert summary.returncode == 0, summary.stderr
    assert json.loads(summary.stdout)["period"] == "2026-Q4"
    report = run_cli("report", "--format", "json", "--as-of", TODAY, cwd=demo_workspace)
    assert report.returncode == 0, report.stderr
    assert '"2026-Q4"' in report.stdout and '"2027-Q1"' not in report.stdout


def test_the_default_quarter_is_the_latest_with_files_not_after_today(demo_workspace: Path) -> None:
    """Today in 2027-Q2 with files up to 2026-Q4: 2026-Q4; back in 2026-Q3: 2026-Q3."""
    later = run_cli("summary", "--format", "json", "--as-of", "2027-05-01", cwd=demo_workspace)
    assert json.loads(later.stdout)["period"] == "2026-Q4"
    earlier = run_cli("summary", "--format", "json", "--as-of", "2026-08-01", cwd=demo_workspace)
    assert json.loads(earlier.stdout)["period"] == "2026-Q3"


def test_fill_of_a_future_quarter_is_refused_without_future(demo_workspace: Path) -> None:
    refused = run_cli("fill", "barnsley", "2027-Q1", "--as-of", TODAY, cwd=demo_workspace)
    assert refused.returncode == 2
    assert "2027-Q1 is after today's quarter (2026-Q4)" in refused.stderr and "--future" in refused.stderr
    assert not (demo_workspace / "assessments" / "barnsley" / "2027-Q1.toml").exists()
    allowed = run_cli("fill", "barnsley", "2027-Q1", "--future", "--as-of", TODAY, cwd=demo_workspace)
    assert "--future" not in allowed.stderr  # past the check: here it stops for want of a terminal
    assert "needs a terminal" in allowed.stderr


def test_fill_help_gives_the_period_form(demo_workspace: Path) -> None:
    shown = run_cli("fill", "--help", cwd=demo_workspace)
    assert "YYYY-Qn" in shown.stdout and "--future" in shown.stdout


class HomeApp(SelfAssessApp):
    """The real app on the home screen; it notes the screens asked for instead of opening fill."""

    def __init__(self, root: Path) -> None:
        super().__init__(Workspace(root), date.fromisoformat(TODAY), "DCI Test", "home")
        self.opened: list[tuple[str, dict[str, Any]]] = []

    def open_screen(self, name: str, **arguments: Any) -> None:
        self.opened.append((name, arguments))
        if name == "home":
            super().open_screen(name, **arguments)


async def test_home_asks_before_opening_a_future_quarter_and_has_no_next_quarter_key(
    demo_workspace: Path,
) -> None:
    early_draft(demo_workspace)
    app = HomeApp(demo_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")  # no "next quarter" key: nothing opens
        await pilot.pause()
        assert app.opened == [("home", {})]
        table = app.screen.query_one(DataTable)
        assert app.screen.periods[-1] == "2027-Q1"  # barnsley's early draft is shown
        table.move_cursor(row=0, column=len(app.screen.periods))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert app.opened == [("home", {})]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.opened[-1] == ("fill", {"district": "barnsley", "period": "2027-Q1"})
        await pilot.press("f")  # today's quarter opens without a question
        await pilot.pause()
        assert app.opened[-1] == ("fill", {"district": "barnsley", "period": "2026-Q4"})
