"""The review screen driven as the ACC would, with Pilot: what the heat map says against
``summary --format json``, the filters, drill-downs, actions, and the review file a key press writes."""

from __future__ import annotations

import json
import threading
import time
import tomllib
from datetime import date
from hashlib import sha256
from pathlib import Path

import pytest
from test_review_support import MARKUP, four_grade_workspace, large_workspace, write_assessment, write_review
from textual.color import Color
from textual.content import Content
from textual.widgets import DataTable, Static, TextArea

from selfassess.core.model import NOT_APPLICABLE
from selfassess.core.vocabulary import CellKind, Movement
from selfassess.formats.store import load_review
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.common.text import safe_text
from selfassess.tui.review import screen as review_screen
from selfassess.tui.review.actions import ActionsScreen
from selfassess.tui.review.cell import CellModal
from selfassess.tui.review.cells import grade_tags
from selfassess.tui.review.comment import CommentModal
from selfassess.tui.review.heatmap import TITLE_COLUMN, HeatMap
from selfassess.tui.review.row import RowModal
from selfassess.tui.review.screen import ReviewScreen
from selfassess.workspace.workspace import Workspace

from conftest import TODAY, run_cli

AS_OF = date.fromisoformat(TODAY)
SIZE = (100, 40)


class ReviewApp(SelfAssessApp):
    """The real app (conftest stops cursors blinking, so screens are deterministic)."""


def review_app(root: Path, period: str | None = None, user: str = "ACC Test") -> ReviewApp:
    return ReviewApp(Workspace(root), AS_OF, user, "review", period=period)


@pytest.fixture
def four(make_workspace) -> Path:
    return four_grade_workspace(make_workspace)


def heatmap(pilot) -> HeatMap:
    return pilot.app.screen.query_one(HeatMap)


def row_ids(pilot) -> list[str]:
    return [str(key.value) for key in heatmap(pilot).rows]


def column_ids(pilot) -> list[str]:
    return [str(key.value) for key in heatmap(pilot).columns][2:]


def screen_text(screen) -> str:
    """Every Static's text on ``screen``, for checking what a drill-down shows."""
    parts = []
    for static in screen.query(Static):
        rendered = static.visual
        parts.append(rendered.plain if isinstance(rendered, Content) else str(rendered))
    return "\n".join(parts)


async def wait_for_trend(pilot) -> None:
    for _ in range(100):
        if isinstance(pilot.app.screen, ReviewScreen) and pilot.app.screen.trend is not None:
            return
        await pilot.pause(0.05)
    raise AssertionError("the trend never loaded")


async def go_to(pilot, criterion_id: str, district: str | None) -> None:
    """Put the cursor on a criterion's cell for ``district`` (None: its title column)."""
    table = heatmap(pilot)
    table.go_to(criterion_id, district)
    if district is None:
        table.cursor_coordinate = table.cursor_coordinate._replace(column=0)
    await pilot.pause()


def summary_json(root: Path, period: str) -> dict:
    result = run_cli("summary", period, "--format", "json", "--workspace", str(root), "--as-of", TODAY)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


# -- the heat map against summary --format json ----------------------------------------------------


def new_to_previous(root: Path, summary: dict) -> set[tuple[str, str]]:
    """(criterion, district) that the previous quarter's file was not asked: it is on another framework
    version and does not hold the criterion (SPEC §4: a criterion new to a file's version has no movement)."""
    workspace = Workspace(root)
    version = workspace.framework.version
    new = set()
    for district in summary["districts"]:
        path = workspace.assessment_path(district, summary["previous"])
        if not path.is_file():
            continue
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        if table.get("framework_version", version) == version:
            continue
        held = {workspace.framework.current_id(cid) for cid in table.get("criteria", {})}
        new |= {(c["id"], district) for c in summary["criteria"] if c["id"] not in held}
    return new


def expected_cell(
    summary: dict, before: dict, tags: dict[str, str], criterion: dict, district: str, new: set = frozenset()
) -> str:
    """What the cell must say, worked out from the two periods' summary JSON (and, across a framework
    upgrade, which criteria the previous file's version asked)."""
    now, then = criterion["ratings"][district], criterion["previous"][district]
    has = summary["status"][district] not in ("missing", "invalid")
    had = before["status"][district] not in ("missing", "invalid")
    if now == NOT_APPLICABLE:
        words = "n/a"
    elif now is None:
        words = CellKind.NOT_RATED.mark if has else CellKind.NO_ASSESSMENT.mark
    else:
        words = tags[now]
    sign = ""
    if has and had and NOT_APPLICABLE not in (now, then) and (criterion["id"], district) not in new:
        if then is None and now is not None:
            sign = Movement.RATED.sign
        elif now is None and then is not None:
            sign = Movement.UNRATED.sign
        elif now is not None and then is not None:
            order = list(tags)
            delta = order.index(now) - order.index(then)
            sign = Movement("better" if delta > 0 else "worse" if delta < 0 else "same").sign
    return f"{words} {sign}".strip()


@pytest.mark.parametrize("where", ["four-grade", "demo"])
async def test_every_cell_matches_summary_json(where: str, four: Path, demo_workspace: Path) -> None:
    """Grade, movement sign, status and counts per district agree with `summary --format json`."""
    root = four if where == "four-grade" else demo_workspace
    summary = summary_json(root, Workspace(root).latest_period() or "")
    before = summary_json(root, summary["previous"])
    new = new_to_previous(root, summary)
    async with review_app(root).run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = heatmap(pilot)
        tags = grade_tags(table.combined.framework)
        assert column_ids(pilot) == summary["districts"]
        checked = 0
        for criterion in summary["criteria"]:
            for district in summary["districts"]:
                cell = table.get_cell(f"criterion:{criterion['id']}", district).plain.strip()
                assert cell == expected_cell(summary, before, tags, criterion, district, new), (
                    criterion["id"],
                    district,
                )
                checked += 1
        assert checked == len(summary["criteria"]) * len(summary["districts"])
        for district, status in summary["status"].items():
            header = table.columns[district].label.plain  # type: ignore[index]
            assert status in header or status == "changed since review" and "changed" in header
            counts = summary["counts"].get(district)
            if counts is not None:
                shown = [int(n) for n in header.splitlines()[2].split()]
                assert shown == [counts[g] for g in tags]


async def test_theme_rows_summarise_the_worst_grade(four: Path) -> None:
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = heatmap(pilot)
        assert table.get_cell("theme:theme-1", "north").plain.strip() == "I×1"
        assert table.get_cell("theme:theme-1", "south").plain.strip() == "G×1"
        assert table.get_cell("theme:theme-2", "north").plain.strip() == CellKind.NOT_RATED.mark
        assert table.get_cell("theme:theme-2", "west").plain.strip() == CellKind.NO_ASSESSMENT.mark
        top = pilot.app.screen.query_one("#review-top", Static).visual.plain
        assert "Not submitted: east (draft), west (missing)" in top


async def test_a_theme_change_redraws_the_heat_map_in_the_new_colours(four: Path) -> None:
    """Cells keep their rendered segments: a new theme must give new cells, in its own colours."""
    app = review_app(four, "2026-Q4")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_trend(pilot)
        table = heatmap(pilot)

        def missing_mark_colour() -> set[tuple[int, int, int] | None]:
            label = next(c.label for c in table.columns.values() if c.key.value == "west")
            segments = label.__rich_console__(app.console, app.console.options)
            return {s.style.color.triplet for s in segments if "✗" in s.text and s.style and s.style.color}

        def error_colour() -> set[tuple[int, int, int] | None]:
            return {Color.parse(app.theme_variables["error"]).rich_color.triplet}

        assert missing_mark_colour() == error_colour()
        before = error_colour()
        app.theme = "solarized-light"
        await pilot.pause()
        await pilot.pause()
        assert error_colour() != before
        assert missing_mark_colour() == error_colour()
        assert table.get_cell("criterion:T1C1", "trend").plain == "······▄▃", "the trend is kept"


async def test_the_trend_arrives_after_the_heat_map(four: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The heat map is complete while the trend is still loading; the trend column fills in after."""
    release = threading.Event()
    real = review_screen.load_trend

    def slow_trend(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(review_screen, "load_trend", slow_trend)
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = heatmap(pilot)
        assert table.get_cell("criterion:T1C1", "north").plain.strip() == "RI ▲"
        assert table.get_cell("criterion:T1C1", "trend").plain == ""
        assert pilot.app.screen.trend is None
        release.set()
        await wait_for_trend(pilot)
        # no files before 2026-Q3; then the mean of 1, 3, 3 and of 2, 3, 1 on the four-grade scale
        assert table.get_cell("criterion:T1C1", "trend").plain == "······▄▃"


# -- filters and quarters ---------------------------------------------------------------------------


async def test_filters_by_theme_changes_worst_grade_and_district(four: Path) -> None:
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        everything = row_ids(pilot)
        await pilot.press("t")
        assert row_ids(pilot) == ["theme:theme-1", "criterion:T1C1", "criterion:T1C2", "criterion:T1C3"]
        await pilot.press("t")
        assert row_ids(pilot) == ["theme:theme-2", "criterion:T2C1", "criterion:T2C2", "criterion:T2C3"]
        await pilot.press("t")
        assert row_ids(pilot) == everything
        await pilot.press("c")
        changed = ["criterion:T1C1", "criterion:T1C2", "criterion:T1C3", "criterion:T2C1"]
        assert [r for r in row_ids(pilot) if r.startswith("criterion:")] == changed
        await pilot.press("c", "w")
        assert [r for r in row_ids(pilot) if r.startswith("criterion:")] == [
            "criterion:T1C1",
            "criterion:T1C2",
        ]
        await pilot.press("w")
        await go_to(pilot, "T1C1", "south")
        await pilot.press("d")
        assert column_ids(pilot) == ["south"]
        top = pilot.app.screen.query_one("#review-top", Static).visual.plain
        assert "district: south" in top and "1 of 4 districts" in top
        await pilot.press("c")
        assert [r for r in row_ids(pilot) if r.startswith("criterion:")] == ["criterion:T1C2"]
        await pilot.press("c", "d")
        assert column_ids(pilot) == ["north", "south", "east", "west"]


async def test_enter_on_a_theme_row_shows_only_that_theme(four: Path) -> None:
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        heatmap(pilot).move_cursor(row=4)  # the second theme's row
        await pilot.press("enter")
        assert row_ids(pilot)[0] == "theme:theme-2" and len(row_ids(pilot)) == 4
        await pilot.press("enter")
        assert len(row_ids(pilot)) == 8


async def test_stepping_through_quarters(four: Path) -> None:
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("left_square_bracket")
        screen = pilot.app.screen
        assert screen.period == "2026-Q3" and screen.title == "Review 2026-Q3"
        assert heatmap(pilot).get_cell("criterion:T1C1", "west").plain.strip() == "G"
        await pilot.press("left_square_bracket")
        assert screen.period == "2026-Q3", "no earlier quarter has files"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.period == "2026-Q4", "2026-Q4 is the current quarter on 2026-11-23"
        await wait_for_trend(pilot)
        assert screen.trend.periods[-1] == "2026-Q4"


# -- drill-downs and actions ------------------------------------------------------------------------


async def test_a_cell_opens_that_districts_evidence_notes_and_actions_literally(four: Path) -> None:
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "T1C1", "north")
        await pilot.press("enter")
        modal = pilot.app.screen
        assert isinstance(modal, CellModal)
        text = screen_text(modal)
        assert safe_text(MARKUP) in text and "Second line of evidence" in text
        assert "Notes [i]literal[/i]" in text
        assert "OVERDUE due 2026-11-01 · Insp. [/] · Retrain [b]teams[/b]" in text
        assert "2 Requires improvement" in text and "▲ better" in text
        assert "2026-Q3:  1 Inadequate" in text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReviewScreen)


async def test_a_row_shows_every_district_side_by_side_over_last_quarter(four: Path) -> None:
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "T1C1", None)
        await pilot.press("enter")
        modal = pilot.app.screen
        assert isinstance(modal, RowModal)
        columns = modal.query(".review-row-band").first().query(".review-row-column")
        assert len(columns) == 4
        assert "South evidence" in screen_text(columns[1])
        assert safe_text(MARKUP) in screen_text(columns[0])
        assert "no assessment" in screen_text(columns[3])
        previous = modal.query_one(".review-row-previous").query(".review-row-column")
        assert "2026-Q3:  3 Good" in screen_text(previous[3])


async def test_actions_view_sorts_filters_and_highlights_overdue(four: Path) -> None:
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        actions = pilot.app.screen
        assert isinstance(actions, ActionsScreen)
        table = actions.query_one(DataTable)

        def rows() -> list[tuple[str, ...]]:
            return [tuple(c.plain for c in table.get_row_at(i)) for i in range(table.row_count)]

        assert [r[:3] for r in rows()] == [
            ("OVERDUE", "2026-11-01", "north"),
            ("open", "2027-01-31", "north"),
        ]
        assert rows()[0][3:6] == ("T1C1", "Insp. [/]", "Retrain [b]teams[/b]")  # the owner stays in view
        await pilot.press("s")
        assert [r[1] for r in rows()] == ["2027-01-31", "2026-11-01"]
        await pilot.press("o")
        assert [r[1] for r in rows()] == ["2026-11-01"]
        await pilot.press("o", "slash", *"january", "enter")
        assert [r[5] for r in rows()] == ["Re-audit in January"]
        await pilot.press("enter")
        modal = pilot.app.screen
        assert isinstance(modal, CellModal) and modal.criterion.id == "T1C2"
        await pilot.press("escape", "escape", "escape")  # the cell, the filter, the actions list
        assert isinstance(pilot.app.screen, ReviewScreen)


# -- reviewing --------------------------------------------------------------------------------------


async def test_review_key_writes_the_review_and_the_status_follows_the_file(four: Path) -> None:
    """r, a comment, ctrl+s: the review file holds the assessment's hash; a later change shows."""
    assessment = four / "assessments" / "north" / "2026-Q4.toml"
    async with review_app(four, user="ACC [/] Reviewer").run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "T1C2", "north")
        await pilot.press("r")
        assert isinstance(pilot.app.screen, CommentModal)
        await pilot.press(*"Seen [/]", "enter", *"[b]ok")
        await pilot.press("ctrl+s")
        await pilot.pause()
        review = load_review(four / "assessments" / "north" / "2026-Q4.review.toml")
        assert review.assessment_sha256 == sha256(assessment.read_bytes()).hexdigest()
        assert review.reviewer == "ACC [/] Reviewer" and review.comment == "Seen [/]\n[b]ok"
        table = heatmap(pilot)
        assert "✔ reviewed" in table.columns["north"].label.plain  # type: ignore[index]
        assert table.cursor_keys() == ("criterion:T1C2", "north")
        assert "to review" not in pilot.app.screen.query_one("#review-top", Static).visual.plain

        write_assessment(four, "north", "2026-Q4", {"T1C1": "good"})
        await pilot.press("ctrl+r")
        assert "⚠ changed" in heatmap(pilot).columns["north"].label.plain  # type: ignore[index]
        await pilot.press("r")
        modal = pilot.app.screen
        assert isinstance(modal, CommentModal)
        assert modal.query_one(TextArea).text == "Seen [/]\n[b]ok"
        assert "has changed since" in screen_text(modal)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReviewScreen)


async def test_a_draft_cannot_be_reviewed_and_the_screen_says_why(four: Path) -> None:
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "T1C1", "east")
        await pilot.press("r")
        assert isinstance(pilot.app.screen, ReviewScreen)
        messages = [
            str(n.message.plain if isinstance(n.message, Content) else n.message)
            for n in pilot.app._notifications
        ]
        assert any("still a draft" in m for m in messages)
        assert not (four / "assessments" / "east" / "2026-Q4.review.toml").exists()


async def test_markup_in_reviews_and_framework_text_is_shown_literally(four: Path) -> None:
    """Reviewer names, comments, theme and criterion titles full of markup neither crash nor style."""
    yaml = four / "criteria" / "test.yaml"
    yaml.write_text(
        yaml.read_text().replace("Theme 1", "'[b]Theme[/] [/]'").replace("Criterion 1.1", "'[/] odd'")
    )
    south = four / "assessments" / "south" / "2026-Q4.toml"
    write_review(four, "south", "2026-Q4", sha256(south.read_bytes()).hexdigest(), MARKUP)
    review = four / "assessments" / "south" / "2026-Q4.review.toml"
    review.write_text(review.read_text().replace('"ACC Before"', '"ACC [/] [bold]"'))
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = heatmap(pilot)
        assert table.get_cell("theme:theme-1", TITLE_COLUMN).plain.strip() == "▾ [b]Theme[/] [/]"
        await go_to(pilot, "T1C1", "south")
        assert "T1C1 [/] odd" in pilot.app.screen.query_one("#review-detail", Static).visual.plain
        await pilot.press("r")
        modal = pilot.app.screen
        assert modal.query_one(TextArea).text == safe_text(MARKUP)  # escapes shown as placeholders
        assert "Last reviewed by ACC [/] [bold] on 2026-11-20 09:00 UTC" in screen_text(modal)
        await pilot.press("escape", "enter")
        assert "[/] odd" in screen_text(pilot.app.screen)
        await pilot.press("escape", "f1")
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReviewScreen)


# -- snapshots --------------------------------------------------------------------------------------


@pytest.fixture
def colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots in colour: the heat map's colours are part of what they check."""
    monkeypatch.delenv("NO_COLOR", raising=False)


def _snapshot_app(root: Path) -> ReviewApp:
    return review_app(root, period="2026-Q4")


@pytest.mark.usefixtures("colour")
def test_snapshot_heat_map(four: Path, snap_compare) -> None:
    """The four-grade heat map with its trend, cursor on north's T1C1."""
    assert snap_compare(_snapshot_app(four), terminal_size=SIZE, run_before=wait_for_trend)


@pytest.mark.usefixtures("colour")
def test_snapshot_cell_drill_down(four: Path, snap_compare) -> None:
    """North's T1C1: evidence full of markup, notes, an overdue action, last quarter beneath."""

    async def open_cell(pilot) -> None:
        await wait_for_trend(pilot)
        await pilot.press("enter")

    assert snap_compare(_snapshot_app(four), terminal_size=SIZE, run_before=open_cell)


@pytest.mark.usefixtures("colour")
def test_snapshot_actions_view(four: Path, snap_compare) -> None:
    """Open actions as of 2026-11-23, the overdue one first."""

    async def open_actions(pilot) -> None:
        await wait_for_trend(pilot)
        await pilot.press("a")

    assert snap_compare(_snapshot_app(four), terminal_size=SIZE, run_before=open_actions)


# -- more districts, broken files, palette and mouse ------------------------------------------------


async def test_fifty_districts_by_forty_criteria_open_at_once(tmp_path: Path) -> None:
    """Every cell is built on opening; the columns scroll under a frozen criterion column."""
    root = large_workspace(tmp_path / "big", districts=50, quarters=2)
    async with review_app(root).run_test(size=SIZE) as pilot:
        started = time.perf_counter()
        await pilot.pause()
        table = heatmap(pilot)
        assert len(column_ids(pilot)) == 50 and table.row_count == 40 + 5
        assert table.fixed_columns == 2
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_keys()[1] == "district-50" and table.scroll_x > 0
        await pilot.press("home", "left_square_bracket")
        assert table.cursor_keys()[1] == TITLE_COLUMN and pilot.app.screen.period == "2026-Q3"
        assert time.perf_counter() - started < 10


async def test_an_unreadable_assessment_shows_as_invalid_and_cannot_be_reviewed(four: Path) -> None:
    (four / "assessments" / "north" / "2026-Q4.toml").write_text('schema = 1\nstatus = "[/]"\n')
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = heatmap(pilot)
        assert "! invalid" in table.columns["north"].label.plain  # type: ignore[index]
        assert table.get_cell("criterion:T1C1", "north").plain.strip() == CellKind.NO_ASSESSMENT.mark
        await go_to(pilot, "T1C1", "north")
        await pilot.press("r")
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert any("cannot be read" in str(n.message) for n in pilot.app._notifications)
        await pilot.press("q")
    assert pilot.app.return_value == 1, "selfassess review exits 1 after meeting an unreadable file"


async def test_the_palette_jumps_to_a_criterion_hidden_by_a_filter(four: Path) -> None:
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")  # theme 1 only
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"T2C3 Criterion")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert heatmap(pilot).cursor_keys()[0] == "criterion:T2C3"
        assert pilot.app.screen.view.theme is None


async def test_clicking_moves_to_a_cell_then_opens_it_and_a_header_moves_to_the_district(four: Path) -> None:
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = heatmap(pilot)
        header = table._get_cell_region(table.get_cell_coordinate("criterion:T1C1", "east"))
        await pilot.click(HeatMap, offset=(header.x + 1, 0))
        assert table.cursor_keys() == ("criterion:T1C1", "east")
        cell = table._get_cell_region(table.get_cell_coordinate("criterion:T1C2", "south"))
        await pilot.click(HeatMap, offset=(cell.x + 1, cell.y))
        assert table.cursor_keys() == ("criterion:T1C2", "south")
        assert "south:" in pilot.app.screen.query_one("#review-detail", Static).visual.plain
        await pilot.click(HeatMap, offset=(cell.x + 1, cell.y))
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, CellModal) and (modal.district, modal.criterion.id) == ("south", "T1C2")


async def test_marking_reviewed_with_an_empty_comment_asks_when_a_rating_is_the_worst_grade(
    four: Path,
) -> None:
    """north holds an Inadequate (the worst of four grades): ctrl+s with no comment asks first (#13)."""
    from selfassess.tui.common.confirm import ConfirmModal

    review_file = four / "assessments" / "north" / "2026-Q4.review.toml"
    async with review_app(four).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "T1C2", "north")
        await pilot.press("r", "ctrl+s")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, ConfirmModal)
        assert "1 rating at Inadequate" in screen_text(modal)
        await pilot.press("n")  # back to the comment, nothing written
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommentModal) and not review_file.exists()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert load_review(review_file).comment == ""
