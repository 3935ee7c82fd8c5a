"""The rating bar: one chip per grade of the framework's scale (worst first), clickable, then the state.

Chips flow onto as many lines as the width needs, so a long scale (``2 Requires improvement``) is never
cut off at 80 columns.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from selfassess.core.model import Framework, Grade, Response
from selfassess.tui.common.grades import chip_style, grade_name, swatch_style
from selfassess.tui.common.text import literal


def chip(grade: Grade, chosen: bool) -> Content:
    """``■ 1 Red`` (the chosen one on the grade's colour, with a tick); a click rates with it."""
    if chosen:
        content = literal(f" ✓ {grade_name(grade)} ", chip_style(grade))
    else:
        content = Content.assemble(
            literal(" "), literal("■", swatch_style(grade)), literal(f" {grade_name(grade)} ")
        )
    return content.stylize(f"@click=screen.rate({grade.number})")


def flow(pieces: list[Content], width: int) -> list[Content]:
    """``pieces`` on lines of at most ``width`` cells, a space between them, never split."""
    lines: list[Content] = []
    line = Content("")
    for piece in pieces:
        if line and line.cell_length + 1 + piece.cell_length > width:
            lines.append(line)
            line = piece
        else:
            line = line + " " + piece if line else piece
    return [*lines, line]


class RatingBar(Widget):
    """The scale as chips, then the rating's state in words (not rated, carried, not applicable)."""

    def __init__(self, framework: Framework, **kwargs: str) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.framework = framework
        self.response = Response()
        self.carried_from = ""

    def show(self, response: Response, carried_from: str = "") -> None:
        self.response = response
        self.carried_from = carried_from
        self.refresh(layout=True)

    def state(self) -> Content:
        response = self.response
        if response.not_applicable is not None:
            return Content.assemble(literal("Not applicable: ", "bold"), literal(response.not_applicable))
        if response.carried:
            return literal(f"↻ carried from {self.carried_from}: confirm (y) or edit", "italic")
        if response.rating is None:
            return literal("not rated", "italic")
        return Content("")

    def lines(self, width: int) -> list[Content]:
        chosen = self.response.rating if self.response.not_applicable is None else None
        pieces = [chip(g, g.id == chosen) for g in self.framework.scale]
        width = max(width, 10)
        state = self.state()
        if state.cell_length > width:  # a long not-applicable reason: wrapped, never cut off
            return [*flow(pieces, width), *state.wrap(width)]
        return flow([*pieces, state] if state else pieces, width)

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))
