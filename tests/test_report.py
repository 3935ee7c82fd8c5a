"""``selfassess report``: each format on the demo workspace and on a four-grade workspace, read back."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import tomli_w

from conftest import FOUR_GRADES, REPO, run_cli

AS_OF = "2026-12-15"
COLUMNS = [
    "period", "district", "theme", "criterion", "title", "rating", "rating_label", "previous_rating",
    "movement", "status", "actions_open", "actions_overdue", "sample_size", "sample_met", "sample_share",
    "sample_supports",
]  # fmt: skip
MOVEMENTS = {"better", "worse", "same", "rated", "unrated", ""}
HOSTILE = '<script>alert(1)</script> [/] | pipe & "quotes"\n# not a heading\n=SUM(A1)'
DEMO_READY = (REPO / "assessments").is_dir() and (REPO / "selfassess.toml").is_file()
needs_demo = pytest.mark.skipif(not DEMO_READY, reason="the demo workspace is not in the repository yet")

SCALE = "".join(f'  - id: {i}\n    label: {label}\n    colour: "{c}"\n' for i, label, c in FOUR_GRADES)
# Three themes, four grades, user text that is hostile to every format, and one criterion that applies
# only to districts with a custody suite.
FRAMEWORK = f"""\
framework: test
title: "Readiness <check> & review"
version: "4.1"
scale:
{SCALE}\
actions_required_below: good
themes:
  - id: safety
    title: "Safety | <b>care</b>"
    criteria:
      - id: S1
        title: "Children are safe | seen"
      - id: S2
        title: "=HYPERLINK(\\"x\\") looks like a formula"
      - id: S3
        title: Custody suites are safe for children
        applies_to: [custody]
  - id: voice
    title: Voice of the child
    criteria:
      - id: V1
        title: "The child's words are *recorded*"
      - id: V2
        title: Decisions reflect the child's wishes
  - id: leadership
    title: Leadership
    criteria:
      - id: L1
        title: Leaders know the position
"""


def write_assessment(
    root: Path,
    district: str,
    period: str,
    ratings: dict[str, str | None],
    status: str = "submitted",
    extra: dict[str, dict] | None = None,
) -> bytes:
    criteria: dict[str, dict] = {}
    for criterion, rating in ratings.items():
        response: dict = {"evidence": f"Evidence for {criterion} in {district}, {period}."}
        if rating == "n/a":
            response = {"not_applicable": "Not done here"}
        elif rating is not None:
            response["rating"] = rating
        criteria[criterion] = response | (extra or {}).get(criterion, {})
    document = {
        "schema": 1,
        "framework": "test",
        "framework_version": "4.1",
        "district": district,
        "period": period,
        "status": status,
        "assessor": "DCI Test <Example>",
        "updated": datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
        "criteria": criteria,
    }
    data = tomli_w.dumps(document).encode()
    path = root / "assessments" / district / f"{period}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def four_grade_workspace(make_workspace: Callable[..., Path]) -> Path:
    """north (custody; Q4 submitted and reviewed), south-east (Q4 draft), west (no Q4), over 2025-Q2..Q4."""
    root = make_workspace(
        districts=("north", "south-east", "west"),
        grades=FOUR_GRADES,
        extra_settings='[capabilities]\nnorth = ["custody"]\n',
    )
    (root / "criteria" / "test.yaml").write_text(FRAMEWORK)
    actions = {
        "S1": {
            "evidence": HOSTILE,
            "actions": [
                {
                    "id": "S1-a1",
                    "action": "Fix <it> | now",
                    "owner": "Insp. =Owner",
                    "due": date(2026, 10, 1),
                },
                {"id": "S1-a2", "action": "Check again", "owner": "Insp. B", "due": date(2027, 3, 1)},
                {"id": "S1-a3", "action": "Done already", "due": date(2026, 9, 1), "done": date(2026, 9, 2)},
            ],
        }
    }
    write_assessment(root, "north", "2025-Q2", dict.fromkeys(["S1", "S2", "S3", "V1", "V2", "L1"], "good"))
    write_assessment(
        root,
        "north",
        "2026-Q3",
        {
            "S1": "requires-improvement",
            "S2": "good",
            "S3": "good",
            "V1": "inadequate",
            "V2": None,
            "L1": "good",
        },
    )
    north = write_assessment(
        root,
        "north",
        "2026-Q4",
        {"S1": "inadequate", "S2": "good", "S3": "outstanding", "V1": "good", "V2": "good", "L1": None},
        extra=actions,
    )
    review = {
        "schema": 1,
        "reviewer": "ACC <Reviewer> | Example",
        "reviewed": datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        "assessment_sha256": hashlib.sha256(north).hexdigest(),
        "comment": "Good work.\n" + HOSTILE,
    }
    (root / "assessments" / "north" / "2026-Q4.review.toml").write_text(tomli_w.dumps(review))
    write_assessment(root, "south-east", "2026-Q3", {"S1": "good", "S2": "good", "V1": "good", "L1": "good"})
    write_assessment(
        root,
        "south-east",
        "2026-Q4",
        {"S1": "inadequate", "S2": "outstanding", "V1": None, "V2": "n/a", "L1": "good"},
        status="draft",
    )
    write_assessment(root, "west", "2026-Q3", {"S1": "good", "V1": "requires-improvement"})
    return root


@pytest.fixture
def four_grades(make_workspace: Callable[..., Path]) -> Path:
    return four_grade_workspace(make_workspace)


def report(root: Path, *args: str, check: int | None = 0):
    result = run_cli("report", "--workspace", str(root), "--as-of", AS_OF, *args)
    if check is not None:
        assert result.returncode == check, result.stderr
    return result


def table_rows(markdown: str) -> list[list[str]]:
    """Every Markdown table row split on unescaped pipes."""
    rows = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            rows.append(re.split(r"(?<!\\)\|", line)[1:-1])
    return rows


# -- Markdown ----------------------------------------------------------------------------------------


@needs_demo
def test_markdown_on_the_demo(demo_workspace: Path) -> None:
    out = report(demo_workspace, "--format", "md").stdout
    settings = (demo_workspace / "selfassess.toml").read_text()
    force = re.search(r'^force = "(.*)"', settings, re.M).group(1)
    assert out.startswith(f"# {force} — ")
    latest = sorted(p.stem for p in (demo_workspace / "assessments").glob("*/*Q?.toml"))[-1]
    assert f"Self-assessment position, {latest}" in out
    for heading in ("## Districts", "## Heat map", "## Overdue actions", "## Reviewer comments"):
        assert heading in out
    widths = {len(row) for row in table_rows(out.split("## Heat map")[1].split("##")[0])}
    assert widths == {6}  # criterion + four districts + the force-wide unit on every row


def test_markdown_on_four_grades(four_grades: Path) -> None:
    out = report(four_grades, "2026-Q4", "--format", "md").stdout
    assert "# Test Force — Readiness \\<check\\> \\& review" in out
    assert "## Criteria rated Inadequate, theme by theme" in out
    assert "Requires improvement" in out and "Outstanding" in out
    # the heat map: every row has the criterion and three districts, pipes in titles escaped
    heat = out.split("## Heat map")[1].split("\n## ")[0]
    assert {len(row) for row in table_rows(heat)} == {4}
    assert "Children are safe \\| seen" in heat
    assert "Inadequate ▼" in heat  # north S1 was requires-improvement
    themes = out.split("## Themes at a glance")[1].split("\n## ")[0]
    assert "| Safety \\| \\<b\\>care\\</b\\> | Inadequate (1) | Inadequate (1) | · |" in themes
    assert "| Voice of the child | Good (2) | – | · |" in themes
    districts = out.split("## Districts")[1].split("\n## ")[0]
    assert (
        "| North | reviewed | DCI Test \\<Example\\> | 5 of 6 | 1 | 0 | 3 | 1 | 0 | 1 | 2 | 1 | 2 | 1 |"
        in districts
    )
    # the worst-grade section: both districts, the evidence excerpt escaped, actions with overdue
    section = out.split("## Criteria rated Inadequate")[1].split("\n## ")[0]
    assert "#### S1 Children are safe \\| seen" in section
    assert "**North**" in section and "**South East**" in section
    escaped = '\\<script\\>alert(1)\\</script\\> \\[/\\] \\| pipe \\& "quotes" \\# not a heading =SUM(A1)'
    assert escaped in section
    assert "S1-a1: Fix \\<it\\> \\| now (Insp. =Owner, due 2026-10-01 — **overdue**)" in section
    assert "Done already" not in section
    overdue = out.split("## Overdue actions (as at 2026-12-15)")[1].split("\n## ")[0]
    assert "S1-a1" in overdue and "S1-a2" not in overdue
    comments = out.split("## Reviewer comments")[1]
    assert "### North — ACC \\<Reviewer\\> \\| Example, 1 December 2026" in comments
    assert "> \\# not a heading\\" in comments and "> \\=SUM(A1)" in comments
    for line in out.splitlines():
        assert "<script>" not in line


# -- CSV ---------------------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == COLUMNS
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]


@needs_demo
def test_csv_on_the_demo(demo_workspace: Path) -> None:
    result = report(demo_workspace, "--format", "csv")
    rows = read_csv(result.stdout)
    summary = json.loads(run_cli("summary", "--workspace", str(demo_workspace), "--format", "json").stdout)
    assert len(rows) == len(summary["criteria"]) * len(summary["districts"])
    grades = {r for c in summary["criteria"] for r in c["ratings"].values() if r}
    for row in rows:
        assert row["rating"] in grades | {""}
        assert row["movement"] in MOVEMENTS
        assert row["status"] == summary["status"][row["district"]]
        assert int(row["actions_open"]) >= int(row["actions_overdue"]) >= 0
    by_key = {(r["criterion"], r["district"]): r for r in rows}
    for criterion in summary["criteria"]:
        for district, rating in criterion["ratings"].items():
            assert by_key[criterion["id"], district]["rating"] == (rating or "")


def test_csv_on_four_grades(four_grades: Path) -> None:
    raw = report(four_grades, "--format", "csv").stdout
    assert raw.count("\n") == 1 + 6 * 3 and not raw.startswith("\ufeff")
    rows = {(r["criterion"], r["district"]): r for r in read_csv(raw)}
    s1 = rows["S1", "north"]
    assert (s1["rating"], s1["rating_label"], s1["previous_rating"], s1["movement"]) == (
        "inadequate", "Inadequate", "requires-improvement", "worse",
    )  # fmt: skip
    assert (s1["actions_open"], s1["actions_overdue"], s1["status"]) == ("2", "1", "reviewed")
    assert s1["title"] == "Children are safe | seen"
    assert rows["S2", "north"]["title"] == '\'=HYPERLINK("x") looks like a formula'  # formula neutralised
    assert rows["S3", "south-east"]["rating"] == "n/a"  # applies_to: custody only
    assert rows["V2", "south-east"]["rating"] == "n/a" and rows["V2", "south-east"]["movement"] == ""
    assert rows["V1", "south-east"]["rating"] == "" and rows["V1", "south-east"]["movement"] == "unrated"
    assert rows["V1", "south-east"]["rating_label"] == "not rated"
    assert rows["V2", "north"]["movement"] == "rated"
    assert rows["S2", "south-east"]["movement"] == "better"
    assert rows["S1", "west"]["rating"] == "" and rows["S1", "west"]["movement"] == ""
    assert rows["S1", "west"]["status"] == "missing"
    assert {r["movement"] for r in rows.values()} <= MOVEMENTS


def test_csv_excel_adds_a_bom(four_grades: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    report(four_grades, "--excel", "-o", str(target))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0] == ",".join(COLUMNS)
    assert b"\r\n" in data


def test_csv_formula_injection(make_workspace: Callable[..., Path], tmp_path: Path) -> None:
    root = make_workspace()
    framework = (root / "criteria" / "test.yaml").read_text()
    starts = {"1.1": "=", "1.2": "+", "1.3": "-", "2.1": "@", "2.2": "\\t", "2.3": "\\r"}
    for number, start in starts.items():
        framework = framework.replace(f"title: Criterion {number}", f'title: "{start}cmd|calc!A0"')
    (root / "criteria" / "test.yaml").write_text(framework)
    write_assessment(root, "north", "2026-Q4", {"T1C1": "red"})
    report(root, "-o", str(tmp_path / "out.csv"))
    rows = read_csv((tmp_path / "out.csv").read_bytes().decode())
    titles = {r["title"] for r in rows}
    assert titles == {f"'{start}cmd|calc!A0" for start in "=+-@\t\r"}


# -- JSON --------------------------------------------------------------------------------------------


def assert_superset(summary: dict, full: dict) -> None:
    for key, value in summary.items():
        if key == "criteria":
            assert len(full[key]) == len(value)
            for brief, rich in zip(value, full[key], strict=True):
                assert {k: rich[k] for k in brief} == brief
        else:
            assert full[key] == value, key


@needs_demo
def test_json_on_the_demo_is_a_superset_of_summary(demo_workspace: Path) -> None:
    full = json.loads(report(demo_workspace, "--format", "json").stdout)
    summary = json.loads(run_cli("summary", "--workspace", str(demo_workspace), "--format", "json").stdout)
    assert_superset(summary, full)
    assert len(full["trends"]["periods"]) == 8
    assert full["trends"]["periods"][-1] == full["period"]
    for district, counts in full["counts"].items():  # the trend's last quarter is this quarter
        assert full["trends"]["counts"][district][-1] == counts


def test_json_on_four_grades(four_grades: Path) -> None:
    full = json.loads(report(four_grades, "2026-Q4", "--format", "json").stdout)
    summary_run = run_cli("summary", "2026-Q4", "--workspace", str(four_grades), "--format", "json")
    summary = json.loads(summary_run.stdout)
    assert_superset(summary, full)
    s1 = full["criteria"][0]
    assert s1["labels"] == {"north": "Inadequate", "south-east": "Inadequate", "west": None}
    assert s1["movement"] == {"north": "worse", "south-east": "worse", "west": ""}
    assert s1["evidence"]["north"] == HOSTILE
    assert [a["id"] for a in s1["actions"]["north"]] == ["S1-a1", "S1-a2", "S1-a3"]
    assert s1["actions"]["north"][0] | {} == {
        "id": "S1-a1", "action": "Fix <it> | now", "owner": "Insp. =Owner", "due": "2026-10-01",
        "done": False, "overdue": True,
    }  # fmt: skip
    assert s1["actions"]["north"][2]["done"] == "2026-09-02"
    assert [g["id"] for g in full["scale"]] == [g[0] for g in FOUR_GRADES]
    assert [t["id"] for t in full["themes"]] == ["safety", "voice", "leadership"]
    assert full["worst"] == [{"criterion": "S1", "districts": ["north", "south-east"]}]
    assert full["reviews"]["north"]["reviewer"] == "ACC <Reviewer> | Example"
    assert full["reviews"]["north"]["current"] is True and full["reviews"]["west"] is None
    assert [a["id"] for a in full["open_actions"]] == ["S1-a1", "S1-a2"]
    trends = full["trends"]
    assert trends["periods"] == [f"{y}-Q{q}" for y, q in [(2025, 1), (2025, 2), (2025, 3), (2025, 4)]] + [
        f"2026-Q{q}" for q in range(1, 5)
    ]
    assert trends["counts"]["north"][1] == {
        "inadequate": 0, "requires-improvement": 0, "good": 6, "outstanding": 0, "n/a": 0, "unrated": 0,
    }  # fmt: skip
    assert trends["counts"]["west"][-1] is None and trends["counts"]["west"][-2] is not None
    assert full["as_of"] == AS_OF and "generated" not in full


# -- the command ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "html"])
def test_output_is_reproducible(four_grades: Path, fmt: str) -> None:
    first = report(four_grades, "--format", fmt).stdout
    second = report(four_grades, "--format", fmt).stdout
    assert first == second
    stamped = report(four_grades, "--format", fmt, "--stamp").stdout
    if fmt != "csv":
        assert stamped != first and re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamped)


def test_default_period_is_the_latest_and_file_output(four_grades: Path, tmp_path: Path) -> None:
    target = tmp_path / "q4.html"
    result = report(four_grades, "-o", str(target))
    assert result.stdout == ""
    html = target.read_text()
    assert html.startswith("<!DOCTYPE html>") and "2026-Q4" in html
    assert report(four_grades, "2026-Q3", "--format", "json").stdout.count('"period": "2026-Q3"') == 1


def test_bad_usage_exits_2(four_grades: Path, tmp_path: Path) -> None:
    assert report(four_grades, "2026-Q5", check=2).stdout == ""
    assert "period" in report(four_grades, "2026-Q5", check=2).stderr
    assert report(four_grades, "--format", "md", "--excel", check=2).stderr
    empty = tmp_path / "nowhere"
    empty.mkdir()
    result = run_cli("report", cwd=empty)
    assert result.returncode == 2 and "selfassess.toml" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "html"])
def test_unreadable_file_exits_1_and_shows_invalid(four_grades: Path, fmt: str) -> None:
    (four_grades / "assessments" / "south-east" / "2026-Q4.toml").write_text("status = [unclosed\n")
    result = report(four_grades, "--format", fmt, check=1)
    assert "assessments/south-east/2026-Q4.toml" in result.stderr
    assert "invalid" in result.stdout
    assert "North" in result.stdout or "north" in result.stdout
