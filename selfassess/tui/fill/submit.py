"""The submit dialog: what still blocks submitting (choose one to go to it), the warnings, then submit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from selfassess.core.vocabulary import plural
from selfassess.logic.checks import Finding
from selfassess.tui.common.footer import KeyFooter
from selfassess.tui.common.text import literal

#: what the dialog returns: a criterion id to go to, True to submit, None to cancel
SubmitChoice = str | bool | None


class Findings(OptionList):
    """Every blocker, then every warning, each wrapped in full; the list scrolls, Enter goes to one."""

    BINDINGS = [Binding("enter", "select", "Go to", tooltip="go to the criterion of the highlighted entry")]


def _options(blockers: list[Finding], warnings: list[Finding]) -> list[Option]:
    options = [Option(literal(f.message), id=f"b{i}") for i, f in enumerate(blockers)]
    if warnings:
        heading = f"{plural(len(warnings), 'warning')}: they do not stop submitting, but check them."
        options.append(Option(literal(heading, "bold $text-warning"), disabled=True))
        options += [Option(literal(f.message), id=f"w{i}") for i, f in enumerate(warnings)]
    return options


class SubmitModal(ModalScreen[SubmitChoice]):
    """Lists blockers and warnings; submitting is possible only when there are no blockers."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, blockers: list[Finding], warnings: list[Finding]) -> None:
        super().__init__()
        self.heading = title
        self.blockers = blockers
        self.warnings = warnings

    def compose(self) -> ComposeResult:
        lists = "-lists" if self.blockers or self.warnings else ""
        with Vertical(id="submit-dialog", classes=f"dialog {lists}"):
            yield Static(literal(self.heading, "bold"), classes="dialog-title")
            if self.blockers:
                count = len(self.blockers)
                things = "thing stops" if count == 1 else "things stop"
                also = f" ({plural(len(self.warnings), 'warning')} after them)" if self.warnings else ""
                yield Static(
                    literal(f"{count} {things} this being submitted{also}. Choose one to go to it."),
                    classes="submit-blocked",
                )
            else:
                yield Static(
                    "Nothing blocks submitting. Once submitted it opens read-only until it is reopened.",
                    classes="submit-ready",
                )
            if self.blockers or self.warnings:
                yield Findings(*_options(self.blockers, self.warnings), id="findings")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Submit", variant="success", id="submit", disabled=bool(self.blockers))
                yield Button("Cancel", id="cancel")
        yield KeyFooter()  # the dialog's keys, not the screen's

    def on_mount(self) -> None:
        if self.blockers:
            self.query_one(Findings).focus()
        else:
            self.query_one("#submit", Button).focus()

    @on(OptionList.OptionSelected)
    def _go_to(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        findings = self.blockers if option_id.startswith("b") else self.warnings
        criterion = findings[int(option_id[1:])].criterion
        if criterion:
            self.dismiss(criterion)

    @on(Button.Pressed, "#submit")
    def _submit(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
