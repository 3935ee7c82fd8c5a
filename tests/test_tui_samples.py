"""Dip samples on the screens, driven with Pilot: the fill screen records a sample (``d``) or takes the
evidence's "k of n" (``D``) and the test reads the saved file; the review screen toggles proportions
(``p``), filters to ratings the sample does not support (``u``) and shows the sample in the drill-down."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input

from selfassess.core.model import Sample
from selfassess.formats.store import parse_assessment
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.fill.sample import SampleLine
from selfassess.tui.fill.sample_form import SampleForm
from selfassess.tui.fill.screen import FillScreen
from selfassess.tui.fill.submit import SubmitModal
from selfassess.workspace.workspace import Workspace

from conftest import sample_framework_yaml

TODAY = date(2026, 11, 23)


def _workspace(make_workspace) -> Path:
    root = make_workspace(themes=1, per_theme=3)
    (root / "criteria" / "test.yaml").write_text(sample_framework_yaml(themes=1, per_theme=3))
    return root


def _saved(root: Path):
    path = Workspace(root).assessment_path("north", "2026-Q4")
    return parse_assessment(path.read_bytes(), path)


async def _until(pilot, condition, tries: int = 60) -> None:
    """Wait for ``condition`` (autosave runs about half a second after the last change)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.1)
    raise AssertionError("the screen did not get there")


def _file_has(root: Path, check) -> bool:
    path = Workspace(root).assessment_path("north", "2026-Q4")
    if not path.exists():
        return False
    try:
        return bool(check(_saved(root)))
    except Exception:
        return False


def _line(pilot) -> str:
    return str(pilot.app.screen.query_one(SampleLine).render())


async def test_d_records_a_sample_and_the_line_shows_its_figures(make_workspace) -> None:
    root = _workspace(make_workspace)
    app = SelfAssessApp(Workspace(root), TODAY, "DCI Test", "fill", district="north", period="2026-Q4")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, FillScreen) and screen.current == "T1C1"
        assert "none recorded (d to record one)" in _line(pilot)
        await pilot.press("3", "d")  # rated Green, then the sample form
        form = pilot.app.screen
        assert isinstance(form, SampleForm)
        assert isinstance(form.focused, Input) and form.focused.id == "sample-size"
        await pilot.press(*"20", "tab", *"21", "enter")  # met over size: refused, the form stays
        assert pilot.app.screen is form
        assert "Met (21) cannot be more than the cases examined (20)." in str(
            form.query_one("#sample-error").render()
        )
        form.query_one("#sample-met", Input).value = "17"
        await pilot.press("enter")
        await _until(
            pilot, lambda: _file_has(root, lambda a: a.get("T1C1").sample == Sample(size=20, met=17))
        )
        text = Workspace(root).assessment_path("north", "2026-Q4").read_text()
        assert text.startswith("schema = 2\n") and "[criteria.T1C1.sample]\nsize = 20\nmet = 17\n" in text
        shown = _line(pilot)
        assert "Dip sample: 17 of 20, 85%, 95% CI 64–95%, supports Amber" in shown
        assert "20 cases cannot tell Amber from Green; about" in shown
        assert "⚠ T1C1 is rated Green but its sample (17 of 20, 85%, 95% CI 64–95%) supports Amber" in shown
        await pilot.press("ctrl+s")
        modal = pilot.app.screen
        assert isinstance(modal, SubmitModal)
        assert any("supports Amber" in w.message for w in modal.warnings)  # a warning, not a blocker
        assert not any("supports Amber" in b.message for b in modal.blockers)
        await pilot.press("escape")
        await pilot.press("d")  # emptied counts remove the sample
        form = pilot.app.screen
        form.query_one("#sample-size", Input).value = ""
        form.query_one("#sample-met", Input).value = ""
        await pilot.press("enter")
        await _until(pilot, lambda: _file_has(root, lambda a: a.get("T1C1").sample is None))
        assert Workspace(root).assessment_path("north", "2026-Q4").read_text().startswith("schema = 1\n")


async def test_D_takes_the_k_of_n_the_evidence_states(make_workspace) -> None:
    root = _workspace(make_workspace)
    app = SelfAssessApp(Workspace(root), TODAY, "DCI Test", "fill", district="north", period="2026-Q4")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", *"Dip sample: 14 of 20 incidents met the standard.", "escape")
        assert "The evidence says 14/20 (70%): D records it as the sample" in _line(pilot)
        await pilot.press("D")
        await _until(
            pilot, lambda: _file_has(root, lambda a: a.get("T1C1").sample == Sample(size=20, met=14))
        )
        assert "The evidence says" not in _line(pilot)  # taken: nothing left to offer
        await pilot.press("ctrl+n")  # T1C2 has a sample in the framework; T1C3 has none
        await pilot.press("ctrl+n")
        assert not pilot.app.screen.query_one(SampleLine).display
        await pilot.press("d")  # no sample for this criterion: nothing opens
        assert isinstance(pilot.app.screen, FillScreen)


async def test_at_80_by_24_the_sample_line_and_footer_fit(make_workspace) -> None:
    root = _workspace(make_workspace)
    app = SelfAssessApp(Workspace(root), TODAY, "DCI Test", "fill", district="north", period="2026-Q4")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = pilot.app.screen.query_one(SampleLine)
        assert line.display and line.region.height >= 1 and line.region.right <= 80


def _rows(pilot) -> list[str]:
    from selfassess.tui.review.heatmap import HeatMap

    return [
        str(key.value)
        for key in pilot.app.screen.query_one(HeatMap).rows
        if str(key.value).startswith("criterion:")
    ]


def _cell_text(pilot, criterion_id: str, district: str) -> str:
    from selfassess.tui.review.heatmap import HeatMap

    table = pilot.app.screen.query_one(HeatMap)
    return str(table.get_cell(f"criterion:{criterion_id}", district).content.plain)  # type: ignore[attr-defined]


async def test_review_u_filters_to_unsupported_ratings_and_p_shows_shares(demo_workspace: Path) -> None:
    from textual.widgets import Static

    from selfassess.tui.review.cell import CellModal
    from selfassess.tui.review.heatmap import HeatMap

    app = SelfAssessApp(Workspace(demo_workspace), TODAY, "ACC Test", "review", period="2026-Q4")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        everything = _rows(pilot)
        assert _cell_text(pilot, "RA2", "doncaster").strip() == "Amber"
        await pilot.press("u")
        assert _rows(pilot) == ["criterion:RA2", "criterion:DA1"]  # the deliberate ratings (2024.2 demo)
        top = pilot.app.screen.query_one("#review-top", Static).visual.plain
        assert "only ratings their dip sample does not support" in top
        await pilot.press("p")
        assert _cell_text(pilot, "RA2", "doncaster").strip() == "65%!"  # 13 of 20, rated Amber, supports Red
        assert _cell_text(pilot, "RA2", "barnsley").strip() == "100%"
        table = pilot.app.screen.query_one(HeatMap)
        table.go_to("RA2", "doncaster")
        await pilot.pause()
        detail = pilot.app.screen.query_one("#review-detail", Static).visual.plain
        assert "⚠ sample 13 of 20, 65%, 95% CI 43–82%, supports Red: the rating is better than that" in detail
        await pilot.press("enter")
        modal = pilot.app.screen
        assert isinstance(modal, CellModal)
        shown = modal.query_one(".review-sample", Static).visual.plain
        assert "Dip sample: 13 of 20, 65%, 95% CI 43–82%, supports Red" in shown
        assert "⚠ RA2 is rated Amber but its sample (13 of 20, 65%, 95% CI 43–82%) supports Red" in shown
        await pilot.press("escape", "p", "u")
        assert _rows(pilot) == everything
        assert _cell_text(pilot, "RA2", "doncaster").strip() == "Amber"
