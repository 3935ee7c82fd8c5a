"""The fill screen driven as a lead would, with Pilot; each test reads back the saved TOML file."""

from __future__ import annotations

import os
import socket
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, RadioButton, RadioSet, Static, TextArea

from selfassess.formats.atomic import temp_path
from selfassess.formats.lock import lock_path
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.common.text import safe_text
from selfassess.tui.fill.action_form import ActionForm
from selfassess.tui.fill.merge import MergeModal
from selfassess.tui.fill.screen import FillScreen
from selfassess.tui.fill.submit import SubmitModal
from selfassess.tui.fill.tree import CriteriaTree
from selfassess.workspace.workspace import Workspace

from builders import saved, write_text
from conftest import FOUR_GRADES

TODAY = date(2026, 11, 23)
MARKUP = "[bold]x[/] [/] [link=http://x]y[/link] \x1b[31m"
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

[[criteria.T1C1.actions]]
id = "T1C1-a1"
action = "Retrain the response teams"
owner = "Insp. A"
due = 2027-01-31
done = false
"""


class FillApp(SelfAssessApp):
    """The real app (conftest stops cursors blinking, so screens are deterministic)."""


def fill_app(root: Path, period: str = "2026-Q4", user: str = "DCI Test") -> FillApp:
    return FillApp(Workspace(root), TODAY, user, "fill", district="north", period=period)


async def settle(pilot, seconds: float = 3.0) -> None:
    """Wait until the screen has nothing left to save (autosave runs ~0.5 s after the last change)."""
    screen = pilot.app.screen
    for _ in range(int(seconds / 0.1)):
        await pilot.pause(0.1)
        if isinstance(screen, FillScreen) and not screen.session.should_save():
            return


def fill_screen(pilot) -> FillScreen:
    screen = pilot.app.screen
    assert isinstance(screen, FillScreen)
    return screen


async def test_rating_key_creates_the_draft_on_the_first_change(make_workspace) -> None:
    root = make_workspace()
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.6)
        screen = fill_screen(pilot)
        assert screen.current == "T1C1"
        assert isinstance(screen.focused, CriteriaTree)  # keys act: the cursor is in the list
        assert not Workspace(root).assessment_path("north", "2026-Q4").exists()
        await pilot.press("2")
        await settle(pilot)
        assert saved(root).get("T1C1").rating == "amber"
        assert "saved" in screen.sub_title


async def test_typed_evidence_is_saved_after_a_pause(make_workspace) -> None:
    root = make_workspace()
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("enter", *"Dip", "enter", *"20")
        await pilot.pause(1.2)
        assert saved(root).get("T1C1").evidence == "Dip\n20"


async def test_an_improvement_action_is_added_with_a_validated_due_date(make_workspace) -> None:
    root = make_workspace()
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, ActionForm)
        await pilot.press(*"Brief", "tab", *"Insp", "tab", *"2027-13-01", "enter")
        assert pilot.app.screen is form  # an impossible date is refused, the form stays
        form.query_one("#action-due", Input).value = "2027-01-31"
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, FillScreen)
        await settle(pilot)
        (action,) = saved(root).get("T1C1").actions
        assert (action.id, action.action, action.owner, action.due, action.done) == (
            "T1C1-a1",
            "Brief",
            "Insp",
            date(2027, 1, 31),
            False,
        )
        screen = fill_screen(pilot)
        screen.query_one("#actions").focus()
        await pilot.press("space")
        await settle(pilot)
        assert saved(root).get("T1C1").actions[0].done == TODAY
        await pilot.press("enter")  # edit: untick, change the owner
        form = pilot.app.screen
        assert isinstance(form, ActionForm)
        form.query_one("#action-owner", Input).value = "Insp. B"
        form.query_one("#action-done").value = False
        await pilot.click("#save")
        await settle(pilot)
        action = saved(root).get("T1C1").actions[0]
        assert (action.owner, action.done) == ("Insp. B", False)
        await pilot.press("delete", "y")
        await settle(pilot)
        assert saved(root).get("T1C1") is None  # nothing left recorded: the criterion is not written


async def test_carry_forward_then_confirm(make_workspace) -> None:
    root = make_workspace()
    write_text(root, "2026-Q3", PREVIOUS)
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("c")
        await settle(pilot)
        response = saved(root).get("T1C1")
        assert (response.rating, response.evidence, response.carried) == ("amber", "Audit in September", True)
        assert [a.id for a in response.actions] == ["T1C1-a1"]
        await pilot.press("y")
        await settle(pilot)
        assert not saved(root).get("T1C1").carried


PREVIOUS_THREE = (
    PREVIOUS
    + """
[criteria.T1C3]
rating = "green"
evidence = "Inspected"

[criteria.T2C2]
rating = "red"
evidence = "Backlog"
"""
)


async def test_y_confirms_and_moves_to_the_next_carried_criterion(make_workspace) -> None:
    """#28 item 9: confirming carried criteria is y, y, y — not y, Down, y, Down."""
    root = make_workspace()
    write_text(root, "2026-Q3", PREVIOUS_THREE)
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill_screen(pilot)
        await pilot.press("ctrl+p", *"everything")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.press("y")
        assert screen.current == "T1C3"
        await pilot.press("y")
        assert screen.current == "T2C2"
        await pilot.press("up", "up", "up", "y")  # on T1C3, already confirmed: says so, moves on
        assert screen.current == "T2C2"
        assert any("T1C3 is already confirmed" in str(n.message) for n in pilot.app._notifications)
        await settle(pilot)
    assessment = saved(root)
    assert [c for c in ("T1C1", "T1C3", "T2C2") if assessment.get(c).carried] == ["T2C2"]


async def test_carry_forward_everything_from_the_palette(make_workspace) -> None:
    root = make_workspace()
    write_text(root, "2026-Q3", PREVIOUS)
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("ctrl+p")
        await pilot.press(*"everything")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert saved(root).get("T1C1").carried


async def test_palette_jumps_to_a_criterion_and_keys_move_inside_the_editor(make_workspace) -> None:
    root = make_workspace()
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill_screen(pilot)
        await pilot.press("enter", "ctrl+n")
        assert screen.current == "T1C2" and screen.focused.id == "evidence"
        await pilot.press("ctrl+b", "ctrl+b")
        assert screen.current == "T2C3"
        await pilot.press("ctrl+p", *"T2C1")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert screen.current == "T2C1"


async def test_submit_is_blocked_then_allowed(make_workspace) -> None:
    root = make_workspace(themes=1, per_theme=2)
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("ctrl+s")
        modal = pilot.app.screen
        assert isinstance(modal, SubmitModal) and len(modal.blockers) == 2
        await pilot.press("down", "enter")  # go to the second blocker
        screen = fill_screen(pilot)
        assert screen.current == "T1C2" and isinstance(screen.focused, CriteriaTree)
        for _ in range(2):
            await pilot.press("enter", *"Seen", "escape", "3", "ctrl+n")
        await pilot.press("ctrl+s")
        modal = pilot.app.screen
        assert isinstance(modal, SubmitModal) and not modal.blockers
        await pilot.click("#submit")
        await pilot.pause(0.3)
        assert saved(root).status == "submitted"
        assert screen.query_one("#evidence", TextArea).read_only
        assert not lock_path(screen.session.path).exists()


async def test_a_submitted_assessment_opens_read_only_until_reopened(make_workspace) -> None:
    root = make_workspace()
    write_text(root, "2026-Q4", PREVIOUS.replace("2026-Q3", "2026-Q4"))
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill_screen(pilot)
        assert screen.session.read_only and "Submitted" in str(screen.query_one("#banner").render())
        await pilot.press("1")
        assert saved(root).get("T1C1").rating == "amber"
        await pilot.press("ctrl+o", "y")
        await settle(pilot)
        assert saved(root).status == "draft"
        assert not screen.query_one("#evidence", TextArea).read_only


async def test_read_only_when_another_live_session_holds_the_lock(make_workspace) -> None:
    root = make_workspace()
    path = Workspace(root).assessment_path("north", "2026-Q4")
    path.parent.mkdir(parents=True)
    lock_path(path).write_text(
        f'user = "DCI Other [/]"\nhost = "{socket.gethostname()}"\npid = {os.getppid()}\n'
        "started = 2026-11-23T09:00:00Z\n"
    )
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill_screen(pilot)
        banner = str(screen.query_one("#banner").render())
        assert "DCI Other [/]" in banner and "open for editing" in banner
        await pilot.press("1", "a")
        await pilot.pause(0.8)
        assert isinstance(pilot.app.screen, FillScreen) and not path.exists()
    assert lock_path(path).exists()  # not ours to remove


async def test_a_change_on_disk_is_not_overwritten_and_can_be_merged(make_workspace) -> None:
    root = make_workspace()
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("enter", *"mine")
        await settle(pilot)
        path = Workspace(root).assessment_path("north", "2026-Q4")
        text = path.read_text()
        path.write_text(text + '\n[criteria.T2C1]\nevidence = "theirs"\n')  # e.g. a git pull
        await pilot.press(*" more")
        await pilot.pause(1.3)
        assert saved(root).get("T1C1").evidence == "mine"  # not overwritten
        screen = fill_screen(pilot)
        assert "changed on disk" in str(screen.query_one("#banner").render())
        assert "NOT SAVED" in screen.sub_title
        await pilot.press("ctrl+r")
        modal = pilot.app.screen
        assert isinstance(modal, MergeModal)
        assert [d.criterion_id for d in modal.differences] == ["T1C1", "T2C1"]
        assert [d.suggestion for d in modal.differences] == ["mine", "theirs"]
        # #28 item 6: the dialog shows each side's text, and the first choice has the focus
        await pilot.pause()
        shown = [w for w in modal.query(Static) if "theirs" in str(w.render()).splitlines()]
        assert shown and all(w.region.height > 0 and w.region.width > 0 for w in shown)
        assert modal.focused is modal.query_one("#choice-0", RadioSet)
        list(modal.query_one("#choice-0", RadioSet).query(RadioButton))[1].value = True  # take theirs
        await pilot.click("#merge")
        await settle(pilot)
        record = saved(root)
        assert record.get("T1C1").evidence == "mine"
        assert record.get("T2C1").evidence == "theirs"
        assert screen.query_one("#evidence", TextArea).text == "mine"
        assert screen.session.problem is None and "saved" in screen.sub_title


async def test_a_failed_write_keeps_the_text_and_is_retried(make_workspace) -> None:
    root = make_workspace()
    path = Workspace(root).assessment_path("north", "2026-Q4")
    path.parent.mkdir(parents=True)
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        blocker = temp_path(path)  # a folder where the temporary file must go: the write fails
        blocker.mkdir()
        await pilot.press("enter", *"kept")
        await pilot.pause(1.3)
        screen = fill_screen(pilot)
        assert "could not save" in str(screen.query_one("#banner").render())
        assert not path.exists()
        blocker.rmdir()
        await pilot.press("ctrl+r")
        assert saved(root).get("T1C1").evidence == "kept"


async def test_a_four_grade_scale_uses_keys_one_to_four(make_workspace) -> None:
    root = make_workspace(grades=FOUR_GRADES)
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill_screen(pilot)
        labels = {b.binding.key: b.binding.description for b in screen.active_bindings.values()}
        assert labels["4"] == "Outstanding" and "5" not in labels
        await pilot.press("4", "5")
        await settle(pilot)
        assert saved(root).get("T1C1").rating == "outstanding"
        await pilot.press("2")
        await settle(pilot)
        assert saved(root).get("T1C1").rating == "requires-improvement"
        await pilot.click("#rating", offset=(3, 0))  # the mouse: the first chip, "1 Inadequate"
        await settle(pilot)
        assert saved(root).get("T1C1").rating == "inadequate"


async def test_quitting_saves_what_is_pending_and_releases_the_lock(make_workspace) -> None:
    root = make_workspace()
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("enter", *"last words")
        path = fill_screen(pilot).session.path
        await pilot.press("ctrl+q")
    assert saved(root).get("T1C1").evidence == "last words"
    assert not lock_path(path).exists()


async def test_help_opens_with_f1_and_question_mark(make_workspace) -> None:
    root = make_workspace(grades=FOUR_GRADES)
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("f1")
        assert type(pilot.app.screen).__name__ == "HelpModal"
        await pilot.press("escape", "question_mark")
        assert type(pilot.app.screen).__name__ == "HelpModal"


@pytest.mark.parametrize("field", ["evidence", "notes"])
async def test_markup_in_user_text_is_shown_literally(make_workspace, field: str) -> None:
    root = make_workspace()
    write_text(root, "2026-Q3", PREVIOUS.replace("Audit in September", MARKUP.replace("\x1b", "\\u001b")))
    async with fill_app(root, user=MARKUP).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill_screen(pilot)
        screen.query_one(f"#{field}", TextArea).insert(MARKUP)  # as pasted
        await pilot.press("a")
        form = pilot.app.screen
        for name in ("text", "owner"):
            form.query_one(f"#action-{name}", Input).value = MARKUP
        await pilot.press("enter")
        await pilot.press("n")
        pilot.app.screen.query_one(Input).value = MARKUP
        await pilot.press("enter")
        await settle(pilot)
        response = saved(root).get("T1C1")
        assert getattr(response, field) == MARKUP and response.not_applicable == MARKUP
        assert (response.actions[-1].action, response.actions[-1].owner) == (MARKUP, MARKUP)
        assert saved(root).assessor == MARKUP
        await pilot.press("ctrl+n", "ctrl+b")
        await pilot.pause(0.3)
        shown = safe_text(MARKUP)  # as typed, the escape character made visible
        rating = screen.query_one("#rating").render().plain.replace("\n", " ")  # a long reason wraps
        assert f"Not applicable: {shown}" in rating
        assert shown in screen.query_one("#actions").get_option_at_index(0).prompt.plain
        assert shown in screen.query_one("#previous-evidence").render().plain
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert "rich-terminal" in pilot.app.export_screenshot()  # everything drew without a crash


async def test_text_not_saved_when_quitting_is_offered_for_merging_next_time(make_workspace) -> None:
    root = make_workspace()
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("enter", *"mine")
        await settle(pilot)
        path = fill_screen(pilot).session.path
        path.write_text(path.read_text().replace("mine", "theirs"))  # changed on disk meanwhile
        await pilot.press(*" too")
        await pilot.press("ctrl+q")  # with the conflict still open
    assert saved(root).get("T1C1").evidence == "theirs"
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.5)
        modal = pilot.app.screen
        assert isinstance(modal, MergeModal) and "earlier session" in modal.heading
        await pilot.click("#merge")
        await settle(pilot)
    assert saved(root).get("T1C1").evidence == "mine too"
    assert not (path.parent / f".{path.name}.unsaved").exists()


async def test_personal_data_is_flagged_while_typing(make_workspace) -> None:
    root = make_workspace()
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill_screen(pilot)
        screen.query_one("#evidence", TextArea).insert("Seen with mum, DOB 14/03/2012, call 07700 900123")
        await pilot.pause(0.7)
        notes = screen.query_one("#privacy")
        shown = str(notes.render())
        assert notes.display and "date of birth" in shown and "14/03/2012" in shown
        await settle(pilot)
        assert "DOB" in saved(root).get("T1C1").evidence  # a warning, never a block


async def test_an_unreadable_file_is_reported_not_crashed_on(make_workspace) -> None:
    root = make_workspace()
    write_text(root, "2026-Q4", PREVIOUS.replace("2026-Q3", "2026-Q4") + "<<<<<<< HEAD\n")
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        message = str(fill_screen(pilot).query_one("#fill-error").render())
        assert "merge conflict" in message
        await pilot.press("f1", "1", "ctrl+s", "q")


async def test_the_actions_list_says_its_own_keys_and_a_new_action_is_in_view(make_workspace) -> None:
    """#28 item 7: in the actions list the hint is the list's keys (not "Enter write evidence"); an
    action just added under long evidence is scrolled into view."""
    root = make_workspace()
    long = "\n".join(f"Line {n} of a long account of the dip sample." for n in range(60))
    write_text(
        root,
        "2026-Q4",
        PREVIOUS.replace("2026-Q3", "2026-Q4")
        .replace("submitted", "draft")
        .replace('evidence = "Audit in September"', f'evidence = """{long}"""'),
    )
    async with fill_app(root).run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        screen = fill_screen(pilot)
        await pilot.press("up")  # the first unrated is T1C2: back to T1C1 with its long evidence
        assert screen.current == "T1C1"
        await pilot.press("a", *"Second audit", "enter")
        await settle(pilot)
        await pilot.pause()
        actions = screen.query_one("#actions")
        visible = screen.query_one("#fields").scrollable_content_region
        assert actions.region.overlaps(visible)
        for _ in range(12):
            if screen.focused is actions:
                break
            await pilot.press("tab")
        assert screen.focused is actions
        mode = str(screen.query_one("#mode").render())
        assert mode.startswith("Actions:") and "write evidence" not in mode


async def test_dialogs_show_their_own_keys_not_the_fill_screens(make_workspace) -> None:
    """#28 item 7: the action dialog's footer says Esc cancels, not the fill screen's Carry or Submit."""
    from textual.widgets import Footer

    root = make_workspace()
    async with fill_app(root).run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("a")
        dialog = pilot.app.screen
        assert isinstance(dialog, ActionForm)
        footer = dialog.query_one(Footer)
        await pilot.pause()
        shown = {key.description for key in footer.query("FooterKey")}
        assert {"Cancel", "Next field"} <= shown and not {"Carry", "Submit"} & shown
        assert footer.region.bottom == 40
