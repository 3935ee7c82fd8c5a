"""Numbers and periods at the ends of their range (issue 26 item 4): every number from a file is
range-checked before it is converted, ages in the future read "just now", and 1000-Q1 — the first
quarter there is — has no previous quarter, never an error."""

from __future__ import annotations

import json
import re
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

from selfassess.formats.lock import LockInfo

from conftest import run_cli


def one_line_error(result, *codes: int) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in codes, result.stdout + result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


@pytest.mark.parametrize(
    "weight",
    ["1" + "0" * 400, "0x" + "f" * 2000, "9" * 5000, "1e400", ".inf", ".nan", "101", "0", "-1", "true"],
    ids=[
        "1e400-digits",
        "hex-2000",
        "5000-digits",
        "float-overflow",
        "inf",
        "nan",
        "101",
        "0",
        "neg",
        "bool",
    ],
)
def test_a_weight_out_of_range_is_one_line_naming_its_line(make_workspace, weight: str) -> None:
    root = make_workspace()
    framework = root / "criteria" / "test.yaml"
    text = framework.read_text()
    framework.write_text(
        text.replace(
            "        title: Criterion 1.2\n", f"        title: Criterion 1.2\n        weight: {weight}\n"
        )
    )
    line = framework.read_text().splitlines().index(f"        weight: {weight}") + 1
    stderr = one_line_error(run_cli("summary", "--as-of", "2026-11-23", cwd=root), 1, 2)
    assert f"test.yaml:{line}" in stderr and "weight must be a number above 0 and at most 100" in stderr
    assert len(stderr) < 300  # the numeral is cut short, not echoed in full
    result = run_cli("validate", "--as-of", "2026-11-23", cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"test.yaml:{line}" in result.stdout and "weight must be a number above 0" in result.stdout


@pytest.mark.parametrize("weight", ["100", "0.5", "1"])
def test_weights_in_range_are_read(make_workspace, weight: str) -> None:
    root = make_workspace()
    framework = root / "criteria" / "test.yaml"
    text = framework.read_text()
    framework.write_text(
        text.replace(
            "        title: Criterion 1.2\n", f"        title: Criterion 1.2\n        weight: {weight}\n"
        )
    )
    assert run_cli("validate", "--as-of", "2026-11-23", cwd=root).returncode == 0


@pytest.mark.parametrize("days", ["1" + "0" * 30, "0", "36526", "0x7fffffffffffffff"])
def test_stale_after_days_out_of_range_is_one_line(make_workspace, days: str) -> None:
    root = make_workspace(extra_settings=f"stale_after_days = {days}\n")
    stderr = one_line_error(run_cli("summary", "--as-of", "2026-11-23", cwd=root), 1, 2)
    assert (
        "selfassess.toml" in stderr
        and "stale_after_days must be a whole number of days from 1 to 36525" in stderr
    )


def test_a_lock_started_in_the_future_reads_just_now() -> None:
    later = datetime(9999, 1, 1, tzinfo=UTC)
    info = LockInfo("DCI Other", socket.gethostname(), 12, later)
    assert info.describe(datetime(2026, 11, 23, tzinfo=UTC)) == "DCI Other on " + socket.gethostname() + (
        " (process 12), open just now"
    )


ASSESSMENT = """\
schema = 1
framework = "test"
framework_version = "1.0"
district = "north"
period = "{period}"
status = "draft"
assessor = "DCI A"
updated = 1000-03-01T10:00:00Z

[criteria.T1C1]
rating = "amber"
"""


@pytest.mark.parametrize("quarters", ["calendar", "financial"])
def test_the_first_quarter_has_no_previous_one(make_workspace, quarters: str) -> None:
    root = make_workspace(extra_settings=f'quarters = "{quarters}"\n')
    folder = root / "assessments" / "north"
    folder.mkdir(parents=True)
    (folder / "1000-Q1.toml").write_text(ASSESSMENT.format(period="1000-Q1"))
    (folder / "1000-Q2.toml").write_text(ASSESSMENT.format(period="1000-Q2"))
    as_of = ("--as-of", "1000-02-01")  # early in year 1000: financial year 999, before the first quarter
    result = run_cli("summary", "1000-Q1", "--format", "json", *as_of, cwd=root)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["period"] == "1000-Q1" and summary["previous"] is None
    assert all(m in ("", None) for c in summary["criteria"] for m in c.get("movement", {}).values())
    for command in (("summary", "1000-Q1"), ("summary",), ("report", "1000-Q1", "--format", "md")):
        result = run_cli(*command, *as_of, cwd=root)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        assert "999-Q4" not in result.stdout + result.stderr
    result = run_cli("summary", "1000-Q2", "--format", "json", *as_of, cwd=root)
    assert json.loads(result.stdout)["previous"] == "1000-Q1"
    history = run_cli("history", "north", *as_of, cwd=root)
    assert history.returncode == 0 and "1000-Q1" in history.stdout, history.stderr


@pytest.mark.parametrize("schema", ["9" * 5000, "-" + "9" * 5000, "9" * 4000, "-" + "9" * 4000])
def test_a_schema_too_long_to_print_is_one_line(demo_workspace: Path, schema: str) -> None:
    """Found by the conflict-file fuzz run: an integer of over 4,300 digits made tomllib raise a bare
    ValueError, and one just under it could not be put in the message."""
    path = demo_workspace / "assessments" / "rotherham" / "2026-Q4.toml"
    text = re.sub(r"^schema = [0-9]+$", f"schema = {schema}", path.read_text(), count=1, flags=re.M)
    assert schema in text
    path.write_text(text)
    result = run_cli(
        "validate", "assessments/rotherham/2026-Q4.toml", "--as-of", "2026-12-01", cwd=demo_workspace
    )
    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr
    assert "2026-Q4.toml:1: error:" in result.stdout and len(result.stdout) < 500
