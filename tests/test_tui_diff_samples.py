"""The compare screen shows a dip sample recorded, removed or changed (counts, period, source) in the
words of ``selfassess diff``, at 120×40 and 80×24."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.diff.screen import DiffScreen
from selfassess.workspace.workspace import Workspace

from conftest import run_cli, sample_framework_yaml

TODAY = date(2026, 11, 23)
HEAD = """\
schema = 2
framework = "test"
framework_version = "1.0"
district = "{district}"
period = "{period}"
status = "submitted"
assessor = "DCI A. Example"
updated = 2026-11-01T09:00:00Z
"""
SOURCE = "CATS dip sample, 20 cases chosen at random by the PPU DS"
#: (district, period) -> each criterion's rating and sample lines (None: no sample)
QUARTERS: dict[tuple[str, str], dict[str, tuple[str, str | None]]] = {
    ("north", "2026-Q3"): {
        "T1C1": ("amber", "size = 20\nmet = 14"),
        "T1C2": ("green", f'size = 30\nmet = 28\nfrom = 2026-04-01\nto = 2026-06-30\nsource = "{SOURCE}"'),
    },
    ("north", "2026-Q4"): {
        "T1C1": ("green", "size = 20\nmet = 18"),
        "T1C2": ("green", "size = 30\nmet = 28\nfrom = 2026-07-01\nto = 2026-09-30"),
    },
    ("south", "2026-Q3"): {"T1C1": ("amber", "size = 20\nmet = 15"), "T1C2": ("amber", None)},
    ("south", "2026-Q4"): {
        "T1C1": ("amber", None),
        "T1C2": ("amber", 'size = 25\nmet = 20\nfrom = 2026-07-01\nsource = "Custody records"'),
    },
}  # fmt: skip


@pytest.fixture
def root(make_workspace) -> Path:
    """Two districts, two quarters, whose samples differ in every way a sample can."""
    root = make_workspace(themes=1, per_theme=3)
    (root / "criteria" / "test.yaml").write_text(sample_framework_yaml(themes=1, per_theme=3))
    for (district, period), criteria in QUARTERS.items():
        text = HEAD.format(district=district, period=period)
        for criterion_id, (rating, sample) in criteria.items():
            text += f'\n[criteria.{criterion_id}]\nrating = "{rating}"\nevidence = "Dip sample."\n'
            if sample is not None:
                text += f"\n[criteria.{criterion_id}.sample]\n{sample}\n"
        path = root / "assessments" / district / f"{period}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def app(root: Path, district: str) -> SelfAssessApp:
    return SelfAssessApp(Workspace(root), TODAY, "ACC Test", "diff", district=district)


def shown(pilot) -> str:
    """What the terminal shows, one string per screen line (nothing scrolled out of view is in it)."""
    svg = pilot.app.export_screenshot()
    rows = re.findall(r'<text [^>]*y="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S)
    lines: dict[float, str] = {}
    for y, body in rows:
        lines[float(y)] = lines.get(float(y), "") + html.unescape(re.sub(r"<[^>]+>", "", body))
    return "\n".join(line.replace("\xa0", " ").rstrip() for _, line in sorted(lines.items()))


def facts(pilot, criterion_id: str) -> list[str]:
    screen = pilot.app.screen
    assert isinstance(screen, DiffScreen)
    panel = screen.query_one(f"#diff-change-{criterion_id} .diff-facts", Static)
    return str(panel.render()).splitlines()


def cli_lines(root: Path, district: str) -> list[str]:
    result = run_cli("diff", f"{district}@2026-Q3", f"{district}@2026-Q4", cwd=root)
    assert result.returncode == 0, result.stderr
    section = result.stdout.split("Dip samples\n")[1].split("\n\n")[0]
    return [line.strip() for line in section.splitlines()]


EXPECTED = {
    "north": {
        "T1C1": ["sample 14/20 (70%) → 18/20 (90%)"],
        "T1C2": [
            "sample 28/30 (93%) → 28/30 (93%)",
            "cases: 2026-04-01 to 2026-06-30 → 2026-07-01 to 2026-09-30",
            f'source: "{SOURCE}" → none',
        ],
    },
    "south": {
        "T1C1": ["sample 15/20 (75%) → none"],
        "T1C2": [
            "sample none → 20/25 (80%)",
            "cases: not given → from 2026-07-01",
            'source: none → "Custody records"',
        ],
    },
}  # fmt: skip


@pytest.mark.parametrize("district", ["north", "south"])
def test_the_cli_and_the_screen_share_one_wording(root: Path, district: str) -> None:
    """The CLI's lines, criterion id first, are the ones the screen shows under the criterion."""
    expected = EXPECTED[district]
    assert cli_lines(root, district) == [
        line if index else f"{cid} {line}"
        for cid, lines in expected.items()
        for index, line in enumerate(lines)
    ]


def test_the_json_names_sample_for_a_change_of_period_or_source_alone(root: Path) -> None:
    result = run_cli("diff", "north@2026-Q3", "north@2026-Q4", "--format", "json", cwd=root)
    t1c2 = next(c for c in json.loads(result.stdout)["criteria"] if c["id"] == "T1C2")
    assert t1c2["changed"] == ["sample"] and t1c2["direction"] == "same"
    assert t1c2["sample"] == [
        {"size": 30, "met": 28, "from": "2026-04-01", "to": "2026-06-30", "source": SOURCE},
        {"size": 30, "met": 28, "from": "2026-07-01", "to": "2026-09-30"},
    ]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pytest.mark.parametrize("district", ["north", "south"])
async def test_the_screen_shows_each_sample_change(root: Path, district: str, size: tuple[int, int]) -> None:
    async with app(root, district).run_test(size=size) as pilot:
        await pilot.pause()
        for criterion_id, lines in EXPECTED[district].items():
            assert facts(pilot, criterion_id) == lines
            panel = pilot.app.screen.query_one(f"#diff-change-{criterion_id}")
            pilot.app.screen.query_one("#diff-body").scroll_to_widget(panel, top=True, animate=False)
            await pilot.pause()
            screen = shown(pilot)
            for line in lines:  # on screen, whole: the panel wraps a long source rather than cutting it
                assert " ".join(line.split()) in " ".join(screen.split()), (line, screen)


async def test_a_criterion_whose_only_change_is_its_sample_has_a_panel(root: Path) -> None:
    async with app(root, "north").run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, DiffScreen) and screen.result is not None
        (only_sample,) = [c for c in screen.result.criteria if c.id == "T1C2"]
        assert only_sample.changed == ("sample",) and only_sample.direction == "same"
        heading = str(screen.query_one("#diff-evidence-heading", Static).render())
        assert heading == "Evidence, notes, samples and actions (2 criteria)"


def test_snapshot_at_80_by_24(root: Path, snap_compare) -> None:
    """South: a sample removed, another recorded with its period and source, 80x24."""

    async def to_samples(pilot) -> None:
        await pilot.pause()
        body = pilot.app.screen.query_one("#diff-body")
        body.scroll_to_widget(pilot.app.screen.query_one("#diff-change-T1C1"), top=True, animate=False)
        await pilot.pause()

    assert snap_compare(app(root, "south"), terminal_size=(80, 24), run_before=to_samples)


HOSTILE = "\\u001b[31mCATS[/] audit \\u202eevil"  # TOML escapes: ESC, a markup closer, a bidi override


async def test_a_hostile_source_is_shown_gated_on_the_screen_and_by_the_cli(root: Path) -> None:
    """A source holding an escape sequence, ``[/]`` and a bidi override (a file that came by git pull):
    the compare screen shows it with its control characters visible, never as markup, and so does
    ``selfassess diff``; neither crashes."""
    path = root / "assessments" / "north" / "2026-Q4.toml"
    text = path.read_text().replace("to = 2026-09-30", f'to = 2026-09-30\nsource = "{HOSTILE}"', 1)
    path.write_text(text)
    gated = '"␛[31mCATS[/] audit <RLO>evil"'
    async with app(root, "north").run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lines = facts(pilot, "T1C2")
        assert lines[-1] == f'source: "{SOURCE}" → {gated}', lines
    result = run_cli("diff", "north@2026-Q3", "north@2026-Q4", cwd=root)
    assert result.returncode == 0, result.stderr
    assert gated in result.stdout and "\x1b[31m" not in result.stdout and "\u202e" not in result.stdout
