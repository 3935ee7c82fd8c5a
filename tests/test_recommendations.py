"""The inspection's recommendations tracked to done: ``inspections/<id>.yaml``, actions that address its
items across units and quarters, each item's status per period, and the ``recommendations`` command."""

from __future__ import annotations

import json
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from selfassess.core.errors import InspectionError
from selfassess.formats.inspections import parse_inspection
from selfassess.formats.store import parse_assessment, render_assessment

from conftest import FOUR_GRADES, run_cli

INSPECTION = """\
inspection: insp-1
title: Child protection inspection, Test Force
published: 2026-03-01
source: {title: "The report", url: "https://example.org/report"}
items:
  - id: R1
    kind: recommendation
    text: Assess the risk to every child present at domestic abuse incidents.
    due: 2026-09-30
    criteria: [T1C1]
  - id: R2
    kind: area-for-improvement
    text: Improve liaison with children's homes.
    criteria: [T1C2, T2C1]
    units: [north]
  - id: R3
    kind: cause-of-concern
    text: Recording of decisions is poor.
    criteria: [T2C2]
  - id: R4
    kind: recommendation
    text: Review the use of police protection powers.
    due: 2027-06-30
    criteria: [T2C3]
closed:
  - {item: R3, date: 2026-12-15, by: "ACC B. Example", reason: "Audit: recording good in 18 of 20."}
"""


def action(ident: str, text: str, due: str | None, done: str | None, addresses: list[str]) -> str:
    lines = [
        "",
        "[[criteria.{crit}.actions]]",
        f'id = "{ident}"',
        f'action = "{text}"',
        'owner = "DI Example"',
    ]
    if due:
        lines.append(f"due = {due}")
    lines.append(f"done = {done or 'false'}")
    if addresses:
        lines.append("addresses = [" + ", ".join(f'"{a}"' for a in addresses) + "]")
    return "\n".join(lines)


def write(root: Path, district: str, period: str, criteria: dict[str, tuple[str, list[str]]]) -> None:
    """criteria: id -> (grade id, [action blocks made by ``action``])."""
    body = [
        "schema = 2",
        'framework = "test"',
        'framework_version = "1.0"',
        f'district = "{district}"',
        f'period = "{period}"',
        'status = "draft"',
        'assessor = "DCI Example"',
    ]
    for crit, (grade, actions) in criteria.items():
        body += ["", f"[criteria.{crit}]", f'rating = "{grade}"', 'evidence = "Seen."']
        body += [a.format(crit=crit) for a in actions]
    folder = root / "assessments" / district
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{period}.toml").write_text("\n".join(body) + "\n")


@pytest.fixture
def tracked(make_workspace: Callable[..., Path]) -> Path:
    """Two units, three quarters; a four-grade scale (nothing assumes red/amber/green)."""
    root = make_workspace(grades=FOUR_GRADES)
    (root / "inspections").mkdir()
    (root / "inspections" / "insp-1.yaml").write_text(INSPECTION)
    r1 = "insp-1/R1"
    write(root, "north", "2026-Q2", {"T1C1": ("inadequate", [])})
    write(root, "south", "2026-Q2", {"T1C1": ("requires-improvement", [])})
    write(
        root,
        "north",
        "2026-Q3",
        {
            "T1C1": ("inadequate", [action("T1C1-a1", "Brief response teams", "2026-12-31", None, [r1])]),
            "T1C2": (
                "good",
                [
                    action(
                        "T1C2-a1", "Named liaison officer per home", "2026-09-01", "2026-08-01", ["insp-1/R2"]
                    )
                ],
            ),
            "T2C2": (
                "inadequate",
                [action("T2C2-a1", "Supervisors check rationale", "2026-12-31", None, ["insp-1/R3"])],
            ),
        },
    )
    write(root, "south", "2026-Q3", {"T1C1": ("requires-improvement", [])})
    write(
        root,
        "north",
        "2026-Q4",
        {
            "T1C1": (
                "requires-improvement",
                [action("T1C1-a1", "Brief response teams", "2026-12-31", None, [r1])],
            ),
            "T2C2": (
                "good",
                [action("T2C2-a1", "Supervisors check rationale", "2026-12-31", None, ["insp-1/R3"])],
            ),
        },
    )
    write(
        root,
        "south",
        "2026-Q4",
        {"T1C1": ("good", [action("T1C1-a1", "Dip sample DA incidents", "2026-10-15", None, [r1])])},
    )
    return root


def items(root: Path, period: str, today: str = "2027-01-10") -> dict[str, dict]:
    result = run_cli("recommendations", period, "--format", "json", "--as-of", today, cwd=root)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["period"] == period
    (inspection,) = data["inspections"]
    assert inspection["id"] == "insp-1"
    return {item["ref"].split("/")[1]: item for item in inspection["items"]}


def test_each_item_moves_through_its_statuses_quarter_by_quarter(tracked: Path) -> None:
    q2, q3, q4 = (items(tracked, p) for p in ("2026-Q2", "2026-Q3", "2026-Q4"))
    # R1: no action, due later -> not started; an open action -> in progress; past due with open -> overdue
    assert [q["R1"]["status"] for q in (q2, q3, q4)] == ["not-started", "in-progress", "overdue"]
    # R2: only north; its action done in Q3 counts in Q4 too, though done actions are not carried
    assert [q["R2"]["status"] for q in (q2, q3, q4)] == [
        "not-started",
        "actions-complete",
        "actions-complete",
    ]
    assert q4["R2"]["actions"][0]["period"] == "2026-Q3"
    # R3: closed on 2026-12-15: in progress in Q3, closed in Q4
    assert [q["R3"]["status"] for q in (q3, q4)] == ["in-progress", "closed"]
    assert q4["R3"]["closed"] == "2026-12-15"
    assert [q["R4"]["status"] for q in (q2, q3, q4)] == ["not-started"] * 3


def test_the_json_carries_units_actions_and_grades(tracked: Path) -> None:
    r1 = items(tracked, "2026-Q4")["R1"]
    assert r1["kind"] == "recommendation"
    assert r1["units"] == ["north", "south"]
    assert r1["units_without_action"] == []
    assert {(a["unit"], a["id"], a["owner"], a["due"], a["done"]) for a in r1["actions"]} == {
        ("north", "T1C1-a1", "DI Example", "2026-12-31", False),
        ("south", "T1C1-a1", "DI Example", "2026-10-15", False),
    }
    assert r1["grades"] == {"north": "requires-improvement", "south": "good"}
    assert r1["movement"] == {"north": "better", "south": "better"}
    r2 = items(tracked, "2026-Q3")["R2"]
    assert r2["units"] == ["north"]
    assert r2["grades"] == {"north": "good"}  # the worse of T1C2 (good) and T2C1 (not rated)
    q3 = items(tracked, "2026-Q3")["R1"]
    assert q3["units_without_action"] == ["south"]


def test_a_past_quarter_does_not_change_with_today(tracked: Path) -> None:
    """D is the earlier of today and the period's end: Q3 reads the same in 2027 as at its end."""
    assert items(tracked, "2026-Q3", "2026-09-30") == items(tracked, "2026-Q3", "2027-06-01")


def test_a_closure_dated_after_today_does_not_count_yet(tracked: Path) -> None:
    assert items(tracked, "2026-Q4", "2026-12-10")["R3"]["status"] == "in-progress"
    assert items(tracked, "2026-Q4", "2026-12-15")["R3"]["status"] == "closed"


def test_an_open_action_past_its_due_date_makes_the_item_overdue(tracked: Path) -> None:
    """South's action was due 2026-10-15: overdue on 2026-11-01 although the item's own due is past too."""
    assert items(tracked, "2026-Q4", "2026-10-15")["R1"]["status"] == "overdue"  # item due 2026-09-30
    write(
        tracked,
        "north",
        "2026-Q4",
        {
            "T1C1": (
                "good",
                [action("T1C1-a1", "Brief response teams", "2026-12-31", "2026-11-20", ["insp-1/R1"])],
            )
        },
    )
    write(
        tracked,
        "south",
        "2026-Q4",
        {"T1C1": ("good", [action("T1C1-a1", "Dip sample", "2026-10-15", "2026-10-10", ["insp-1/R1"])])},
    )
    assert items(tracked, "2026-Q4")["R1"]["status"] == "actions-complete"


def test_text_output_has_one_line_per_item_and_the_counts(tracked: Path) -> None:
    result = run_cli("recommendations", "2026-Q4", "--as-of", "2027-01-10", cwd=tracked)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "insp-1 — Child protection inspection, Test Force (published 2026-03-01)" in out
    r1 = next(line for line in out.splitlines() if line.startswith("R1 "))
    assert "overdue" in r1
    assert "north Requires improvement ▲: T1C1-a1 (DI Example, due 2026-12-31)" in out
    assert "4 items: 1 overdue, 1 not started, 1 actions complete, 1 closed" in out


def test_strict_exits_1_when_an_item_is_overdue_and_unknown_inspection_exits_2(tracked: Path) -> None:
    strict = run_cli("recommendations", "2026-Q4", "--strict", "--as-of", "2027-01-10", cwd=tracked)
    assert strict.returncode == 1
    calm = run_cli("recommendations", "2026-Q2", "--strict", "--as-of", "2027-01-10", cwd=tracked)
    assert calm.returncode == 0, calm.stderr
    unknown = run_cli("recommendations", "--inspection", "nope", cwd=tracked)
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "selfassess: no inspection 'nope' (inspections/: insp-1)"


def test_csv_has_a_row_per_item_and_unit_and_neutralises_formulas(tracked: Path) -> None:
    path = tracked / "inspections" / "insp-1.yaml"
    path.write_text(path.read_text().replace("Improve liaison", "=HYPERLINK(1) Improve liaison"))
    result = run_cli("recommendations", "2026-Q4", "--format", "csv", "--as-of", "2027-01-10", cwd=tracked)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert rows[0] == "inspection,item,kind,status,unit,grade,actions,owners,due,text"
    assert len(rows) == 1 + 2 + 1 + 2 + 2  # R1, R3 and R4 for two units, R2 for north
    assert "'=HYPERLINK(1) Improve liaison" in result.stdout


def test_no_inspections_folder_says_how_to_add_one(make_workspace: Callable[..., Path]) -> None:
    root = make_workspace()
    result = run_cli("recommendations", "2026-Q4", cwd=root)
    assert result.returncode == 0
    assert "inspections/<id>.yaml" in result.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("kind: cause-of-concern", "kind: worry"), ":17:11: error: kind 'worry' is not one of"),
        (("due: 2026-09-30", "due: 30/09/2026"), "must be a date (YYYY-MM-DD)"),
        (("  - id: R4", "  - id: R1"), "duplicate item id 'R1' (first at line 6)"),
        (("{item: R3,", "{item: R9,"), "closed names unknown item 'R9'"),
        (("inspection: insp-1", "inspection: other"), "does not match the file name (insp-1.yaml)"),
        (("    text: Improve liaison with children's homes.\n", ""), "item is missing required key 'text'"),
        (("title: Child", "title: !!python/object Child"), "YAML tags are not allowed"),
    ],
)
def test_a_bad_inspection_file_is_one_line_naming_file_and_line(
    tracked: Path, change: tuple[str, str], message: str
) -> None:
    path = tracked / "inspections" / "insp-1.yaml"
    path.write_text(INSPECTION.replace(*change))
    result = run_cli("recommendations", "2026-Q4", "--as-of", "2027-01-10", cwd=tracked)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("inspections/insp-1.yaml:")
    assert message in line
    assert "Traceback" not in result.stderr


def test_addresses_round_trip_sorted_and_need_schema_2() -> None:
    text = textwrap.dedent(
        """\
        schema = 1
        framework = "test"
        framework_version = "1.0"
        district = "north"
        period = "2026-Q4"
        status = "draft"
        assessor = "DCI Example"

        [criteria.T1C1]
        rating = "red"

        [[criteria.T1C1.actions]]
        id = "T1C1-a1"
        action = "Brief teams"
        done = false
        addresses = ["insp-1/R2", "insp-1/R1"]
        """
    )
    assessment = parse_assessment(text)
    assert assessment.responses["T1C1"].actions[0].addresses == ("insp-1/R2", "insp-1/R1")
    written = render_assessment(assessment)
    assert written.startswith("schema = 2\n")
    assert 'addresses = ["insp-1/R1", "insp-1/R2"]' in written
    assert render_assessment(parse_assessment(written)) == written
    assessment.responses["T1C1"].actions[0].addresses = ()
    assert render_assessment(assessment).startswith("schema = 1\n")


@pytest.mark.parametrize("value", ['["R1"]', '["insp-1/R1", "insp-1/R1"]', "[1]", '"insp-1/R1"'])
def test_a_bad_addresses_value_is_refused_with_its_line(value: str) -> None:
    text = (
        'schema = 2\nframework = "test"\nframework_version = "1.0"\ndistrict = "north"\n'
        'period = "2026-Q4"\nstatus = "draft"\nassessor = "x"\n\n[criteria.T1C1]\nrating = "red"\n\n'
        '[[criteria.T1C1.actions]]\nid = "T1C1-a1"\naction = "x"\ndone = false\n'
        f"addresses = {value}\n"
    )
    with pytest.raises(Exception) as raised:
        parse_assessment(text, "north/2026-Q4.toml")
    assert str(raised.value).startswith("north/2026-Q4.toml:16:")


def test_schema_3_is_written_by_a_newer_selfassess() -> None:
    text = 'schema = 3\nframework = "t"\nframework_version = "1"\ndistrict = "n"\nperiod = "2026-Q4"\n'
    text += 'status = "draft"\nassessor = "x"\n'
    with pytest.raises(Exception, match="newer selfassess"):
        parse_assessment(text)


def test_an_inspection_parses_into_items_with_refs_and_lines() -> None:
    inspection = parse_inspection(INSPECTION.encode(), "inspections/insp-1.yaml")
    assert [item.ref for item in inspection.items] == ["insp-1/R1", "insp-1/R2", "insp-1/R3", "insp-1/R4"]
    assert inspection.items[1].units == ("north",)
    assert inspection.items[0].line == 6
    assert inspection.closure("R3").by == "ACC B. Example"
    with pytest.raises(InspectionError):
        parse_inspection(b"", "inspections/insp-1.yaml")


def test_validate_reports_unknown_items_criteria_units_and_outside_units(tracked: Path) -> None:
    path = tracked / "inspections" / "insp-1.yaml"
    path.write_text(INSPECTION.replace("criteria: [T2C3]", "criteria: [T2C3, ZZ9]\n    units: [north, east]"))
    write(
        tracked,
        "south",
        "2026-Q4",
        {
            "T1C1": (
                "good",
                [action("T1C1-a1", "Dip sample", "2027-03-01", None, ["insp-1/R1", "insp-1/R9"])],
            ),
            "T1C2": ("good", [action("T1C2-a1", "Visit homes", "2027-03-01", None, ["insp-1/R2"])]),
        },
    )
    result = run_cli("validate", "--as-of", "2027-01-10", cwd=tracked)
    lines = result.stderr.splitlines() + result.stdout.splitlines()
    said = "\n".join(lines)
    assert result.returncode == 1, said
    assert "inspections/insp-1.yaml:20: error: item R4 names criterion 'ZZ9'" in said
    assert "inspections/insp-1.yaml:20: error: item R4 names unit 'east'" in said
    assert (
        "assessments/south/2026-Q4.toml:19: error: action T1C1-a1 addresses 'insp-1/R9', "
        "which no inspections/ file has"
    ) in said
    assert (
        "assessments/south/2026-Q4.toml:31: warning: action T1C2-a1 addresses insp-1/R2, which is not for "
        "south (its units: north); it does not count"
    ) in said
    # and the tracker does not count it
    assert items(tracked, "2026-Q4")["R2"]["actions"][0]["unit"] == "north"


def test_validate_warns_of_a_closed_item_with_open_actions(tracked: Path) -> None:
    result = run_cli("validate", "--as-of", "2027-01-10", cwd=tracked)
    said = result.stdout + result.stderr
    assert (
        "inspections/insp-1.yaml:26: warning: item R3 was closed on 2026-12-15 but still has open actions: "
        "north T2C2-a1"
    ) in said
    before = run_cli("validate", "--as-of", "2026-12-01", cwd=tracked)
    assert "was closed" not in before.stdout + before.stderr


def test_every_report_has_the_section_before_the_heat_map(tracked: Path, tmp_path: Path) -> None:
    html = tmp_path / "r.html"
    result = run_cli(
        "report", "2026-Q4", "--format", "html", "-o", str(html), "--as-of", "2027-01-10", cwd=tracked
    )
    assert result.returncode == 0, result.stderr
    page = html.read_text()
    assert page.index("Progress on the inspection&#x27;s recommendations") < page.index('id="heat-map"')
    assert "Child protection inspection, Test Force, published 1 March 2026" in page
    assert '<td class="status status-overdue">‼ overdue</td>' in page
    md = run_cli("report", "2026-Q4", "--format", "md", "--as-of", "2027-01-10", cwd=tracked).stdout
    assert md.index("## Progress on the inspection's recommendations") < md.index("## Heat map")
    assert "| R1 | Assess the risk to every child present at domestic abuse incidents. | ‼ overdue |" in md
    data = json.loads(
        run_cli("report", "2026-Q4", "--format", "json", "--as-of", "2027-01-10", cwd=tracked).stdout
    )
    assert [i["status"] for i in data["recommendations"]["inspections"][0]["items"]] == [
        "overdue",
        "actions-complete",
        "closed",
        "not-started",
    ]


def test_xlsx_has_a_recommendations_sheet_and_addresses_round_trip(tracked: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from selfassess import load_assessment

    out = tmp_path / "q4.xlsx"
    args = ("report", "2026-Q4", "--format", "xlsx", "-o", str(out), "--as-of", "2027-01-10")
    result = run_cli(*args, cwd=tracked)
    assert result.returncode == 0, result.stderr
    book = load_workbook(out, read_only=True)
    assert book.sheetnames[0] == "Recommendations"
    rows = list(book["Recommendations"].iter_rows(values_only=True))
    assert rows[0][:6] == ("Inspection", "Item", "Kind", "What it asks", "Status", "Unit")
    assert rows[1][:3] == ("insp-1", "R1", "recommendation") and rows[1][4:6] == ("overdue", "North")
    assert rows[1][7] == "T1C1-a1 Brief response teams"
    book.close()
    imported = run_cli(
        "import", str(out), "--district", "north", "--period", "2027-Q1", "--as-of", "2027-01-10", cwd=tracked
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr
    before = load_assessment(tracked / "assessments" / "north" / "2026-Q4.toml")
    after = load_assessment(tracked / "assessments" / "north" / "2027-Q1.toml")
    assert [a.addresses for _, a in after.actions()] == [a.addresses for _, a in before.actions()]
    assert (tracked / "assessments" / "north" / "2027-Q1.toml").read_text().startswith("schema = 2\n")


def test_diff_says_when_an_action_starts_or_stops_addressing_an_item(tracked: Path) -> None:
    path = tracked / "assessments" / "north" / "2026-Q4.toml"
    path.write_text(path.read_text().replace('addresses = ["insp-1/R1"]', 'addresses = ["insp-1/R2"]'))
    text = run_cli("diff", "north@2026-Q3", "north@2026-Q4", cwd=tracked)
    assert text.returncode == 0, text.stderr
    assert "T1C1-a1 now addresses insp-1/R2; no longer addresses insp-1/R1" in text.stdout
    data = json.loads(
        run_cli("diff", "north@2026-Q3", "north@2026-Q4", "--format", "json", cwd=tracked).stdout
    )
    (change,) = [c for c in data["criteria"] if c["id"] == "T1C1"]
    assert change["actions"]["addresses"] == [
        {"id": "T1C1-a1", "added": ["insp-1/R2"], "removed": ["insp-1/R1"]}
    ]
    assert "actions" in change["changed"]


def test_textconv_shows_what_an_action_addresses(tracked: Path) -> None:
    result = run_cli("textconv", str(tracked / "assessments" / "north" / "2026-Q4.toml"))
    assert result.returncode == 0, result.stderr
    assert (
        "  Action T1C1-a1: Brief response teams\n    owner DI Example, due 2026-12-31, open\n"
        in result.stdout
    )
    assert "    addresses insp-1/R1\n" in result.stdout


async def test_the_review_screen_opens_the_tracker_with_i_and_enter_shows_a_cell(tracked: Path) -> None:
    from datetime import date

    from textual.widgets import DataTable, Static

    from selfassess.tui.app import SelfAssessApp
    from selfassess.tui.review.screen import ReviewScreen
    from selfassess.tui.review.tracker import ItemModal, TrackerScreen
    from selfassess.workspace.workspace import Workspace

    app = SelfAssessApp(Workspace(tracked), date(2027, 1, 10), "ACC Test", "review", period="2026-Q4")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, TrackerScreen)
        table = app.screen.query_one(DataTable)
        assert [str(c.value) for c in table.columns] == ["item", "all", "unit:north", "unit:south", "text"]

        def row(index: int) -> list[str]:
            return [cell.plain for cell in table.get_row_at(index)]

        assert row(0)[:4] == ["R1", "‼ overdue", "‼ overdue", "‼ overdue"]  # the item was due 2026-09-30
        assert row(1)[:4] == ["R2", "◕ actions complete", "◕ actions complete", "—"]
        assert row(2)[1] == "■ closed"
        top = app.screen.query_one("#tracker-top", Static).visual.plain
        assert "4 items as at 2026-12-31: 1 overdue, 1 not started, 1 actions complete, 1 closed." in top
        await pilot.press("right", "right", "right", "enter")  # R1, south
        await pilot.pause()
        assert isinstance(app.screen, ItemModal)
        said = app.screen.query_one("#item-text", Static).visual.plain
        assert "insp-1/R1 — recommendation" in said
        assert "south: Good ▲" in said
        assert "T1C1-a1 (T1C1, 2026-Q4, DI Example, due 2026-10-15, open)" in said
        assert "north" not in said
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TrackerScreen)
        await pilot.press("o")
        await pilot.pause()
        assert [row(i)[0] for i in range(table.row_count)] == ["R1", "R4"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_home_counts_open_and_overdue_items(tracked: Path) -> None:
    from datetime import date

    from textual.widgets import Static

    from selfassess.tui.app import SelfAssessApp
    from selfassess.workspace.workspace import Workspace

    app = SelfAssessApp(Workspace(tracked), date(2027, 1, 10), "ACC Test", "home")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        intro = app.screen.query_one("#home-intro", Static).visual.plain
        assert "Inspection items: 2 open, 1 overdue" in intro  # 2026-Q4: R1 overdue, R4 not started


async def test_the_action_dialog_offers_the_items_that_list_the_criterion(
    make_workspace: Callable[..., Path],
) -> None:
    from datetime import date

    from textual.widgets import SelectionList

    from selfassess.tui.app import SelfAssessApp
    from selfassess.tui.fill.action_form import ActionForm
    from selfassess.tui.fill.screen import FillScreen
    from selfassess.workspace.workspace import Workspace

    root = make_workspace()
    (root / "inspections").mkdir()
    (root / "inspections" / "insp-1.yaml").write_text(INSPECTION)
    app = SelfAssessApp(
        Workspace(root), date(2026, 11, 23), "DCI Test", "fill", district="north", period="2026-Q4"
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FillScreen) and app.screen.current == "T1C1"
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ActionForm)
        offered = form.query_one("#action-addresses", SelectionList)
        assert [offered.get_option_at_index(i).value for i in range(offered.option_count)] == ["insp-1/R1"]
        await pilot.press(*"Brief teams", "tab", *"DI Example", "tab", *"2027-01-31")
        offered.focus()
        await pilot.press("space")
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, FillScreen)
        for _ in range(40):
            await pilot.pause(0.1)
            if not app.screen.session.should_save():
                break
    path = root / "assessments" / "north" / "2026-Q4.toml"
    (action,) = parse_assessment(path.read_text()).responses["T1C1"].actions
    assert (action.action, action.owner, action.addresses) == ("Brief teams", "DI Example", ("insp-1/R1",))
    assert path.read_text().startswith("schema = 2\n")


def test_history_shows_each_items_status_in_the_district_quarter_by_quarter(tracked: Path) -> None:
    result = run_cli("history", "north", "--as-of", "2027-01-10", cwd=tracked)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("Inspection items in north: status by period (* changed)")
    table = [line.split() for line in lines[start + 2 :]]
    assert table[0] == ["2026-Q2", "2026-Q3", "2026-Q4"]
    assert table[1] == ["insp-1/R1", "not", "started", "in", "progress*", "overdue*"]
    assert table[3][0] == "insp-1/R3" and table[3][-1] == "closed*"
    data = json.loads(
        run_cli("history", "north", "--format", "json", "--as-of", "2027-01-10", cwd=tracked).stdout
    )
    assert data["items"]["insp-1/R2"] == {
        "2026-Q2": "not-started",
        "2026-Q3": "actions-complete",
        "2026-Q4": "actions-complete",
    }
    assert (
        "insp-1/R2"
        not in json.loads(
            run_cli("history", "south", "--format", "json", "--as-of", "2027-01-10", cwd=tracked).stdout
        )["items"]
    )


def test_history_names_the_commit_behind_each_change_of_status(tracked: Path, git_repo) -> None:
    git_repo(tracked, "Quarters 2026-Q2 to Q4")
    head = subprocess.run(
        ["git", "log", "-1", "--format=%h %cs"], cwd=tracked, capture_output=True, text=True, check=True
    ).stdout.strip()
    result = run_cli("history", "north", "--as-of", "2027-01-10", cwd=tracked)
    assert result.returncode == 0, result.stderr
    assert f"  insp-1/R1 2026-Q3: not started → in progress (commit {head})" in result.stdout
    data = json.loads(
        run_cli("history", "north", "--format", "json", "--as-of", "2027-01-10", cwd=tracked).stdout
    )
    assert {
        "ref": "insp-1/R3",
        "period": "2026-Q4",
        "from": "in-progress",
        "to": "closed",
        "commit": head,
    } in data["item_changes"]
