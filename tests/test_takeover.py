"""One writer per file: an editor whose lock another process took over stops writing and keeps its text."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from textual.widgets import TextArea

from selfassess.formats.lock import lock_path, read_lock
from selfassess.formats.store import parse_assessment
from selfassess.logic.session import Session
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.fill.screen import FillScreen
from selfassess.workspace.workspace import Workspace

TODAY = date(2026, 11, 23)

#: another editor, in its own process: takes the lock over, then saves its own change when told to
TAKER = """
import sys
from pathlib import Path
from selfassess.formats.lock import acquire
from selfassess.workspace.workspace import Workspace
from selfassess.formats.store import save_assessment
workspace = Workspace(Path(sys.argv[1]))
lock = acquire(workspace.assessment_path("north", "2026-Q4"), "DCI Taker", take_over=True)
assessment = workspace.load("north", "2026-Q4")
print("taken", flush=True)
sys.stdin.readline()
assessment.responses["T1C2"] = type(assessment.responses["T1C1"])(evidence="the taker's text")
save_assessment(assessment)
print("saved", flush=True)
sys.stdin.readline()
lock.release()
"""


def _taker(root: Path) -> subprocess.Popen[str]:
    taker = subprocess.Popen(
        [sys.executable, "-c", TAKER, str(root)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert taker.stdout.readline().strip() == "taken"
    return taker


def _step(taker: subprocess.Popen[str], expect: str) -> None:
    taker.stdin.write("\n")
    taker.stdin.flush()
    assert taker.stdout.readline().strip() == expect


def _finish(taker: subprocess.Popen[str]) -> None:
    taker.stdin.close()
    assert taker.wait(30) == 0


def _saved(path: Path):
    return parse_assessment(path.read_bytes(), path)


def test_a_taken_over_session_stops_writing_and_keeps_its_text(make_workspace) -> None:
    root = make_workspace()
    session = Session(Workspace(root), "north", "2026-Q4", "DCI First", TODAY)
    assert session.acquire_lock()
    session.set_evidence("T1C1", "first")
    assert session.save()
    taker = _taker(root)
    try:
        session.set_evidence("T1C1", "first, then more")
        assert not session.save()
        assert session.problem is not None and session.problem.kind == "taken"
        assert "taken over by DCI Taker" in session.problem.message
        assert re.fullmatch(r"\.2026-Q4\.toml\.DCI_First-\d{8}T\d{6}-\d+\.unsaved", session.unsaved_path.name)
        assert session.workspace.relative(session.unsaved_path) in session.problem.message
        assert session.read_only and not session.should_save()
        assert _saved(session.path).get("T1C1").evidence == "first"
        unsaved = session.unsaved_path
        assert _saved(unsaved).get("T1C1").evidence == "first, then more"
        _step(taker, "saved")  # the new holder's save is not refused as "changed on disk"
        assert _saved(session.path).get("T1C2").evidence == "the taker's text"
        session.set_evidence("T1C1", "typed after")  # read-only now: refused
        assert not session.save()
        session.release()
        assert read_lock(session.path).user == "DCI Taker"  # their lock, not ours to remove
    finally:
        _finish(taker)
    assert not lock_path(session.path).exists()


def test_taking_the_lock_back_resumes_saving_with_a_conflict_check(make_workspace) -> None:
    root = make_workspace()
    session = Session(Workspace(root), "north", "2026-Q4", "DCI First", TODAY)
    assert session.acquire_lock()
    session.set_evidence("T1C1", "first")
    assert session.save()
    taker = _taker(root)
    _step(taker, "saved")
    session.set_evidence("T1C1", "second")
    assert not session.save() and session.problem.kind == "taken"
    _finish(taker)
    assert session.acquire_lock(take_over=True)
    assert not session.save()  # their save happened in between: a merge, never an overwrite
    assert session.problem.kind == "conflict"
    assert _saved(session.path).get("T1C2").evidence == "the taker's text"
    session.release()


class FillApp(SelfAssessApp):
    CURSOR_BLINK = False


async def test_the_fill_screen_says_who_took_over_and_stops_taking_text(make_workspace) -> None:
    root = make_workspace()
    path = Workspace(root).assessment_path("north", "2026-Q4")
    app = FillApp(Workspace(root), TODAY, "DCI First", "fill", district="north", period="2026-Q4")
    taker = None
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause(0.3)
            await pilot.press("enter", *"mine")
            await pilot.press("ctrl+r")
            assert _saved(path).get("T1C1").evidence == "mine"
            taker = _taker(root)
            await pilot.press(*" more")
            await pilot.press("ctrl+r")
            screen = pilot.app.screen
            assert isinstance(screen, FillScreen)
            banner = str(screen.query_one("#banner").render())
            assert "taken over by DCI Taker" in banner and "Nothing more is saved" in banner
            assert "read-only" in screen.sub_title
            await pilot.press(*"xyz")
            assert screen.query_one("#evidence", TextArea).text == "mine more"
            assert _saved(path).get("T1C1").evidence == "mine"
            await pilot.press("ctrl+q")
        (unsaved,) = path.parent.glob(".2026-Q4.toml.*.unsaved")  # this writer's own file
        assert _saved(unsaved).get("T1C1").evidence == "mine more"
        assert read_lock(path).user == "DCI Taker"
    finally:
        if taker is not None:
            _finish(taker)
