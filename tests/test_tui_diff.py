"""The diff screen driven with Pilot: periods and git versions, rating moves first, evidence side by side."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_diff import NEW, OLD
from textual.widgets import Select, Static

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.diff.evidence import EvidenceChange
from selfassess.tui.diff.moves import RatingMoves
from selfassess.tui.diff.screen import DiffScreen
from selfassess.workspace.workspace import Workspace

from builders import workspace, write

TODAY = date(2026, 11, 23)
MARKUP = "[bold]x[/] [/] [link=http://x]y[/link] \x1b[31m"


class DiffApp(SelfAssessApp):
    """The real app (conftest stops cursors blinking, so screens are deterministic)."""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = workspace(tmp_path / "ws")
    write(root, "north", "2026-Q3", OLD, status="submitted")
    write(root, "north", "2026-Q4", NEW)
    write(root, "south", "2026-Q4", {"T1C1": {"rating": "red", "evidence": MARKUP}})
    write(root, "south", "2026-Q3", {"T1C1": {"rating": "red", "evidence": "Plain."}})
    return root


def app(root: Path, **arguments: object) -> DiffApp:
    return DiffApp(Workspace(root), TODAY, "ACC Test", "diff", **arguments)


def screen_of(pilot) -> DiffScreen:
    screen = pilot.app.screen
    assert isinstance(screen, DiffScreen)
    return screen


def moves(screen: DiffScreen) -> list[str]:
    table = screen.query_one(RatingMoves)
    return [str(table.coordinate_to_cell_key((row, 0)).row_key.value) for row in range(table.row_count)]


def text_of(widget: Static) -> str:
    return str(widget.render())


async def test_defaults_to_this_quarter_against_last_with_worst_news_first(root: Path) -> None:
    async with app(root, district="north").run_test(size=(100, 40)) as pilot:
        screen = screen_of(pilot)
        assert (screen.old_spec, screen.new_spec) == ("north@2026-Q3", "north@2026-Q4")
        assert moves(screen) == ["T1C1", "T1C3", "T1C4", "T2C1", "T2C4", "T2C2", "T2C3", "GONE1"]
        panel = screen.query_one("#diff-change-T1C1", EvidenceChange)
        old_side, new_side = panel.query_one(".diff-old", Static), panel.query_one(".diff-new", Static)
        assert "20 incidents" in text_of(old_side) and "25 incidents" in text_of(new_side)
        removed = [span for span in old_side.visual.spans if "strike" in str(span.style)]  # type: ignore[union-attr]
        assert removed, "removed words are marked"
        actions = text_of(screen.query_one("#diff-change-T1C2 .diff-facts", Static))
        assert "closed A1" in actions and "re-dated A2: due 2026-09-30 → 2026-12-31" in actions
        assert "added A3" in actions
        assert "status submitted → draft" in text_of(screen.query_one("#diff-banner", Static))


async def test_enter_on_a_move_scrolls_to_its_evidence(root: Path) -> None:
    long = {**NEW, "T1C2": {**NEW["T1C2"], "evidence": "".join(f"Line {n}.\n" for n in range(40))}}
    write(root, "north", "2026-Q4", long)
    async with app(root, district="north").run_test(size=(100, 40)) as pilot:
        screen = screen_of(pilot)
        body = screen.query_one("#diff-body")
        assert body.scroll_y == 0
        await pilot.press("enter")  # on T1C1, which has changed evidence
        await pilot.pause()
        panel = screen.query_one("#diff-change-T1C1")
        assert body.scroll_y > 0 and panel.region.y <= body.region.y + 1


async def test_keys_step_swap_and_pick_a_district(root: Path) -> None:
    async with app(root, district="north").run_test(size=(100, 40)) as pilot:
        screen = screen_of(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert (screen.old_spec, screen.new_spec) == ("north@2026-Q4", "north@2026-Q3")
        assert moves(screen)[0] == "T1C4" or "worse" in str(screen.result.criteria[0].direction)
        await pilot.press("s", "left_square_bracket")
        await pilot.pause()
        assert (screen.old_spec, screen.new_spec) == ("north@2026-Q2", "north@2026-Q3")
        assert "no assessment for north 2026-Q2" in text_of(screen.query_one("#diff-banner", Static))
        assert screen.query_one("#diff-banner").has_class("-error")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.new_spec == "north@2026-Q4" and screen.result is not None
        screen.query_one("#diff-district", Select).value = "south"
        await pilot.pause()
        assert (screen.old_spec, screen.new_spec) == ("south@2026-Q3", "south@2026-Q4")


async def test_user_text_is_shown_literally(root: Path) -> None:
    async with app(root, district="south").run_test(size=(100, 40)) as pilot:
        screen = screen_of(pilot)
        new_side = screen.query_one("#diff-change-T1C1 .diff-new", Static)
        assert "[bold]x[/] [/] [link=http://x]y[/link] ␛[31m" in text_of(new_side)


async def test_escape_goes_home_when_opened_first(root: Path) -> None:
    async with app(root, district="north").run_test(size=(100, 40)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "HomeScreen" and pilot.app.is_running


async def test_opened_from_another_screen_escape_goes_back(root: Path) -> None:
    async with app(root, district="north").run_test(size=(100, 40)) as pilot:
        pilot.app.open_screen("diff", district="south", old="2026-Q3", new="2026-Q4")
        await pilot.pause()
        assert screen_of(pilot).district == "south"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_of(pilot).district == "north"


async def test_an_unreadable_file_is_a_message_not_a_crash(root: Path) -> None:
    (root / "assessments/north/2026-Q3.toml").write_text("<<<<<<< HEAD\n")
    async with app(root, district="north").run_test(size=(100, 40)) as pilot:
        screen = screen_of(pilot)
        assert "merge conflict" in text_of(screen.query_one("#diff-banner", Static))
        assert moves(screen) == []


def test_snapshot(root: Path, snap_compare) -> None:
    """Rating moves over the side-by-side evidence, 100x40."""
    assert snap_compare(app(root, district="north"), terminal_size=(100, 40))


async def test_the_files_are_read_off_the_ui_thread(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the two versions (files, or git for REV:PATH) never blocks the screen's thread."""
    import threading

    from selfassess.tui.diff import screen as diff_screen

    threads: list[threading.Thread] = []
    original = diff_screen.read_version

    def recording(*args: object, **kwargs: object):
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(diff_screen, "read_version", recording)
    async with app(root, district="north").run_test(size=(100, 40)) as pilot:
        screen = screen_of(pilot)
        assert screen.result is not None
        await pilot.press("s")  # swap the sides: read again
        await pilot.pause()
        assert screen.result is not None and screen.old_spec == "north@2026-Q4"
    assert len(threads) == 4 and threading.main_thread() not in threads
