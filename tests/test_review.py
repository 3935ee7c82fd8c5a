"""Marking districts reviewed, the eight-quarter trend, and what combine adds for the review screen."""

from __future__ import annotations

from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path

import pytest
from test_review_support import MARKUP, four_grade_workspace, write_assessment

from selfassess.core.errors import ConflictError
from selfassess.core.vocabulary import CellKind
from selfassess.formats.store import load_review
from selfassess.logic.combine import combine
from selfassess.logic.review import ReviewRefused, mark_reviewed, refusal
from selfassess.logic.trend import BLOCKS, block, load_trend, text_line
from selfassess.workspace.workspace import Workspace

from conftest import FOUR_GRADES

NOW = datetime(2026, 11, 23, 14, 30, 5, 123456, tzinfo=UTC)


def review_file(root: Path, district: str, period: str = "2026-Q4") -> Path:
    return root / "assessments" / district / f"{period}.review.toml"


# -- marking reviewed -------------------------------------------------------------------------------


def test_review_file_holds_reviewer_time_hash_and_comment(make_workspace) -> None:
    """The review records the exact assessment bytes; the assessment itself is not touched."""
    root = four_grade_workspace(make_workspace)
    workspace = Workspace(root)
    assessment = workspace.assessment_path("north", "2026-Q4")
    before = assessment.read_bytes()
    review = mark_reviewed(workspace, workspace.entry("north", "2026-Q4"), "ACC [/] Test", MARKUP, now=NOW)
    saved = load_review(review_file(root, "north"))
    assert saved.reviewer == "ACC [/] Test"
    assert saved.comment == MARKUP
    assert saved.reviewed == datetime(2026, 11, 23, 14, 30, 5, tzinfo=UTC) == review.reviewed
    assert saved.assessment_sha256 == sha256(before).hexdigest()
    assert assessment.read_bytes() == before
    assert workspace.entry("north", "2026-Q4").status == "reviewed"


def test_status_follows_the_assessment_after_review(make_workspace) -> None:
    """Changed since review when the file changes; reviewed again when it returns to the reviewed bytes."""
    root = four_grade_workspace(make_workspace)
    workspace = Workspace(root)
    mark_reviewed(workspace, workspace.entry("north", "2026-Q4"), "ACC", "", now=NOW)
    path = workspace.assessment_path("north", "2026-Q4")
    reviewed = path.read_bytes()
    write_assessment(root, "north", "2026-Q4", {"T1C1": "good"})
    assert workspace.entry("north", "2026-Q4").status == "changed since review"
    path.write_bytes(reviewed)
    assert workspace.entry("north", "2026-Q4").status == "reviewed"


@pytest.mark.parametrize(("district", "words"), [("east", "still a draft"), ("west", "no assessment")])
def test_only_a_submitted_assessment_can_be_reviewed(make_workspace, district: str, words: str) -> None:
    root = four_grade_workspace(make_workspace)
    workspace = Workspace(root)
    entry = workspace.entry(district, "2026-Q4")
    assert words in (refusal(entry) or "")
    with pytest.raises(ReviewRefused, match=words):
        mark_reviewed(workspace, entry, "ACC", "comment")
    assert not review_file(root, district).exists()


def test_an_assessment_changed_since_it_was_read_is_not_reviewed(make_workspace) -> None:
    root = four_grade_workspace(make_workspace)
    workspace = Workspace(root)
    entry = workspace.entry("north", "2026-Q4")
    write_assessment(root, "north", "2026-Q4", {"T1C1": "good"})
    with pytest.raises(ReviewRefused, match="changed since you opened it"):
        mark_reviewed(workspace, entry, "ACC", "comment")
    assert not review_file(root, "north").exists()


def test_a_review_written_meanwhile_by_someone_else_is_not_overwritten(make_workspace) -> None:
    root = four_grade_workspace(make_workspace)
    workspace = Workspace(root)
    entry = workspace.entry("north", "2026-Q4")
    mark_reviewed(workspace, workspace.entry("north", "2026-Q4"), "Other reviewer", "theirs", now=NOW)
    with pytest.raises(ConflictError, match="review file"):
        mark_reviewed(workspace, entry, "ACC", "mine")
    assert load_review(review_file(root, "north")).comment == "theirs"


def test_reviewing_again_replaces_the_reviewers_own_review(make_workspace) -> None:
    root = four_grade_workspace(make_workspace)
    workspace = Workspace(root)
    entry = workspace.entry("south", "2026-Q4")
    assert entry.status == "reviewed"
    mark_reviewed(workspace, entry, "ACC", "second look", now=NOW)
    assert load_review(review_file(root, "south")).comment == "second look"
    assert workspace.entry("south", "2026-Q4").status == "reviewed"


def test_a_broken_review_file_can_be_replaced(make_workspace) -> None:
    root = four_grade_workspace(make_workspace)
    review_file(root, "north").write_text("not = [valid")
    workspace = Workspace(root)
    mark_reviewed(workspace, workspace.entry("north", "2026-Q4"), "ACC", "fixed", now=NOW)
    assert workspace.entry("north", "2026-Q4").status == "reviewed"


# -- the trend ----------------------------------------------------------------------------------------


def test_trend_covers_the_last_eight_quarters(make_workspace) -> None:
    """Oldest first; missing quarters and unreadable files show as no assessment; n/a kept."""
    root = make_workspace(districts=("north", "south"), grades=FOUR_GRADES)
    quarters = [f"{year}-Q{q}" for year in (2024, 2025, 2026) for q in (1, 2, 3, 4)]
    for number, period in enumerate(quarters):
        write_assessment(
            root, "north", period, {"T1C1": FOUR_GRADES[number % 4][0]}, not_applicable={"T1C2": "no"}
        )
    write_assessment(root, "south", "2026-Q4", {"T1C1": "good"})
    (root / "assessments" / "south" / "2026-Q3.toml").write_text("broken = [")
    trend = load_trend(Workspace(root), "2026-Q4")
    assert trend.periods == tuple(quarters[-8:])
    assert trend.line("T1C1", "north") == tuple(FOUR_GRADES[n % 4][0] for n in range(4, 12))
    assert trend.line("T1C2", "north") == ("n/a",) * 8
    assert trend.had("south") == (False,) * 7 + (True,)
    assert trend.line("T1C3", "south") == (None,) * 8
    framework = trend.framework
    line = text_line(framework, trend.line("T1C2", "north"), trend.had("north"))
    assert line == CellKind.NOT_APPLICABLE.compact * 8
    assert text_line(framework, trend.line("T1C3", "south"), trend.had("south")) == "·" * 7 + "–"
    # the mean of T1C1 in 2026-Q4: north outstanding (4) and south good (3)
    assert trend.mean(["T1C1"], ["north", "south"])[-1] == 3.5


def test_trend_uses_what_combine_already_read(make_workspace) -> None:
    root = four_grade_workspace(make_workspace)
    workspace = Workspace(root)
    combined = combine(workspace, "2026-Q4")
    for path in (root / "assessments").rglob("*.toml"):
        path.unlink()
    trend = load_trend(workspace, "2026-Q4", combined.districts, combined.assessments())
    assert trend.line("T1C1", "north")[-2:] == ("inadequate", "requires-improvement")


@pytest.mark.parametrize("grades", [2, 3, 4, 9])
def test_blocks_grow_with_the_grade_on_any_scale(make_workspace, grades: int) -> None:
    scale = [(f"g{n}", f"Grade {n}", "#808080") for n in range(1, grades + 1)]
    framework = Workspace(make_workspace(grades=scale)).framework
    heights = [BLOCKS.index(block(framework, n)) for n in range(1, grades + 1)]
    assert heights == sorted(heights) and heights[0] == 0 and heights[-1] == len(BLOCKS) - 1
    if grades <= len(BLOCKS):
        assert len(set(heights)) == grades, "each better grade is a taller block"


# -- what combine adds ------------------------------------------------------------------------------


def test_combine_theme_summary_changes_and_responses(make_workspace) -> None:
    root = four_grade_workspace(make_workspace)
    combined = combine(Workspace(root), "2026-Q4")
    theme_1, theme_2 = combined.framework.themes
    assert combined.theme_worst(theme_1, "north") == ("inadequate", 1)
    assert combined.theme_worst(theme_1, "south") == ("good", 1)
    assert combined.theme_worst(theme_2, "north") == (None, 0)
    assert combined.theme_worst(theme_1, "west") == (None, 0)
    t1c1 = combined.framework.criterion("T1C1")
    assert t1c1 is not None
    assert combined.changed(t1c1, "north") and not combined.changed(t1c1, "south")
    assert not combined.changed(t1c1, "west"), "no file this quarter: nothing to compare"
    response = combined.response(t1c1, "north")
    assert response is not None and response.evidence.startswith(MARKUP)
    assert combined.previous_response(t1c1, "north").rating == "inadequate"  # type: ignore[union-attr]
    assert combined.response(t1c1, "west") is None
