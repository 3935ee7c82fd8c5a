"""How a grade looks: the framework's own colour, always together with its number and label.

Nothing here names a grade: colours come from the scale, and every grade is also shown in words,
so no information is carried by colour alone. Marks and ink come from :mod:`selfassess.core.vocabulary`.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from selfassess.core.model import Grade, Response
from selfassess.core.vocabulary import CellKind, ink
from selfassess.tui.common.text import literal, visible


def colours(grade: Grade) -> tuple[str, str] | None:
    """(background, readable foreground) as ``#rrggbb`` for the grade, or None when it has no colour."""
    return ink(grade.colour)


def chip_style(grade: Grade) -> str:
    """A style with the grade's colour as background (bold, readable text), or just bold."""
    pair = colours(grade)
    return f"bold {pair[1]} on {pair[0]}" if pair else "bold reverse"


def swatch_style(grade: Grade) -> str:
    pair = colours(grade)
    return pair[0] if pair else ""


def grade_name(grade: Grade) -> str:
    """``2 Amber``: the key that chooses it and its label, through the text gate (footer, help)."""
    return f"{grade.number} {visible(grade.label)}"


def rating_content(grade: Grade | None, response: Response) -> Content:
    """The rating of a response in words, on its colour: ``2 Amber``, ``n/a`` or ``not rated``."""
    if response.not_applicable is not None:
        return literal(f" {CellKind.NOT_APPLICABLE.mark} ", "bold reverse")
    if grade is None:
        return literal(CellKind.NOT_RATED.words, "italic")
    return literal(f" {grade_name(grade)} ", chip_style(grade))


def tree_mark(grade: Grade | None, response: Response) -> Text:
    """The one-cell mark before a criterion in the tree: its grade's colour, or n/a, or not rated."""
    if response.not_applicable is not None:
        return Text(CellKind.NOT_APPLICABLE.compact)
    if grade is None:
        return Text(CellKind.NOT_RATED.compact)
    return Text("■", style=swatch_style(grade))


def tree_rating(grade: Grade | None, response: Response) -> Text:
    """The rating in words for the criteria tree, as Rich text (the Tree widget needs it)."""
    if response.not_applicable is not None:
        return Text(CellKind.NOT_APPLICABLE.mark)
    if grade is None:
        return Text(CellKind.NOT_RATED.mark)
    return Text(f"{grade.number}·{literal(grade.label).plain}", style=swatch_style(grade))
