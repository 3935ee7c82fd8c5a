"""Every string a framework or settings file supplies reaches the screens through the text gate
(issue 26 item 1): escape, C1 and bidi characters in a grade label, a theme or criterion title, a
level text, a reference, the force's name… are shown as placeholders on every screen, in the footer,
the help tables, the command palette and the notifications, and never reach the terminal raw."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest

from selfassess.tui.app import SelfAssessApp
from selfassess.workspace.workspace import Workspace

TODAY = date(2026, 11, 23)
#: OSC 52 (clipboard), cursor home and paint, a C1 CSI, a bidi override, OSC 2 (title)
HOSTILE_YAML = r"\e]52;c;ZWNobyBwd25lZA==\e\\\e[1;1HALL GREEN\x9b2J\u202eX\e]2;PWNED\a"
RAW = ("\x1b", "\x9b", "\u202e", "\x07")


def hostile(word: str) -> str:
    return f'"{word} {HOSTILE_YAML}"'


def framework() -> str:
    h = hostile
    return f"""\
framework: test
title: {h("Framework")}
version: {h("1.0")}
scale:
  - id: red
    label: {h("Red")}
    colour: red
    meaning: {h("bad")}
  - id: amber
    label: {h("Amber")}
    colour: "#ffbf00"
    meaning: {h("middling")}
  - id: green
    label: {h("Green")}
    colour: green
    meaning: {h("good")}
actions_required_below: green
themes:
  - id: theme-1
    title: {h("Theme one")}
    description: {h("about one")}
    criteria:
      - id: T1C1
        title: {h("First")}
        question: {h("Asked")}
        guidance: {h("Guided")}
        evidence: [{h("Look")}]
        levels:
          red: {h("level red")}
          green: {h("level green")}
        references:
          - title: {h("Reference")}
            url: https://example.org/
            section: {h("section")}
      - id: T1C2
        title: {h("Second")}
retired:
  - id: T9C9
    title: {h("Old")}
    retired_in: {h("2020")}
"""


ASSESSMENT = """\
schema = 1
framework = "test"
framework_version = "1.0 \\u001b]2;PWNED\\u0007\\u009b2J\u202eX"
district = "{district}"
period = "{period}"
status = "draft"
assessor = "DCI \\u001b]2;PWNED\\u0007"
updated = 2026-11-01T10:00:00Z

[criteria.T1C1]
rating = "{rating}"
evidence = "seen"
"""


#: the hostile string as a TOML basic string's body
ESCAPED = "theirs \\u001b]2;PWNED\\u0007\\u009b2J\u202eX"
REVIEW = f"""\
schema = 1
reviewer = "ACC {ESCAPED}"
reviewed = 2026-11-20T09:00:00Z
assessment_sha256 = "{"0" * 64}"
comment = "{ESCAPED}"
"""


@pytest.fixture
def hostile_workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "criteria").mkdir(parents=True)
    (root / "criteria" / "test.yaml").write_text(framework())
    (root / "selfassess.toml").write_text(
        'force = "Force \\u001b]2;PWNED\\u0007\\u009b2J\u202eX"\nframework = "test"\n'
        'districts = ["north", "south"]\n'
    )
    for district, period, rating in (("north", "2026-Q4", "amber"), ("north", "2026-Q3", "red")):
        path = Workspace(root).assessment_path(district, period)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = ASSESSMENT.format(district=district, period=period, rating=rating)
        path.write_text(text if period == "2026-Q4" else text.replace("draft", "submitted"))
    north = root / "assessments" / "north"
    (north / "2026-Q3.review.toml").write_text(REVIEW)
    conflict = ASSESSMENT.format(district="north", period="2026-Q4", rating="green").replace("seen", ESCAPED)
    (north / "2026-Q4.conflict.toml").write_text(f'{conflict}\n[conflicts]\nT1C1 = ["rating", "evidence"]\n')
    return root


class App(SelfAssessApp):
    CURSOR_BLINK = False


def shown(app: App) -> str:
    """What the terminal would show now: the rendered screen, with notifications and the footer."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


def assert_gated(text: str, where: str) -> None:
    for char in RAW:
        assert char not in text, f"{where}: raw {char!r} reached the screen"


async def check_screen(pilot, where: str, keys: tuple[str, ...] = ()) -> str:
    await pilot.pause(0.3)
    text = shown(pilot.app)
    assert_gated(text, where)
    assert "␛" in text, f"{where}: the placeholder is not shown"
    for key in keys:
        await pilot.press(key)
        await pilot.pause(0.3)
        text = shown(pilot.app)
        assert_gated(text, f"{where} after {key}")
    return text


async def test_fill_screen_footer_help_palette_and_tree(hostile_workspace: Path) -> None:
    app = App(Workspace(hostile_workspace), TODAY, "DCI Test", "fill", district="north", period="2026-Q4")
    async with app.run_test(size=(120, 90)) as pilot:
        text = await check_screen(pilot, "fill conflict")  # the conflict file's choices come first
        assert "evidence: " in text and "theirs" in text  # the other side's evidence
        await pilot.press("escape")
        text = await check_screen(pilot, "fill")
        assert "Amber ␛]52" in text  # the footer's grade key
        text = await check_screen(pilot, "fill help", ("f1",))
        assert "middling" in text and "<RLO>X" in text  # the help's table of the scale
        await pilot.press("escape")
        text = await check_screen(pilot, "fill palette", ("ctrl+p", "T", "1", "C"))
        assert "First ␛]52" in text  # a palette hit
        await pilot.press("escape")
        await check_screen(pilot, "fill guide", ("ctrl+g",))


async def test_home_review_and_compare_screens(hostile_workspace: Path) -> None:
    app = App(Workspace(hostile_workspace), TODAY, "DCI Test", "home")
    async with app.run_test(size=(120, 90)) as pilot:
        await check_screen(pilot, "home", ("f1",))
    app = App(Workspace(hostile_workspace), TODAY, "DCI Test", "review", period="2026-Q4")
    async with app.run_test(size=(140, 90)) as pilot:
        await check_screen(pilot, "review")
        text = await check_screen(pilot, "review help", ("f1",))
        assert "middling" in text and "<RLO>X" in text
        await pilot.press("escape")
        text = await check_screen(pilot, "review palette", ("ctrl+p", "T", "1", "C"))
        assert "First ␛]52" in text
        await pilot.press("escape")
        await check_screen(pilot, "review cell", ("down", "down", "right", "enter"))
        await pilot.press("escape")
        await check_screen(pilot, "review actions", ("a",))
    app = App(Workspace(hostile_workspace), TODAY, "DCI Test", "review", period="2026-Q3")
    async with app.run_test(size=(140, 90)) as pilot:
        text = await check_screen(pilot, "review file", ("home", "right", "right", "r"))
        assert "ACC theirs" in text  # the review file's reviewer, in the comment dialog


async def test_a_conflict_file_naming_an_unknown_field_is_one_message_not_a_crash(
    hostile_workspace: Path,
) -> None:
    conflict = hostile_workspace / "assessments" / "north" / "2026-Q4.conflict.toml"
    conflict.write_text(conflict.read_text().replace('"evidence"]', f'"{ESCAPED}"]'))
    app = App(Workspace(hostile_workspace), TODAY, "DCI Test", "fill", district="north", period="2026-Q4")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        messages = [str(n.message) for n in pilot.app._notifications]
        assert any("unknown field 'theirs" in m and "2026-Q4.conflict.toml" in m for m in messages)
        assert_gated(shown(pilot.app), "fill with a bad conflict file")
