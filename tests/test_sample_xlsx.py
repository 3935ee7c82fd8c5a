"""A dip sample's five fields (size, met, from, to, source) through the xlsx round trip, and samples in
the loose shapes trackers keep them ("Sample", "Met", "n/N", "14 of 20", quarters and UK dates), with
refusals that name their sheet cell."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from selfassess import load_assessment, open_workspace
from selfassess.core.model import Action, Assessment, Response, Sample
from selfassess.formats.store import save_assessment

from conftest import TODAY, run_cli, sample_framework_yaml

SOURCE = 'CATS dip sample, "20 cases" chosen at random by the PPU DS — Récords 🙂'


@pytest.fixture
def sampled(make_workspace) -> Path:
    """north's 2026-Q4 with samples holding every field, one with a from date only, one with none."""
    root = make_workspace(districts=("north", "south"), themes=1, per_theme=3)
    (root / "criteria" / "test.yaml").write_text(sample_framework_yaml(themes=1, per_theme=3))
    framework = open_workspace(root).framework
    responses = {
        "T1C1": Response(
            "amber",
            evidence="Dip sample of 20 incidents: 14 of 20 assessed each child.",
            sample=Sample(20, 14, date(2026, 7, 1), date(2026, 9, 30), SOURCE),
            actions=[Action("T1C1-a1", "Re-audit in January", "Insp. B", date(2027, 1, 31))],
        ),
        "T1C2": Response(
            "green",
            evidence="28 of 30 records.",
            sample=Sample(30, 28, start=date(2026, 7, 1), source="=Custody"),
        ),
        "T1C3": Response("red", evidence="No sample here."),
    }
    assessment = Assessment("test", "north", "2026-Q4", "1.0", "draft", "DCI A", None, responses)
    path = root / "assessments" / "north" / "2026-Q4.toml"
    path.parent.mkdir(parents=True)
    save_assessment(assessment, path, framework, now=datetime(2026, 11, 20, tzinfo=UTC))
    return root


def do_import(root: Path, sheet: Path, period: str = "2027-Q1", district: str = "north"):
    return run_cli(
        "import", str(sheet), "--district", district, "--period", period, "--as-of", TODAY, cwd=root
    )


def criteria_bytes(path: Path) -> bytes:
    """The file from its first criterion on: everything but the header (period, status, who, when)."""
    data = path.read_bytes()
    return data[data.index(b"\n[criteria.") :]


def test_export_writes_all_five_fields_and_import_restores_the_file_byte_for_byte(
    sampled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "q4.xlsx"
    result = run_cli("report", "2026-Q4", "--format", "xlsx", "-o", str(out), "--as-of", TODAY, cwd=sampled)
    assert result.returncode == 0, result.stderr
    rows = list(load_workbook(out)["north"].iter_rows(values_only=True))
    header = list(rows[0])
    t1c1 = next(r for r in rows if r[0] == "T1C1")
    columns = ("Sample", "Met", "Share met", "Sample from", "Sample to", "Sample source")
    assert [t1c1[header.index(c)] for c in columns] == [
        20, 14, 0.7, datetime(2026, 7, 1), datetime(2026, 9, 30), SOURCE,
    ]  # fmt: skip
    assert header.index("Addresses") == len(header) - 1  # the action's items stay last
    result = do_import(sampled, out)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = sampled / "assessments" / "north"
    before, after = folder / "2026-Q4.toml", folder / "2027-Q1.toml"
    assert after.read_bytes().startswith(b"schema = 2\n")
    assert criteria_bytes(after) == criteria_bytes(before)
    assert load_assessment(after).responses["T1C2"].sample == Sample(
        30, 28, start=date(2026, 7, 1), source="=Custody"
    )


def test_a_tracker_in_loose_columns_with_dates_quarters_and_counts(sampled: Path, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Q3 audit"
    sheet.append(["Ref", "RAG", "Evidence", "n/N", "Cases from", "Cases to", "Sample source"])
    sheet.append(["T1C1", "A", "Dip sample", "14 of 20", datetime(2026, 7, 1), "30/9/2026", "CATS, random"])
    sheet.append(["T1C2", "G", "Custody audit", "28/30", "2026-q3", "2026-Q3", None])
    book.save(tmp_path / "tracker.xlsx")
    result = do_import(sampled, tmp_path / "tracker.xlsx")
    assert result.returncode == 0, result.stdout + result.stderr
    after = load_assessment(sampled / "assessments" / "north" / "2027-Q1.toml")
    assert after.responses["T1C1"].sample == Sample(
        20, 14, date(2026, 7, 1), date(2026, 9, 30), "CATS, random"
    )
    assert after.responses["T1C2"].sample == Sample(30, 28, date(2026, 7, 1), date(2026, 9, 30))
    csv = tmp_path / "tracker.csv"
    csv.write_text("Criterion,Rating,Sample,Met,Sample from,Sample to\nT1C1,Amber,20,15,2026-Q1,2026-Q1\n")
    (sampled / "selfassess.toml").write_text(
        (sampled / "selfassess.toml").read_text() + 'quarters = "financial"\n'
    )
    result = do_import(sampled, csv, period="2027-Q2")
    assert result.returncode == 0, result.stdout + result.stderr
    after = load_assessment(sampled / "assessments" / "north" / "2027-Q2.toml")
    # a financial year's first quarter is April to June
    assert after.responses["T1C1"].sample == Sample(20, 15, date(2026, 4, 1), date(2026, 6, 30))


REFUSALS = [
    ("T1C1,Amber,20,25,,", "C", "'25 of 20' is not a sample (met of cases, e.g. 14 of 20); ignored"),
    (
        "T1C1,Amber,20,14,1/10/2026,30/9/2026", "E",
        "sample from 2026-10-01 is after to 2026-09-30; sample ignored",
    ),
    (
        "T1C1,Amber,20,14,last summer,", "E",
        "'last summer' is not a date (YYYY-MM-DD or D/M/YYYY) or a quarter (2026-Q3); sample ignored",
    ),
    ("T1C1,Amber,,,2026-07-01,", "E", "Sample from given with no sample (cases and met); ignored"),
]  # fmt: skip


def _sheet(folder: Path, kind: str, row: str) -> Path:
    lines = ["Criterion,Rating,Sample,Met,Sample from,Sample to", row, "T1C2,Green,,,,"]
    if kind == "csv":
        (folder / "tracker.csv").write_text("\n".join(lines) + "\n")
        return folder / "tracker.csv"
    book = Workbook()
    book.active.title = "Audit"
    for line in lines:
        book.active.append([int(v) if v.isdigit() else v or None for v in line.split(",")])
    book.save(folder / "tracker.xlsx")
    return folder / "tracker.xlsx"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize(("row", "column", "message"), REFUSALS)
def test_a_sample_that_cannot_be_true_is_one_line_naming_its_cell_and_exit_1(
    sampled: Path, tmp_path: Path, kind: str, row: str, column: str, message: str
) -> None:
    _sheet(tmp_path, kind, row)
    result = run_cli(
        "import", f"tracker.{kind}", "--district", "north", "--period", "2027-Q1", "--as-of", TODAY,
        "--workspace", str(sampled), cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr  # skipped, the rest written (SPEC §5)
    where = (
        f"tracker.csv:2:{ord(column) - ord('A') + 1}" if kind == "csv" else f"tracker.xlsx:Audit!{column}2"
    )
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert errors == [f"{where}: error: {message}"]
    assert "Traceback" not in result.stderr
    after = load_assessment(sampled / "assessments" / "north" / "2027-Q1.toml")
    assert after.responses["T1C1"].rating == "amber" and after.responses["T1C1"].sample is None
