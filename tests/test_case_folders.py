"""A folder under assessments/ that differs from a listed district only by case is refused.

Windows and macOS take ``Rotherham`` and ``rotherham`` as one folder; git and Linux take them as two.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import TODAY, run_cli


def _rename(root: Path, district: str, to: str) -> Path:
    folder = root / "assessments" / district
    target = folder.with_name(to)
    folder.rename(target)
    return target


def test_validate_names_the_folder_and_the_district(demo_workspace: Path) -> None:
    _rename(demo_workspace, "rotherham", "Rotherham")
    result = run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
    assert result.returncode == 1
    line = next(x for x in result.stdout.splitlines() + result.stderr.splitlines() if "Rotherham" in x)
    assert "assessments/Rotherham" in line
    assert "differs from district 'rotherham' only by case" in line


def test_a_twin_beside_the_real_folder_is_refused_too(demo_workspace: Path) -> None:
    shutil.copytree(
        demo_workspace / "assessments" / "rotherham", demo_workspace / "assessments" / "ROTHERHAM"
    )
    result = run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
    assert result.returncode == 1
    assert "'ROTHERHAM' differs from district 'rotherham' only by case" in result.stdout + result.stderr


def test_commands_on_that_district_refuse_in_one_line(demo_workspace: Path) -> None:
    _rename(demo_workspace, "sheffield", "Sheffield")
    for args in (["submit", "sheffield", "2026-Q4"], ["history", "sheffield"]):
        result = run_cli(*args, "--as-of", TODAY, cwd=demo_workspace)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert "assessments/Sheffield: folder 'Sheffield' differs from district 'sheffield'" in result.stderr
    assert not (demo_workspace / "assessments" / "sheffield").exists()


def test_a_folder_for_an_unlisted_district_is_still_reported_as_unlisted(demo_workspace: Path) -> None:
    (demo_workspace / "assessments" / "leeds").mkdir()
    result = run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
    assert "which is not listed" in result.stdout + result.stderr
