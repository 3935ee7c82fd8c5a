"""A yes/no question as a small modal: ``dismiss(True)`` on yes, ``False`` on no or Escape."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from selfassess.tui.common.footer import KeyFooter


class ConfirmModal(ModalScreen[bool]):
    """Ask ``question`` (Content: build it with ``literal`` when it holds user text)."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]

    def __init__(self, question: Content, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm-dialog"):
            yield Static(self.question, classes="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self.yes), variant="primary", id="yes")
                yield Button(Content(self.no), id="no")
        yield KeyFooter()  # the dialog's keys, not the screen's

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
