"""``selfassess import``: real workbooks and CSV files, built here in the shapes forces keep, read into a
draft; the report's lines, the exit status and the saved file are what a user sees and what we check."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from selfassess import load_assessment
from selfassess.core.model import Assessment

from conftest import FOUR_GRADES, TODAY, run_cli

RAG = [("red", "Red", "red"), ("amber", "Amber", "#ffbf00"), ("green", "Green", "green")]
FRAMEWORK = """\
framework: test
title: Test framework
version: "1.0"
scale:
{scale}themes:
  - id: response
    title: Response
    criteria:
      - id: IR1
        title: Officers recognise risk to children at incidents
      - id: IR2
        title: The child is seen and listened to
        replaces: [IR-02]
      - id: CC1
        title: Custody suites are safe for children
        applies_to: [custody]
  - id: leadership
    title: Leadership
    criteria:
      - id: L1
        title: Leaders know the position across the force
retired:
  - id: IR0
    title: An old criterion
    retired_in: "0.9"
"""
Rows = list[list[object]]


@pytest.fixture
def workspace(make_workspace: Callable[..., Path]) -> Callable[..., Path]:
    def build(grades: list[tuple[str, str, str]] | None = None) -> Path:
        root = make_workspace(
            districts=("north", "south"), extra_settings='[capabilities]\nsouth = ["custody"]\n'
        )
        scale = "".join(
            f'  - id: {g}\n    label: {label}\n    colour: "{c}"\n' for g, label, c in grades or RAG
        )
        (root / "criteria" / "test.yaml").write_text(FRAMEWORK.format(scale=scale))
        return root

    return build


def workbook(path: Path, sheets: dict[str, Rows], fills: dict[str, str] | None = None) -> Path:
    """An .xlsx built with openpyxl: ``sheets`` name -> rows; ``fills`` "Sheet!C3" -> "#rrggbb"."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    for ref, colour in (fills or {}).items():
        name, cell = ref.split("!")
        book[name][cell].fill = PatternFill("solid", fgColor="FF" + colour.lstrip("#").upper())
    book.save(path)
    return path


def do_import(root: Path, file: Path, *args: str, district: str = "north", period: str = "2026-Q4"):
    return run_cli(
        "import", str(file), "--district", district, "--period", period, "--as-of", TODAY, *args, cwd=root
    )


def draft(root: Path, district: str = "north", period: str = "2026-Q4") -> Assessment:
    return load_assessment(root / "assessments" / district / f"{period}.toml")


HEADER = ["Ref.", "Criterion", "RAG", "Evidence", "Action", "Owner", "Due date"]


def test_ids_letters_action_rows_extra_columns_and_blank_rows(workspace, tmp_path: Path) -> None:
    root = workspace()
    file = workbook(
        tmp_path / "north.xlsx",
        {
            "Sheet1": [
                ["North district: self-assessment, autumn"],
                [],
                [*HEADER, "Lead's initials", "Page"],
                ["Theme 1: initial response"],
                ["CC1", "Custody suites (not asked here)"],
                ["IR1", "Officers recognise risk", "A", "Dip sample.", "Brief teams", "Insp. A",
                 date(2027, 1, 31), "AB", 3],
                [None, None, None, None, "Re-audit in spring", "Insp. B", date(2027, 4, 30)],
                [],
                ["ir-02", None, "g", "Children spoken to in 19 of 20."],
                ["L1", None, "R", "No force-wide picture yet."],
            ]
        },
    )  # fmt: skip
    result = do_import(root, file)
    assert result.returncode == 0, result.stdout + result.stderr
    assessment = draft(root)
    assert assessment.status == "draft"
    assert {cid: r.rating for cid, r in assessment.responses.items()} == {
        "IR1": "amber",
        "IR2": "green",
        "L1": "red",
    }
    assert assessment.responses["IR2"].evidence == "Children spoken to in 19 of 20."
    actions = assessment.responses["IR1"].actions
    assert [(a.id, a.action, a.owner, a.due, a.done) for a in actions] == [
        ("IR1-a1", "Brief teams", "Insp. A", date(2027, 1, 31), False),
        ("IR1-a2", "Re-audit in spring", "Insp. B", date(2027, 4, 30), False),
    ]
    assert "Imported 4 row(s)" in result.stdout  # the theme's heading and CC1 are passed over
    assert "error" not in result.stdout
    assert "not in the sheet" not in result.stdout  # CC1 is asked only of districts with custody


def test_titles_only_with_words_and_a_close_match_needs_yes(workspace, tmp_path: Path) -> None:
    root = workspace()
    rows: Rows = [
        ["Title", "Rating", "Evidence"],
        ["Officers recognise risk to children at incidents", "Amber", "Sampled."],
        ["The child is seen and listend to", "green", "Spoken to."],  # a typo: a close match
    ]
    file = workbook(tmp_path / "titles.xlsx", {"Sheet1": rows})
    first = do_import(root, file)
    assert first.returncode == 1
    assert (
        "titles.xlsx:Sheet1!A3: note: title 'The child is seen and listend to' taken as IR2 "
        "'The child is seen and listened to'" in first.stdout
    )
    assert "--yes" in first.stderr and "Nothing written" in first.stderr
    assert not (root / "assessments" / "north" / "2026-Q4.toml").exists()
    second = do_import(root, file, "--yes")
    assert second.returncode == 0, second.stdout + second.stderr
    assert {cid: r.rating for cid, r in draft(root).responses.items()} == {"IR1": "amber", "IR2": "green"}


def test_colours_without_text_read_by_the_nearest_grade_colour(workspace, tmp_path: Path) -> None:
    root = workspace()
    rows: Rows = [["ID", "RAG", "Evidence"], ["IR1", None, "a"], ["IR2", None, "b"], ["L1", None, "c"]]
    # Excel's own "Red", "Orange" and "Green" are not the framework's colours, but nearest to them
    fills = {"Sheet1!B2": "#ff0000", "Sheet1!B3": "#ffc000", "Sheet1!B4": "#00b050"}
    file = workbook(tmp_path / "colours.xlsx", {"Sheet1": rows}, fills)
    result = do_import(root, file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert {cid: r.rating for cid, r in draft(root).responses.items()} == {
        "IR1": "red",
        "IR2": "amber",
        "L1": "green",
    }


def test_a_four_grade_scale_by_key_letter_and_colour(workspace, tmp_path: Path) -> None:
    root = workspace(FOUR_GRADES)
    rows: Rows = [["No.", "Grade", "Evidence"], ["IR1", 1, "a"], ["IR2", "O", "b"], ["L1", None, "c"]]
    file = workbook(tmp_path / "peel.xlsx", {"Sheet1": rows}, {"Sheet1!B4": "#2ecc71"})
    result = do_import(root, file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert {cid: r.rating for cid, r in draft(root).responses.items()} == {
        "IR1": "inadequate",
        "IR2": "outstanding",
        "L1": "good",
    }


def test_rag_letters_are_not_assumed_on_another_scale(workspace, tmp_path: Path) -> None:
    root = workspace(FOUR_GRADES)
    file = workbook(tmp_path / "rag.xlsx", {"Sheet1": [["ID", "Rating"], ["IR1", "A"], ["IR2", "good"]]})
    result = do_import(root, file)
    assert result.returncode == 1
    assert (
        "rag.xlsx:Sheet1!B2: error: rating 'A' is not a grade of the scale (1 Inadequate, " in result.stdout
    )
    assert draft(root).responses["IR2"].rating == "good"
    assert draft(root).get("IR1") is None


def test_a_rating_column_told_from_its_content(workspace, tmp_path: Path) -> None:
    root = workspace()
    rows: Rows = [["Ref", "Evidence", "Position"], ["IR1", "a", "R"], ["IR2", "b", "A"], ["L1", "c", "G"]]
    result = do_import(root, workbook(tmp_path / "content.xlsx", {"Sheet1": rows}))
    assert result.returncode == 0, result.stdout + result.stderr
    assert [r.rating for r in draft(root).responses.values()] == ["red", "amber", "green"]


def test_the_data_on_a_second_sheet_and_sheet_choice(workspace, tmp_path: Path) -> None:
    root = workspace()
    sheets: dict[str, Rows] = {
        "Read me": [["How to fill this in"], ["Rate each criterion."]],
        "Q4 data": [["Criterion", "Rating"], ["IR1", "Red"]],
        "Q3 data": [["Criterion", "Rating"], ["IR1", "Green"]],
    }
    file = workbook(tmp_path / "two.xlsx", sheets)
    assert do_import(root, file).returncode == 0
    assert draft(root).responses["IR1"].rating == "red"
    assert do_import(root, file, "--sheet", "Q3 data", "--force").returncode == 0
    assert draft(root).responses["IR1"].rating == "green"
    missing = do_import(root, file, "--sheet", "Q2", "--force")
    assert missing.returncode == 2
    assert "no sheet named 'Q2' (sheets: 'Read me', 'Q4 data', 'Q3 data')" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_findings_name_sheet_row_and_column_and_the_rest_is_written(workspace, tmp_path: Path) -> None:
    root = workspace()
    rows: Rows = [
        ["Owner", "Due", "ID", "Rating", "Evidence", "As of", "Action"],
        ["Insp. A", "soon", "IR1", "Purple", "a", "last week", "Fix it"],
        [None, None, "XX9", "R", "b"],
        [None, None, "IR0", "R", "c"],
        [None, None, "CC1", "R", "d"],
        [None, None, "L1", "G", "e"],
    ]
    file = workbook(tmp_path / "mixed.xlsx", {"My Sheet": rows})
    result = do_import(root, file)
    assert result.returncode == 1
    lines = result.stdout.replace(f"{tmp_path}/", "").splitlines()
    assert "mixed.xlsx:'My Sheet'!D2: error: rating 'Purple' is not a grade of the scale " in result.stdout
    assert "mixed.xlsx:'My Sheet'!F2: error: 'last week' is not a date (YYYY-MM-DD or DD/MM/YYYY)" in lines
    assert "mixed.xlsx:'My Sheet'!B2: error: 'soon' is not a date; the action has no due date" in lines
    assert (
        "mixed.xlsx:'My Sheet'!C3: error: criterion 'XX9' is not in framework test 1.0; row skipped" in lines
    )
    assert (
        "mixed.xlsx:'My Sheet'!C4: error: criterion 'IR0' is retired from this framework; row skipped"
        in lines
    )
    assert "mixed.xlsx:'My Sheet'!C5: error: CC1 does not apply to this district; row skipped" in lines
    assert "mixed.xlsx:'My Sheet': note: 1 criteria not in the sheet, left empty: IR2" in lines
    assessment = draft(root)
    assert assessment.responses["L1"].rating == "green"
    assert assessment.responses["IR1"].rating is None and assessment.responses["IR1"].actions[0].due is None
    assert "XX9" not in assessment.responses


def test_nothing_readable_is_exit_2_and_nothing_written(workspace, tmp_path: Path) -> None:
    root = workspace()
    no_header = workbook(tmp_path / "plain.xlsx", {"Sheet1": [["a", "b"], ["c", "d"]]})
    result = do_import(root, no_header)
    assert result.returncode == 2
    assert result.stderr.startswith(f"selfassess: {no_header}: no header row found in the first 20 rows")
    unmatched = workbook(tmp_path / "none.xlsx", {"Sheet1": [["ID", "Rating"], ["Z1", "R"], ["Z2", "G"]]})
    result = do_import(root, unmatched)
    assert result.returncode == 2
    assert "Nothing could be read" in result.stderr
    assert not (root / "assessments" / "north").exists()


def test_an_existing_file_is_replaced_only_with_force(workspace, tmp_path: Path) -> None:
    root = workspace()
    file = workbook(tmp_path / "a.xlsx", {"Sheet1": [["ID", "Rating"], ["IR1", "R"]]})
    assert do_import(root, file).returncode == 0
    target = root / "assessments" / "north" / "2026-Q4.toml"
    target.write_text(target.read_text().replace('status = "draft"', 'status = "submitted"'))
    before = target.read_bytes()
    again = do_import(root, workbook(tmp_path / "b.xlsx", {"Sheet1": [["ID", "Rating"], ["IR1", "G"]]}))
    assert again.returncode == 2
    assert "already has an assessment; not replaced (use --force to replace it)" in again.stderr
    assert target.read_bytes() == before
    forced = do_import(root, tmp_path / "b.xlsx", "--force")
    assert forced.returncode == 0
    assert draft(root).status == "draft" and draft(root).responses["IR1"].rating == "green"


def test_personal_data_in_imported_text_is_flagged(workspace, tmp_path: Path) -> None:
    root = workspace()
    rows: Rows = [["ID", "Rating", "Evidence"], ["IR1", "A", "Call the mother on 07700 900123 about it."]]
    result = do_import(root, workbook(tmp_path / "p.xlsx", {"Sheet1": rows}))
    assert result.returncode == 0
    assert "p.xlsx:Sheet1!C2: warning: IR1 evidence: looks like personal data (phone number)" in result.stdout


def test_formulas_use_their_cached_values_and_a_missing_one_is_reported(workspace, tmp_path: Path) -> None:
    root = workspace()
    path = tmp_path / "formulas.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    for column, name in enumerate(["ID", "Rating", "Evidence"]):
        sheet.write_string(0, column, name)
    sheet.write_string(1, 0, "IR1")
    sheet.write_formula(1, 1, '=IF(1>0,"Green","Red")', None, "Green")
    sheet.write_formula(1, 2, '=CONCATENATE("Audit ","done")', None, "Audit done")
    book.close()
    result = do_import(root, path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert draft(root).responses["IR1"].rating == "green"
    assert draft(root).responses["IR1"].evidence == "Audit done"
    uncached = tmp_path / "uncached.xlsx"
    workbook(
        uncached, {"Sheet1": [["ID", "Rating"], ["IR1", "=B3"], ["IR2", "G"]]}
    )  # openpyxl saves no value
    result = do_import(root, uncached, period="2027-Q1")
    assert result.returncode == 1
    assert "uncached.xlsx:Sheet1!B2: error: a formula with no saved value" in result.stdout


def test_merged_cells_and_serial_dates(workspace, tmp_path: Path) -> None:
    root = workspace()
    path = tmp_path / "merged.xlsx"
    serial = (date(2027, 3, 31) - date(1899, 12, 30)).days
    workbook(
        path,
        {
            "Sheet1": [
                ["ID", "Rating", "Evidence", "Evidence date", "Action", "Due", "Completed"],
                ["IR1", "R", "Audit.", serial, "First", serial, "yes"],
                [None, None, None, None, "Second", "31/01/2027", "2026-11-01"],
                [None, None, None, None, "Third", None, None],
            ]
        },
    )
    book = __import__("openpyxl").load_workbook(path)
    book["Sheet1"].merge_cells("A2:A4")
    book["Sheet1"].merge_cells("B2:B4")
    book.save(path)
    result = do_import(root, path)
    assert result.returncode == 0, result.stdout + result.stderr
    response = draft(root).responses["IR1"]
    assert response.rating == "red" and response.as_of == date(2027, 3, 31)
    assert [(a.action, a.due, a.done) for a in response.actions] == [
        ("First", date(2027, 3, 31), date(2026, 11, 23)),
        ("Second", date(2027, 1, 31), date(2026, 11, 1)),
        ("Third", None, False),
    ]


def test_csv_with_semicolons_and_a_byte_order_mark(workspace, tmp_path: Path) -> None:
    root = workspace()
    file = tmp_path / "north.csv"
    file.write_bytes('\ufeffRef;RAG;Evidence\nIR1;G;"Audit; then more"\nIR2;Blue;x\n'.encode())
    result = do_import(root, file)
    assert result.returncode == 1
    assert f"{file}:3:2: error: rating 'Blue' is not a grade of the scale" in result.stdout
    assert draft(root).responses["IR1"].evidence == "Audit; then more"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00", "not a spreadsheet"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password-protected workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "or an old .xls file"),
        ("damaged.xlsx", b"PK\x03\x04 damaged", "not a spreadsheet: a damaged or unknown zip file"),
    ],
)
def test_bad_files_are_one_line_and_exit_2(
    workspace, tmp_path: Path, name: str, content: bytes, message: str
):
    root = workspace()
    file = tmp_path / name
    file.write_bytes(content)
    result = do_import(root, file)
    assert result.returncode == 2
    assert result.stderr.startswith(f"selfassess: {file}: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_other_zip_files_and_huge_workbooks_are_refused(workspace, tmp_path: Path) -> None:
    root = workspace()
    other = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("photo.txt", "not a workbook")
    result = do_import(root, other)
    assert result.returncode == 2 and "not an Excel workbook (.xlsx)" in result.stderr
    huge = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (17 * 1024 * 1024))
    result = do_import(root, huge)
    assert result.returncode == 2 and "larger than 16 MB uncompressed" in result.stderr
    missing = do_import(root, tmp_path / "nowhere.xlsx")
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_help_and_a_csv_import_do_not_load_openpyxl_or_xlsxwriter(workspace, tmp_path: Path) -> None:
    root = workspace()
    file = tmp_path / "n.csv"
    file.write_text("ID,Rating\nIR1,G\n")
    for args in (["--help"], ["import", str(file), "--district", "north", "--period", "2026-Q4"]):
        code = (
            "import sys\nfrom selfassess.cli.main import main\n"
            f"sys.argv=['selfassess', *{args!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'xlsxwriter')]\n"
            "print('HEAVY' if heavy else 'CLEAN', file=sys.stderr)"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
        assert result.stderr.strip().endswith("CLEAN"), (args, result.stderr)
    assert draft(root).responses["IR1"].rating == "green"


def test_a_sheet_of_n_a_with_reasons(workspace, tmp_path: Path) -> None:
    root = workspace()
    rows: Rows = [
        ["ID", "Rating", "Evidence"],
        ["IR1", "N/A", "Covered by the force-wide unit"],
        ["IR2", "n/a"],
    ]
    result = do_import(root, workbook(tmp_path / "na.xlsx", {"Sheet1": rows}))
    assert result.returncode == 0
    assessment = draft(root)
    assert assessment.responses["IR1"].not_applicable == "Covered by the force-wide unit"
    assert assessment.responses["IR1"].evidence == ""
    assert assessment.responses["IR2"].not_applicable == "Not applicable (imported)"
    assert "na.xlsx:Sheet1!B3: warning: IR2 is n/a with no reason" in result.stdout


def test_a_file_open_in_another_session_is_not_replaced(workspace, tmp_path: Path) -> None:
    root = workspace()
    file = workbook(tmp_path / "a.xlsx", {"Sheet1": [["ID", "Rating"], ["IR1", "R"]]})
    assert do_import(root, file).returncode == 0
    target = root / "assessments" / "north" / "2026-Q4.toml"
    before = target.read_bytes()
    lock = target.with_name(".2026-Q4.toml.lock")  # this test's own process: alive, and not the CLI's
    lock.write_text(
        f'user = "DCI Other"\nhost = "{socket.gethostname()}"\npid = {os.getpid()}\n'
        "started = 2026-11-23T09:00:00Z\n"
    )
    result = do_import(
        root, workbook(tmp_path / "b.xlsx", {"Sheet1": [["ID", "Rating"], ["IR1", "G"]]}), "--force"
    )
    assert result.returncode == 2
    assert "open for editing by DCI Other" in result.stderr
    assert target.read_bytes() == before


def test_an_excel_error_in_a_rating_is_reported_not_read_as_n_a(workspace, tmp_path: Path) -> None:
    root = workspace()
    rows: Rows = [["ID", "Rating", "Evidence"], ["IR1", "#N/A", "a"], ["IR2", "G", "#REF!"]]
    result = do_import(root, workbook(tmp_path / "e.xlsx", {"Sheet1": rows}))
    assert result.returncode == 1
    lines = result.stdout.replace(f"{tmp_path}/", "").splitlines()
    assert "e.xlsx:Sheet1!B2: error: the cell shows Excel's error #N/A; read as empty" in lines
    assert "e.xlsx:Sheet1!C3: error: the cell shows Excel's error #REF!; read as empty" in lines
    assessment = draft(root)
    assert assessment.responses["IR1"].not_applicable is None and assessment.responses["IR1"].rating is None
    assert assessment.responses["IR2"].rating == "green" and assessment.responses["IR2"].evidence == ""
