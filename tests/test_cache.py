"""The results cache: warm runs give the same answers, and any change to an input is seen."""

from __future__ import annotations

import os
from pathlib import Path

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
