"""`submit` commits the submitted file (only that file) in a git repository; `--no-commit` does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import git, write
from conftest import run_cli

COMPLETE = {
    f"T{t}C{n}": {"rating": "green", "evidence": f"Audit {t}.{n}.\n"} for t in (1, 2) for n in (1, 2, 3)
}


@pytest.fixture
def repo(make_workspace, git_repo) -> Path:
    root = git_repo(make_workspace())
    write(root, "north", "2026-Q4", COMPLETE)
    (root / "notes.txt").write_text("a staged file the lead did not mean to commit\n")
    git(root, "add", "notes.txt")
    return root


def test_submit_commits_only_the_submitted_file(repo: Path) -> None:
    result = run_cli("submit", "north", "2026-Q4", "--as-of", "2026-11-23", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "Committed: north 2026-Q4: submitted" in result.stdout
    assert git(repo, "log", "-1", "--format=%s%n%an").splitlines() == [
        "north 2026-Q4: submitted",
        "Test User",
    ]
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == ["assessments/north/2026-Q4.toml"]
    assert git(repo, "status", "--porcelain").splitlines() == ["A  notes.txt"]  # still staged, not committed
    assert 'status = "submitted"' in git(repo, "show", "HEAD:assessments/north/2026-Q4.toml")


def test_as_sets_the_name_in_the_file_not_the_git_identity(repo: Path) -> None:
    result = run_cli("submit", "north", "2026-Q4", "--as", "DCI Other", "--as-of", "2026-11-23", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert git(repo, "log", "-1", "--format=%an").strip() == "Test User"


def test_no_commit_leaves_the_file_uncommitted(repo: Path) -> None:
    result = run_cli("submit", "north", "2026-Q4", "--no-commit", "--as-of", "2026-11-23", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "Committed" not in result.stdout
    assert git(repo, "log", "-1", "--format=%s").strip() == "initial"


def test_outside_git_submit_says_nothing_about_commits(make_workspace) -> None:
    root = make_workspace()
    write(root, "north", "2026-Q4", COMPLETE)
    result = run_cli("submit", "north", "2026-Q4", "--as-of", "2026-11-23", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "ommit" not in result.stdout + result.stderr


def test_a_failed_commit_is_a_warning(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'error: commits are frozen today' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = run_cli("submit", "north", "2026-Q4", "--as-of", "2026-11-23", cwd=repo)
    assert result.returncode == 0
    assert "north 2026-Q4 submitted." in result.stdout
    assert result.stderr.splitlines() == [
        "warning: not committed: git commit failed: commits are frozen today"
    ]


def test_an_unresolved_conflict_blocks_submit(repo: Path) -> None:
    (repo / "assessments/north/2026-Q4.conflict.toml").write_text("not read\n")
    result = run_cli("submit", "north", "2026-Q4", "--as-of", "2026-11-23", cwd=repo)
    assert result.returncode == 1
    assert "unresolved merge conflict" in result.stdout


def test_submit_registers_the_merge_driver_in_the_clone(repo: Path) -> None:
    run_cli("submit", "north", "2026-Q4", "--no-commit", "--as-of", "2026-11-23", cwd=repo)
    assert git(repo, "config", "merge.selfassess.driver").strip().endswith("merge-driver %O %A %B %P")
