"""Git from the screens: `s` on home and fill, the home screen's git line, live reload of home and
review, resolving a merge conflict in the fill screen, and the review screen's `r` committing."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from test_review_support import four_grade_workspace, write_assessment
from test_sync import DRAFT, clone, edit, git, make_remote, remote_file, sync
from test_tui_review import go_to, heatmap, review_app
from textual.widgets import DataTable, Static

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.fill.conflict import ConflictModal
from selfassess.tui.fill.screen import FillScreen
from selfassess.tui.home.screen import HomeScreen
from selfassess.workspace.workspace import Workspace

from builders import write
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
        write(root, "south", "2026-Q4", {"T1C1": {"rating": "green", "evidence": "Audit"}}, version="1.0")
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


async def test_fill_s_keeps_the_cursor_on_the_criterion_it_was_on(remote: Path) -> None:
    """#28 item 3: after a sync the reopened screen is where the lead was, not on the first unrated."""
    lead = clone(remote, "lead")
    async with fill_app(lead).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        first = screen.current
        await pilot.press("up", "2")
        here = screen.current
        assert here != first
        await pilot.press("s")
        await settle(pilot)
        reopened = pilot.app.screen
        assert isinstance(reopened, FillScreen) and reopened is not screen and reopened.current == here
        assert reopened.query_one("#criteria").cursor_node.data == here


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


async def test_the_conflict_dialog_is_keyboard_ready_and_its_marks_differ_in_shape(remote: Path) -> None:
    """#28 item 6: the first choice has the focus (Down, Enter choose), both labels fit at 120
    columns, and chosen/not chosen differ in shape (● ○), not only in colour."""
    lead, deputy = clone(remote, "lead"), clone(remote, "deputy")
    edit(lead, "north", "2026-Q4", lambda a: setattr(a.response("T1C1"), "evidence", "Lead's words.\n"))
    edit(deputy, "north", "2026-Q4", lambda a: setattr(a.response("T1C1"), "evidence", "Deputy's words.\n"))
    assert sync(lead).returncode == 0
    assert sync(deputy).returncode == 1
    async with fill_app(deputy).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, ConflictModal)
        choice = modal.query_one("#conflict-choice-0")
        assert modal.focused is choice
        lines = [str(button.render()) for button in choice.query("Choice")]
        assert lines[0].startswith("▐●▌") and lines[1].startswith("▐○▌")
        assert "Take the other side's" in lines[1] and "…" not in " ".join(lines)
        assert all(button.region.right <= choice.region.right for button in choice.query("Choice"))
        await pilot.press("down", "enter", "tab", "enter")  # choose the other side, then Resolve
        await settle(pilot)
        assert isinstance(pilot.app.screen, FillScreen)
        assert pilot.app.screen.session.get("T1C1").evidence == "Deputy's words.\n"


async def test_review_r_commits_the_review_file(make_workspace, git_repo) -> None:
    root = git_repo(four_grade_workspace(make_workspace))
    async with review_app(root).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "T1C2", "north")
        await pilot.press("r", *"Seen", "ctrl+s")
        await settle(pilot)
    assert git(root, "log", "-1", "--format=%s").strip() == "north 2026-Q4: reviewed by ACC Test"
    assert git(root, "status", "--porcelain", "--", "assessments") == ""


def column_name(pilot, district: str) -> str:
    return heatmap(pilot).columns[district].label.plain.splitlines()[0]  # type: ignore[index]


async def cell_signoff(pilot, criterion_id: str, district: str) -> str | None:
    """What the drill-down of ``district``'s cell says of its sign-off (None: it says nothing)."""
    await go_to(pilot, criterion_id, district)
    await pilot.press("enter")
    await pilot.pause()
    found = pilot.app.screen.query("#review-cell-signoff")
    words = found.first(Static).visual.plain if found else None
    await pilot.press("escape")
    await pilot.pause()
    return words


async def test_review_marks_each_districts_column_and_says_why_in_the_cell(
    tmp_path: Path, make_workspace
) -> None:
    from test_verify import ACCESS, Team

    keys = tmp_path / "keys"
    keys.mkdir()
    team = Team(make_workspace(districts=("north", "south", "east"), extra_settings=ACCESS), keys)
    write(team.root, "north", "2026-Q3", {"T1C1": {"rating": "red"}})
    team.commit(None, "north's last quarter, unsigned")
    write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    team.commit("north", "north's draft")
    write(team.root, "south", "2026-Q4", {"T1C1": {"rating": "green"}})
    unsigned = team.commit(None, "south's draft, unsigned")
    async with review_app(team.root, period="2026-Q4").run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [column_name(pilot, d) for d in ("north", "south", "east")] == ["north ◆", "south ⊘", "east"]
        legend = pilot.app.screen.query_one("#review-legend", Static).visual.plain
        assert legend.endswith(" ◆ verified ⊘ not verified")
        assert await cell_signoff(pilot, "T1C1", "north") == (
            "Sign-off: ◆ verified: signed by deputy.north@force.example, north@force.example"
        )
        assert await cell_signoff(pilot, "T1C1", "south") == (
            f"Sign-off: ⊘ NOT verified: assessment {unsigned} changed — unsigned"
        )
        assert await cell_signoff(pilot, "T1C1", "east") == "Sign-off: no assessment file"
        await pilot.press("left_square_bracket")  # the marks follow the quarter shown
        await settle(pilot)
        assert [column_name(pilot, d) for d in ("north", "south")] == ["north ⊘", "south"]
        await pilot.press("right_square_bracket")
        write(team.root, "north", "2026-Q4", {"T1C1": {"rating": "amber"}})  # on disk, not committed
        pilot.app.screen.live_reload.check_now()  # what the timer does every second
        await settle(pilot)
        assert column_name(pilot, "north") == "north ⊘"
        assert await cell_signoff(pilot, "T1C1", "north") == (
            "Sign-off: ⊘ NOT verified: assessment has changes not committed"
        )


async def test_review_without_allowed_signers_has_no_sign_off_marks(make_workspace) -> None:
    root = four_grade_workspace(make_workspace)
    async with review_app(root).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert screen.verification is None
        districts = [str(key.value) for key in heatmap(pilot).columns][2:]
        assert districts and all(column_name(pilot, d) == d for d in districts)
        assert await cell_signoff(pilot, "T1C1", districts[0]) is None


async def test_a_locked_key_never_prompts_under_the_screens(
    make_workspace, git_repo, tmp_path: Path, monkeypatch
) -> None:
    """A passphrase-protected key (made by ssh-keygen) and no ssh-agent: `s` on the home screen and `r`
    on the review screen fail with one line saying what to do, and the screen carries on."""
    from selfassess.git import run as gitrun

    root = git_repo(four_grade_workspace(make_workspace))
    key = tmp_path / "locked"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "secret", "-f", str(key)], check=True)
    for name, value in (("gpg.format", "ssh"), ("user.signingkey", str(key)), ("commit.gpgsign", "true")):
        git(root, "config", name, value)
    for name in ("SSH_AUTH_SOCK", "SSH_ASKPASS", "SSH_ASKPASS_REQUIRE", "DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(gitrun, "DETACH_FROM_TERMINAL", False)  # the screens must set it themselves
    advice = (
        "git commit failed: git could not sign the commit (a key with a passphrase and no ssh-agent?): run "
        "ssh-add, or run selfassess sync from the command line, where git can ask for it"
    )
    head = git(root, "rev-parse", "HEAD")
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "green"}})
    async with home_app(root).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        failures = [str(n.message) for n in pilot.app._notifications if n.title == "Sync failed"]
        assert failures == [advice]
        assert gitrun.DETACH_FROM_TERMINAL  # git and its ssh-keygen get no terminal to prompt on
    async with review_app(root, period="2026-Q4").run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "T1C2", "south")
        await pilot.press("r", *"Seen", "ctrl+s")
        await settle(pilot)
        failures = [str(n.message) for n in pilot.app._notifications if n.title == "Git"]
        assert failures == [f"Not committed: {advice}"]
    assert git(root, "rev-parse", "HEAD") == head  # nothing committed unsigned


async def test_review_when_verify_cannot_run_marks_every_column_and_says_why(
    make_workspace, git_repo
) -> None:
    root = git_repo(four_grade_workspace(make_workspace))
    async with review_app(root, period="2026-Q4").run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.screen.verification is None
        # arrives while the screen is open (a pull); on disk, never committed: there is no root of trust
        (root / "allowed_signers").write_text("")
        pilot.app.screen.live_reload.check_now()
        await settle(pilot)
        warnings = [str(n.message) for n in pilot.app._notifications if n.title == "Sign-off not verified"]
        assert len(warnings) == 1 and warnings[0].startswith("no allowed_signers committed in ")
        with_files = [
            d for d in pilot.app.screen.combined.districts if pilot.app.screen.combined.has_assessment(d)
        ]
        assert with_files and all(column_name(pilot, d) == f"{d} ⊘" for d in with_files)
        assert (await cell_signoff(pilot, "T1C1", with_files[0]) or "").startswith(
            "Sign-off: ⊘ NOT verified: no allowed_signers committed in "
        )
