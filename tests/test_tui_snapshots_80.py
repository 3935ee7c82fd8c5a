"""SVG snapshots at 80×24, the smallest supported terminal, of every main screen on the demo (five
units): home, fill, review, the actions list and compare; and the review screen, its side-by-side view
and its actions list with six units. Fixed date and path; in colour."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.review.row import RowModal
from selfassess.workspace.workspace import Workspace

from builders import add_unit, many_blockers
from conftest import demo_at

TODAY = date(2026, 11, 23)
SIZE = (80, 24)
#: a fixed folder, so that any path shown is the same on every run
ROOT = Path(tempfile.gettempdir()) / "selfassess-80x24-snapshots" / "demo"


class SnapshotApp(SelfAssessApp):
    """The real app (conftest stops cursors blinking, so screens are deterministic)."""


@pytest.fixture
def demo(demo_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.delenv("NO_COLOR", raising=False)  # the colours are part of what is checked
    yield from demo_at(demo_workspace, ROOT)


@pytest.fixture
def six(demo_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo with a sixth unit (barnsley's files copied: its reviews no longer match), in the test's
    own folder: these screens show no path, and the fixed folder is not changed under another run."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    return add_unit(demo_workspace, "wakefield", "barnsley")


def snapshot_app(root: Path, screen: str, **arguments: object) -> SnapshotApp:
    return SnapshotApp(Workspace(root), TODAY, "DCI W. Example", screen, **arguments)


async def settled(pilot) -> None:
    """Until background work (git status, the review trend) has drawn."""
    screen = pilot.app.screen
    for _ in range(50):
        await pilot.pause(0.1)
        if getattr(screen, "trend", True) is not None and not pilot.app.workers:
            break
    await pilot.pause(0.2)


def test_home_at_80_by_24(demo: Path, snap_compare) -> None:
    """Five units by four quarters; the footer keeps Help and Quit."""
    assert snap_compare(snapshot_app(demo, "home"), terminal_size=SIZE, run_before=settled)


def test_fill_in_the_list_at_80_by_24(demo: Path, snap_compare) -> None:
    """In the list on the first unrated criterion; the line under the fields says which keys act."""
    app = snapshot_app(demo, "fill", district="sheffield", period="2026-Q4")
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


def test_fill_typing_at_80_by_24(demo: Path, snap_compare) -> None:
    """Enter: typing evidence; the footer and the line under the fields change with the mode."""

    async def typing(pilot) -> None:
        await settled(pilot)
        await pilot.press("enter")
        await pilot.pause(0.2)

    app = snapshot_app(demo, "fill", district="sheffield", period="2026-Q4")
    assert snap_compare(app, terminal_size=SIZE, run_before=typing)


def test_review_at_80_by_24(demo: Path, snap_compare) -> None:
    """Every one of the five districts in view, names and statuses whole: the trend column gave its room;
    the legend breaks between entries."""
    app = snapshot_app(demo, "review", period="2026-Q4")
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


def test_actions_at_80_by_24(demo: Path, snap_compare) -> None:
    """The owner column before the action text, cut first so that the action text gets the room; the
    chosen action in full beneath."""

    async def actions(pilot) -> None:
        await settled(pilot)
        await pilot.press("a")
        await pilot.pause(0.2)

    app = snapshot_app(demo, "review", period="2026-Q4")
    assert snap_compare(app, terminal_size=SIZE, run_before=actions)


def test_review_six_units_at_80_by_24(six: Path, snap_compare) -> None:
    """Six units in view, names whole; a status too long for its column shows its mark, and the legend
    gives its words."""
    app = snapshot_app(six, "review", period="2026-Q4")
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


async def side_by_side(pilot) -> None:
    """PW2 (evidence in every district, none for the force) side by side."""
    await settled(pilot)
    pilot.app.screen.go_to("PW2", None)
    await pilot.press("home", "enter")
    await laid_out(pilot)


async def laid_out(pilot) -> None:
    """Until the side-by-side view is on screen with its columns laid out, and drawn."""
    for _ in range(100):
        screen = pilot.app.screen
        if isinstance(screen, RowModal) and screen.query_one("#review-row-body").virtual_size.width:
            break
        await pilot.pause(0.05)
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_side_by_side_at_80_by_24(demo: Path, snap_compare) -> None:
    """Whole columns in view, each with its borders the band's full height."""
    app = snapshot_app(demo, "review", period="2026-Q4")
    assert snap_compare(app, terminal_size=SIZE, run_before=side_by_side)


def test_side_by_side_six_units_scrolled_to_the_end_at_80_by_24(six: Path, snap_compare) -> None:
    """Scrolled to the far right: the last column whole, with its right border."""

    async def at_the_end(pilot) -> None:
        await side_by_side(pilot)
        body = pilot.app.screen.query_one("#review-row-body")
        body.scroll_to(x=body.max_scroll_x, animate=False)
        await laid_out(pilot)

    app = snapshot_app(six, "review", period="2026-Q4")
    assert snap_compare(app, terminal_size=SIZE, run_before=at_the_end)


def test_compare_at_80_by_24(demo: Path, snap_compare) -> None:
    """Pickers and every column of the rating moves in view."""
    app = snapshot_app(demo, "diff", district="barnsley")
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


def test_fill_typing_after_tab_at_80_by_24(demo: Path, snap_compare) -> None:
    """#28: Tab from the list goes into the evidence; the typing footer keeps ^n and ^b whole."""

    async def tab(pilot) -> None:
        await settled(pilot)
        await pilot.press("tab")
        await settled(pilot)

    app = snapshot_app(demo, "fill", district="sheffield", period="2026-Q4")
    assert snap_compare(app, terminal_size=SIZE, run_before=tab)


def test_submit_dialog_with_many_blockers_at_80_by_24(tmp_path: Path, snap_compare) -> None:
    """#28: 20 blockers and a dip sample's warning in one scrolling list, each in full; the buttons in
    view, the dialog's own footer."""

    async def submit(pilot) -> None:
        await settled(pilot)
        await pilot.press("ctrl+s")
        await settled(pilot)

    app = snapshot_app(many_blockers(tmp_path / "ws"), "fill", district="north", period="2026-Q4")
    assert snap_compare(app, terminal_size=SIZE, run_before=submit)


def test_home_at_120_columns(demo: Path, snap_compare) -> None:
    """#28: at 120 columns the hint line under the table breaks between hints, never inside one."""
    assert snap_compare(snapshot_app(demo, "home"), terminal_size=(120, 24), run_before=settled)
