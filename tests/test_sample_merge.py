"""A dip sample merges as one field: through the merge driver in a real git merge, into the conflict
file, back with "take theirs", and through textconv."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
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


FULL_OURS = Sample(10, 9, date(2026, 7, 1), date(2026, 9, 30), 'Custody records, "every" one read')
FULL_THEIRS = Sample(20, 19, date(2026, 10, 1), date(2026, 10, 31), "CATS dip sample — PPU DS")


def _save(root: Path, sample: Sample, when: str) -> None:
    workspace = open_workspace(root)
    assessment = workspace.load("north", "2026-Q4")
    assessment.response("T1C1").sample = sample
    now = datetime.fromisoformat(when).replace(tzinfo=UTC)
    save_assessment(assessment, workspace.assessment_path("north", "2026-Q4"), workspace.framework, now=now)


def test_a_change_of_the_cases_period_or_source_alone_is_taken_whole() -> None:
    base, ours, theirs = _side(20, 14), _side(20, 14), _side(20, 14)
    ours.responses["T1C1"].rating = "green"
    theirs.responses["T1C1"].sample = Sample(20, 14, date(2026, 7, 1), None, "Re-counted by the DS")
    result = merge_assessments(base, ours, theirs)
    assert result.conflicts == {}
    merged = result.merged.responses["T1C1"]
    assert (merged.rating, merged.sample) == (
        "green",
        Sample(20, 14, date(2026, 7, 1), None, "Re-counted by the DS"),
    )
    # the same counts from other cases on both sides, differently: a conflict, not a mixture
    ours.responses["T1C1"].sample = Sample(20, 14, source="Ours")
    result = merge_assessments(base, ours, theirs)
    assert result.conflicts == {"T1C1": ["sample"]}
    assert result.merged.responses["T1C1"].sample == Sample(20, 14, source="Ours")


def test_the_conflict_file_textconv_and_take_theirs_carry_from_to_and_source(repo: Path) -> None:
    git(repo, "switch", "-q", "deputy")
    _save(repo, FULL_THEIRS, "2026-11-21T10:00:00")
    commit_all(repo, "deputy")
    git(repo, "switch", "-q", "main")
    _save(repo, FULL_OURS, "2026-11-20T10:00:00")
    commit_all(repo, "lead")
    result = subprocess.run(
        ["git", "merge", "-q", "--no-edit", "deputy"], cwd=repo, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    ours_table = (
        "[criteria.T1C1.sample]\nsize = 10\nmet = 9\nfrom = 2026-07-01\nto = 2026-09-30\n"
        'source = "Custody records, \\"every\\" one read"\n'
    )
    theirs_table = (
        "[criteria.T1C1.sample]\nsize = 20\nmet = 19\nfrom = 2026-10-01\nto = 2026-10-31\n"
        'source = "CATS dip sample — PPU DS"\n'
    )
    assert ours_table in (repo / PATH).read_text()
    conflict_path = repo / "assessments/north/2026-Q4.conflict.toml"
    assert theirs_table in conflict_path.read_text() and 'T1C1 = ["sample"]' in conflict_path.read_text()
    shown = run_cli("textconv", str(conflict_path.relative_to(repo)), cwd=repo)
    assert shown.returncode == 0
    assert (
        "  Sample: 19 of 20 met the standard (95%)\n    cases from 2026-10-01 to 2026-10-31\n"
        "    source: CATS dip sample — PPU DS\n"
    ) in shown.stdout
    conflict = conflictfile.read(conflict_path)
    mine = open_workspace(repo).load("north", "2026-Q4")
    assert mine.responses["T1C1"].sample == FULL_OURS
    conflictfile.take_theirs(mine, conflict, "T1C1")
    assert mine.responses["T1C1"].sample == FULL_THEIRS


async def test_the_conflict_dialog_shows_both_samples_in_full_and_takes_the_other_whole(repo: Path) -> None:
    from textual.widgets import Static

    from selfassess.tui.app import SelfAssessApp
    from selfassess.tui.fill.conflict import ConflictModal
    from selfassess.workspace.workspace import Workspace

    git(repo, "switch", "-q", "deputy")
    _save(repo, FULL_THEIRS, "2026-11-21T10:00:00")
    commit_all(repo, "deputy")
    git(repo, "switch", "-q", "main")
    _save(repo, FULL_OURS, "2026-11-20T10:00:00")
    commit_all(repo, "lead")
    subprocess.run(["git", "merge", "-q", "--no-edit", "deputy"], cwd=repo, check=True, capture_output=True)
    app = SelfAssessApp(
        Workspace(repo), date(2026, 11, 23), "DCI Test", "fill", district="north", period="2026-Q4"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, ConflictModal) and modal.criteria == ["T1C1"]
        shown = [w.visual.plain for w in modal.query(Static) if hasattr(w.visual, "plain")]
        assert (
            'sample: 9/10 (90%), cases 2026-07-01 to 2026-09-30, source "Custody records, "every" one read"'
            in shown
        )
        assert (
            'sample: 19/20 (95%), cases 2026-10-01 to 2026-10-31, source "CATS dip sample — PPU DS"' in shown
        )
        await pilot.press("down", "enter", "tab", "enter")  # take the other side's, then Resolve
        for _ in range(3):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
    assert not (repo / "assessments/north/2026-Q4.conflict.toml").exists()
    assert open_workspace(repo).load("north", "2026-Q4").responses["T1C1"].sample == FULL_THEIRS


def test_textconv_gives_a_samples_period_and_source_and_says_which_end_is_missing(repo: Path) -> None:
    _save(repo, FULL_OURS, "2026-11-20T10:00:00")
    out = run_cli("textconv", PATH, cwd=repo).stdout
    assert (
        "  Sample: 9 of 10 met the standard (90%)\n    cases from 2026-07-01 to 2026-09-30\n"
        '    source: Custody records, "every" one read\n'
    ) in out
    _save(repo, Sample(10, 9, start=date(2026, 7, 1)), "2026-11-20T11:00:00")
    out = run_cli("textconv", PATH, cwd=repo).stdout
    assert "  Sample: 9 of 10 met the standard (90%)\n    cases from 2026-07-01 to ?\n" in out
    assert "source:" not in out


def test_the_changed_on_disk_dialog_summarises_a_sample_in_full(repo: Path) -> None:
    """Two versions that differ only in their sample's period or source must not look the same."""
    from selfassess.tui.fill.merge import summary

    framework = open_workspace(repo).framework
    shown = summary(framework, Response(rating="amber", sample=FULL_THEIRS)).plain
    assert 'Sample: 19/20 (95%), cases 2026-10-01 to 2026-10-31, source "CATS dip sample — PPU DS"' in shown
    assert summary(framework, Response(sample=Sample(20, 19))).plain.splitlines()[-1] == "Sample: 19/20 (95%)"
