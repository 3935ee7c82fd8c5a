"""`selfassess history`: grades per period from the files, last change of the current file from git."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from builders import workspace, write
from conftest import commit_all, run_cli


def _short(root: Path, revision: str = "HEAD") -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", revision], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture
def district(tmp_path: Path) -> Path:
    """north: 2026-Q3 and 2026-Q4 on disk, no git yet."""
    root = workspace(tmp_path / "ws")
    write(root, "north", "2026-Q3", {"OLD1": {"rating": "red"}, "T1C2": {"rating": "green"}})
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "amber"}, "T1C2": {"rating": "green"}})
    return root


@pytest.fixture
def committed(district: Path) -> tuple[Path, str]:
    """Three commits: Q4 made amber, then T1C1 raised to green (+01:00), then evidence only."""
    subprocess.run(["git", "init", "-q"], cwd=district, check=True)
    commit_all(district, "first", date="2026-01-05T10:00:00+00:00")
    write(district, "north", "2026-Q4", {"T1C1": {"rating": "green"}, "T1C2": {"rating": "green"}})
    commit_all(district, "T1C1 green", date="2026-02-11T11:02:00+01:00")
    raised = _short(district)
    write(
        district,
        "north",
        "2026-Q4",
        {"T1C1": {"rating": "green", "evidence": "More."}, "T1C2": {"rating": "green"}},
    )
    commit_all(district, "evidence", date="2026-03-01T09:00:00+00:00")
    return district, raised


def test_json_has_grades_per_period_and_the_commit_of_the_last_change(committed: tuple[Path, str]) -> None:
    root, raised = committed
    result = run_cli("history", "north", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["district"] == "north" and data["periods"] == ["2026-Q3", "2026-Q4"]
    first, second = data["criteria"][:2]
    assert first == {
        "id": "T1C1",
        "title": "Criterion 1.1",
        "ratings": {"2026-Q3": "red", "2026-Q4": "green"},
        "last_change": {"commit": raised, "date": "2026-02-11T10:02:00Z", "rating": ["amber", "green"]},
    }
    first_commit = _short(root, "HEAD~2")  # rated green from the district's first file on
    assert second["id"] == "T1C2"
    assert second["last_change"] == {
        "commit": first_commit,
        "date": "2026-01-05T10:00:00Z",
        "rating": [None, "green"],
    }
    ids = [c["id"] for c in data["criteria"]]
    assert "T2C3" not in ids  # applies only to districts with custody
    assert set(data) == {"district", "periods", "criteria"}


def test_text_table_shows_labels_and_last_change(committed: tuple[Path, str]) -> None:
    root, raised = committed
    result = run_cli("history", "north", cwd=root)
    assert result.returncode == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith("T1C1"))
    assert "Red" in row and "Green" in row and f"2026-02-11 {raised} Amber → Green" in row
    assert result.stderr == ""


def test_uncommitted_rating_is_not_a_commit(committed: tuple[Path, str]) -> None:
    root, _ = committed
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "red"}, "T1C2": {"rating": "green"}})
    data = json.loads(run_cli("history", "north", "--criterion", "T1C1", "--format", "json", cwd=root).stdout)
    assert data["criteria"][0]["last_change"] is None
    assert "not committed yet" in run_cli("history", "north", "--criterion", "T1C1", cwd=root).stdout


def test_criterion_option_follows_renames_and_refuses_unknown_ids(committed: tuple[Path, str]) -> None:
    root, _ = committed
    data = json.loads(run_cli("history", "north", "--criterion", "OLD1", "--format", "json", cwd=root).stdout)
    assert [c["id"] for c in data["criteria"]] == ["T1C1"]
    bad = run_cli("history", "north", "--criterion", "NOPE", cwd=root)
    assert bad.returncode == 2 and "NOPE" in bad.stderr and "Traceback" not in bad.stderr


def test_outside_git_from_the_files_alone_and_says_so(district: Path) -> None:
    result = run_cli("history", "north", cwd=district)
    assert result.returncode == 0
    assert "not a git repository" in result.stderr
    assert "last change" not in result.stdout
    data = json.loads(run_cli("history", "north", "--format", "json", cwd=district).stdout)
    assert all(c["last_change"] is None for c in data["criteria"])


def test_a_file_that_cannot_be_read_is_named_and_the_rest_shown_with_exit_1(district: Path) -> None:
    (district / "assessments/north/2026-Q2.toml").write_text("not = [valid\n")
    result = run_cli("history", "north", cwd=district)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if "2026-Q2.toml" in line]
    assert len(problems) == 1 and "left out of the history" in problems[0]
    assert "2026-Q2" not in result.stdout and result.stdout.strip()


@pytest.mark.parametrize("name", ["nowhere", "Bad_Id"])
def test_unknown_or_malformed_district_exits_2(district: Path, name: str) -> None:
    result = run_cli("history", name, cwd=district)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_a_district_without_files(district: Path) -> None:
    result = run_cli("history", "south", "--format", "json", cwd=district)
    assert result.returncode == 0
    assert json.loads(result.stdout)["periods"] == []


def test_adding_a_periods_file_counts_when_its_rating_differs_from_the_period_before(tmp_path: Path) -> None:
    """One commit per quarter, each file never edited after: the last change is the quarter's commit
    whose file first gave the current rating, across quarters (#13)."""
    root = workspace(tmp_path / "ws")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    write(root, "north", "2026-Q2", {"T1C1": {"rating": "red"}, "T1C2": {"rating": "amber"}})
    commit_all(root, "Q2", date="2026-06-29T10:00:00+00:00")
    q2 = _short(root)
    write(root, "north", "2026-Q3", {"T1C1": {"rating": "amber"}, "T1C2": {"rating": "amber"}})
    commit_all(root, "Q3", date="2026-09-29T10:00:00+00:00")
    q3 = _short(root)
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "amber"}, "T1C2": {"rating": "amber"}})
    commit_all(root, "Q4", date="2026-12-29T10:00:00+00:00")
    data = json.loads(run_cli("history", "north", "--format", "json", cwd=root).stdout)
    changes = {c["id"]: c["last_change"] for c in data["criteria"]}
    assert changes["T1C1"] == {"commit": q3, "date": "2026-09-29T10:00:00Z", "rating": ["red", "amber"]}
    assert changes["T1C2"] == {"commit": q2, "date": "2026-06-29T10:00:00Z", "rating": [None, "amber"]}


def test_the_untouched_demo_has_a_last_change_for_every_criterion(tmp_path: Path) -> None:
    made = run_cli("demo", str(tmp_path / "demo"), "--no-tui")
    assert made.returncode == 0, made.stderr
    for district in ("barnsley", "sheffield"):
        data = json.loads(run_cli("history", district, "--format", "json", cwd=tmp_path / "demo").stdout)
        # every criterion rated in some quarter (sheffield's 2026-Q4 draft has not started the criteria new in
        # 2024.2: never rated, they have no last change)
        rated = [c for c in data["criteria"] if any(r not in (None, "n/a") for r in c["ratings"].values())]
        assert rated and all(c["last_change"] for c in rated), district
    text = run_cli("history", "barnsley", cwd=tmp_path / "demo").stdout
    row = next(line for line in text.splitlines() if line.startswith("IR3"))
    assert row.endswith("Amber → Green") and "2026-09-29" in row  # barnsley's IR3 went up in 2026-Q3


def test_one_criterion_shows_its_whole_title(tmp_path: Path) -> None:
    """#28 item 14: `history --criterion IR1` has room for the title, so it is not cut."""
    made = run_cli("demo", str(tmp_path / "demo"), "--no-tui")
    assert made.returncode == 0, made.stderr
    text = run_cli("history", "barnsley", "--criterion", "IR1", cwd=tmp_path / "demo").stdout
    assert "IR1 Officers recognise risk to children at incidents" in text.splitlines()
    assert "…" not in text
