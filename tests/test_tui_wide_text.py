"""Wide characters (CJK, emoji) in criterion titles, grade labels, evidence and actions stay in their
columns: the heat map and the actions list cut and pad by terminal cells, not characters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.cells import cell_len
from test_review_support import write_assessment
from textual.content import Content
from textual.widgets import DataTable, Static

from selfassess.core.cells import fit
from selfassess.core.model import Action
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.review.actions import ActionsScreen
from selfassess.tui.review.heatmap import HeatMap
from selfassess.workspace.workspace import Workspace

from conftest import TODAY

LONG_TITLE = "児童保護の証拠 🚓 とても長い題名です、さらに長い説明が続きます 👮‍♀️"
OWNER = "警部 👮🏽 山田"
ACTION = "研修を行う 🚓 全ての担当者に 🧒"


def wide_workspace(make_workspace) -> Path:
    root = make_workspace(
        grades=[("red", "赤🔴", "red"), ("amber", "黄色", "#ffbf00"), ("green", "緑🟢", "green")]
    )
    criteria = root / "criteria" / "test.yaml"
    criteria.write_text(criteria.read_text("utf-8").replace("Criterion 1.1", LONG_TITLE), "utf-8")
    action = Action("T1C1-a1", ACTION, owner=OWNER, due=date(2026, 12, 1))
    write_assessment(
        root, "north", "2026-Q4", {"T1C1": "red", "T1C2": "green"},
        evidence={"T1C1": "証拠 🚓🧒🏽 の説明"}, actions={"T1C1": [action]},
    )  # fmt: skip
    write_assessment(root, "south", "2026-Q4", {"T1C1": "amber"}, evidence={"T1C1": "🇬🇧 証拠"})
    return root


async def test_wide_text_stays_in_the_heat_map_and_actions_columns(make_workspace) -> None:
    root = wide_workspace(make_workspace)
    app = SelfAssessApp(Workspace(root), date.fromisoformat(TODAY), "ACC Test", "review", period="2026-Q4")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one(HeatMap)
        widths = [column.width for column in table.ordered_columns]
        titles = []
        for index in range(table.row_count):
            for width, cell in zip(widths, table.get_row_at(index), strict=True):
                for line in cell.content.plain.split("\n"):
                    assert cell_len(line) <= width, (line, width)
            titles.append(table.get_row_at(index)[0].content.plain)
        (cut,) = [t for t in titles if "児童保護" in t]
        assert cut.endswith("…") and cell_len(cut) in (widths[0], widths[0] - 1)

        await pilot.press("a")
        actions = pilot.app.screen
        assert isinstance(actions, ActionsScreen)
        listed = actions.query_one(DataTable)
        columns = {str(c.key.value): c.width for c in listed.ordered_columns}
        row = dict(zip(columns, (c.plain for c in listed.get_row_at(0)), strict=True))
        for name, width in columns.items():
            assert cell_len(row[name]) <= width, (name, row[name], width)
        # at 80 columns the owner and the action are cut by cells, marked with …, never mid-character
        assert row["owner"] == fit(OWNER, columns["owner"])
        assert row["action"] == fit(ACTION, columns["action"])
        assert columns["action"] > columns["owner"]
        detail = actions.query_one("#actions-detail", Static).visual
        assert isinstance(detail, Content) and ACTION in detail.plain and OWNER in detail.plain  # in full
