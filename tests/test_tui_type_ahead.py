"""Issue 28, major 1 and 2: keys typed ahead act, in order, on the state the previous keys left; a palette
jump lands in the list on the criterion. Every test writes its keys in one go (``type_ahead``), never
waiting between them, and reads back the saved file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, TextArea
from typeahead import key_event, keys_of, settle, type_ahead

from selfassess.formats.store import parse_assessment
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.fill.screen import FillScreen
from selfassess.tui.fill.tree import CriteriaTree
from selfassess.workspace.workspace import Workspace

TODAY = date(2026, 11, 23)
DRAFT = """\
schema = 1
framework = "test"
framework_version = "1.0"
district = "north"
period = "2026-Q4"
status = "draft"
assessor = "DCI Test"

[criteria.T1C1]
rating = "amber"
evidence = "Audit in October"

[criteria.T1C2]
rating = "green"
evidence = "Checked in November"
"""


def app(root: Path) -> SelfAssessApp:
    return SelfAssessApp(Workspace(root), TODAY, "DCI Test", "fill", district="north", period="2026-Q4")


def saved(root: Path):
    path = Workspace(root).assessment_path("north", "2026-Q4")
    return parse_assessment(path.read_bytes(), path)


def ratings(root: Path, *criteria: str) -> dict[str, str | None]:
    assessment = saved(root)
    return {c: getattr(assessment.get(c), "rating", None) for c in criteria}


def write(root: Path, text: str) -> None:
    path = Workspace(root).assessment_path("north", "2026-Q4")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


async def saved_after(pilot) -> None:
    """Wait for the autosave of what the keys changed (a condition, not a fixed delay)."""
    screen = pilot.app.screen
    for _ in range(100):
        await pilot.pause(0.05)
        if isinstance(screen, FillScreen) and not screen.session.should_save():
            return


def under_cursor(screen: FillScreen) -> str | None:
    return screen.query_one(CriteriaTree).cursor_node.data


async def test_down_then_a_grade_typed_together_rate_the_criterion_moved_to(make_workspace) -> None:
    root = make_workspace()
    async with app(root).run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert under_cursor(screen) == "T1C1"
        await type_ahead(pilot, "down", "1", "down", "2")
        assert under_cursor(screen) == screen.current == "T1C3"
        await saved_after(pilot)
    assert ratings(root, "T1C1", "T1C2", "T1C3") == {"T1C1": None, "T1C2": "red", "T1C3": "amber"}


async def test_keys_typed_while_the_fill_screen_opens_act_from_the_first_unrated(make_workspace) -> None:
    root = make_workspace()
    write(root, DRAFT)
    async with app(root).run_test(size=(100, 40)) as pilot:
        await type_ahead(pilot, "up", "1")  # sent at once, while the screen is still opening
        screen = pilot.app.screen
        assert under_cursor(screen) == screen.current == "T1C2"
        await saved_after(pilot)
    assert ratings(root, "T1C1", "T1C2", "T1C3") == {"T1C1": "amber", "T1C2": "red", "T1C3": None}


async def test_tab_typed_ahead_in_the_action_dialog_moves_to_the_next_field(make_workspace) -> None:
    root = make_workspace()
    async with app(root).run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await type_ahead(
            pilot,
            "a",
            *keys_of("Retrain"),
            "tab",
            *keys_of("DI Patel"),
            "tab",
            *keys_of("2027-03-31"),
            "enter",
        )
        await saved_after(pilot)
    (action,) = saved(root).get("T1C1").actions
    assert (action.action, action.owner, action.due) == ("Retrain", "DI Patel", date(2027, 3, 31))


async def test_backspace_typed_ahead_deletes_in_the_field_tab_moved_to(make_workspace) -> None:
    root = make_workspace()
    async with app(root).run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await type_ahead(pilot, "a", *keys_of("Train"), "tab", *keys_of("DI Patelx"), "backspace")
        form = pilot.app.screen
        values = [form.query_one(f"#action-{name}", Input).value for name in ("text", "owner")]
        assert values == ["Train", "DI Patel"]


async def test_a_palette_jump_lands_in_the_list_on_the_criterion(make_workspace) -> None:
    root = make_workspace()
    async with app(root).run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        await type_ahead(pilot, "ctrl+p", *keys_of("T2C1"), "enter")
        assert screen.current == "T2C1" and under_cursor(screen) == "T2C1"
        assert screen.focused is screen.query_one(CriteriaTree)
        assert not isinstance(screen.focused, TextArea) and "Keys:" in str(screen.query_one("#mode").render())
        await type_ahead(pilot, "2", "down", "1")
        await saved_after(pilot)
    t2c1, t2c2 = saved(root).get("T2C1"), saved(root).get("T2C2")
    assert (t2c1.rating, t2c1.evidence, t2c2.rating) == ("amber", "", "red")


async def test_palette_text_and_enter_typed_together_pick_the_matching_criterion(make_workspace) -> None:
    root = make_workspace()
    async with app(root).run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        await type_ahead(pilot, "ctrl+p", *keys_of("T2C3"), "enter", "3")
        assert screen.current == "T2C3" and under_cursor(screen) == "T2C3"
        await saved_after(pilot)
    assert saved(root).get("T2C3").rating == "green"


class EarlyKeys(SelfAssessApp):
    """Keys that arrive before the first screen exists (typed at the shell prompt, read at start)."""

    def on_mount(self) -> None:
        for key in ("down", "down", "1"):
            self.post_message(key_event(key))
        super().on_mount()


async def test_keys_typed_before_the_first_screen_exists_act_on_it(make_workspace) -> None:
    root = make_workspace()
    write(root, DRAFT)
    early = EarlyKeys(Workspace(root), TODAY, "DCI Test", "fill", district="north", period="2026-Q4")
    async with early.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert under_cursor(screen) == screen.current == "T2C1"  # T1C3, the heading, then T2C1
        await saved_after(pilot)
    assert ratings(root, "T1C3", "T2C1") == {"T1C3": None, "T2C1": "red"}
