"""Issue 13: one focus model on the fill screen. Keys act where the cursor is, typing is text, and the
screen says which is which. Driven with Pilot; each test reads back the saved file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import TextArea

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.fill.help import fill_help
from selfassess.tui.fill.screen import FillScreen
from selfassess.tui.fill.tree import CriteriaTree
from selfassess.workspace.workspace import Workspace

from builders import saved, write_text

TODAY = date(2026, 11, 23)
PREVIOUS = """\
schema = 1
framework = "test"
framework_version = "1.0"
district = "north"
period = "2026-Q3"
status = "submitted"
assessor = "DCI Before"

[criteria.T1C1]
rating = "amber"
evidence = "Audit in September"

[criteria.T1C2]
rating = "green"
evidence = "Checked in August"
"""


def app(root: Path, period: str = "2026-Q4") -> SelfAssessApp:
    return SelfAssessApp(Workspace(root), TODAY, "DCI Test", "fill", district="north", period=period)


async def settle(pilot) -> None:
    screen = pilot.app.screen
    for _ in range(30):
        await pilot.pause(0.1)
        if isinstance(screen, FillScreen) and not screen.session.should_save():
            return


def fill(pilot) -> FillScreen:
    screen = pilot.app.screen
    assert isinstance(screen, FillScreen)
    return screen


def mode_text(screen: FillScreen) -> str:
    return str(screen.query_one("#mode").render())


async def test_fill_opens_in_the_list_on_the_first_unrated_criterion(make_workspace) -> None:
    root = make_workspace()
    write_text(root, "2026-Q4", PREVIOUS.replace("2026-Q3", "2026-Q4").replace("submitted", "draft"))
    async with app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill(pilot)
        tree = screen.query_one(CriteriaTree)
        assert screen.focused is tree and tree.cursor_node.data == "T1C3" == screen.current
        assert "Keys:" in mode_text(screen)


async def test_command_keys_in_the_list_are_never_typed_into_evidence(make_workspace) -> None:
    root = make_workspace()
    async with app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("2", "q" if False else "n")  # n asks for a reason: a dialog, not text
        await pilot.press("escape")
        await settle(pilot)
        response = saved(root).get("T1C1")
        assert (response.rating, response.evidence) == ("amber", "")


async def test_in_the_editor_every_key_is_text_and_the_screen_says_so(make_workspace) -> None:
    root = make_workspace()
    write_text(root, "2026-Q3", PREVIOUS)
    async with app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill(pilot)
        footer_keys = {b.binding.key for b in screen.active_bindings.values() if b.enabled}
        assert {"c", "2", "ctrl+s", "f1", "ctrl+q"} <= footer_keys
        await pilot.press("e")
        assert isinstance(screen.focused, TextArea) and "Typing" in mode_text(screen)
        typing_keys = {b.binding.key for b in screen.active_bindings.values() if b.enabled}
        assert not {"c", "y", "n", "a", "2"} & typing_keys  # the footer shows no key that would be text
        assert {"escape", "ctrl+s", "f1", "ctrl+q"} <= typing_keys
        assert "Esc, then c" in str(screen.query_one("#previous").title)
        await pilot.press(*"2 cyan q")
        await pilot.press("escape")
        assert screen.focused is screen.query_one(CriteriaTree) and "Keys:" in mode_text(screen)
        await settle(pilot)
        response = saved(root).get("T1C1")
        assert (response.rating, response.evidence, response.carried) == (None, "2 cyan q", False)


async def test_keys_on_a_theme_heading_never_act_on_another_criterion(make_workspace) -> None:
    root = make_workspace()
    write_text(root, "2026-Q3", PREVIOUS)
    async with app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill(pilot)
        await pilot.press("up")  # from T1C1 to the heading of theme 1
        assert screen.on_heading is not None
        assert "Theme heading" in str(screen.query_one("#heading").render())
        assert not screen.query_one("#fields").display  # no criterion is shown to be acted on
        await pilot.press("2", "c", "y", "n", "a", "e")
        await pilot.pause(0.3)
        assert isinstance(pilot.app.screen, FillScreen) and screen.focused is screen.query_one(CriteriaTree)
        assert any("theme heading" in str(n.message) for n in pilot.app._notifications)
        await settle(pilot)
        assert saved(root) is None  # nothing was changed anywhere


async def test_down_c_y_carries_the_criterion_under_the_cursor(make_workspace) -> None:
    root = make_workspace()
    write_text(root, "2026-Q3", PREVIOUS)
    async with app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("c", "y", "down", "c", "y")
        await pilot.pause(0.3)
        await settle(pilot)
        record = saved(root)
        first, second = record.get("T1C1"), record.get("T1C2")
        assert (first.rating, first.carried, first.evidence) == ("amber", False, "Audit in September")
        assert (second.rating, second.carried, second.evidence) == ("green", False, "Checked in August")


async def test_ctrl_n_keeps_the_cursor_in_the_list_unless_typing(make_workspace) -> None:
    root = make_workspace()
    async with app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill(pilot)
        tree = screen.query_one(CriteriaTree)
        await pilot.press("ctrl+n")
        assert screen.current == "T1C2" and screen.focused is tree and tree.cursor_node.data == "T1C2"
        await pilot.press("enter", "ctrl+n")
        assert screen.current == "T1C3" and isinstance(screen.focused, TextArea)


async def test_the_editor_opens_with_the_cursor_at_the_end_of_the_text(make_workspace) -> None:
    root = make_workspace()
    write_text(root, "2026-Q4", PREVIOUS.replace("2026-Q3", "2026-Q4").replace("submitted", "draft"))
    async with app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("up", "up", "enter", *" and more")  # up to T1C1, then write
        await settle(pilot)
        assert saved(root).get("T1C1").evidence == "Audit in September and more"


async def test_escape_in_the_list_goes_home_and_never_quits(make_workspace) -> None:
    root = make_workspace()
    async with app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("enter", "escape", "escape")  # out of the editor, then out of the screen
        await pilot.pause(0.3)
        assert type(pilot.app.screen).__name__ == "HomeScreen" and pilot.app.is_running
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert pilot.app.is_running


def test_fill_help_does_not_deny_the_save_key(make_workspace) -> None:
    root = make_workspace()
    workspace = Workspace(root)
    text = fill_help(workspace.framework, FillScreen.BINDINGS)
    assert "no save key" not in text
    assert "`ctrl+r`" in text and "`Esc`" in text and "`Enter`" in text


async def test_the_evidence_as_of_box_shows_the_whole_date(make_workspace) -> None:
    root = make_workspace()
    async with app(root).run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill(pilot)
        screen.query_one("#as-of").focus()
        await pilot.press(*"2027-01-20")
        await pilot.pause(0.2)
        assert "2027-01-20" in pilot.app.export_screenshot()
        await pilot.press("escape")
        await settle(pilot)
        assert saved(root).get("T1C1").as_of == date(2027, 1, 20)


async def test_a_long_not_applicable_reason_is_shown_whole_at_120_columns(make_workspace) -> None:
    root = make_workspace()
    reason = "No custody suite in this district since the " + "merger " * 12 + "endofreason"
    async with app(root).run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("n")
        pilot.app.screen.query_one("Input").value = reason
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert "endofreason" in pilot.app.export_screenshot()


async def test_palette_commands_act_even_when_opened_while_typing(make_workspace) -> None:
    root = make_workspace()
    write_text(root, "2026-Q3", PREVIOUS)
    async with app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("enter", "ctrl+p", *"Carry this criterion")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert saved(root).get("T1C1").carried
