"""What a new user reads (#13, item 17): the README stands alone, help gives the forms, and the report's
key points say what happened."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO, run_cli


def test_the_readme_links_nothing_outside_the_repository() -> None:
    text = (REPO / "README.md").read_text("utf-8")
    assert "SPEC.md" not in text and "../" not in text
    for target in re.findall(r"\]\(([^)#]+)\)", text):
        assert target.startswith(("http://", "https://")) or (REPO / target).exists(), target


def test_the_readme_leads_to_the_file_formats_and_the_guide_carries_them() -> None:
    """The README is the front page (#32): under 200 lines, each role's tour, links into the guide;
    the file formats (the default quarter, action ids) moved to the guide's reference."""
    readme = (REPO / "README.md").read_text("utf-8")
    assert len(readme.splitlines()) < 200
    assert "(docs/reference/file-formats.md)" in readme
    for role in ("For a district lead", "For the ACC", "For force IT", "For framework authors"):
        assert f"## {role}" in readme
    formats = (REPO / "docs" / "reference" / "file-formats.md").read_text("utf-8")
    assert "### File formats" in formats and "(#file-formats)" in formats
    assert "--future" in formats and "<criterion>-a<n>" in formats


def test_summary_format_has_help_text() -> None:
    shown = run_cli("summary", "--help")
    after = shown.stdout.split("--format [text|json]")[1].split("--workspace")[0]
    assert "text:" in after and "json:" in after, after


def test_report_key_points_do_not_count_a_drafts_unrated_criteria_as_no_longer_rated(
    demo_workspace: Path,
) -> None:
    """The demo's Sheffield draft has 15 criteria not yet rated; none of them was "no longer rated"."""
    report = run_cli("report", "--format", "md", "--as-of", "2026-11-23", cwd=demo_workspace)
    assert report.returncode == 0, report.stderr
    line = next(line for line in report.stdout.splitlines() if line.startswith("- Since 2026-Q3"))
    assert line.endswith("0 no longer rated."), line
