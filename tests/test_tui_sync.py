"""Git from the screens: `s` on home and fill, the home screen's git line, live reload of home and
review, resolving a merge conflict in the fill screen, and the review screen's `r` committing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_diff import write
from test_review_support import four_grade_workspace, write_assessment
from test_sync import DRAFT, clone, edit, git, make_remote, remote_file, sync
from test_tui_review import go_to, heatmap, review_app
from textual.widgets import DataTable, Static

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.fill.conflict import ConflictModal
from selfassess.tui.fill.screen import FillScreen
from selfassess.tui.home.screen import HomeScreen
from selfassess.workspace import Workspace

from conftest import commit_all

TODAY = date(2026, 11, 23)
SIZE = (110, 40)


class App(SelfAssessApp):
    CURSOR_BLINK = False


@pytest.fixture
def remote(tmp_path: Path, make_workspace) -> Path:
    return make_remote(tmp_path, make_workspace)


def home_app(root: Path) -> App:
    return App(Workspace(root), TODAY, "DCI Test", "home")


def fill_app(root: Path, district: str = "north") -> App:
    return App(Workspace(root), TODAY, "DCI Test", "fill", district=district, period="2026-Q4")


async def settle(pilot) -> None:
    """Let every worker (sync, git status, live reload) finish and its results be drawn."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def git_line(pilot) -> str:
    return pilot.app.screen.query_one("#home-git", Static).visual.plain


async def test_home_s_syncs_and_the_git_line_follows(remote: Path) -> None:
    lead, other = clone(remote, "lead"), clone(remote, "other")
    write(other, "south", "2026-Q4", {"T1C1": {"rating": "green"}})
    commit_all(other, "south's draft")
    git(other, "push", "-q")
    git(lead, "commit", "-q", "--allow-empty", "-m", "a local commit")
    write(lead, "north", "2026-Q4", {**DRAFT, "T1C3": {"rating": "green"}})
    async with home_app(lead).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert git_line(pilot) == (
            "git: 1 file not committed · 1 commit not pushed · 1 commit to pull · never synced · s: sync"
        )
        await pilot.press("s")
        await settle(pilot)
        line = git_line(pilot)
        assert line.startswith("git: all committed · up to date with origin/main · last sync ")
        table = pilot.app.screen.query_one(DataTable)
        assert table.get_cell("south", "2026-Q4").plain.startswith("draft")  # reloaded after the pull
    assert '[criteria."T1C3"]\nrating = "green"' in remote_file(remote, "assessments/north/2026-Q4.toml")


async def test_home_outside_git_says_how_to_start(make_workspace) -> None:
    async with home_app(make_workspace()).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert git_line(pilot).startswith("Not a git repository: 'git init' here")
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)  # a notification, not a crash


async def test_home_redraws_when_files_change_on_disk_keeping_the_cursor(make_workspace) -> None:
    root = make_workspace()
    async with home_app(root).run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one(DataTable)
        await pilot.press("down")
        cursor = table.cursor_coordinate
        assert table.get_cell("south", "2026-Q4").plain == "missing"
        # e.g. a git pull elsewhere; on the workspace's framework version, so all six criteria are asked
        write(root, "south", "2026-Q4", {"T1C1": {"rating": "green"}}, version="1.0")
        pilot.app.screen.live_reload.check_now()  # what the timer does every second
        await settle(pilot)
        assert table.get_cell("south", "2026-Q4").plain.startswith("draft 1/6")
        assert table.cursor_coordinate == cursor


async def test_review_redraws_when_files_change_keeping_cursor_and_filters(make_workspace) -> None:
    root = four_grade_workspace(make_workspace)
    async with review_app(root).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")  # first theme only
        await go_to(pilot, "T1C2", "north")
        screen = pilot.app.screen
        view = screen.view
        write_assessment(root, "north", "2026-Q4", {"T1C1": "good", "T1C2": "outstanding"})
        screen.live_reload.check_now()
        await settle(pilot)
        assert screen.view == view and view.theme is not None
        assert heatmap(pilot).cursor_keys() == ("criterion:T1C2", "north")
        assert screen.combined.entries["north"].assessment.cell("T1C2") == "outstanding"


async def test_fill_s_saves_syncs_and_reopens(remote: Path) -> None:
    lead = clone(remote, "lead")
    async with fill_app(lead).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, FillScreen) and screen.focused.id == "criteria"
        await pilot.press("enter", *"Typed just now.", "escape", "s")
        await settle(pilot)
        reopened = pilot.app.screen
        assert isinstance(reopened, FillScreen) and reopened is not screen
        assert reopened.session.lock is not None  # the fresh screen holds the lock
    shared = remote_file(remote, "assessments/north/2026-Q4.toml")
    assert "Typed just now." in shared


async def test_fill_offers_to_resolve_a_conflict_and_removes_the_file(remote: Path) -> None:
    lead, deputy = clone(remote, "lead"), clone(remote, "deputy")
    edit(lead, "north", "2026-Q4", lambda a: setattr(a.response("T1C1"), "evidence", "Lead's words.\n"))
    edit(deputy, "north", "2026-Q4", lambda a: setattr(a.response("T1C1"), "evidence", "Deputy's words.\n"))
    assert sync(lead).returncode == 0
    assert sync(deputy).returncode == 1
    conflict = deputy / "assessments/north/2026-Q4.conflict.toml"
    assert conflict.exists()
    async with fill_app(deputy).run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, ConflictModal) and modal.criteria == ["T1C1"]
        text = " ".join(w.visual.plain for w in modal.query(Static) if hasattr(w.visual, "plain"))
        assert "Lead's words." in text and "Deputy's words." in text
        await pilot.click("#conflict-other-0")
        await pilot.click("#resolve")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, FillScreen)
        assert screen.session.get("T1C1").evidence == "Deputy's words.\n"  # reopened from the file
    assert not conflict.exists()
    assert "Deputy's words." in (deputy / "assessments/north/2026-Q4.toml").read_text()
    assert sync(deputy).returncode == 0
    assert "Deputy's words." in remote_file(remote, "assessments/north/2026-Q4.toml")


async def test_review_r_commits_the_review_file(make_workspace, git_repo) -> None:
    root = git_repo(four_grade_workspace(make_workspace))
    async with review_app(root).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "T1C2", "north")
        await pilot.press("r", *"Seen", "ctrl+s")
        await settle(pilot)
    assert git(root, "log", "-1", "--format=%s").strip() == "north 2026-Q4: reviewed by ACC Test"
    assert git(root, "status", "--porcelain", "--", "assessments") == ""


async def test_review_line_says_whose_sign_off_verifies(tmp_path: Path, make_workspace) -> None:
    from test_verify import ACCESS, Team

    keys = tmp_path / "keys"
    keys.mkdir()
    team = Team(make_workspace(extra_settings=ACCESS), keys)
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit("north", "north's draft")
    write(team.root, "south", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit(None, "south's draft, unsigned")
    async with review_app(team.root, period="2026-Q4").run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.screen.verification.show()
        line = pilot.app.screen.query_one("#review-verified", Static).visual.plain
        assert line == (
            "Sign-off (verify): north ✔ deputy.north@force.example, north@force.example · south ⚠ unsigned"
        )


async def test_review_without_allowed_signers_has_no_sign_off_line(make_workspace) -> None:
    root = four_grade_workspace(make_workspace)
    async with review_app(root).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not pilot.app.screen.query("#review-verified")
