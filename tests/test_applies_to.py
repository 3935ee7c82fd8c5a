"""``[applies_to.<framework>]`` in selfassess.toml: a workspace says who is asked a criterion (issue #30)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from selfassess.logic.session import Session
from selfassess.workspace.workspace import Workspace

from conftest import REPO

TODAY = "2026-11-23"
BASE = """\
force = "Test Force"
framework = "ncpi"
districts = ["north", "south", "force"]

[capabilities]
north = ["custody", "mappa"]
force = ["force-wide"]
"""


def district_file(district: str, extra: str = "") -> str:
    return f"""\
schema = 1
framework = "ncpi"
framework_version = "2024.2"
district = "{district}"
period = "2026-Q4"
status = "draft"
assessor = "DCI Test"
updated = 2026-11-20T10:00:00Z

[criteria.IR1]
rating = "green"
evidence = "Dip sample of 20 incidents: 19 of 20 named each child."
{extra}"""


OM1 = '\n[criteria.OM1]\nrating = "amber"\nevidence = "Two visits overdue at the count on 1 November."\n'


def workspace(tmp_path: Path, overrides: str) -> Path:
    root = tmp_path / "ws"
    (root / "criteria").mkdir(parents=True)
    shutil.copyfile(REPO / "criteria" / "ncpi.yaml", root / "criteria" / "ncpi.yaml")
    (root / "selfassess.toml").write_text(BASE + overrides)
    for district in ("north", "south"):
        (root / "assessments" / district).mkdir(parents=True)
    return root


def test_without_an_override_a_district_may_not_answer_a_force_level_criterion(tmp_path: Path, cli) -> None:
    root = workspace(tmp_path, "")
    (root / "assessments" / "south" / "2026-Q4.toml").write_text(district_file("south", OM1))
    result = cli("validate", "--as-of", TODAY, cwd=root)
    assert result.returncode == 1
    assert "OM1 does not apply to south (it needs: force-wide)" in result.stdout


def test_an_empty_list_asks_every_district_and_not_the_force_unit(tmp_path: Path, cli) -> None:
    root = workspace(tmp_path, "\n[applies_to.ncpi]\nOM1 = []   # our districts run their own MAPPA units\n")
    (root / "assessments" / "south" / "2026-Q4.toml").write_text(district_file("south", OM1))
    result = cli("validate", "--as-of", TODAY, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(cli("summary", "2026-Q4", "--format", "json", "--as-of", TODAY, cwd=root).stdout)
    rows = {row["id"]: row["ratings"] for row in summary["criteria"]}
    assert rows["OM1"]["south"] == "amber"
    assert rows["OM1"]["force"] == "n/a"  # no longer asked of the force-wide unit
    # the fill screen's session asks it too
    session = Session(Workspace(root), "south", "2026-Q4", "DCI Test", date(2026, 11, 23))
    assert "OM1" in [c.id for c in session.criteria]


def test_a_list_of_capabilities_asks_only_the_units_that_have_one(tmp_path: Path, cli) -> None:
    root = workspace(tmp_path, '\n[applies_to.ncpi]\nOM1 = ["mappa"]\nCC7 = ["custody"]\n')
    (root / "assessments" / "north" / "2026-Q4.toml").write_text(district_file("north", OM1))
    (root / "assessments" / "south" / "2026-Q4.toml").write_text(district_file("south", OM1))
    result = cli("validate", "--as-of", TODAY, cwd=root)
    assert result.returncode == 1
    assert "north" not in result.stdout.split("OM1 does not apply")[0].splitlines()[-1]
    assert "OM1 does not apply to south (it needs: mappa)" in result.stdout
    ws = Workspace(root)
    assert "CC7" not in [c.id for c in ws.framework.applicable(ws.capabilities("south"))]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ("XX9 = []", "XX9 is not a criterion of framework 'ncpi' 2024.2"),
        ("IR2 = []", "IR2 was replaced by IR7 in framework 'ncpi' 2024.2; name IR7 instead"),
        ("CH6 = []", "CH6 is retired in framework 'ncpi' 2024.2"),
        ('OM1 = "force-wide"', "applies_to.ncpi.OM1 must be an array of strings"),
        ('OM1 = ["Force Wide"]', "'Force Wide' is not a capability"),
    ],
)
def test_a_wrong_override_is_refused_with_its_line(tmp_path: Path, cli, overrides: str, message: str) -> None:
    text = "\n[applies_to.ncpi]\nOM2 = []\n" + overrides + "\n"
    root = workspace(tmp_path, text)
    line = (BASE + text).splitlines().index(overrides) + 1
    result = cli("validate", "--as-of", TODAY, cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"selfassess.toml:{line}: error: " in result.stdout and message in result.stdout
    # a command that needs the framework stops on it: one line, exit 2
    result = cli("summary", "2026-Q4", "--as-of", TODAY, cwd=root)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"selfassess.toml:{line}: " in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_override_for_a_framework_with_no_file_is_refused(tmp_path: Path, cli) -> None:
    text = "\n[applies_to.other]\nOM1 = []\n"
    root = workspace(tmp_path, text)
    line = (BASE + text).splitlines().index("[applies_to.other]") + 1
    result = cli("validate", "--as-of", TODAY, cwd=root)
    assert result.returncode == 1
    assert f"selfassess.toml:{line}: error: " in result.stdout and "criteria/other.yaml" in result.stdout
    result = cli("summary", "2026-Q4", "--as-of", TODAY, cwd=root)
    assert result.returncode == 2 and f"selfassess.toml:{line}: " in result.stderr


def test_the_override_changes_what_a_districts_diff_calls_removed(tmp_path: Path, cli) -> None:
    def diff_rows(root: Path) -> dict:
        result = cli("diff", "south@2026-Q3", "south@2026-Q4", "--format", "json", cwd=root)
        assert result.returncode == 0, result.stderr
        return {row["id"]: row for row in json.loads(result.stdout)["criteria"]}

    root = workspace(tmp_path, "")
    q3 = district_file("south", OM1).replace('"2024.2"', '"2024.1"').replace("2026-Q4", "2026-Q3")
    (root / "assessments" / "south" / "2026-Q3.toml").write_text(q3)
    (root / "assessments" / "south" / "2026-Q4.toml").write_text(district_file("south"))
    rows = diff_rows(root)
    assert rows["OM1"]["direction"] == "removed"  # moved to force level in 2024.2
    (root / "selfassess.toml").write_text(BASE + "\n[applies_to.ncpi]\nOM1 = []\n")
    rows = diff_rows(root)
    assert rows["OM1"]["direction"] == "unrated"  # still asked of south: it is now not rated
