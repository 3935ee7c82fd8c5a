"""Driver commands in git config that git runs on any platform: forward slashes, quoted, git by full path."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from selfassess.core.errors import GitError
from selfassess.git import run as gitrun
from selfassess.git import util as gitutil
from selfassess.workspace.gitcommand import command_line, shell_path

from builders import workspace, write
from conftest import SELFASSESS, commit_all

WINDOWS_SCRIPT = r"C:\Users\Jo O'Neil\AppData\Roaming\Python\Scripts\selfassess.exe"


def _as_sh_reads(command: str) -> list[str]:
    """The words ``sh`` makes of ``command``: what git runs (Git for Windows runs the same sh)."""
    done = subprocess.run(
        ["sh", "-c", f"printf '%s\\n' {command}"], capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def test_a_windows_path_is_written_with_forward_slashes_and_quoted() -> None:
    command = command_line(WINDOWS_SCRIPT, "textconv", windows=True)
    assert command.startswith("'C:/Users/Jo O'") and "\\" not in command
    assert _as_sh_reads(command) == [
        "C:/Users/Jo O'Neil/AppData/Roaming/Python/Scripts/selfassess.exe",
        "textconv",
    ]


def test_merge_driver_placeholders_stay_for_git_to_fill() -> None:
    command = command_line(WINDOWS_SCRIPT, "merge", "%O", "%A", "%B", windows=True)
    assert command.endswith(" merge %O %A %B")


def test_a_posix_path_keeps_its_backslashes() -> None:
    assert _as_sh_reads(shell_path("/opt/odd\\name/selfassess", windows=False)) == [
        "/opt/odd\\name/selfassess"
    ]


@pytest.fixture
def repo(tmp_path: Path, git_repo) -> Path:
    root = workspace(tmp_path / "ws")
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "green", "evidence": "Dip sample of 20.\n"}})
    return git_repo(root)


def test_git_runs_a_driver_installed_under_a_folder_with_a_space_and_a_quote(
    repo: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "Program Files" / "Jo O'Neil's tools"
    folder.mkdir(parents=True)
    script = folder / "selfassess"
    shutil.copy2(SELFASSESS, script)  # the console script; its first line names the venv's python
    result = subprocess.run([str(script), "git-setup"], cwd=repo, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    commit_all(repo, "git-setup")
    write(repo, "north", "2026-Q4", {"T1C1": {"rating": "amber", "evidence": "Dip sample of 25.\n"}})
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env["PATH"] = "/usr/bin:/bin"  # git finds the driver by the path written in its config alone
    diff = subprocess.run(["git", "diff"], cwd=repo, capture_output=True, text=True, env=env, check=True)
    assert "-  Rating: green\n+  Rating: amber\n" in diff.stdout


def test_git_is_run_by_its_full_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert Path(gitrun.git_executable()).is_absolute()
    monkeypatch.setenv("PATH", str(tmp_path))  # no git anywhere on PATH
    with pytest.raises(GitError, match="git is not installed"):
        gitutil.git(tmp_path, "status")
