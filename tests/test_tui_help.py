"""Each screen's help lists every key the screen binds, in the words of the binding: F1 then read."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.common.help import HelpModal
from selfassess.tui.common.keys import key_name
from selfassess.workspace.workspace import Workspace

SCREENS: list[tuple[str, dict[str, Any]]] = [
    ("home", {}),
    ("fill", {"district": "sheffield", "period": "2026-Q4"}),
    ("review", {"period": "2026-Q4"}),
    ("diff", {"district": "sheffield"}),
]


@pytest.mark.parametrize(("screen", "arguments"), SCREENS, ids=[name for name, _ in SCREENS])
async def test_help_names_every_binding_of_its_screen(
    demo_workspace: Path, screen: str, arguments: dict[str, Any]
) -> None:
    app = SelfAssessApp(Workspace(demo_workspace), date(2026, 11, 23), "DCI Test", screen, **arguments)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = pilot.app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpModal)
        rows = [line for line in pilot.app.screen.markdown.splitlines() if line.startswith("| `")]
        for binding in shown.BINDINGS:
            keys = [f"`{key_name(key)}`" for key in binding.key.split(",")]
            ending = f"| {binding.tooltip} |" if binding.tooltip else "|"
            assert any(all(k in row for k in keys) and row.endswith(ending) for row in rows), (binding, rows)


def test_keys_kept_for_the_next_features_are_not_taken() -> None:
    """#28 item 11: review p (proportions), u (unsupported), i (recommendations); fill d (dip sample)."""
    from selfassess.tui.common.keys import RESERVED, keys_taken_against_reservation
    from selfassess.tui.fill.screen import FillScreen
    from selfassess.tui.review.screen import ReviewScreen

    assert RESERVED == {
        "fill": {"d": "sample"},
        "review": {"p": "proportion", "u": "unsupported", "i": "recommendation"},
    }
    assert keys_taken_against_reservation("fill", FillScreen.BINDINGS) == []
    assert keys_taken_against_reservation("review", ReviewScreen.BINDINGS) == []
    assert keys_taken_against_reservation("review", [*ReviewScreen.BINDINGS, Binding("p", "print", "Print")])
