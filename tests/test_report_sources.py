"""The HTML and Markdown reports list the sources each criterion names (`references`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from test_report_html import assert_self_contained

from conftest import REPO

SETTINGS = 'force = "Test Force"\nframework = "ncpi"\ndistricts = ["north"]\n'
TITLE = "National child protection inspection programme – assessment criteria (HMICFRS, 2024)"


def sourced_workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "criteria").mkdir(parents=True)
    shutil.copyfile(REPO / "criteria" / "ncpi.yaml", root / "criteria" / "ncpi.yaml")
    (root / "selfassess.toml").write_text(SETTINGS)
    return root


def test_the_html_report_lists_each_criterion_sources_without_linking_out(tmp_path: Path, cli) -> None:
    root = sourced_workspace(tmp_path)
    result = cli("report", "2026-Q4", "--format", "html", "--as-of", "2026-11-23", cwd=root)
    assert result.returncode == 0, result.stderr
    document = assert_self_contained(result.stdout)  # no link leaves the page, nothing is fetched
    text = "".join(document.text)
    assert "Sources of the criteria" in text
    assert TITLE in text and "1. Leadership" in text
    assert (
        "hmicfrs.justiceinspectorates.gov.uk/publication-html/national-child-protection-inspection-" in text
    )


def test_the_markdown_report_lists_each_criterion_sources(tmp_path: Path, cli) -> None:
    root = sourced_workspace(tmp_path)
    result = cli("report", "2026-Q4", "--format", "md", "--as-of", "2026-11-23", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "## Sources of the criteria" in result.stdout
    assert "- **LD1** Leaders know and meet the force's statutory safeguarding duties" in result.stdout
    assert (
        "<https://hmicfrs.justiceinspectorates.gov.uk/publication-html/"
        "national-child-protection-inspection-assessment-criteria/>" in result.stdout
    )


def test_a_framework_without_references_has_no_sources_section(make_workspace, cli) -> None:
    root = make_workspace()
    for fmt in ("html", "md"):
        result = cli("report", "2026-Q4", "--format", fmt, "--as-of", "2026-11-23", cwd=root)
        assert result.returncode == 0, result.stderr
        assert "Sources of the criteria" not in result.stdout
