"""Help as a modal page of Markdown: the keys of the screen it was opened from, and the scale."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static


class HelpModal(ModalScreen[None]):
    """Shows ``markdown`` (our own text; user text never goes in here); Escape, q or F1 closes it."""

    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "Close")]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            with VerticalScroll():
                yield Markdown(self.markdown)
            yield Static("Escape closes this help.", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
