"""Dip samples in every output: summary (text and JSON), diff, history, reports, import."""

from __future__ import annotations

import json
from pathlib import Path

from selfassess.logic.samples import wilson

from conftest import TODAY, run_cli


def test_summary_json_gives_each_districts_sample_and_the_pooled_figure(demo_workspace: Path) -> None:
    result = run_cli("summary", "2026-Q4", "--format", "json", "--as-of", TODAY, cwd=demo_workspace)
    assert result.returncode == 0, result.stderr
    criteria = {c["id"]: c for c in json.loads(result.stdout)["criteria"]}
    om1 = criteria["OM1"]
    doncaster = om1["samples"]["doncaster"]
    low, high = wilson(23, 30)
    assert doncaster == {
        "size": 30, "met": 23, "proportion": round(23 / 30, 4), "ci": [round(low, 4), round(high, 4)],
        "supports": "red",
    }  # fmt: skip
    assert om1["ratings"]["doncaster"] == "amber"
    sizes = [s["size"] for s in om1["samples"].values()]
    mets = [s["met"] for s in om1["samples"].values()]
    assert om1["pooled"]["size"] == sum(sizes) and om1["pooled"]["met"] == sum(mets)
    assert "samples" not in criteria["LD1"]  # the framework evidences LD1 by no sample
    assert "force" not in om1["samples"]  # no sample recorded there


def test_summary_text_lists_samples_and_marks_ratings_they_do_not_support(demo_workspace: Path) -> None:
    result = run_cli("summary", "2026-Q4", "--as-of", TODAY, cwd=demo_workspace)
    assert result.returncode == 0, result.stderr
    section = result.stdout.split("Dip samples\n")[1]
    om1 = next(line for line in section.splitlines() if line.startswith("  OM1 "))
    assert "23/30 76%!" in om1  # doncaster: Amber, but 23 of 30 supports Red
    assert "pooled" in om1 and "supports" in om1
    assert "! the rating is better than the sample supports" in section
