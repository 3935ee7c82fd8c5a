"""#28 item 8: dates and periods as people write them (``2027-q1``, UK day-first ``31/03/2027``) are
accepted where people type them, normalised, echoed; files hold only ``YYYY-Qn`` and ISO dates."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static
from typeahead import keys_of, settle, type_ahead

from selfassess.formats.store import parse_assessment
from selfassess.tui.app import SelfAssessApp
from selfassess.workspace.workspace import Workspace

from conftest import run_cli


def test_a_period_typed_in_lower_case_is_taken_and_echoed(make_workspace) -> None:
    root = make_workspace()
    result = run_cli("summary", "2026-q4", "--as-of", "23/11/2026", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Period 2026-q4 taken as 2026-Q4." in result.stderr
    assert "2026-Q4" in result.stdout


def test_a_date_that_is_none_is_still_refused(make_workspace) -> None:
    root = make_workspace()
    result = run_cli("summary", "--as-of", "31/02/2027", cwd=root)
    assert result.returncode == 2
    assert "YYYY-MM-DD or D/M/YYYY" in result.stderr


async def test_the_action_dialog_takes_a_uk_date_and_the_file_holds_it_in_iso(make_workspace) -> None:
    root = make_workspace()
    app = SelfAssessApp(
        Workspace(root), date(2026, 11, 23), "DCI Test", "fill", district="north", period="2026-Q4"
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await type_ahead(
            pilot, "a", *keys_of("Retrain"), "tab", *keys_of("DI Patel"), "tab", *keys_of("31/3/2027")
        )
        hint = pilot.app.screen.query_one("#action-due-understood", Static).render()
        assert "= 2027-03-31 (Wednesday 31 March 2027)" in str(hint)
        await type_ahead(pilot, "enter")
        screen = pilot.app.screen
        for _ in range(100):
            await pilot.pause(0.05)
            if not screen.session.should_save():
                break
    path = Workspace(root).assessment_path("north", "2026-Q4")
    assert "due = 2027-03-31" in path.read_text()
    assert parse_assessment(path.read_bytes(), path).get("T1C1").actions[0].due == date(2027, 3, 31)
