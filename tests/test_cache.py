"""The results cache: warm runs give the same answers, and any change to an input is seen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import TODAY, run_cli


def _entries() -> list[Path]:
    return [p for p in (Path(os.environ["XDG_CACHE_HOME"]) / "selfassess").rglob("*") if p.is_file()]


def test_warm_validate_gives_the_same_findings(demo_workspace: Path) -> None:
    cold = run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
    assert _entries(), "the first run fills the cache"
    warm = run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)


def test_a_changed_file_settings_or_date_is_never_served_stale(demo_workspace: Path) -> None:
    path = demo_workspace / "assessments" / "doncaster" / "2026-Q4.toml"
    run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
    path.write_text(path.read_text().replace('rating = "red"', 'rating = "purple"', 1))
    changed = run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
    assert "rating 'purple'" in changed.stdout and changed.returncode == 1
    later = run_cli("validate", "--as-of", "2030-01-01", cwd=demo_workspace)
    assert later.stdout.count("overdue") > changed.stdout.count("overdue")
    settings = demo_workspace / "selfassess.toml"
    settings.write_text(settings.read_text().replace("stale_after_days = 183", "stale_after_days = 5000"))
    relaxed = run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
    assert "is stale" not in relaxed.stdout and "is stale" in changed.stdout


def test_a_corrupt_cache_is_a_miss_not_an_error(demo_workspace: Path) -> None:
    first = run_cli("summary", "--format", "json", cwd=demo_workspace)
    for entry in _entries():
        entry.write_bytes(b"not a pickle")
    again = run_cli("summary", "--format", "json", cwd=demo_workspace)
    assert again.returncode == first.returncode and again.stdout == first.stdout
    assert again.stderr == first.stderr


def test_a_framework_is_parsed_once_and_an_edit_is_seen(demo_workspace: Path, monkeypatch) -> None:
    from selfassess.formats import criteria
    from selfassess.workspace import workspace
    from selfassess.workspace.workspace import Workspace

    assert workspace._CACHED_FRAMEWORK_BYTES == criteria.MAX_FRAMEWORK_BYTES
    parsed: list[str] = []
    real = criteria.parse_framework
    monkeypatch.setattr(
        criteria, "parse_framework", lambda data, path: parsed.append(str(path)) or real(data, path)
    )
    first = Workspace(demo_workspace).framework
    again = Workspace(demo_workspace).framework
    assert len(parsed) == 1 and again == first, "the second workspace reads the cached framework"
    path = demo_workspace / "criteria" / "ncpi.yaml"
    path.write_text(path.read_text("utf-8").replace("version:", "# edited\nversion:", 1), "utf-8")
    edited = Workspace(demo_workspace).framework
    assert len(parsed) == 2 and edited.sha256 != first.sha256


def test_a_broken_framework_is_reported_every_time(demo_workspace: Path) -> None:
    path = demo_workspace / "criteria" / "ncpi.yaml"
    path.write_text(path.read_text("utf-8") + "\n  - : [\n", "utf-8")
    for _ in range(2):
        result = run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
        assert result.returncode == 1
        errors = [line for line in result.stdout.splitlines() if ": error: " in line]
        assert len(errors) == 1 and errors[0].startswith("criteria/ncpi.yaml:"), result.stdout


def test_validate_keeps_its_findings_in_one_cache_entry(demo_workspace: Path) -> None:
    files = list((demo_workspace / "assessments").rglob("*.toml"))
    cold = run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
    entries = _entries()
    assert len(files) > 10 and len(entries) < 5, "one entry for the findings, not one per file"
    # a partial run adds to the entry; the whole run after it gives the same answers
    one = demo_workspace / "assessments" / "doncaster" / "2026-Q4.toml"
    run_cli("validate", "--as-of", TODAY, str(one), cwd=demo_workspace)
    warm = run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    assert len(_entries()) == len(entries)


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symbolic links")
def test_findings_name_a_linked_file_by_where_it_leads(demo_workspace: Path, tmp_path: Path) -> None:
    path = demo_workspace / "assessments" / "doncaster" / "2026-Q4.toml"
    outside = tmp_path / "elsewhere.toml"
    outside.write_text(path.read_text("utf-8").replace('rating = "red"', 'rating = "purple"', 1), "utf-8")
    path.unlink()
    path.symlink_to(outside)
    for _ in range(2):  # cold, then warm
        result = run_cli("validate", "--as-of", TODAY, cwd=demo_workspace)
        errors = [line for line in result.stdout.splitlines() if "rating 'purple'" in line]
        assert len(errors) == 1 and errors[0].startswith(f"{path}:"), result.stdout
