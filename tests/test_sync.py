"""`selfassess sync` on real repositories: a bare remote and two clones, districts and deputies in turn."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from selfassess import open_workspace
from selfassess.formats.store import save_assessment

from builders import git, write
from conftest import commit_all, run_cli

DRAFT = {"T1C1": {"rating": "amber", "evidence": "Dip sample of 20.\n"}, "T1C2": {"rating": "red"}}


def edit(root: Path, district: str, period: str, change: Callable[..., None]) -> None:
    """Change an assessment as the tool does (load, change, canonical save)."""
    workspace = open_workspace(root)
    assessment = workspace.load(district, period)
    change(assessment)
    save_assessment(assessment, workspace.assessment_path(district, period), workspace.framework)


def sync(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("sync", *args, cwd=root)


@pytest.fixture
def remote(tmp_path: Path, make_workspace) -> Path:
    return make_remote(tmp_path, make_workspace)


def make_remote(tmp_path: Path, make_workspace) -> Path:
    """A bare remote holding a workspace with north's 2026-Q4 draft, pushed from a first clone."""
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    root = make_workspace(name="first")
    write(root, "north", "2026-Q4", DRAFT)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "initial")
    git(root, "remote", "add", "origin", str(bare))
    git(root, "push", "-q", "-u", "origin", "main")
    return bare


def clone(remote: Path, name: str) -> Path:
    target = remote.parent / name
    git(remote.parent, "clone", "-q", str(remote), str(target))
    return target


def remote_file(remote: Path, path: str) -> str:
    return git(remote, "show", f"main:{path}")


def test_a_sync_with_nothing_to_push_does_not_say_pushed(remote: Path) -> None:
    """#28 item 4: a fresh clone has nothing to push; "Pushed to origin/main." would be untrue."""
    lead = clone(remote, "lead")
    result = sync(lead)
    assert result.returncode == 0, result.stderr
    assert "Pushed" not in result.stdout
    assert "Nothing to push: origin/main already has every commit." in result.stdout


def test_a_started_assessment_counts_not_applicable_apart_from_rated(remote: Path) -> None:
    """#28 item 4: "started, 2 criteria rated" for two ratings and one n/a, which is not a rating."""
    lead = clone(remote, "lead")
    criteria = {"T1C1": {"rating": "green"}, "T1C2": {"rating": "red"}, "T1C3": {"not_applicable": "None"}}
    write(lead, "south", "2026-Q4", criteria)
    result = sync(lead)
    assert result.returncode == 0, result.stderr
    assert "south 2026-Q4: started, 2 criteria rated, 1 not applicable" in result.stdout
    assert "Pushed to origin/main." in result.stdout


def test_two_districts_sync_in_turn(remote: Path) -> None:
    north, south = clone(remote, "north"), clone(remote, "south")
    edit(north, "north", "2026-Q4", lambda a: setattr(a.response("T1C3"), "rating", "green"))
    first = sync(north)
    assert first.returncode == 0, first.stderr
    assert "Committed: north 2026-Q4: 1 rating changed" in first.stdout
    assert "Pushed to origin/main." in first.stdout
    write(south, "south", "2026-Q4", {"T1C1": {"rating": "green", "evidence": "Audit.\n"}})
    second = sync(south)
    assert second.returncode == 0, second.stderr
    assert "south 2026-Q4: started, 1 criterion rated" in second.stdout
    assert "Pulled 1 commit(s)" in second.stdout
    assert 'rating = "green"' in remote_file(remote, "assessments/south/2026-Q4.toml")
    assert "[criteria.T1C3]" in remote_file(remote, "assessments/north/2026-Q4.toml")
    assert git(remote, "log", "-3", "--format=%s").splitlines()[:2] == [
        "south 2026-Q4: started, 1 criterion rated",
        "north 2026-Q4: 1 rating changed",
    ]
    again = sync(south)
    assert again.returncode == 0 and "Nothing new to commit." in again.stdout


def test_lead_and_deputy_edit_different_criteria_of_one_file(remote: Path) -> None:
    lead, deputy = clone(remote, "lead"), clone(remote, "deputy")
    edit(lead, "north", "2026-Q4", lambda a: setattr(a.response("T1C1"), "rating", "green"))
    edit(deputy, "north", "2026-Q4", lambda a: setattr(a.response("T1C2"), "evidence", "Deputy's audit.\n"))
    assert sync(lead).returncode == 0
    result = sync(deputy)
    assert result.returncode == 0, result.stderr
    merged = remote_file(remote, "assessments/north/2026-Q4.toml")
    assert '[criteria.T1C1]\nrating = "green"' in merged
    assert "Deputy's audit." in merged
    assert "<<<<<<<" not in merged
    assert sync(lead).returncode == 0
    assert (lead / "assessments/north/2026-Q4.toml").read_text() == merged
    assert run_cli("validate", cwd=lead).returncode == 0


def _both_edit_evidence(remote: Path) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    lead, deputy = clone(remote, "lead"), clone(remote, "deputy")
    edit(lead, "north", "2026-Q4", lambda a: setattr(a.response("T1C1"), "evidence", "Lead's words.\n"))
    edit(deputy, "north", "2026-Q4", lambda a: setattr(a.response("T1C1"), "evidence", "Deputy's words.\n"))
    edit(deputy, "north", "2026-Q4", lambda a: setattr(a.response("T2C1"), "rating", "green"))
    assert sync(lead).returncode == 0
    return lead, deputy, sync(deputy)


def test_both_edit_the_same_evidence_keeps_one_side_and_a_conflict_file(remote: Path) -> None:
    _, deputy, result = _both_edit_evidence(remote)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "selfassess: not pushed: assessments/north/2026-Q4.conflict.toml: both sides changed the same "
        "fields; choose in 'selfassess fill north 2026-Q4', then sync again"
    ]
    text = (deputy / "assessments/north/2026-Q4.toml").read_text()
    assert "Lead's words." in text and "<<<<<<<" not in text
    assert '[criteria.T2C1]\nrating = "green"' in text  # the deputy's other edit merged cleanly
    conflict = (deputy / "assessments/north/2026-Q4.conflict.toml").read_text()
    assert "Deputy's words." in conflict and '[conflicts]\nT1C1 = ["evidence"]' in conflict
    assert git(deputy, "status", "--porcelain") == ""  # git-ignored, and no rebase left half done
    assert "Deputy's words." not in remote_file(remote, "assessments/north/2026-Q4.toml")
    validate = run_cli("validate", cwd=deputy)
    assert validate.returncode == 1
    assert (
        "assessments/north/2026-Q4.conflict.toml: error: unresolved merge conflict: both sides changed "
        "T1C1 (evidence); choose in 'selfassess fill north 2026-Q4'"
    ) in validate.stdout
    refused = sync(deputy)
    assert refused.returncode == 1 and "not pushed" in refused.stderr


def test_a_resolved_conflict_syncs(remote: Path) -> None:
    from selfassess.formats import conflictfile

    _, deputy, _ = _both_edit_evidence(remote)
    path = deputy / "assessments/north/2026-Q4.toml"
    conflict = conflictfile.read(conflictfile.conflict_path(path))
    edit(deputy, "north", "2026-Q4", lambda a: conflictfile.take_theirs(a, conflict, "T1C1"))
    conflict.path.unlink()
    result = sync(deputy)
    assert result.returncode == 0, result.stderr
    assert "Deputy's words." in remote_file(remote, "assessments/north/2026-Q4.toml")


def test_a_push_race_is_retried(remote: Path) -> None:
    lead, other = clone(remote, "lead"), clone(remote, "other")
    write(other, "south", "2026-Q4", {"T1C1": {"rating": "green"}})
    commit_all(other, "south pushed while lead was syncing")
    hook = lead / ".git" / "hooks" / "pre-push"
    # the first push finds that someone pushed between the lead's pull and push
    hook.write_text(
        f"#!/bin/sh\nif [ ! -e '{lead}/.git/raced' ]; then touch '{lead}/.git/raced'; "
        f"git -C '{other}' push -q origin main; fi\nexit 0\n"
    )
    hook.chmod(0o755)
    edit(lead, "north", "2026-Q4", lambda a: setattr(a.response("T1C3"), "rating", "green"))
    result = sync(lead)
    assert result.returncode == 0, result.stderr
    assert (lead / ".git" / "raced").exists()
    assert "Pulled 1 commit(s)" in result.stdout and "Pushed to origin/main." in result.stdout
    log = git(remote, "log", "--format=%s", "-2").splitlines()
    assert log == ["north 2026-Q4: 1 rating changed", "south pushed while lead was syncing"]


def test_without_a_remote_it_commits_only(make_workspace, git_repo) -> None:
    root = git_repo(make_workspace())
    write(root, "north", "2026-Q4", DRAFT)
    result = sync(root)
    assert result.returncode == 0, result.stderr
    assert "Committed: north 2026-Q4: started, 2 criteria rated" in result.stdout
    assert "no remote: nothing pushed" in result.stdout
    assert git(root, "status", "--porcelain") == ""


def test_a_workspace_in_a_folder_of_a_larger_repository(tmp_path: Path, make_workspace) -> None:
    outer = tmp_path / "ws"  # make_workspace builds here; the repository is its parent
    root = make_workspace()
    (tmp_path / "README.txt").write_text("other things\n")
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "initial")
    write(root, "north", "2026-Q4", DRAFT)
    (tmp_path / "README.txt").write_text("changed, not ours to commit\n")
    result = sync(outer)
    assert result.returncode == 0, result.stderr
    assert "north 2026-Q4: started, 2 criteria rated" in result.stdout
    assert git(tmp_path, "status", "--porcelain").strip() == "M README.txt"
    attributes = git(tmp_path, "check-attr", "diff", "merge", "--", "ws/assessments/north/2026-Q4.toml")
    assert "diff: selfassess" in attributes and "merge: selfassess" in attributes


def test_settings_and_frameworks_only_with_all(make_workspace, git_repo) -> None:
    root = git_repo(make_workspace())
    with (root / "selfassess.toml").open("a") as settings:
        settings.write("stale_after_days = 90\n")
    write(root, "north", "2026-Q4", DRAFT)
    assert sync(root).returncode == 0
    assert git(root, "status", "--porcelain").strip() == "M selfassess.toml"
    result = sync(root, "--all")
    assert result.returncode == 0 and "settings and frameworks: selfassess.toml" in result.stdout
    assert git(root, "status", "--porcelain") == ""


def test_not_a_repository_is_one_line(make_workspace) -> None:
    root = make_workspace()
    result = sync(root)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"selfassess: {root} is not a git repository: run 'git init' there (and 'git remote add origin "
        "URL' to share it), then sync again"
    ]


def test_a_remote_that_refuses_is_one_line_and_keeps_the_commit(make_workspace, git_repo, tmp_path) -> None:
    root = git_repo(make_workspace())
    git(root, "remote", "add", "origin", str(tmp_path / "no-such-remote.git"))
    write(root, "north", "2026-Q4", DRAFT)
    result = sync(root)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("selfassess: git ls-remote failed: ")
    assert "no-such-remote.git" in lines[0]
    assert git(root, "log", "-1", "--format=%s").strip() == "north 2026-Q4: started, 2 criteria rated"


def test_sync_registers_the_drivers_in_the_clone(remote: Path) -> None:
    lead = clone(remote, "lead")
    assert git(lead, "config", "--get", "merge.selfassess.driver", check=False) == ""
    result = sync(lead)
    assert result.returncode == 0 and "Registered" in result.stdout
    assert "merge-driver %O %A %B %P" in git(lead, "config", "--get", "merge.selfassess.driver")
    assert "merge=selfassess" in (lead / ".git" / "info" / "attributes").read_text()
    assert "Registered" not in sync(lead).stdout
