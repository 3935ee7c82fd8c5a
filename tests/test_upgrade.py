"""History across the framework upgrades: 2015.2 and 2024.1 files in a workspace on 2024.2 (SPEC §3–§4)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from selfassess.logic.session import Session
from selfassess.workspace.workspace import Workspace

from conftest import REPO, commit_all

TODAY = "2026-11-23"
SETTINGS = """\
force = "Test Force"
framework = "ncpi"
districts = ["north", "south", "force"]

[capabilities]
north = ["custody"]
force = ["force-wide"]
"""


def old_file(district: str = "north", period: str = "2026-Q1") -> str:
    """An assessment written on the 2015.2 framework: old ids, some since moved to force level."""
    return f"""\
schema = 1
framework = "ncpi"
framework_version = "2015.2"
district = "{district}"
period = "{period}"
status = "submitted"
assessor = "DCI Old"
updated = 2026-03-20T10:00:00Z

[criteria.IR1]
rating = "amber"
evidence = "Dip sample of 20 incidents: 15 of 20 assessed every child."

[criteria.IR2]
rating = "red"
evidence = "Children spoken to in 9 of 20."

[criteria.CC4]
rating = "amber"
evidence = "Appropriate adult median wait 1 hour 50 minutes over 20 detentions."

[criteria.CH6]
rating = "green"
evidence = "Care homes improvement plan complete."

[criteria.PW3]
rating = "green"
evidence = "Joint arrangements in place."
"""


def new_file(district: str = "north", period: str = "2026-Q2") -> str:
    return f"""\
schema = 1
framework = "ncpi"
framework_version = "2024.2"
district = "{district}"
period = "{period}"
status = "draft"
assessor = "DCI New"
updated = 2026-06-20T10:00:00Z

[criteria.IR1]
rating = "green"
evidence = "Dip sample of 20 incidents: 19 of 20 assessed every child."

[criteria.IR7]
rating = "amber"
evidence = "First accounts recorded in the child's words in 16 of 20."

[criteria.IN1]
rating = "amber"
evidence = "ABE plans in 17 of 20 interviews."
"""


@pytest.fixture
def upgraded(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "criteria").mkdir(parents=True)
    shutil.copyfile(REPO / "criteria" / "ncpi.yaml", root / "criteria" / "ncpi.yaml")
    (root / "selfassess.toml").write_text(SETTINGS)
    folder = root / "assessments" / "north"
    folder.mkdir(parents=True)
    (folder / "2026-Q1.toml").write_text(old_file())
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit_all(root, "2026-Q1 on the old framework", "2026-03-31T12:00:00Z")
    (folder / "2026-Q2.toml").write_text(new_file())
    commit_all(root, "2026-Q2 on the new framework", "2026-06-30T12:00:00Z")
    return root


def test_an_old_file_validates_in_a_workspace_on_the_new_framework(upgraded: Path, cli) -> None:
    result = cli("validate", "--as-of", TODAY, cwd=upgraded)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout
    # CC4 moved to force level (CC8) and CH6 was retired: accepted in the 2015.2 file
    assert "does not apply" not in result.stdout


def test_a_new_file_may_not_hold_a_force_level_criterion(upgraded: Path, cli) -> None:
    path = upgraded / "assessments" / "north" / "2026-Q2.toml"
    path.write_text(new_file() + '\n[criteria.CC8]\nrating = "green"\nevidence = "x"\n')
    result = cli("validate", "--as-of", TODAY, cwd=upgraded)
    assert result.returncode == 1
    assert "CC8 does not apply to north (it needs: force-wide)" in result.stdout


def test_diff_across_the_upgrade_follows_renames_and_shows_new_criteria_as_added(upgraded: Path, cli) -> None:
    result = cli("diff", "north@2026-Q1", "north@2026-Q2", "--format", "json", cwd=upgraded)
    assert result.returncode == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)["criteria"]}
    assert rows["IR1"]["direction"] == "better"
    assert rows["IR7"]["renamed_from"] == "IR2" and rows["IR7"]["direction"] == "better"
    assert rows["IN1"]["direction"] == "added"  # new in 2024.1: not "rated"
    assert rows["CH6"]["direction"] == "removed"  # retired
    # a criterion asked for the first time and not yet rated is no change at all
    assert "IN2" not in rows and "PW10" not in rows
    assert all(row["direction"] != "unrated" for row in rows.values())


def test_history_crosses_the_upgrade(upgraded: Path, cli) -> None:
    result = cli("history", "north", "--format", "json", cwd=upgraded)
    assert result.returncode == 0, result.stderr
    history = json.loads(result.stdout)
    assert history["periods"] == ["2026-Q1", "2026-Q2"]
    ratings = {row["id"]: row["ratings"] for row in history["criteria"]}
    assert ratings["IR1"] == {"2026-Q1": "amber", "2026-Q2": "green"}
    assert ratings["IR7"] == {"2026-Q1": "red", "2026-Q2": "amber"}
    text = cli("history", "north", "--criterion", "IR2", cwd=upgraded)
    assert text.returncode == 0, text.stderr
    assert "IR7" in text.stdout


def test_summary_shows_no_movement_for_a_criterion_new_in_this_version(upgraded: Path, cli) -> None:
    result = cli("summary", "2026-Q2", "--format", "json", "--as-of", TODAY, cwd=upgraded)
    assert result.returncode == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)["criteria"]}
    assert rows["IN1"]["previous"]["north"] == "n/a"  # the 2015.2 file was not asked it (#28)
    text = cli("summary", "2026-Q2", "--as-of", TODAY, cwd=upgraded).stdout
    in1 = next(line for line in text.splitlines() if line.strip().startswith("IN1 "))
    ir7 = next(line for line in text.splitlines() if line.strip().startswith("IR7 "))
    assert "+" not in in1  # no "newly rated" sign: it is new
    assert "▲" in ir7  # red (as IR2) → amber


def test_the_force_wide_unit_is_its_own_column(upgraded: Path, cli) -> None:
    force = upgraded / "assessments" / "force"
    force.mkdir()
    (force / "2026-Q2.toml").write_text(
        new_file("force").split("[criteria.IR1]")[0]
        + '[criteria.LD1]\nrating = "amber"\nevidence = "Board."\n'
    )
    assert cli("validate", "--as-of", TODAY, cwd=upgraded).returncode == 0
    result = cli("summary", "2026-Q2", "--format", "json", "--as-of", TODAY, cwd=upgraded)
    summary = json.loads(result.stdout)
    assert summary["districts"] == ["north", "south", "force"]
    rows = {row["id"]: row["ratings"] for row in summary["criteria"]}
    assert rows["LD1"] == {"north": "n/a", "south": "n/a", "force": "amber"}
    assert rows["IR1"]["force"] == "n/a"


def test_carry_forward_maps_through_replaces_and_leaves_new_criteria_empty(upgraded: Path) -> None:
    (upgraded / "assessments" / "north" / "2026-Q2.toml").unlink()
    session = Session(Workspace(upgraded), "north", "2026-Q2", "DCI Test", date(2026, 5, 1))
    assert session.acquire_lock()
    carried = session.carry_all()
    assert "IR7" in carried and "IR1" in carried  # IR2's rating and evidence arrive as IR7
    assert session.get("IR7").rating == "red" and session.get("IR7").carried
    assert "IN1" not in carried and "CC8" not in carried and "CH6" not in carried
    assert session.save()
    session.release()
    saved = (upgraded / "assessments" / "north" / "2026-Q2.toml").read_text()
    assert 'framework_version = "2024.2"' in saved
    assert "[criteria.IR7]" in saved and "[criteria.IR2]" not in saved


def test_a_finding_on_a_renamed_criterion_names_the_line_of_its_old_id(upgraded: Path, cli) -> None:
    path = upgraded / "assessments" / "north" / "2026-Q1.toml"
    text = old_file().replace(
        'evidence = "Children spoken to in 9 of 20."\n',
        'evidence = "Children spoken to in 9 of 20."\nas_of = 2025-01-10\n',
    )
    path.write_text(text)
    result = cli("validate", "--as-of", TODAY, cwd=upgraded)
    line = text.splitlines().index("as_of = 2025-01-10") + 1
    assert f"2026-Q1.toml:{line}: warning: IR7: evidence as of 2025-01-10 is stale" in result.stdout


# -- 2024.1 → 2024.2: criteria moved to force level, custody criteria only where there is a suite ----------


def file_2024_1(district: str, period: str = "2026-Q3") -> str:
    """A district's 2024.1 file: it was asked RP2, OM1 and PW10 (force level in 2024.2) and CC1."""
    return f"""\
schema = 1
framework = "ncpi"
framework_version = "2024.1"
district = "{district}"
period = "{period}"
status = "submitted"
assessor = "DCI Mid"
updated = 2026-09-20T10:00:00Z

[criteria.IR1]
rating = "amber"
evidence = "Dip sample of 20 incidents: 16 of 20 named each child."

[criteria.RP2]
rating = "green"
evidence = "CATS access for all response officers."

[criteria.OM1]
rating = "amber"
evidence = "Two overdue visits at the count."

[criteria.PW10]
rating = "green"
evidence = "19 of 20 notified before the next school day."

[criteria.CC1]
rating = "green"
evidence = "Necessity recorded in 20 of 20 custody records."
"""


def file_2024_2(district: str, period: str = "2026-Q4") -> str:
    return f"""\
schema = 1
framework = "ncpi"
framework_version = "2024.2"
district = "{district}"
period = "{period}"
status = "draft"
assessor = "DCI Mid"
updated = 2026-11-20T10:00:00Z

[criteria.IR1]
rating = "green"
evidence = "Dip sample of 20 incidents: 19 of 20 named each child."

[criteria.DA1]
rating = "amber"
evidence = "DASH completed with the children recorded in 16 of 20."
"""


@pytest.fixture
def mid(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "criteria").mkdir(parents=True)
    shutil.copyfile(REPO / "criteria" / "ncpi.yaml", root / "criteria" / "ncpi.yaml")
    (root / "selfassess.toml").write_text(SETTINGS)
    for district in ("north", "south"):
        folder = root / "assessments" / district
        folder.mkdir(parents=True)
        (folder / "2026-Q3.toml").write_text(file_2024_1(district))
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit_all(root, "2026-Q3 on 2024.1", "2026-09-30T12:00:00Z")
    (root / "assessments" / "south" / "2026-Q4.toml").write_text(file_2024_2("south"))
    commit_all(root, "2026-Q4 on 2024.2", "2026-11-20T12:00:00Z")
    return root


def test_a_2024_1_file_still_validates_though_criteria_moved(mid: Path, cli) -> None:
    # south has no custody suite: CC1 is custody-only in 2024.2, and RP2, OM1, PW10 are force level
    result = cli("validate", "--as-of", TODAY, cwd=mid)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "does not apply" not in result.stdout


def test_a_2024_2_district_file_may_not_hold_a_criterion_moved_to_force_level(mid: Path, cli) -> None:
    path = mid / "assessments" / "south" / "2026-Q4.toml"
    path.write_text(file_2024_2("south") + '\n[criteria.OM1]\nrating = "green"\nevidence = "x"\n')
    result = cli("validate", "--as-of", TODAY, cwd=mid)
    assert result.returncode == 1
    assert "OM1 does not apply to south (it needs: force-wide)" in result.stdout


def test_a_criterion_moved_to_force_level_shows_as_removed_in_a_districts_diff(mid: Path, cli) -> None:
    result = cli("diff", "south@2026-Q3", "south@2026-Q4", "--format", "json", cwd=mid)
    assert result.returncode == 0, result.stderr
    rows = {row["id"]: row["direction"] for row in json.loads(result.stdout)["criteria"]}
    assert rows["RP2"] == rows["OM1"] == rows["PW10"] == "removed"
    assert rows["CC1"] == "removed"  # south has no custody suite
    assert rows["IR1"] == "better"
    assert rows["DA1"] == "added"  # new in 2024.2


def test_history_and_carry_forward_cross_the_2024_2_upgrade(mid: Path, cli) -> None:
    history = json.loads(cli("history", "south", "--format", "json", cwd=mid).stdout)
    ratings = {row["id"]: row["ratings"] for row in history["criteria"]}
    assert ratings["IR1"] == {"2026-Q3": "amber", "2026-Q4": "green"}
    session = Session(Workspace(mid), "north", "2026-Q4", "DCI Test", date(2026, 11, 1))
    assert session.acquire_lock()
    carried = session.carry_all()
    # north has a custody suite: CC1 carries; the force-level criteria do not
    assert "IR1" in carried and "CC1" in carried
    assert not {"RP2", "OM1", "PW10"} & set(carried)
    assert session.save()
    session.release()
    saved = (mid / "assessments" / "north" / "2026-Q4.toml").read_text()
    assert 'framework_version = "2024.2"' in saved and "[criteria.RP2]" not in saved
