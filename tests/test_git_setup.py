"""`selfassess git-setup`: the diff driver registered, idempotent, and plain git reading ratings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from builders import workspace, write
from conftest import commit_all, run_cli

ATTRIBUTES = "assessments/**/*.toml diff=selfassess merge=selfassess"


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=env, check=True)
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path, git_repo) -> Path:
    root = workspace(tmp_path / "ws")
    (root / ".gitattributes").write_text("*.toml text eol=lf")  # no final newline: must be kept intact
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "green", "evidence": "Dip sample of 20.\n"}})
    return git_repo(root)


def test_setup_is_idempotent_and_keeps_existing_attributes(repo: Path) -> None:
    for _ in range(2):
        result = run_cli("git-setup", cwd=repo)
        assert result.returncode == 0, result.stderr
    assert (repo / ".gitattributes").read_text() == f"*.toml text eol=lf\n{ATTRIBUTES}\n"
    textconv = _git(repo, "config", "--get-all", "diff.selfassess.textconv").strip()
    assert textconv.endswith("textconv") and len(textconv.splitlines()) == 1
    assert "already has" in result.stdout
    assert _git(repo, "config", "diff.selfassess.cachetextconv").strip() == "true"
    merge = _git(repo, "config", "merge.selfassess.driver").strip()
    assert merge.endswith("merge-driver %O %A %B %P")
    assert "assessments/*/*.conflict.toml" in (repo / ".gitignore").read_text()


def test_an_older_attributes_line_is_replaced_not_doubled(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.toml text eol=lf\nassessments/**/*.toml diff=selfassess\n")
    assert run_cli("git-setup", cwd=repo).returncode == 0
    assert (repo / ".gitattributes").read_text() == f"*.toml text eol=lf\n{ATTRIBUTES}\n"


def test_git_log_p_show_and_diff_read_as_ratings_and_evidence(repo: Path) -> None:
    assert run_cli("git-setup", cwd=repo).returncode == 0
    commit_all(repo, "git-setup")
    write(repo, "north", "2026-Q4", {"T1C1": {"rating": "amber", "evidence": "Dip sample of 25.\n"}})
    working = _git(repo, "diff")
    assert "-  Rating: green\n+  Rating: amber\n" in working
    commit_all(repo, "T1C1 down to amber")
    log = _git(repo, "log", "-p", "-1")
    assert "-  Rating: green\n+  Rating: amber\n" in log
    assert "-    Dip sample of 20.\n+    Dip sample of 25.\n" in log
    assert "[criteria" not in log  # the raw TOML is not what is shown
    show = _git(repo, "show", "HEAD")
    assert "+  Rating: amber" in show


def test_hunk_headers_name_the_criterion(repo: Path) -> None:
    run_cli("git-setup", cwd=repo)
    evidence = "".join(f"Line {n}.\n" for n in range(12))
    write(repo, "north", "2026-Q4", {"T1C1": {"rating": "green"}, "T1C2": {"evidence": evidence}})
    commit_all(repo, "long evidence")
    write(
        repo, "north", "2026-Q4", {"T1C1": {"rating": "green"}, "T1C2": {"evidence": evidence + "Line 12.\n"}}
    )
    hunks = [line for line in _git(repo, "diff").splitlines() if line.startswith("@@")]
    assert hunks and hunks[0].endswith("@@ T1C2")


def test_driver_found_without_path(repo: Path) -> None:
    """The driver is registered by absolute path, so git finds it even when PATH lacks the venv."""
    run_cli("git-setup", cwd=repo)
    command = _git(repo, "config", "diff.selfassess.textconv").strip()
    assert Path(command.rsplit(" ", 1)[0].strip("'")).is_absolute()


def test_global_writes_the_global_config(repo: Path) -> None:
    result = run_cli("git-setup", "--global", cwd=repo)
    assert result.returncode == 0, result.stderr
    global_config = Path(os.environ["GIT_CONFIG_GLOBAL"]).read_text()
    assert '[diff "selfassess"]' in global_config and "textconv" in global_config
    assert ATTRIBUTES in (repo / ".gitattributes").read_text()


def test_not_a_repository_without_global_exits_2(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws")
    result = run_cli("git-setup", cwd=root)
    assert result.returncode == 2
    assert "not a git repository" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (root / ".gitattributes").exists()
