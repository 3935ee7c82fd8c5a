"""Issue 28 item 13: at 80×24 the submit dialog lists every blocker (here 20) and warning (a dip sample's
contradiction) in one scrolling list, each in full, wrapped; its buttons stay in view. Pilot moves
through the list and reads what the terminal shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Button, OptionList

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.fill.screen import FillScreen
from selfassess.tui.fill.submit import SubmitModal
from selfassess.tui.fill.tree import CriteriaTree
from selfassess.workspace.workspace import Workspace

from builders import many_blockers

TODAY = date(2026, 11, 23)
SIZE = (80, 24)


def app(root: Path) -> SelfAssessApp:
    return SelfAssessApp(Workspace(root), TODAY, "DCI Test", "fill", district="north", period="2026-Q4")


async def ready(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def shown_in(dialog: SubmitModal, widget) -> str:
    """The words the terminal shows inside ``widget`` (the list's lines joined, wrapping undone)."""
    region = widget.scrollable_content_region
    lines = dialog._compositor.render_strips()[region.y : region.bottom]
    return " ".join(" ".join(line.text[region.x : region.right].split()) for line in lines)


async def test_every_blocker_and_warning_is_shown_in_full_at_80_by_24(tmp_path: Path) -> None:
    root = many_blockers(tmp_path / "ws")
    async with app(root).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+s")
        await ready(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, SubmitModal)
        assert (len(dialog.blockers), len(dialog.warnings)) == (20, 1)
        assert any("supports Amber" in w.message for w in dialog.warnings)
        findings = dialog.query_one(OptionList)
        assert dialog.focused is findings
        assert findings.content_region.height >= 10  # the room goes to the list, not to two small ones
        for number, finding in enumerate([*dialog.blockers, *dialog.warnings]):
            if number:
                await pilot.press("down")  # past the warnings' heading too: it cannot be chosen
                await ready(pilot)
            assert finding.message in shown_in(dialog, findings), finding.message
        for button in dialog.query(Button):
            assert button.region.bottom <= SIZE[1] - 1  # above the dialog's footer
            assert button.region.y >= findings.region.bottom
        await pilot.press("enter")  # the highlighted warning: go to its criterion
        await ready(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, FillScreen) and screen.current == "T1C1"
        assert isinstance(screen.focused, CriteriaTree)


async def test_enter_on_a_blocker_far_down_the_list_goes_to_it(tmp_path: Path) -> None:
    root = many_blockers(tmp_path / "ws")
    async with app(root).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+s")
        await ready(pilot)
        await pilot.press("end", "enter")
        await ready(pilot)
        assert pilot.app.screen.current == "T1C1"  # the last entry is the sample's warning
        await pilot.press("ctrl+s")
        await ready(pilot)
        await pilot.press(*["down"] * 19, "enter")  # the 20th blocker
        await ready(pilot)
        assert pilot.app.screen.current == "T4C5"
