"""SVG snapshots of the fill screen's main states, on the demo data, at a fixed date and a fixed path."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from selfassess.tui.app import SelfAssessApp
from selfassess.workspace.workspace import Workspace

from conftest import demo_at

TODAY = date(2026, 11, 23)
#: a fixed folder, so that any path shown is the same on every run
ROOT = Path(tempfile.gettempdir()) / "selfassess-fill-snapshots" / "demo"


class SnapshotApp(SelfAssessApp):
    """The real app (conftest stops cursors blinking, so screens are deterministic)."""


@pytest.fixture
def demo(demo_workspace: Path) -> Iterator[Path]:
    """The demo data at a fixed path (shown on the screen), fresh for each test."""
    yield from demo_at(demo_workspace, ROOT)


def sheffield(root: Path) -> SnapshotApp:
    return SnapshotApp(
        Workspace(root), TODAY, "DCI W. Example", "fill", district="sheffield", period="2026-Q4"
    )


def test_fill_opens_on_the_first_unrated_criterion(demo: Path, snap_compare) -> None:
    """The draft opens with the cursor in the criteria list, on its first unrated criterion."""
    assert snap_compare(sheffield(demo), terminal_size=(100, 40))


def test_fill_at_80_by_24(demo: Path, snap_compare) -> None:
    """The smallest supported terminal: heading and rating stay in view above the editor."""
    assert snap_compare(sheffield(demo), terminal_size=(80, 24))


def test_fill_on_a_rated_criterion_with_actions(demo: Path, snap_compare) -> None:
    """An amber criterion with open and overdue improvement actions, the actions table focused."""

    async def open_actions(pilot) -> None:
        await pilot.pause()
        pilot.app.screen.go_to("CC1", focus=False)
        await pilot.pause()  # the new criterion's fields laid out before the focus scrolls to them
        pilot.app.screen.query_one("#actions").focus()
        await pilot.pause()  # the focus scrolls the pane: let it arrive before the picture is taken
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(sheffield(demo), terminal_size=(100, 40), run_before=open_actions)


def test_fill_submit_dialog_lists_what_blocks(demo: Path, snap_compare) -> None:
    """ctrl+s lists the blockers (choose one to go to it) and the warnings."""
    assert snap_compare(sheffield(demo), terminal_size=(100, 40), press=["ctrl+s"])
