"""Hostile text on the screens (issue 14): escape sequences from a file are shown as placeholders in
the editors and the title bar; an unedited field saves its original characters, an edited one what it
shows; a hostile lock file does not crash the fill screen; the title bar never says "all committed"
while text is unsaved."""

from __future__ import annotations

import socket
import subprocess
from datetime import date
from pathlib import Path

from textual.widgets import TextArea
from textual.widgets._header import HeaderTitle

from selfassess.formats.lock import lock_path
from selfassess.formats.store import parse_assessment
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.fill.screen import FillScreen
from selfassess.workspace.workspace import Workspace

TODAY = date(2026, 11, 23)
OSC = "\x1b]0;EVIDENCE-TITLE\x07"
EVIDENCE = f"EV {OSC} and \x9b31m and \u202erev"
DRAFT = """\
schema = 1
framework = "test"
framework_version = "1.0"
district = "north"
period = "2026-Q4"
status = "draft"
assessor = "DCI A"
updated = 2026-11-01T10:00:00Z

[criteria.T1C1]
evidence = "EV \\u001b]0;EVIDENCE-TITLE\\u0007 and \\u009b31m and \u202erev"
notes = "plain notes"
"""


class FillApp(SelfAssessApp):
    CURSOR_BLINK = False


def fill_app(root: Path) -> FillApp:
    return FillApp(Workspace(root), TODAY, "DCI Test", "fill", district="north", period="2026-Q4")


def draft(root: Path) -> Path:
    path = Workspace(root).assessment_path("north", "2026-Q4")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DRAFT)
    return path


def evidence_in(path: Path) -> str:
    return parse_assessment(path.read_bytes(), path).get("T1C1").evidence


async def test_evidence_with_escapes_is_shown_with_placeholders_and_kept_unedited(make_workspace) -> None:
    root = make_workspace()
    path = draft(root)
    assert evidence_in(path) == EVIDENCE
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        screen = pilot.app.screen
        assert isinstance(screen, FillScreen)
        editor = screen.query_one("#evidence", TextArea)
        assert editor.text == "EV ␛]0;EVIDENCE-TITLE␇ and \\x9b31m and <RLO>rev"
        assert any("control characters" in n.message for n in pilot.app._notifications)
        await pilot.press("ctrl+n", "ctrl+b")  # away and back: nothing edited
        await pilot.press("2")  # a rating changes the file, the evidence stays
        await pilot.pause(1.2)
        assert parse_assessment(path.read_bytes(), path).get("T1C1").rating is not None
        assert evidence_in(path) == EVIDENCE
        await pilot.press("ctrl+q")
    assert evidence_in(path) == EVIDENCE


async def test_an_edited_field_saves_what_it_shows(make_workspace) -> None:
    root = make_workspace()
    path = draft(root)
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("enter", "!")  # the editor opens with the cursor at the end
        await pilot.pause(1.2)
        await pilot.press("ctrl+q")
    assert evidence_in(path) == "EV ␛]0;EVIDENCE-TITLE␇ and \\x9b31m and <RLO>rev!"


async def test_the_title_bar_shows_a_hostile_force_name_with_placeholders(make_workspace) -> None:
    root = make_workspace()
    settings = root / "selfassess.toml"
    settings.write_text(
        settings.read_text().replace('"Test Force"', '"Force \\u001b]0;OWNED\\u0007 \\u009b"')
    )
    async with SelfAssessApp(Workspace(root), TODAY, "DCI Test", "home").run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        shown = pilot.app.screen.query_one(HeaderTitle).render()
        text = str(shown)
        assert "Force ␛]0;OWNED␇ \\x9b" in text
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


async def test_a_lock_with_a_huge_pid_or_impossible_date_asks_to_take_over_not_a_crash(
    make_workspace,
) -> None:
    root = make_workspace()
    path = draft(root)
    host = socket.gethostname()
    for body in (
        f'user = "x"\nhost = "{host}"\npid = 99999999999999999999\nstarted = 2026-11-23T10:00:00Z\n',
        f'user = "x"\nhost = "{host}"\npid = 1\nstarted = 0001-01-01T00:00:00+01:00\n',
        f'user = "x"\nhost = "{host}"\npid = inf\nstarted = 2026-11-23T10:00:00Z\n',
    ):
        lock_path(path).write_text(body)
        async with fill_app(root).run_test(size=(100, 40)) as pilot:
            await pilot.pause(0.3)
            screen = pilot.app.screen
            assert isinstance(screen, FillScreen) and screen.session.read_only
            assert "unreadable lock — take over?" in str(screen.query_one("#banner").render())
            screen.action_take_over()
            await pilot.pause(0.2)
            await pilot.press("y")
            await pilot.pause(0.3)
            assert not screen.session.read_only
            assert screen.session.lock_notice == "took over an unreadable lock"
            await pilot.press("ctrl+q")
        assert pilot.app.return_code in (0, None)


async def test_the_title_bar_never_says_all_committed_while_text_is_unsaved(make_workspace, git_repo) -> None:
    root = make_workspace()
    draft(root)
    (root / ".gitignore").write_text(".*.lock\n")  # as init writes it
    git_repo(root)
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, FillScreen)
        for _ in range(50):  # until git has answered
            await pilot.pause(0.1)
            if "git:" in screen.sub_title:
                break
        assert "git: all committed" in screen.sub_title
        await pilot.press("end", *"typed")
        assert "unsaved" in screen.sub_title and "all committed" not in screen.sub_title
        await pilot.pause(1.2)  # saved now
        assert "saved" in screen.sub_title and "all committed" not in screen.sub_title
        await pilot.press("ctrl+q")
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True)
    assert "2026-Q4.toml" in status.stdout
