"""The README's and the guide's dip-sample tour quote real output: recording Sheffield's RA2 sample in the
demo and rating it Green gives, word for word, the validate warning and the diff lines they show."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from selfassess import open_workspace
from selfassess.core.model import Sample
from selfassess.formats.store import save_assessment

from conftest import REPO, TODAY, run_cli

SOURCE = "CATS child concern records, August, 20 at random"


def _blocks(page: Path) -> list[str]:
    """Every fenced block of a Markdown page, as its lines joined."""
    return re.findall(r"```[a-z]*\n(.*?)```", page.read_text("utf-8"), re.S)


def test_the_tour_of_recording_a_sample_and_its_contradiction_is_real_output(demo_workspace: Path) -> None:
    workspace = open_workspace(demo_workspace)
    before = workspace.load("sheffield", "2026-Q4")
    assert before.responses["RA2"].sample is None and before.status == "draft"
    ra2 = before.response("RA2")
    ra2.sample = Sample(20, 15, date(2026, 8, 1), date(2026, 8, 31), SOURCE)  # what the form saves
    ra2.rating, ra2.carried = "green", False  # `3` rates it and confirms what was carried
    path = workspace.assessment_path("sheffield", "2026-Q4")
    old = path.read_text("utf-8")
    save_assessment(before, path, workspace.framework)
    (demo_workspace / "old.toml").write_text(old, "utf-8")

    validate = run_cli("validate", "assessments/sheffield/2026-Q4.toml", "--as-of", TODAY, cwd=demo_workspace)
    warning = next(line for line in validate.stdout.splitlines() if "RA2 is rated" in line)
    readme = REPO / "README.md"
    guide = REPO / "docs" / "lead" / "samples.md"
    for page in (readme, guide):
        assert any(warning in block.splitlines() for block in _blocks(page)), page
    assert "supports Amber" in warning

    diff = run_cli("diff", "old.toml", "assessments/sheffield/2026-Q4.toml", cwd=demo_workspace)
    section = "Dip samples\n" + diff.stdout.split("Dip samples\n")[1].split("\n\n")[0].rstrip("\n") + "\n"
    assert section in _blocks(guide)
    formats = REPO / "docs" / "reference" / "file-formats.md"
    assert section in _blocks(formats)


def test_the_summary_json_quoted_in_the_file_formats_is_the_demos(demo_workspace: Path) -> None:
    import json

    formats = REPO / "docs" / "reference" / "file-formats.md"
    (quoted,) = [json.loads(b) for b in _blocks(formats) if b.startswith('{"id": "RA2",\n "ratings"')]
    result = run_cli("summary", "2026-Q4", "--format", "json", "--as-of", TODAY, cwd=demo_workspace)
    ra2 = next(c for c in json.loads(result.stdout)["criteria"] if c["id"] == "RA2")
    assert {key: ra2[key] for key in quoted} == quoted
