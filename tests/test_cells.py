"""Width on a terminal in cells: wide characters (CJK, emoji) take two, so columns stay aligned."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len as rich_cell_len

from selfassess.core.cells import cell_len, fit, pad

from builders import write
from conftest import run_cli

SAMPLES = [
    "north",
    "警察の評価",  # CJK: two cells each
    "児童保護 🚓 inspection",
    "🧒🏽👮‍♀️ evidence",  # emoji, a skin-tone modifier, a zero-width joiner sequence
    "café ñ e\u0301",  # a combining accent: no cell of its own
    "한국어 텍스트",
    "ｆｕｌｌｗｉｄｔｈ",
    "😀🎉🔴🟢",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_cell_len_agrees_with_rich(text: str) -> None:
    assert cell_len(text) == rich_cell_len(text)


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("cells", [1, 2, 3, 5, 8, 13])
def test_fit_never_overflows_and_pad_fills_exactly(text: str, cells: int) -> None:
    assert rich_cell_len(fit(text, cells)) <= cells
    assert rich_cell_len(pad(text, cells)) == cells
    if rich_cell_len(text) <= cells:
        assert fit(text, cells) == text


def test_the_summary_keeps_columns_aligned_with_cjk_and_emoji(make_workspace, tmp_path: Path) -> None:
    """Wide criterion titles and grade labels: every row of the matrix is as wide as the status row."""
    root = make_workspace(
        grades=[("red", "赤🔴", "red"), ("amber", "黄色", "#ffbf00"), ("green", "緑🟢", "green")]
    )
    criteria = root / "criteria" / "test.yaml"
    text = criteria.read_text("utf-8").replace("Criterion 1.1", "児童保護の証拠 🚓 とても長い題名です 👮")
    criteria.write_text(text.replace("Criterion 1.2", "🧒 evidence 証拠"), "utf-8")
    write(
        root,
        "north",
        "2026-Q4",
        {"T1C1": {"rating": "red", "evidence": "証拠 🚓"}, "T1C2": {"rating": "green"}},
    )
    write(root, "south", "2026-Q4", {"T1C1": {"rating": "amber", "evidence": "🧒🏽"}})
    result = run_cli("summary", "2026-Q4", "--as-of", "2026-11-23", cwd=root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    (status,) = [line for line in lines if line.startswith("status")]
    rows = [line for line in lines if line.startswith("  T")]
    assert any("児童" in row for row in rows) and any("赤" in row for row in rows)
    assert {rich_cell_len(row) for row in rows} == {rich_cell_len(status)}
