"""One spelling of each symbol: the summary, the Markdown report and the fill tree agree (SPEC §6)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Tree

from selfassess.tui.app import SelfAssessApp
from selfassess.workspace.workspace import Workspace

from conftest import run_cli

#: the symbols the issue settled: each one's meaning, word for word
SETTLED = {"–": "not rated", "·": "no assessment", "n/a": "not applicable", "▲": "better", "▼": "worse"}


def test_summary_and_markdown_report_give_each_symbol_the_same_meaning(demo_workspace: Path) -> None:
    """Both legends name every settled symbol with the same words."""
    summary = run_cli("summary", "--as-of", "2026-11-23", cwd=demo_workspace)
    report = run_cli("report", "--format", "md", "--as-of", "2026-11-23", cwd=demo_workspace)
    assert summary.returncode == 0 and report.returncode == 0, summary.stderr + report.stderr
    summary_legend = summary.stdout.strip().splitlines()[-1]
    report_legend = next(line for line in report.stdout.splitlines() if "no longer rated (since" in line)
    for symbol, words in SETTLED.items():
        assert f"{symbol} {words}" in summary_legend
        assert f"{symbol} {words}" in report_legend.replace("\\", "")


class FillApp(SelfAssessApp):
    """The real app (conftest stops cursors blinking, so screens are deterministic)."""


async def test_fill_tree_marks_an_unrated_criterion_as_not_rated(demo_workspace: Path) -> None:
    """The tree used "·" (no assessment elsewhere) for a criterion not yet rated; now "–", as everywhere."""
    app = FillApp(
        Workspace(demo_workspace),
        date(2026, 11, 23),
        "DCI Test",
        "fill",
        district="sheffield",
        period="2026-Q4",
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        labels = [node.label.plain for node in pilot.app.screen.query_one(Tree).root.children[0].children]
        unrated = [label for label in labels if " – " in label]
        assert unrated, labels
        assert all(label.startswith("– ") for label in unrated), labels
        assert not any(label.startswith("· ") for label in labels), labels
