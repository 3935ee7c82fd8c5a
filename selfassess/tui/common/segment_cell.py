"""A DataTable cell that turns its Content into segments once, then measures and draws from those.

A DataTable measures every cell of every new row, and draws every cell of each visible row (all its
columns, not only those on screen). Given Content, each of those steps renders the Content again; for a
heat map of 50 districts that was most of the time to first paint. Cells that look the same can share
one ``SegmentCell``, so a map of 1,500 cells renders a few dozen.

Styles are resolved when the cell is first drawn, against the running app's CSS variables (``$error``
and so on). A table built from these cells must build them anew when the app's theme changes.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from textual.content import Content
from textual.style import Style


class SegmentCell:
    """Content for a DataTable cell, rendered once."""

    __slots__ = ("content", "_segments", "_width")

    def __init__(self, content: Content) -> None:
        self.content = content
        self._segments: list[Segment] | None = None
        self._width: int | None = None

    @property
    def plain(self) -> str:
        """The cell's text, without styles."""
        return self.content.plain

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        if self._width is None:
            self._width = max(cell_len(line) for line in self.content.plain.split("\n"))
        return Measurement(self._width, self._width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        if self._segments is None:
            # what Content.__rich__ would give, made once
            self._segments = self.content.render_segments(Style(), "\n")
        return self._segments
