"""A dip sample merges as one field: through the merge driver in a real git merge, into the conflict
file, back with "take theirs", and through textconv."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from selfassess import open_workspace
from selfassess.core.merge import merge_assessments
from selfassess.core.model import Assessment, Response, Sample
from selfassess.formats import conflictfile
from selfassess.formats.store import save_assessment

from conftest import commit_all, run_cli, sample_framework_yaml

PATH = "assessments/north/2026-Q4.toml"
FILE = """\
schema = 2
framework = "test"
framework_version = "1.0"
district = "north"
period = "2026-Q4"
status = "draft"
assessor = "DCI A. Example"
updated = 2026-11-01T10:00:00Z

[criteria.T1C1]
rating = "amber"
evidence = "Dip sample of incidents."

[criteria.T1C1.sample]
size = 20
met = 14
"""


def _side(size: int, met: int) -> Assessment:
    return Assessment(
        framework="test", district="north", period="2026-Q4", updated=datetime(2026, 11, 1, tzinfo=UTC),
        responses={"T1C1": Response(rating="amber", sample=Sample(size=size, met=met))},
    )  # fmt: skip


def test_one_side_changing_the_sample_takes_it_whole() -> None:
    result = merge_assessments(_side(20, 14), _side(20, 14), _side(30, 25))
    assert result.merged.responses["T1C1"].sample == Sample(size=30, met=25)
    assert result.conflicts == {}


def test_size_on_one_side_and_met_on_the_other_is_a_conflict_never_met_over_size() -> None:
    # merged field by field this would give size 10 with met 19
    result = merge_assessments(_side(20, 14), _side(10, 9), _side(20, 19))
    assert result.conflicts == {"T1C1": ["sample"]}
    assert result.merged.responses["T1C1"].sample == Sample(size=10, met=9)


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)


def _set_sample(root: Path, size: int, met: int, when: str) -> None:
    workspace = open_workspace(root)
    assessment = workspace.load("north", "2026-Q4")
    assessment.response("T1C1").sample = Sample(size=size, met=met)
    now = datetime.fromisoformat(when).replace(tzinfo=UTC)
    save_assessment(assessment, workspace.assessment_path("north", "2026-Q4"), workspace.framework, now=now)


@pytest.fixture
def repo(make_workspace, git_repo) -> Path:
    root = make_workspace()
    (root / "criteria" / "test.yaml").write_text(sample_framework_yaml())
    (root / PATH).parent.mkdir(parents=True)
    (root / PATH).write_text(FILE)
    git_repo(root)
    assert run_cli("git-setup", cwd=root).returncode == 0
    commit_all(root, "git-setup")
    git(root, "branch", "-M", "main")
    git(root, "branch", "deputy")
    return root


def test_merge_driver_conflict_file_and_take_theirs(repo: Path) -> None:
    git(repo, "switch", "-q", "deputy")
    _set_sample(repo, 20, 19, "2026-11-21T10:00:00")
    commit_all(repo, "deputy")
    git(repo, "switch", "-q", "main")
    _set_sample(repo, 10, 9, "2026-11-20T10:00:00")
    commit_all(repo, "lead")
    result = subprocess.run(
        ["git", "merge", "-q", "--no-edit", "deputy"], cwd=repo, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "[criteria.T1C1.sample]\nsize = 10\nmet = 9\n" in (repo / PATH).read_text()
    conflict_path = repo / "assessments/north/2026-Q4.conflict.toml"
    text = conflict_path.read_text()
    assert "[criteria.T1C1.sample]\nsize = 20\nmet = 19\n" in text and 'T1C1 = ["sample"]' in text
    validate = run_cli("validate", cwd=repo)
    assert validate.returncode == 1 and "both sides changed T1C1 (sample)" in validate.stdout
    conflict = conflictfile.read(conflict_path)
    workspace = open_workspace(repo)
    mine = workspace.load("north", "2026-Q4")
    conflictfile.take_theirs(mine, conflict, "T1C1")
    assert mine.responses["T1C1"].sample == Sample(size=20, met=19)


def test_textconv_reads_the_sample(repo: Path) -> None:
    result = run_cli("textconv", PATH, cwd=repo)
    assert result.returncode == 0
    assert "  Sample: 14 of 20 met the standard (70%)\n" in result.stdout
    (repo / "odd.toml").write_text(FILE.replace("met = 14", 'met = "lots"'))
    odd = run_cli("textconv", "odd.toml", cwd=repo)
    assert odd.returncode == 0 and "  Sample: lots of 20 met the standard\n" in odd.stdout


def test_not_applicable_on_one_side_and_a_sample_on_the_other_never_gives_both() -> None:
    base = _side(20, 14)
    base.responses["T1C1"].sample = None
    ours = _side(20, 14)
    ours.responses["T1C1"] = Response(not_applicable="No such incidents here")
    theirs = _side(20, 14)  # recorded a sample
    result = merge_assessments(base, ours, theirs)
    merged = result.merged.responses["T1C1"]
    assert (merged.not_applicable, merged.sample) == ("No such incidents here", None)
    assert "sample" in result.conflicts["T1C1"]
