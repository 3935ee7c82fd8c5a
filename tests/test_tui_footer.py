"""Issue 28 items 11 and 13: at 80×24 every footer shows at most 8 keys, each whole (none cut at the right
edge), Help and the way out always among them; each key shown is in that screen's F1 help, and the keys
left out still work. Read from the rendered screen, on the demo (five units), in every screen and mode."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.common.help import HelpModal
from selfassess.tui.common.keys import key_name
from selfassess.tui.fill.screen import FillScreen
from selfassess.workspace.workspace import Workspace

from conftest import FOUR_GRADES, REPO

TODAY = date(2026, 11, 23)
SMALL = (80, 24)
SHEFFIELD = {"district": "sheffield", "period": "2026-Q4"}
#: the words of the keys that leave: one of them is in every footer
WAY_OUT = {"Quit", "Back", "Done", "Cancel", "No", "Home"}


@pytest.fixture
def demo(demo_workspace: Path) -> Path:
    """The demo with the inspection's findings, so that the review's tracker (`i`) opens."""
    shutil.copytree(REPO / "inspections", demo_workspace / "inspections")
    return demo_workspace


def app(root: Path, screen: str, **arguments: object) -> SelfAssessApp:
    return SelfAssessApp(Workspace(root), TODAY, "DCI W. Example", screen, **arguments)


async def ready(pilot) -> None:
    """Until background work has finished and the footer has been drawn again: no fixed delay."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()


def footer_line(screen: Screen) -> str:
    """The footer's row as the terminal shows it."""
    footer = screen.query_one(Footer)
    return screen._compositor.render_strips()[footer.region.y].text


def footer_entries(screen: Screen) -> list[tuple[str, list[str]]]:
    """Each place in the footer: its text (``^s Submit``, ``[] Quarter``) and the keys it stands for."""
    entries: list[tuple[str, list[str]]] = []
    for child in screen.query_one(Footer).children:
        if isinstance(child, KeyGroup):
            keys = list(child.query(FooterKey))
            entries.append(("".join(k.key_display for k in keys), [k.key for k in keys]))
        elif isinstance(child, FooterLabel):
            text, keys = entries[-1]
            entries[-1] = (f"{text} {child.render()}", keys)
        elif isinstance(child, FooterKey):
            entries.append((f"{child.key_display} {child.description}", [child.key]))
    return entries


def check_footer(screen: Screen, width: int, most: int = 8) -> list[tuple[str, list[str]]]:
    """At most ``most`` places, each whole on the row and inside the screen, nothing else on the row."""
    entries = footer_entries(screen)
    line = footer_line(screen)
    assert 0 < len(entries) <= most, line
    rest = line
    for text, _ in entries:
        assert text in rest, f"{text!r} cut or missing in {line!r}"
        rest = rest.replace(text, "", 1)
    assert not rest.strip(), f"a key cut short in {line!r}: {rest.strip()!r}"
    for key in screen.query_one(Footer).query(FooterKey):
        assert key.region.right <= width, f"{key.key_display} runs off the edge"
    return entries


def buttons_in_view(screen: Screen) -> bool:
    """Whether every button of the dialog is wholly on the terminal (not clipped, not scrolled away)."""
    shown = screen._compositor.visible_widgets
    buttons = list(screen.query(Button))
    return bool(buttons) and all(
        button in shown and shown[button][0].intersection(shown[button][1]) == shown[button][0]
        for button in buttons
    )


async def check_screen(pilot, width: int = SMALL[0], dialog: bool = False) -> list[str]:
    """Check the footer of the screen on top; unless it is a dialog, each key shown is in its F1 help."""
    screen = pilot.app.screen
    entries = check_footer(screen, width)
    words = {text.split(" ", 1)[-1] for text, _ in entries}
    assert words & WAY_OUT, f"no way out in {footer_line(screen)!r}"
    if dialog:
        return [text for text, _ in entries]
    assert "Help" in words, footer_line(screen)
    await pilot.press("f1")
    await ready(pilot)
    help_page = pilot.app.screen
    assert isinstance(help_page, HelpModal)
    for text, keys in entries:
        for key in keys:
            assert f"`{key_name(key)}`" in help_page.markdown, f"{text!r} is not in the F1 help"
    await pilot.press("escape")
    await ready(pilot)
    assert pilot.app.screen is screen
    return [text for text, _ in entries]


# -- every screen and mode at 80×24 ------------------------------------------------------------------
async def test_home_footer_at_80_by_24(demo: Path) -> None:
    async with app(demo, "home").run_test(size=SMALL) as pilot:
        await ready(pilot)
        await check_screen(pilot)


async def test_fill_footers_in_every_mode_at_80_by_24(demo: Path) -> None:
    """In the list, on a theme heading, typing, in the actions list, and read-only."""
    async with app(demo, "fill", **SHEFFIELD).run_test(size=SMALL) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, FillScreen) and screen.current == "PW1"
        shown = await check_screen(pilot)  # the list
        assert {"^s Submit", "⏎ Write", "1 Red", "3 Green"} <= set(shown)
        await pilot.press("up")  # the theme heading
        await ready(pilot)
        assert screen.on_heading is not None
        await check_screen(pilot)
        await pilot.press("down", "down")  # PW2, which has an action
        await ready(pilot)
        await pilot.press("enter")  # typing
        await ready(pilot)
        assert screen.mode == "typing"
        typing = await check_screen(pilot)  # F1 works while typing too
        assert {"^n Next", "^b Prev", "esc Done"} <= set(typing) and screen.mode == "typing"
        await pilot.press("escape")
        screen.query_one("#actions").focus()  # the actions list (Tab gets there too: test_tui_tab_order)
        await ready(pilot)
        assert screen.mode == "actions"
        shown = await check_screen(pilot)
        assert {"⏎ Edit", "esc Done"} <= set(shown)
    async with app(demo, "fill", district="doncaster", period="2026-Q4").run_test(size=SMALL) as pilot:
        await ready(pilot)
        assert pilot.app.screen.mode == "read-only"
        await check_screen(pilot)


async def test_fill_dialog_footers_at_80_by_24(demo: Path) -> None:
    """The dialogs' own keys: new action, not applicable, submit, replace (carry), dip sample; their
    buttons in view."""
    async with app(demo, "fill", **SHEFFIELD).run_test(size=SMALL) as pilot:
        await ready(pilot)
        for key, words in (("a", "Cancel"), ("n", "Cancel"), ("ctrl+s", "Cancel")):
            await pilot.press(key)
            await ready(pilot)
            assert pilot.app.screen.is_modal
            shown = await check_screen(pilot, dialog=True)
            assert any(words in text for text in shown)
            assert buttons_in_view(pilot.app.screen), key
            await pilot.press("escape")
            await ready(pilot)
        await pilot.press("down", "c")  # PW2 is carried: replacing it asks first
        await ready(pilot)
        assert any("No" in text for text in await check_screen(pilot, dialog=True))
        await pilot.press("escape", "down", "d")  # PW11 is evidenced by a dip sample
        await ready(pilot)
        assert type(pilot.app.screen).__name__ == "SampleForm"
        assert "esc Cancel" in await check_screen(pilot, dialog=True)
        assert buttons_in_view(pilot.app.screen)


async def test_review_footers_at_80_by_24(demo: Path) -> None:
    """The heat map, the open actions (`a`), the recommendations tracker (`i`), the comment dialog (its
    buttons in view)."""
    async with app(demo, "review", period="2026-Q4").run_test(size=SMALL) as pilot:
        await ready(pilot)
        review = pilot.app.screen
        shown = await check_screen(pilot)
        assert {"⏎ Open", "r Review", "esc Back", "q Quit"} <= set(shown)
        for key in ("a", "i"):
            await pilot.press(key)
            await ready(pilot)
            assert pilot.app.screen is not review
            await check_screen(pilot)
            await pilot.press("escape")
            await ready(pilot)
            assert pilot.app.screen is review
        await pilot.press("right", "r")  # doncaster: submitted, so it can be reviewed
        await ready(pilot)
        await check_screen(pilot, dialog=True)
        assert buttons_in_view(pilot.app.screen)


async def test_compare_footer_at_80_by_24(demo: Path) -> None:
    async with app(demo, "diff", district="barnsley").run_test(size=SMALL) as pilot:
        await ready(pilot)
        await check_screen(pilot)


# -- wider, and the keys left out ------------------------------------------------------------------
async def test_a_wider_terminal_shows_more_keys_still_whole(demo: Path) -> None:
    async with app(demo, "review", period="2026-Q4").run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        wide = check_footer(pilot.app.screen, 120, most=12)
        assert len(wide) > 8 and "w Worst" in {text for text, _ in wide}
        await pilot.resize_terminal(80, 24)
        await ready(pilot)
        narrow = check_footer(pilot.app.screen, 80)
        assert "w Worst" not in {text for text, _ in narrow}


async def test_keys_left_out_of_the_footer_still_work(demo: Path) -> None:
    """`n` (not applicable) and ctrl+n (next criterion) in the fill list, `w` (worst) in the review."""
    async with app(demo, "fill", **SHEFFIELD).run_test(size=SMALL) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        shown = {text for text, _ in footer_entries(screen)}
        assert "n N/A" not in shown and "^n Next" not in shown
        await pilot.press("ctrl+n")
        await ready(pilot)
        assert screen.current == "PW2"
        await pilot.press("n")
        await ready(pilot)
        assert type(pilot.app.screen).__name__ == "ReasonModal"
    async with app(demo, "review", period="2026-Q4").run_test(size=SMALL) as pilot:
        await ready(pilot)
        review = pilot.app.screen
        assert "w Worst" not in {text for text, _ in footer_entries(review)}
        await pilot.press("w")
        await ready(pilot)
        assert review.view.worst_only


async def test_a_long_scale_keeps_its_grade_keys_together(make_workspace) -> None:
    """Four grades with long labels: the footer shows every grade key or none, never some of them."""
    root = make_workspace(grades=FOUR_GRADES)
    async with app(root, "fill", district="north", period="2026-Q4").run_test(size=SMALL) as pilot:
        await ready(pilot)
        shown = [text for text, _ in check_footer(pilot.app.screen, SMALL[0])]
        grades = [text for text in shown if text[:1].isdigit()]
        assert len(grades) in (0, 4), shown
        assert {"f1 Help", "^q Quit"} <= set(shown)


async def test_submit_dialog_lists_keys_of_its_own(demo: Path) -> None:
    """The submit dialog's footer says Enter goes to the highlighted blocker, Esc cancels."""
    async with app(demo, "fill", **SHEFFIELD).run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+s")
        await ready(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog.focused, OptionList)
        assert {text for text, _ in footer_entries(dialog)} == {"⏎ Go to", "esc Cancel"}
