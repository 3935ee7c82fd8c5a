"""``selfassess report --format xlsx``: the workbook opened with openpyxl as Excel would read it, and the
round trip: a district's sheet exported and imported back gives the same ratings, evidence and actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from selfassess import load_assessment, open_workspace
from selfassess.core.colours import hex_colour
from selfassess.core.model import Action, Assessment, Response
from selfassess.formats.store import save_assessment
from selfassess.report.text import district_name

from conftest import FOUR_GRADES, TODAY, run_cli

FORMULA_LIKE = [
    "=SUM(A1:A9)",
    "+44 114 496 0000",
    "-1 by next week",
    "@mention the lead",
    "=cmd|' /C calc'!A0",
]


def export(root: Path, out: Path, *args: str):
    return run_cli("report", "2026-Q4", "--format", "xlsx", "-o", str(out), "--as-of", TODAY, *args, cwd=root)


def rgb(cell) -> str | None:
    colour = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
    return "#" + colour[2:].lower() if isinstance(colour, str) else None


def test_the_demo_workbook_heat_map_legend_and_sheets(demo_workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "q4.xlsx"
    result = export(demo_workspace, out)
    assert result.returncode == 0, result.stderr
    workspace = open_workspace(demo_workspace)
    framework = workspace.framework
    book = load_workbook(out)
    assert book.sheetnames == ["Heat map", *workspace.districts, "Open actions"]
    heat = book["Heat map"]
    assert heat.freeze_panes == "D6"
    header = [c.value for c in heat[4]]
    assert header[:3] == ["Theme", "Criterion", "Title"]
    column = 3 + list(workspace.districts).index("rotherham")
    rotherham = load_assessment(demo_workspace / "assessments" / "rotherham" / "2026-Q4.toml")
    checked = 0
    for row in heat.iter_rows(min_row=6):
        criterion = framework.criterion(str(row[1].value))
        if criterion is None:
            break
        grade = framework.grade(rotherham.cell(criterion.id))
        if grade is not None:
            assert str(row[column].value).startswith(grade.label)
            assert rgb(row[column]) == hex_colour(grade.colour)
            checked += 1
    assert checked >= 20
    counts = {row[2].value: row[column].value for row in heat.iter_rows(min_row=6) if row[2].value}
    on_grade = {
        g.label: sum(1 for r in rotherham.responses.values() if r.rating == g.id) for g in framework.scale
    }
    assert {label: counts[label] for label in on_grade} == on_grade
    legend = {row[1].value: rgb(row[1]) for row in heat.iter_rows(min_row=6) if row[1].value}
    for grade in framework.scale:
        assert legend[grade.label] == hex_colour(grade.colour)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
        assert sheet.column_dimensions["B"].width > 8


def test_the_open_actions_sheet_lists_every_open_action_and_marks_overdue(
    demo_workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "q4.xlsx"
    assert export(demo_workspace, out).returncode == 0
    workspace = open_workspace(demo_workspace)
    expected = set()
    overdue = set()
    for district in workspace.districts:
        assessment = workspace.load(district, "2026-Q4")
        for _, action in assessment.actions() if assessment else ():
            if action.is_open:
                expected.add((district_name(district), action.id))
                if action.is_overdue(date.fromisoformat(TODAY)):
                    overdue.add((district_name(district), action.id))
    sheet = load_workbook(out)["Open actions"]
    assert [c.value for c in sheet[1]] == [
        "District", "Criterion", "Title", "Action id", "Action", "Owner", "Due", "Overdue",
    ]  # fmt: skip
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:H{sheet.max_row}"
    rows = list(sheet.iter_rows(min_row=2))
    assert {(r[0].value, r[3].value) for r in rows} == expected and len(rows) == len(expected) > 0
    assert overdue, "the demo has overdue actions"
    for row in rows:
        if (row[0].value, row[3].value) in overdue:
            assert row[7].value == "overdue" and row[0].font.b and rgb(row[0]) is not None
        else:
            assert row[7].value is None and not row[0].font.b and rgb(row[0]) is None


def test_same_data_gives_the_same_bytes_and_created_is_the_report_day(demo_workspace: Path, tmp_path: Path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert export(demo_workspace, first).returncode == 0
    by_suffix = run_cli("report", "2026-Q4", "-o", str(second), "--as-of", TODAY, cwd=demo_workspace)
    assert by_suffix.returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert load_workbook(first).properties.created == datetime(2026, 11, 23)


def test_xlsx_needs_an_output_file(demo_workspace: Path) -> None:
    result = run_cli("report", "--format", "xlsx", "--as-of", TODAY, cwd=demo_workspace)
    assert result.returncode == 2
    assert "--format xlsx needs -o FILE" in result.stderr
    assert result.stdout == ""


@pytest.fixture
def four_grades(make_workspace: Callable[..., Path]) -> Path:
    """north's 2026-Q4 on a four-grade scale: formula-like text everywhere, an n/a, a done action."""
    root = make_workspace(districts=("north", "south"), grades=FOUR_GRADES)
    framework = open_workspace(root).framework
    actions = [
        Action("T1C1-a1", FORMULA_LIKE[0], FORMULA_LIKE[3], date(2026, 10, 1)),
        Action("T1C1-a2", "Re-audit", "Insp. B", date(2027, 3, 1), done=date(2026, 11, 2)),
        Action("T1C1-a3", "No date yet"),
    ]
    responses = {
        "T1C1": Response("inadequate", evidence=FORMULA_LIKE[1] + "\nsecond line\n", actions=actions),
        "T1C2": Response(
            "outstanding", evidence=FORMULA_LIKE[2], notes=FORMULA_LIKE[4], as_of=date(2026, 10, 3)
        ),
        "T1C3": Response(not_applicable="No custody suite here"),
        "T2C1": Response(
            "requires-improvement", evidence='Tab\there, quotes "\'", [bold]markup[/], bell\x07, CRLF\r\nend'
        ),
        "T2C2": Response("good"),
    }
    assessment = Assessment("test", "north", "2026-Q4", "1.0", "submitted", "DCI A", None, responses)
    path = root / "assessments" / "north" / "2026-Q4.toml"
    path.parent.mkdir(parents=True)
    save_assessment(assessment, path, framework, now=datetime(2026, 11, 20, tzinfo=UTC))
    return root


def test_formula_like_text_is_text_and_fills_follow_the_scale(four_grades: Path, tmp_path: Path) -> None:
    out = tmp_path / "four.xlsx"
    result = export(four_grades, out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"{out}: note: north T2C1 evidence: holds control characters, stored as Excel stores them "
        "(_x0001_ and so on); Excel and selfassess import read them back\n"
    )
    book = load_workbook(out)
    texts = {c.value: c.data_type for s in book.worksheets for r in s.iter_rows() for c in r if c.value}
    for text in FORMULA_LIKE:
        found = [value for value in texts if isinstance(value, str) and value.startswith(text)]
        assert found, text
        assert all(texts[value] == "s" for value in found)
    heat = book["Heat map"]
    labels = {g[1]: g[2] for g in FOUR_GRADES}
    cells = [c for r in heat.iter_rows(min_row=6, min_col=4, max_col=4) for c in r if c.value in labels]
    assert {c.value for c in cells} == {"Inadequate", "Outstanding", "Requires improvement", "Good"}
    for cell in cells:
        assert rgb(cell) == labels[cell.value]
    north = book["north"]
    assert north.auto_filter.ref is not None and north.freeze_panes == "C2"
    assert [c.value for c in north[1]][:4] == ["Criterion", "Title", "Rating", "Evidence"]


def test_round_trip_export_then_import_gives_the_same_ratings_evidence_and_actions(
    four_grades: Path, tmp_path: Path
) -> None:
    out = tmp_path / "four.xlsx"
    assert export(four_grades, out).returncode == 0
    result = run_cli(
        "import", str(out), "--district", "north", "--period", "2027-Q1", "--as-of", TODAY, cwd=four_grades
    )
    assert result.returncode == 0, result.stdout + result.stderr
    before = load_assessment(four_grades / "assessments" / "north" / "2026-Q4.toml")
    after = load_assessment(four_grades / "assessments" / "north" / "2027-Q1.toml")
    assert after.status == "draft"
    assert after.responses == before.responses


def test_demo_round_trip_for_every_district(demo_workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "q4.xlsx"
    assert export(demo_workspace, out).returncode == 0
    for district in open_workspace(demo_workspace).districts:
        result = run_cli(
            "import", str(out), "--district", district, "--period", "2027-Q1", "--as-of", TODAY,
            cwd=demo_workspace,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        folder = demo_workspace / "assessments" / district
        before, after = load_assessment(folder / "2026-Q4.toml"), load_assessment(folder / "2027-Q1.toml")
        for criterion_id, response in before.responses.items():
            again = after.responses[criterion_id]
            assert (again.rating, again.not_applicable, again.evidence, again.notes, again.as_of) == (
                response.rating, response.not_applicable, response.evidence, response.notes, response.as_of,
            ), (district, criterion_id)  # fmt: skip
            assert again.actions == response.actions, (district, criterion_id)
            assert again.sample == response.sample, (district, criterion_id)  # all five fields


def test_text_too_long_for_a_cell_is_cut_and_said(four_grades: Path, tmp_path: Path) -> None:
    path = four_grades / "assessments" / "north" / "2026-Q4.toml"
    assessment = load_assessment(path)
    assessment.responses["T2C2"].evidence = "x" * 40000
    save_assessment(assessment, path, open_workspace(four_grades).framework)
    out = tmp_path / "long.xlsx"
    result = export(four_grades, out)
    assert result.returncode == 0
    assert "north T2C2 evidence: longer than 32,767 characters, the most a cell holds: cut" in result.stderr
    north = load_workbook(out)["north"]
    cell = next(r[3] for r in north.iter_rows() if r[0].value == "T2C2")
    assert cell.value == "x" * 32767


def test_a_district_without_a_sheet_is_not_read_from_another_districts(four_grades: Path, tmp_path: Path):
    out = tmp_path / "four.xlsx"
    assert export(four_grades, out).returncode == 0
    args = ("import", str(out), "--district", "south", "--period", "2026-Q4", "--as-of", TODAY)
    refused = run_cli(*args, cwd=four_grades)
    assert refused.returncode == 2
    assert "no sheet for south, but sheets for north: choose one with --sheet NAME" in refused.stderr
    assert not (four_grades / "assessments" / "south").exists()
    chosen = run_cli(*args, "--sheet", "north", cwd=four_grades)
    assert chosen.returncode == 0, chosen.stdout + chosen.stderr
    assert load_assessment(four_grades / "assessments" / "south" / "2026-Q4.toml").responses[
        "T1C1"
    ].rating == ("inadequate")


def test_a_long_district_id_finds_its_sheet_cut_to_31_characters(make_workspace, tmp_path: Path) -> None:
    district = "north-east-and-the-coastal-towns-unit"  # 37 characters; Excel allows 31 in a sheet name
    root = make_workspace(districts=(district, "south"))
    responses = {"T1C1": Response("amber", evidence="Sampled.\n")}
    path = root / "assessments" / district / "2026-Q4.toml"
    path.parent.mkdir(parents=True)
    save_assessment(Assessment("test", district, "2026-Q4", "1.0", responses=responses), path)
    south = root / "assessments" / "south" / "2026-Q4.toml"
    south.parent.mkdir(parents=True)
    save_assessment(Assessment("test", "south", "2026-Q4", "1.0", responses={"T1C1": Response("red")}), south)
    out = tmp_path / "long.xlsx"
    assert export(root, out).returncode == 0
    assert district[:31] in load_workbook(out).sheetnames
    args = ("import", str(out), "--district", district, "--period", "2027-Q1", "--as-of", TODAY)
    result = run_cli(*args, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert load_assessment(path.with_name("2027-Q1.toml")).responses == responses
