"""Ask why a criterion does not apply: a reason is required (SPEC §4, ``not_applicable``)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from selfassess.tui.common.footer import KeyFooter
from selfassess.tui.common.text import literal


class ReasonModal(ModalScreen[str | None]):
    """The reason, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, criterion_id: str) -> None:
        super().__init__()
        self.criterion_id = criterion_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog reason-dialog"):
            yield Static(literal(f"Why does {self.criterion_id} not apply to this district?", "bold"))
            yield Input(placeholder="e.g. No custody suite in this district", id="reason")
            yield Static(id="reason-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Not applicable", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")
        yield KeyFooter()  # the dialog's keys, not the screen's

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        reason = self.query_one(Input).value
        if not reason.strip():
            self.query_one("#reason-error", Static).update("A reason is required.")
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
