"""The rating moves of a diff as a table, worst news first: criterion, what it was, what it is now."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import DataTable

from selfassess.core.cells import fit
from selfassess.core.model import NOT_APPLICABLE, Framework
from selfassess.core.vocabulary import DIRECTION_SIGNS, DIRECTION_WORDS, CellKind
from selfassess.logic.diff import CriterionChange, Diff
from selfassess.tui.common.grades import chip_style
from selfassess.tui.common.text import literal

COLUMNS = ("", "Criterion", "Was", "Now", "Move")
#: the narrowest the criterion column gets; the screen's padding, scrollbar and the table's cell padding
MIN_NAME_WIDTH = 16
SPARE = 6


def cell_content(framework: Framework, cell: str | None) -> Content:
    """A rating cell as a chip in the grade's colour, always with its label; n/a and not rated in words."""
    grade = framework.grade(cell)
    if grade is not None:
        return literal(f" {grade.label} ", chip_style(grade))
    if cell == NOT_APPLICABLE:
        return literal(CellKind.NOT_APPLICABLE.mark, "italic")
    return literal(cell or CellKind.NOT_RATED.words, "italic")


def criterion_name(change: CriterionChange, width: int = 60) -> str:
    name = f"{change.id} {change.title}".rstrip()
    if change.renamed_from:
        name += f" (was {change.renamed_from})"
    return fit(name, width)


class RatingMoves(DataTable[Content]):
    """One row per criterion whose rating or applicability moved; the row key is the criterion id."""

    def on_mount(self) -> None:
        self.cursor_type = "row"

    def show(self, diff: Diff | None) -> None:
        self.clear(columns=True)
        rows = [self._row(diff.framework, change) for change in diff.moves()] if diff else []
        others = sum(
            max([len(label), *(r[i].cell_length for r in rows)]) + 2 for i, label in enumerate(COLUMNS)
        )
        others -= max([len(COLUMNS[1]), *(r[1].cell_length for r in rows)]) + 2
        # every column in view at 80: the name column's own cell padding (2) counts too
        room = max(MIN_NAME_WIDTH, self.app.size.width - SPARE - others - 2)
        for row in rows:
            row[1] = row[1].truncate(room, ellipsis=True) if row[1].cell_length > room else row[1]
        for index, label in enumerate(COLUMNS):
            width = max([len(label), *(row[index].cell_length for row in rows)])
            self.add_column(label, width=width)
        for row, change in zip(rows, diff.moves() if diff else [], strict=True):
            self.add_row(*row, key=change.id)

    @staticmethod
    def _row(framework: Framework, change: CriterionChange) -> list[Content]:
        return [
            literal(DIRECTION_SIGNS.get(change.direction, "") or " ", "bold"),
            literal(criterion_name(change)),
            cell_content(framework, change.old.cell),
            cell_content(framework, change.new.cell),
            literal(DIRECTION_WORDS[change.direction]),
        ]
