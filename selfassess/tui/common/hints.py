"""A line of key hints ("Enter: open · F1: help") that wraps only between hints, never inside one."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

SEPARATOR = " · "


def hint_lines(hints: Sequence[Content], width: int, separator: str = SEPARATOR) -> list[Content]:
    """``hints`` joined by ``separator`` in lines of at most ``width`` cells, broken only between hints;
    a line that goes on ends with the separator's mark (`` ·``). A hint wider than ``width`` has a line
    to itself (and wraps there: nothing else can be done)."""
    tail = separator.rstrip()
    lines: list[list[Content]] = []
    for hint in hints:
        if lines:
            line = lines[-1]
            taken = sum(h.cell_length for h in line) + len(separator) * len(line)
            if taken + hint.cell_length + len(tail) <= width:
                line.append(hint)
                continue
        lines.append([hint])
    return [
        Content.assemble(Content(separator).join(line), tail if n < len(lines) - 1 else "")
        for n, line in enumerate(lines)
    ]


class HintLine(Static):
    """Static text of ``hints`` laid out for the widget's width again whenever it changes."""

    def __init__(self, hints: Sequence[Content] = (), **kwargs: str) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.hints = list(hints)

    def show(self, hints: Sequence[Content]) -> None:
        self.hints = list(hints)
        self._lay_out()

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        width = self.content_region.width or self.app.size.width
        self.update(Content("\n").join(hint_lines(self.hints, width)))
