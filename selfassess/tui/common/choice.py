"""A radio button whose mark says whether it is chosen without colour: ● chosen, ○ not."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import RadioButton

CHOSEN = "●"
NOT_CHOSEN = "○"


class Choice(RadioButton):
    """One choice of a RadioSet; the two marks differ in shape, not only in colour."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = CHOSEN if self.value else NOT_CHOSEN
        return super()._button
