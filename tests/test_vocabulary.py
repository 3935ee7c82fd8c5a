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


def test_each_mark_has_one_meaning_in_the_vocabulary_and_the_review_help() -> None:
    """#28 item 11: ✔ reviewed, ⚠ changed since review, ◆ verified, ⊘ not verified; no sign shared."""
    from selfassess.core.vocabulary import Mark, Status
    from selfassess.logic.signoff import NOT_VERIFIED_MARK, VERIFIED_MARK
    from selfassess.tui.review.help import review_help

    assert [m.value for m in Mark] == ["✔", "⚠", "◆", "⊘"]
    assert (Status.REVIEWED.mark, Status.CHANGED.mark) == (Mark.REVIEWED, Mark.CHANGED)
    assert (VERIFIED_MARK, NOT_VERIFIED_MARK) == (Mark.VERIFIED, Mark.NOT_VERIFIED)
    assert len({m.words for m in Mark}) == len(Mark)
    from selfassess.formats.criteria import parse_framework

    from conftest import framework_yaml

    text = review_help(parse_framework(framework_yaml().encode()), [])
    assert "`◆` after a district's name" in text and "`⊘` that it does not" in text
    assert "`✔` means reviewed and `⚠` changed since the review" in text
