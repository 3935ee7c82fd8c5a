"""Finding the workspace, settings, periods under either calendar, ids, today and who."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from selfassess.core.errors import InvalidIdError, WorkspaceNotFoundError
from selfassess.core.periods import Period
from selfassess.workspace.workspace import Workspace, find_workspace, today, who


def test_found_from_a_subfolder_like_git(make_workspace, monkeypatch) -> None:
    root = make_workspace()
    deep = root / "assessments" / "north"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert find_workspace() == root.resolve()


def test_environment_variable_and_explicit_path(make_workspace, monkeypatch, tmp_path: Path) -> None:
    root = make_workspace()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SELFASSESS_WORKSPACE", str(root))
    assert find_workspace() == root.resolve()
    assert find_workspace(root / "criteria") == root.resolve()


def test_no_workspace_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(WorkspaceNotFoundError, match="selfassess init"):
        find_workspace()
    with pytest.raises(WorkspaceNotFoundError, match="does not exist"):
        find_workspace(tmp_path / "missing")


@pytest.mark.parametrize("bad", ["../x", "North", "a/b", "", "-x", "x" * 41, "a b"])
def test_bad_district_ids_never_reach_a_path(make_workspace, bad: str) -> None:
    workspace = Workspace(make_workspace())
    with pytest.raises(InvalidIdError):
        workspace.assessment_path(bad, "2026-Q4")


@pytest.mark.parametrize("bad", ["2026-Q5", "2026-Q0", "26-Q1", "2026Q1", "2026-q1", "../2026-Q1", ""])
def test_bad_periods_are_refused(make_workspace, bad: str) -> None:
    workspace = Workspace(make_workspace())
    with pytest.raises(InvalidIdError):
        workspace.assessment_path("north", bad)


def test_previous_and_next_periods() -> None:
    assert str(Period.parse("2026-Q1").previous) == "2025-Q4"
    assert str(Period.parse("2025-Q4").next) == "2026-Q1"
    assert Period.parse("2025-Q4") < Period.parse("2026-Q1")
    assert [str(p) for p in Period.parse("2026-Q2").last(3)] == ["2025-Q4", "2026-Q1", "2026-Q2"]


@pytest.mark.parametrize(
    ("day", "calendar", "period", "end"),
    [
        (date(2026, 11, 23), "calendar", "2026-Q4", date(2026, 12, 31)),
        (date(2026, 1, 1), "calendar", "2026-Q1", date(2026, 3, 31)),
        (date(2026, 11, 23), "financial", "2026-Q3", date(2026, 12, 31)),
        (date(2026, 4, 1), "financial", "2026-Q1", date(2026, 6, 30)),
        (date(2027, 2, 10), "financial", "2026-Q4", date(2027, 3, 31)),
        (date(2027, 3, 31), "financial", "2026-Q4", date(2027, 3, 31)),
    ],
)
def test_quarters_by_calendar(day: date, calendar: str, period: str, end: date) -> None:
    found = Period.containing(day, calendar)
    assert str(found) == period
    assert found.end(calendar) == end
    assert found.start(calendar) <= day <= end


def test_today_from_option_environment_or_clock(monkeypatch) -> None:
    assert today("2026-02-03") == date(2026, 2, 3)
    monkeypatch.setenv("SELFASSESS_TODAY", "2025-01-01")
    assert today() == date(2025, 1, 1)
    monkeypatch.delenv("SELFASSESS_TODAY")
    assert today() == date.today()
    assert today("23/11/2026") == date(2026, 11, 23)  # UK day-first, as people write it (#28 item 8)
    with pytest.raises(InvalidIdError, match="YYYY-MM-DD or D/M/YYYY"):
        today("11/23/2026")


def test_who_prefers_the_option_then_git(monkeypatch) -> None:
    assert who("DCI A. Example") == "DCI A. Example"
    assert who() == "Test User"  # from the isolated git config in conftest


def test_settings_capabilities_and_privacy(make_workspace) -> None:
    root = make_workspace(
        extra_settings='quarters = "financial"\n[capabilities]\nnorth = ["custody"]\n'
        '[privacy]\nallow = ["0114 220 2020"]\n'
    )
    workspace = Workspace(root)
    assert workspace.capabilities("north") == ("custody",)
    assert workspace.capabilities("south") == ()
    assert workspace.settings.privacy_allow == ("0114 220 2020",)
    assert workspace.current_period(date(2026, 11, 23)) == "2026-Q3"
