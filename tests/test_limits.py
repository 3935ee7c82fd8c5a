"""Limits: 100,000-character evidence, 200 criteria, 50 districts, 40 periods load, render and save."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable

from selfassess.cli.summary_text import render_summary
from selfassess.core.periods import Period
from selfassess.formats.canonical import string
from selfassess.formats.store import parse_assessment, save_assessment
from selfassess.logic.combine import combine
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.review.screen import ReviewScreen
from selfassess.workspace.workspace import Workspace

from conftest import framework_yaml

THEMES, PER_THEME = 10, 20  # 200 criteria
DISTRICTS = [f"district-{n:02d}" for n in range(1, 51)]
PERIODS = [str(p) for p in Period.parse("2026-Q4").last(40)]
CRITERIA = [f"T{t}C{n}" for t in range(1, THEMES + 1) for n in range(1, PER_THEME + 1)]
GRADES = ["red", "amber", "green"]
HUGE = ('Dip sample [b]of[/b] 20 cases; each child named and seen. \\ "quoted" 🚔\n' * 2000)[:100_000]


def _file(district: str, period: str, criteria: list[str], huge: bool = False) -> str:
    lines = [
        "schema = 1",
        'framework = "test"',
        'framework_version = "1.0"',
        f'district = "{district}"',
        f'period = "{period}"',
        'status = "submitted"',
        'assessor = "DCI Test"',
        "updated = 2026-11-20T09:00:00Z",
    ]
    for index, criterion_id in enumerate(criteria):
        evidence = HUGE if huge and index == 0 else f"Evidence for {criterion_id} in {period}: 20 cases."
        lines += ["", f"[criteria.{criterion_id}]", f'rating = "{GRADES[(index + len(district)) % 3]}"']
        lines.append(f"evidence = {string(evidence)}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 criteria × 50 districts × 40 periods; the last two periods fully rated, older ones sparsely."""
    root = tmp_path_factory.mktemp("big")
    (root / "criteria").mkdir()
    (root / "criteria" / "test.yaml").write_text(framework_yaml(None, THEMES, PER_THEME))
    quoted = ", ".join(f'"{d}"' for d in DISTRICTS)
    (root / "selfassess.toml").write_text(
        f'force = "Big Force"\nframework = "test"\ndistricts = [{quoted}]\n'
    )
    for district in DISTRICTS:
        folder = root / "assessments" / district
        folder.mkdir(parents=True)
        for period in PERIODS:
            full = period in PERIODS[-2:]
            text = _file(
                district, period, CRITERIA if full else CRITERIA[:5], huge=full and district == DISTRICTS[0]
            )
            (folder / f"{period}.toml").write_text(text)
    return root


def test_huge_evidence_loads_renders_and_saves(big: Path) -> None:
    workspace = Workspace(big)
    assessment = workspace.load(DISTRICTS[0], "2026-Q4")
    assert assessment.responses["T1C1"].evidence == HUGE
    assert len(workspace.framework.themes) * PER_THEME == 200
    assessment.responses["T1C1"].evidence = HUGE + "One more line."
    assert save_assessment(assessment)
    path = workspace.assessment_path(DISTRICTS[0], "2026-Q4")
    again = parse_assessment(path.read_bytes(), path)
    assert again.responses["T1C1"].evidence.endswith("One more line.")
    assert len(again.responses["T1C1"].evidence) > 100_000
    assert len(again.responses) == 200


def test_fifty_districts_forty_periods_summary(big: Path) -> None:
    started = time.monotonic()
    workspace = Workspace(big)
    assert len(workspace.districts) == 50
    assert workspace.periods() == PERIODS
    combined = combine(workspace, "2026-Q4")
    text = render_summary(combined, "Big Force")
    assert "Criterion 10.20" in text and "Criterion 1.1" in text
    document = json.dumps(combined.to_json(), default=str)
    assert all(district in document for district in DISTRICTS)
    old = combine(workspace, PERIODS[0])
    assert render_summary(old)
    assert time.monotonic() - started < 15


@pytest.mark.slow
async def test_review_screen_opens_on_the_big_workspace(big: Path) -> None:
    app = SelfAssessApp(Workspace(big), date(2026, 11, 23), "ACC Test", "review", period="2026-Q4")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.5)
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        table = screen.query_one(DataTable)
        assert table.row_count >= 200
        await pilot.press("down", "enter")
        await pilot.pause(0.2)
        await pilot.press("escape")
