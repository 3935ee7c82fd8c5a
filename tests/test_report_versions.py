"""Quarters assessed on an earlier framework version count against what that version asked (#28 item 12).

The demo's quarters up to 2026-Q1 are on ncpi 2015.2, 2026-Q2 and 2026-Q3 on 2024.1 and 2026-Q4 on
2024.2. Home shows each earlier quarter complete; the report's trend (every format), ``history``, the
review screen's trend line and ``summary`` of such a quarter must not call the criteria added since
"not rated".
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Static

from selfassess.core.model import NOT_APPLICABLE, UNRATED
from selfassess.logic.trend import load_trend
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.home.screen import completion as home_completion
from selfassess.tui.review.heatmap import HeatMap
from selfassess.tui.review.screen import ReviewScreen
from selfassess.workspace.workspace import Workspace

from conftest import run_cli

AS_OF = "2026-12-15"
EARLIER = {"2015.2", "2024.1"}


def _report(root: Path, fmt: str, *extra: str) -> str:
    result = run_cli("report", *extra, "--format", fmt, "--as-of", AS_OF, cwd=root)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _expected(workspace: Workspace, path: Path) -> dict[str, int]:
    """Grade counts read straight from the file: each criterion it holds that is a current criterion
    (under its current id), by its rating; held but neither rated nor marked n/a counts as unrated."""
    framework = workspace.framework
    counts = {g.id: 0 for g in framework.scale} | {UNRATED: 0}
    for key, table in tomllib.loads(path.read_text())["criteria"].items():
        if framework.criterion(key) is None:
            continue  # retired: not a current criterion, in no count
        if "not_applicable" in table:
            continue
        counts[table.get("rating", UNRATED)] += 1
    return counts


def _earlier_files(root: Path) -> list[tuple[str, str, Path]]:
    found = []
    for path in sorted((root / "assessments").glob("*/20??-Q?.toml")):
        if tomllib.loads(path.read_text())["framework_version"] in EARLIER:
            found.append((path.parent.name, path.stem, path))
    assert len(found) >= 20  # four districts × five quarters, and the force unit's two
    return found


def test_json_trend_counts_an_earlier_quarter_over_what_its_version_asked(demo_workspace: Path) -> None:
    workspace = Workspace(demo_workspace)
    trends = json.loads(_report(demo_workspace, "json"))["trends"]
    periods = trends["periods"]
    checked = 0
    for district, period, path in _earlier_files(demo_workspace):
        if period not in periods:
            continue
        counts = trends["counts"][district][periods.index(period)]
        expected = _expected(workspace, path)
        assert {k: counts[k] for k in expected} == expected, (district, period)
        done, asked = home_completion(workspace, workspace.entry(district, period))
        if done == asked:  # home shows it complete: nothing in it is "not rated"
            assert counts[UNRATED] == 0, (district, period, counts)
            checked += 1
    assert checked >= 20
    # barnsley 2025-Q3 (2015.2): 16 criteria added since were counted "not rated" before
    barnsley = trends["counts"]["barnsley"][periods.index("2025-Q3")]
    assert barnsley[UNRATED] == 0 and sum(v for k, v in barnsley.items() if k != NOT_APPLICABLE) > 20


def test_html_trend_figures_show_no_not_rated_in_earlier_quarters_and_name_the_version(
    demo_workspace: Path,
) -> None:
    html = _report(demo_workspace, "html")
    section = html[html.index('<section id="trends"') :]
    section = section[: section.index("</section>")]
    figure = r'<details class="figures"><summary>(.*?): the figures</summary>(.*?)</details>'
    figures = re.findall(figure, section)
    assert [name for name, _ in figures] == ["Barnsley", "Doncaster", "Rotherham", "Sheffield", "Force"]
    for name, table in figures:
        head = re.findall(r'<th scope="col" class="num">(.*?)</th>', table)
        not_rated = head.index("not rated")
        for period, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table):
            values = re.findall(r'<td class="num">(.*?)</td>', cells)
            if period <= "2026-Q3" and values[not_rated] != "none":
                assert values[not_rated] == "0", (name, period, values)
    assert "2025-Q3 to 2026-Q1 on version 2015.2" in section
    assert "2026-Q2 and 2026-Q3 on version 2024.1" in section


def test_markdown_trend_table_and_words_agree_with_the_json(demo_workspace: Path) -> None:
    trends = json.loads(_report(demo_workspace, "json"))["trends"]
    text = _report(demo_workspace, "md")
    section = text[text.index("## Trend over the last") :]
    barnsley = next(line for line in section.splitlines() if line.startswith("| Barnsley |"))
    cells = [c.strip() for c in barnsley.strip("|").split("|")][1:]
    for period, counts, cell in zip(trends["periods"], trends["counts"]["barnsley"], cells, strict=True):
        if counts is None:
            assert cell == "·"
        else:
            shown = " / ".join(str(counts[key]) for key in ("red", "amber", "green", UNRATED))
            assert cell == shown, period
            assert counts[UNRATED] == 0, period
    assert "2025-Q3 to 2026-Q1 on version 2015.2" in section


def test_the_review_screens_trend_line_marks_a_criterion_added_since_not_asked(demo_workspace: Path) -> None:
    workspace = Workspace(demo_workspace)
    trend = load_trend(workspace, "2026-Q4")
    index = trend.periods.index
    # PW11 is new in 2024.2: not asked in barnsley's earlier quarters; rated in 2026-Q4
    pw11 = trend.line("PW11", "barnsley")
    assert pw11[index("2025-Q3")] == pw11[index("2026-Q3")] == NOT_APPLICABLE
    assert pw11[index("2026-Q4")] == "green"
    # LD1 was asked of districts in 2015.2 (force level since): barnsley's rating then is its rating
    ld1 = trend.line("LD1", "barnsley")
    assert ld1[index("2025-Q3")] == "green" and ld1[index("2026-Q4")] == NOT_APPLICABLE


def test_history_calls_a_criterion_added_since_n_a_in_earlier_quarters(demo_workspace: Path) -> None:
    result = run_cli("history", "barnsley", "--format", "json", cwd=demo_workspace)
    assert result.returncode == 0, result.stderr
    ratings = {row["id"]: row["ratings"] for row in json.loads(result.stdout)["criteria"]}
    assert ratings["PW11"]["2025-Q3"] == ratings["PW11"]["2026-Q3"] == NOT_APPLICABLE
    assert ratings["PW11"]["2026-Q4"] == "green"
    assert ratings["CH6"]["2025-Q3"] == "green" and ratings["CH6"]["2026-Q2"] == NOT_APPLICABLE  # retired
    text = run_cli("history", "barnsley", cwd=demo_workspace).stdout
    pw11 = next(line for line in text.splitlines() if line.startswith("PW11 "))
    assert "–" not in pw11.split("Green")[0]


@pytest.mark.parametrize("period", ["2025-Q3", "2026-Q3"])
def test_a_report_of_an_earlier_quarter_agrees_with_home(demo_workspace: Path, period: str) -> None:
    workspace = Workspace(demo_workspace)
    summary = json.loads(
        run_cli("summary", period, "--format", "json", "--as-of", AS_OF, cwd=demo_workspace).stdout
    )
    text = _report(demo_workspace, "md", period)
    for district, counts in summary["counts"].items():
        done, asked = home_completion(workspace, workspace.entry(district, period))
        if done == asked:
            assert counts[UNRATED] == 0, (district, counts)
            rated = sum(v for k, v in counts.items() if k not in (NOT_APPLICABLE, UNRATED))
            row = next(line for line in text.splitlines() if line.startswith(f"| {district.title()} |"))
            assert f"| {rated} of {rated} |" in row, row


async def test_the_review_screen_shows_a_criterion_added_since_as_n_a_in_earlier_quarters(
    demo_workspace: Path,
) -> None:
    """On barnsley's PW11 (new in 2024.2) the line under the map reads its quarters: none in 2025-Q1 and
    Q2, n/a (∅) while on 2015.2 and 2024.1, then its grade; never "–" (not rated)."""
    app = SelfAssessApp(
        Workspace(demo_workspace), date.fromisoformat(AS_OF), "ACC Test", "review", period="2026-Q4"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if isinstance(app.screen, ReviewScreen) and app.screen.trend is not None:
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, ReviewScreen) and app.screen.trend is not None
        app.screen.query_one(HeatMap).go_to("PW11", "barnsley")
        await pilot.pause()
        detail = app.screen.query_one("#review-detail", Static).visual
        text = detail.plain if isinstance(detail, Content) else str(detail)
        line = next(row for row in text.splitlines() if row.startswith("barnsley:"))
        blocks = line.split("since 2025-Q1 ")[1].split()[0]
        assert blocks[:7] == "··∅∅∅∅∅" and blocks[7] not in "–∅·", line
