"""The form to add or edit an improvement action: what, who, by when (a date), and done."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Checkbox, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from selfassess.core import typed
from selfassess.core.model import Action
from selfassess.core.textgate import for_editor, from_editor
from selfassess.tui.common.footer import KeyFooter
from selfassess.tui.common.text import literal


class DateValidator(Validator):
    """Empty, or a real date written YYYY-MM-DD or D/M/YYYY."""

    def validate(self, value: str) -> ValidationResult:
        return self.success() if parse_date(value) is not False else self.failure(f"use {typed.DATE_FORMS}")


def parse_date(value: str) -> date | None | bool:
    """The date, None for an empty field, or False when it is not a date (YYYY-MM-DD or D/M/YYYY)."""
    if not value.strip():
        return None
    day = typed.day(value)
    return False if day is None else day


def date_words(value: str) -> str:
    """What a date field was understood as: ``= 2027-03-31 (Wednesday 31 March 2027)``; empty when
    the field is empty or not a date."""
    day = parse_date(value)
    return f"= {day.isoformat()} ({day:%A} {day.day} {day:%B %Y})" if isinstance(day, date) else ""


@dataclass(frozen=True)
class ActionInput:
    text: str
    owner: str
    due: date | None
    done: bool
    #: the inspection items chosen (None: the form offered none, so the action keeps its own)
    addresses: tuple[str, ...] | None = None


class ActionForm(ModalScreen[ActionInput | None]):
    """Add (``action`` None) or edit an action; Escape cancels, Enter in a field saves."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "app.focus_next", "Next field"),
    ]

    def __init__(
        self, criterion_id: str, action: Action | None, items: Sequence[tuple[str, str]] = ()
    ) -> None:
        """``items``: (ref, words) of the inspection items that list this criterion, offered to tick."""
        super().__init__()
        self.criterion_id = criterion_id
        self.action = action
        chosen = set(action.addresses) if action else set()
        # an item the action addresses is offered even when it no longer lists the criterion
        self.items = list(items) + [(ref, ref) for ref in sorted(chosen) if ref not in dict(items)]

    def compose(self) -> ComposeResult:
        action = self.action
        title = f"Edit action {action.id}" if action else f"New improvement action for {self.criterion_id}"
        with Vertical(id="action-form", classes="dialog"):
            yield Static(literal(title, "bold"), classes="dialog-title")
            with Grid(id="action-fields"):
                yield Label("Action")
                yield Input(
                    for_editor(action.action) if action else "",
                    placeholder="What will be done",
                    id="action-text",
                    compact=True,
                )
                yield Label("Owner")
                yield Input(
                    for_editor(action.owner) if action else "",
                    placeholder="Who is responsible",
                    id="action-owner",
                    compact=True,
                )
                yield Label("Due")
                due = str(action.due) if action and action.due else ""
                yield Input(
                    due,
                    placeholder=typed.DATE_FORMS,
                    id="action-due",
                    validators=[DateValidator()],
                    compact=True,
                )
                yield Label("")
                yield Static(literal(date_words(due)), id="action-due-understood", classes="form-hint")
                yield Label("")
                yield Checkbox(
                    "Done", value=bool(action and not action.is_open), id="action-done", compact=True
                )
            if self.items:
                chosen = set(action.addresses) if action else set()
                yield Label("Addresses (Space ticks the inspection items it works on)", id="addresses-label")
                yield SelectionList[str](
                    *[Selection(literal(words), ref, ref in chosen) for ref, words in self.items],
                    id="action-addresses",
                    compact=True,
                )
            yield Static(id="action-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield KeyFooter()  # the dialog's keys, not the screen's

    @on(Input.Changed, "#action-due")
    def _due_changed(self, event: Input.Changed) -> None:
        self.query_one("#action-due-understood", Static).update(literal(date_words(event.value)))

    def _error(self, message: str) -> None:
        self.query_one("#action-error", Static).update(literal(message))

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        text = self.query_one("#action-text", Input).value
        if self.action is not None:  # unedited, a field keeps its original characters
            text = from_editor(text, self.action.action)
        due = parse_date(self.query_one("#action-due", Input).value)
        if not text.strip():
            self._error("Say what the action is.")
            self.query_one("#action-text", Input).focus()
            return
        if due is False:
            self._error(f"The due date must be a date written {typed.DATE_FORMS}, e.g. 31/01/2027.")
            self.query_one("#action-due", Input).focus()
            return
        owner = self.query_one("#action-owner", Input).value
        if self.action is not None:
            owner = from_editor(owner, self.action.owner)
        done = self.query_one("#action-done", Checkbox).value
        addresses = None
        if self.items:
            addresses = tuple(sorted(self.query_one("#action-addresses", SelectionList).selected))
        self.dismiss(ActionInput(text, owner, due if isinstance(due, date) else None, done, addresses))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
