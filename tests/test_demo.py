"""The demo workspace: a believable history that validates, and `selfassess demo` under git."""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from selfassess.workspace import Workspace

from conftest import REPO, TODAY, run_cli


def test_demo_history_validates_without_errors(demo_workspace: Path) -> None:
    result = run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
    assert result.returncode == 0, result.stdout
    assert "personal data" not in result.stdout, "the demo must hold no personal data"


def test_demo_tells_a_story(demo_workspace: Path) -> None:
    workspace = Workspace(demo_workspace)
    assert len(workspace.districts) == 4
    for district in workspace.districts:
        assert len(workspace.periods(district)) >= 6, district
    doc = json.loads(run_cli("summary", "--format", "json", cwd=demo_workspace).stdout)
    statuses = set(doc["status"].values())
    assert {"draft", "reviewed", "submitted"} <= statuses
    worse = sum(
        1
        for c in doc["criteria"]
        for d in doc["districts"]
        if c["ratings"][d] not in (None, "n/a")
        and c["previous"][d] not in (None, "n/a")
        and workspace.framework.movement(c["previous"][d], c["ratings"][d]) == "worse"
    )
    assert worse >= 1, "one district is slipping"


def test_demo_command_makes_a_git_history(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    result = run_cli("demo", str(target), "--no-tui", "--as-of", TODAY)
    assert result.returncode == 0, result.stderr
    assert f"Demo workspace: {target}" in result.stdout
    log = subprocess.run(["git", "log", "--format=%s"], cwd=target, capture_output=True, text=True).stdout
    quarters = log.splitlines()
    assert len(quarters) >= 6 and quarters[-1].startswith("Assessments for ")
    status = subprocess.run(["git", "status", "--porcelain"], cwd=target, capture_output=True, text=True)
    assert status.stdout == "", "everything in the demo is committed"
    assert run_cli("validate", "--as-of", TODAY, cwd=target).returncode == 0


def test_demo_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = run_cli("demo", str(tmp_path), "--no-tui")
    assert result.returncode == 2
    assert "not empty" in result.stderr
    assert (tmp_path / "keep.txt").read_text() == "mine"


@pytest.mark.slow
def test_the_wheel_bundles_exactly_the_repository_demo(tmp_path: Path) -> None:
    """One source of truth: the installed copy is built from the repository root."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("selfassess-*.whl"))
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    bundled = unpacked / "selfassess" / "bundled"
    assert filecmp.cmp(bundled / "selfassess.toml", REPO / "selfassess.toml", shallow=False)
    for folder in ("criteria", "assessments"):
        ours = sorted(p.relative_to(REPO / folder) for p in (REPO / folder).rglob("*") if p.is_file())
        theirs = sorted(p.relative_to(bundled / folder) for p in (bundled / folder).rglob("*") if p.is_file())
        assert ours == theirs
        for name in ours:
            assert (REPO / folder / name).read_bytes() == (bundled / folder / name).read_bytes()
