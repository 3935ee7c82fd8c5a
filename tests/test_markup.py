"""User text is never markup nor a terminal escape: a hypothesis property, hostile text on every screen."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.content import Content
from textual.widgets import Static

from selfassess.core.model import Action
from selfassess.formats.store import load_review, save_assessment, save_review
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.common.text import literal, safe_text
from selfassess.workspace.workspace import Workspace

TODAY = date(2026, 11, 23)
SIZE = (100, 40)
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE = [
    "[/]",
    "[bold]x",
    "[link=http://x]y[/link]",
    "\x1b[31mred",
    "\x1b]0;title\x07",
    "[@click=app.quit]x[/]",
    "[[",
    "]]",
    "\\[",
    "$var",
    "{x}",
    "%s",
    "🚔👶🏽 emoji",
    "עברית RTL مرحبا",
    "line one\r\nline two",
    "[" * 10_000,
    "[/bold][/italic]",
    "<script>alert(1)</script>",
    "\u202eevil override",
    "nul\x00byte",
    "[b]" * 500,
    "[red on blue]z[/]",
    "\x9b31m C1 CSI",
    "tab\there",
    "\x1b[2J\x1b[H clear",
    "[/] \\[not] [b]",
]

# What markup-looking text hypothesis should lean on, on top of arbitrary unicode.
PIECES = st.sampled_from(
    ["[", "]", "[/]", "[b]", "\\", "\x1b", "\x1b[", "\x07", "\r\n", "\n", "\t", "$", "@", "="]
)
TEXT = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=30).map("".join))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_literal_shows_any_text_exactly_and_safely(text: str) -> None:
    content = literal(text)
    assert isinstance(content, Content)
    shown = safe_text(text)
    assert content.plain == shown
    assert literal(text, "bold").plain == shown
    assert not FORBIDDEN.search(shown), repr(shown)
    assert "\x1b" not in shown and "\r" not in shown
    printable = text.replace("\r\n", "\n")
    if not FORBIDDEN.search(printable):
        assert shown == printable  # printable text (with newlines and tabs) is untouched


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc",)), min_size=1))
def test_printable_text_is_unchanged(text: str) -> None:
    assert safe_text(text) == text
    assert literal(text).plain == text


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:20]))
def test_hostile_strings_are_literal(text: str) -> None:
    shown = safe_text(text)
    assert literal(text).plain == shown
    assert not FORBIDDEN.search(shown)
    if "[" in text and not FORBIDDEN.search(text):
        assert literal(text).plain == text.replace("\r\n", "\n")  # brackets survive, unparsed


def test_safe_text_of_none_and_objects() -> None:
    assert safe_text(None) == ""
    assert safe_text(12) == "12"
    assert unicodedata.category(safe_text("\x1b")) == "So"  # ␛, a visible symbol


# -- every screen ----------------------------------------------------------------------------------


def _hostile_workspace(root: Path) -> Path:
    """Hostile text in every user field of two districts' 2026-Q4 files and a review comment."""
    workspace = Workspace(root)
    for district in ("sheffield", "doncaster"):
        assessment = workspace.load(district, "2026-Q4")
        assessment.assessor = "[/]" + HOSTILE[5]
        criteria = [c.id for theme in workspace.framework.themes for c in theme.criteria]
        for index, criterion_id in enumerate(criteria):
            response = assessment.responses.get(criterion_id)
            if response is None:
                continue
            response.evidence = HOSTILE[index % len(HOSTILE)] + "\n" + HOSTILE[(index + 7) % len(HOSTILE)]
            response.notes = HOSTILE[(index + 3) % len(HOSTILE)]
            for action in response.actions:
                action.action = HOSTILE[(index + 1) % len(HOSTILE)]
                action.owner = HOSTILE[(index + 2) % len(HOSTILE)]
            if not response.actions and response.rating:
                response.actions.append(
                    Action(f"{criterion_id}-a9", HOSTILE[(index + 4) % len(HOSTILE)], owner="[/]", due=TODAY)
                )
        save_assessment(assessment)
    path = workspace.review_path("barnsley", "2026-Q4")
    review = load_review(path)
    review.comment = "\n".join(HOSTILE[:15])
    review.reviewer = "[/]ACC"
    review.reviewed = datetime(2026, 11, 22, tzinfo=UTC)
    save_review(review, path)
    return root


@pytest.fixture
def hostile(demo_workspace: Path) -> Path:
    return _hostile_workspace(demo_workspace)


class HostileApp(SelfAssessApp):
    """The real app (conftest stops cursors blinking, so screens are deterministic)."""


def _screen_text(app) -> str:
    """What the terminal shows, plus every Static's full text (drill-downs can scroll)."""
    screen = app.screen
    parts = ["".join(segment.text for segment in strip) for strip in screen._compositor.render_strips()]
    for static in screen.query(Static):
        visual = static.visual
        parts.append(visual.plain if isinstance(visual, Content) else str(visual))
    return "\n".join(parts)


def _shows_hostile(text: str) -> bool:
    return any(safe_text(h) in text for h in HOSTILE if 2 < len(h) < 40 and "\n" not in safe_text(h))


async def _drive(app: SelfAssessApp, keys: list[list[str]]) -> list[str]:
    """Press each group of keys; after each, the screen text. An exception in the app fails the test."""
    texts = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        texts.append(_screen_text(pilot.app))
        for group in keys:
            await pilot.press(*group)
            await pilot.pause(0.05)
            texts.append(_screen_text(pilot.app))
            assert "rich-terminal" in pilot.app.export_screenshot()
    return texts


def _app(root: Path, screen: str, **arguments: object) -> HostileApp:
    return HostileApp(Workspace(root), TODAY, "[/]Tester", screen, **arguments)


async def test_home_with_hostile_text(hostile: Path) -> None:
    texts = await _drive(_app(hostile, "home"), [["down"], ["down", "down"], ["tab"], ["enter"], ["escape"]])
    assert any("sheffield" in t.lower() for t in texts)


@pytest.mark.parametrize("district", ["sheffield", "doncaster"])
async def test_fill_with_hostile_text(hostile: Path, district: str) -> None:
    keys = [["ctrl+n"], ["ctrl+n"], ["down"], ["tab"], ["enter"], ["escape"], ["ctrl+b"], ["f1"], ["escape"]]
    keys += [["ctrl+n"]] * 6
    texts = await _drive(_app(hostile, "fill", district=district, period="2026-Q4"), keys)
    assert any(_shows_hostile(t) for t in texts)


async def test_review_with_hostile_text(hostile: Path) -> None:
    keys = [
        ["down"],
        ["right"],
        ["enter"],
        ["escape"],  # a cell
        ["right", "right"],
        ["enter"],
        ["escape"],
        ["left", "left", "left", "left"],
        ["enter"],
        ["escape"],  # a row
        ["a"],
        ["escape"],  # actions
        ["down", "right", "right", "right"],
        ["r"],
        ["escape"],  # comment
        ["tab"],
        ["escape"],
    ]
    texts = await _drive(_app(hostile, "review", period="2026-Q4"), keys)
    assert any(_shows_hostile(t) for t in texts)


async def test_review_comment_with_hostile_text(hostile: Path) -> None:
    texts = await _drive(_app(hostile, "review", period="2026-Q4"), [["down"], ["enter"], ["escape"], ["r"]])
    assert texts


@pytest.mark.parametrize("district", ["sheffield", "doncaster"])
async def test_diff_with_hostile_text(hostile: Path, district: str) -> None:
    keys = [["down"], ["tab"], ["enter"], ["down", "down"], ["s"], ["left_square_bracket"], ["escape"]]
    texts = await _drive(_app(hostile, "diff", district=district, old="2026-Q3", new="2026-Q4"), keys)
    assert any(_shows_hostile(t) for t in texts)
