"""The merge driver through real `git merge`: criterion by criterion, field by field, actions by id."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from selfassess import open_workspace
from selfassess.core.model import Action
from selfassess.formats.store import save_assessment

from builders import write
from conftest import commit_all, run_cli

PATH = "assessments/north/2026-Q4.toml"
BASE = {
    "T1C1": {
        "rating": "amber",
        "evidence": "Dip sample.\n",
        "actions": [{"id": "T1C1-a1", "action": "Brief teams", "due": date(2027, 1, 31), "done": False}],
    },
    "T1C2": {"rating": "red", "evidence": "Audit.\n"},
}


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=check)


def edit(root: Path, change, when: str, assessor: str | None = None) -> None:
    workspace = open_workspace(root)
    assessment = workspace.load("north", "2026-Q4")
    change(assessment)
    if assessor:
        assessment.assessor = assessor
    now = datetime.fromisoformat(when).replace(tzinfo=UTC)
    save_assessment(assessment, workspace.assessment_path("north", "2026-Q4"), workspace.framework, now=now)


@pytest.fixture
def repo(make_workspace, git_repo) -> Path:
    root = make_workspace()
    write(root, "north", "2026-Q4", BASE)
    git_repo(root)
    assert run_cli("git-setup", cwd=root).returncode == 0
    commit_all(root, "git-setup")
    git(root, "branch", "-M", "main")
    git(root, "branch", "deputy")
    return root


def merge(root: Path, ours, theirs) -> subprocess.CompletedProcess[str]:
    """``ours`` edits on main, ``theirs`` on the deputy branch, then main merges the deputy branch."""
    git(root, "switch", "-q", "deputy")
    theirs()
    commit_all(root, "deputy")
    git(root, "switch", "-q", "main")
    ours()
    commit_all(root, "lead")
    return git(root, "merge", "-q", "--no-edit", "deputy", check=False)


def test_different_fields_of_one_criterion_merge(repo: Path) -> None:
    result = merge(
        repo,
        lambda: edit(repo, lambda a: setattr(a.response("T1C1"), "rating", "green"), "2026-11-20T10:00:00"),
        lambda: edit(repo, _evidence("Bigger sample.\n"), "2026-11-21T10:00:00", assessor="DCI Deputy"),
    )
    assert result.returncode == 0, result.stderr
    text = (repo / PATH).read_text()
    assert '[criteria.T1C1]\nrating = "green"\nevidence = """\nBigger sample.\n"""' in text
    assert 'assessor = "DCI Deputy"' in text and "updated = 2026-11-21T10:00:00Z" in text  # the later side
    assert not (repo / "assessments/north/2026-Q4.conflict.toml").exists()
    assert run_cli("validate", cwd=repo).returncode == 0


def _evidence(words: str):
    return lambda a: setattr(a.response("T1C1"), "evidence", words)


def _add_action(action_id: str, words: str):
    return lambda a: a.response("T1C1").actions.append(Action(id=action_id, action=words))


def _close_first(a) -> None:
    a.response("T1C1").actions[0].done = date(2026, 11, 20)


def test_actions_merge_by_id_and_a_clashing_new_id_is_renumbered(repo: Path) -> None:
    def deputy(a) -> None:
        _close_first(a)
        _add_action("T1C1-a2", "Deputy's action")(a)

    result = merge(
        repo,
        lambda: edit(repo, _add_action("T1C1-a2", "Lead's action"), "2026-11-20T10:00:00"),
        lambda: edit(repo, deputy, "2026-11-20T09:00:00"),
    )
    assert result.returncode == 0, result.stderr
    workspace = open_workspace(repo)
    actions = {a.id: (a.action, a.done) for a in workspace.load("north", "2026-Q4").response("T1C1").actions}
    assert actions == {
        "T1C1-a1": ("Brief teams", date(2026, 11, 20)),
        "T1C1-a2": ("Lead's action", False),
        "T1C1-a3": ("Deputy's action", False),
    }


def test_an_edit_merged_onto_a_submitted_side_returns_it_to_draft(repo: Path) -> None:
    result = merge(
        repo,
        lambda: edit(repo, lambda a: setattr(a, "status", "submitted"), "2026-11-20T10:00:00"),
        lambda: edit(
            repo, lambda a: setattr(a.response("T1C2"), "evidence", "More.\n"), "2026-11-19T10:00:00"
        ),
    )
    assert result.returncode == 0, result.stderr
    text = (repo / PATH).read_text()
    assert 'status = "draft"' in text and "More." in text


def test_same_field_changed_on_both_sides_gives_a_conflict_file_and_exit_0(repo: Path) -> None:
    result = merge(
        repo,
        lambda: edit(repo, lambda a: setattr(a.response("T1C2"), "rating", "green"), "2026-11-20T10:00:00"),
        lambda: edit(repo, lambda a: setattr(a.response("T1C2"), "rating", "amber"), "2026-11-20T11:00:00"),
    )
    assert result.returncode == 0, result.stderr  # the merge completes; git never sees a conflict
    assert '[criteria.T1C2]\nrating = "green"' in (repo / PATH).read_text()
    conflict = (repo / "assessments/north/2026-Q4.conflict.toml").read_text()
    assert '[criteria.T1C2]\nrating = "amber"' in conflict and 'T1C2 = ["rating"]' in conflict
    assert git(repo, "status", "--porcelain").stdout == ""  # git-ignored


def test_a_review_both_changed_keeps_ours_and_the_other_in_a_conflict_file(repo: Path) -> None:
    """No side is chosen by the date typed in ``reviewed``: ours stays, theirs is kept beside it."""
    review = repo / "assessments/north/2026-Q4.review.toml"

    def write_review(who: str, when: str):
        def run() -> None:
            review.write_text(
                f'schema = 1\nreviewer = "{who}"\nreviewed = {when}\nassessment_sha256 = "{"a" * 64}"\n'
            )

        return run

    git(repo, "switch", "-q", "deputy")
    write_review("ACC Early", "2026-12-01T09:00:00Z")()
    commit_all(repo, "first review")
    git(repo, "switch", "-q", "main")
    write_review("ACC Base", "2026-11-30T09:00:00Z")()
    commit_all(repo, "a review on main")
    result = merge(
        repo,
        write_review("ACC Mid", "2026-12-01T12:00:00Z"),
        write_review("ACC Late", "9999-12-30T00:00:00Z"),
    )
    assert result.returncode == 0, result.stderr
    assert 'reviewer = "ACC Mid"' in review.read_text()
    other = repo / "assessments/north/2026-Q4.review.conflict.toml"
    assert 'reviewer = "ACC Late"' in other.read_text()
    assert "both sides changed the review" in result.stderr
    assert git(repo, "status", "--porcelain").stdout == ""  # git-ignored


def test_an_unreadable_side_is_a_conflict_without_markers(repo: Path) -> None:
    def broken() -> None:
        (repo / PATH).write_text("schema = 1\nrating = [\n")

    result = merge(
        repo,
        lambda: edit(repo, lambda a: setattr(a.response("T1C2"), "rating", "green"), "2026-11-20T10:00:00"),
        broken,
    )
    assert result.returncode != 0
    assert "cannot merge" in result.stderr + result.stdout
    assert "<<<<<<<" not in (repo / PATH).read_text()
