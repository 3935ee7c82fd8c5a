"""Assessments written for the review tests: canonical files from plain ratings, and a large workspace.

Helpers only, shared by test_review*.py and test_tui_review*.py; the one test here checks that what they
write is what a district lead's tool would have written.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from hashlib import sha256
from pathlib import Path

from selfassess.core.model import Action, Assessment, Response, Review
from selfassess.core.periods import Period
from selfassess.formats.store import parse_assessment, render_assessment, render_review
from selfassess.workspace.workspace import Workspace

from conftest import FOUR_GRADES, framework_yaml

MARKUP = "[bold]x[/] [/] [link=http://x]y[/link] [red on blue]z \x1b[31mESC"


def write_assessment(
    root: Path,
    district: str,
    period: str,
    ratings: dict[str, str | None],
    status: str = "submitted",
    evidence: dict[str, str] | None = None,
    notes: dict[str, str] | None = None,
    actions: dict[str, list[Action]] | None = None,
    not_applicable: dict[str, str] | None = None,
    framework: str = "test",
) -> Path:
    """``assessments/<district>/<period>.toml`` in canonical form; returns its path."""
    responses: dict[str, Response] = {}
    for criterion_id, rating in ratings.items():
        responses[criterion_id] = Response(rating=rating)
    for criterion_id, reason in (not_applicable or {}).items():
        responses.setdefault(criterion_id, Response()).not_applicable = reason
    for criterion_id, text in (evidence or {}).items():
        responses.setdefault(criterion_id, Response()).evidence = text
    for criterion_id, text in (notes or {}).items():
        responses.setdefault(criterion_id, Response()).notes = text
    for criterion_id, found in (actions or {}).items():
        responses.setdefault(criterion_id, Response()).actions = list(found)
    assessment = Assessment(
        framework=framework,
        framework_version="1.0",
        district=district,
        period=period,
        status=status,
        assessor="DCI Test",
        responses=responses,
    )
    path = root / "assessments" / district / f"{period}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_assessment(assessment).encode("utf-8"))
    return path


def large_workspace(
    root: Path, districts: int = 50, themes: int = 5, per_theme: int = 8, quarters: int = 9
) -> Path:
    """``districts`` × ``themes * per_theme`` criteria × ``quarters`` quarters to 2026-Q4, with evidence."""
    names = [f"district-{n:02d}" for n in range(1, districts + 1)]
    (root / "criteria").mkdir(parents=True)
    (root / "criteria" / "test.yaml").write_text(framework_yaml(None, themes, per_theme))
    quoted = ", ".join(f'"{d}"' for d in names)
    (root / "selfassess.toml").write_text(
        f'force = "Big Force"\nframework = "test"\ndistricts = [{quoted}]\n'
    )
    grades = ["red", "amber", "green"]
    criteria = [f"T{t}C{n}" for t in range(1, themes + 1) for n in range(1, per_theme + 1)]
    periods = [str(p) for p in Period.parse("2026-Q4").last(quarters)]
    chance = random.Random(4)
    for district in names:
        for period in periods:
            ratings = {c: chance.choice(grades) for c in criteria}
            evidence = {c: f"Evidence for {c} in {period}: dip sample of 20 cases.\n" * 3 for c in criteria}
            write_assessment(root, district, period, ratings, evidence=evidence)
    return root


def test_written_assessments_read_back(make_workspace) -> None:
    """What the helpers write loads in the workspace as written, markup and all."""
    root = make_workspace()
    action = Action("T1C1-a1", MARKUP, owner="Insp. [/]", due=date(2026, 11, 1))
    write_assessment(
        root, "north", "2026-Q4", {"T1C1": "red"}, evidence={"T1C1": MARKUP}, actions={"T1C1": [action]}
    )
    path = Workspace(root).assessment_path("north", "2026-Q4")
    assessment = parse_assessment(path.read_bytes(), path)
    assert assessment.responses["T1C1"].evidence == MARKUP
    assert assessment.responses["T1C1"].actions == [action]
    assert Workspace(root).entry("north", "2026-Q4").status == "submitted"


def four_grade_workspace(make_workspace) -> Path:
    """Four grades, districts north (submitted), south (reviewed), east (draft), west (no 2026-Q4 file).

    Between 2026-Q3 and 2026-Q4 cells get better, worse, newly rated, unrated, stay the same, or are
    not applicable; evidence, notes, an action and a district's name hold markup.
    """
    root = make_workspace(districts=("north", "south", "east", "west"), grades=FOUR_GRADES, per_theme=3)
    due_past, due_later = date(2026, 11, 1), date(2027, 1, 31)
    write_assessment(root, "north", "2026-Q3", {"T1C1": "inadequate", "T1C2": "good", "T2C1": "good"})
    write_assessment(
        root,
        "north",
        "2026-Q4",
        {"T1C1": "requires-improvement", "T1C2": "inadequate", "T1C3": "good", "T2C1": None},
        evidence={"T1C1": MARKUP + "\nSecond line of evidence", "T1C2": "Audit of 20 cases in October"},
        notes={"T1C1": "Notes [i]literal[/i]"},
        actions={
            "T1C1": [Action("T1C1-a1", "Retrain [b]teams[/b]", owner="Insp. [/]", due=due_past)],
            "T1C2": [Action("T1C2-a1", "Re-audit in January", owner="Insp. B", due=due_later)],
        },
        not_applicable={"T2C3": "No custody suite [here]"},
    )
    write_assessment(root, "south", "2026-Q3", {"T1C1": "good", "T1C2": "good"})
    south = write_assessment(
        root, "south", "2026-Q4", {"T1C1": "good", "T1C2": "outstanding"}, evidence={"T1C1": "South evidence"}
    )
    write_review(root, "south", "2026-Q4", sha256(south.read_bytes()).hexdigest(), "Fine [/] work")
    write_assessment(root, "east", "2026-Q4", {"T1C1": "inadequate"}, status="draft")
    write_assessment(root, "west", "2026-Q3", {"T1C1": "good", "T2C2": "outstanding"})
    return root


def write_review(root: Path, district: str, period: str, digest: str, comment: str) -> Path:
    review = Review("ACC Before", datetime(2026, 11, 20, 9, 0, tzinfo=UTC), digest, comment)
    path = root / "assessments" / district / f"{period}.review.toml"
    path.write_text(render_review(review))
    return path
