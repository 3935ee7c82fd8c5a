"""The form to record a criterion's dip sample: cases examined, how many met the standard, the period
the cases come from and where they came from. Empty counts remove the sample."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from selfassess.core.model import MAX_SAMPLE_SIZE, Sample, SampleRule
from selfassess.core.textgate import for_editor, from_editor
from selfassess.tui.common.footer import KeyFooter
from selfassess.tui.common.text import literal
from selfassess.tui.fill.action_form import DateValidator, parse_date

#: what the form gives back: a sample, or REMOVE (both counts emptied); None when cancelled
REMOVE = "remove"


def _count(value: str) -> int | None | bool:
    """A whole number, None for an empty field, False for anything else."""
    value = value.strip()
    if not value:
        return None
    return int(value) if value.isdigit() else False


def check(size: int | None | bool, met: int | None | bool, start: object, end: object) -> str:
    """What is wrong with the counts and dates, in words; '' when nothing is."""
    if size is False or met is False:
        return "Cases and met are whole numbers, e.g. 20 and 14."
    if size is None or met is None:
        return "Give both the cases examined and how many met the standard (or empty both to remove it)."
    if not 1 <= size <= MAX_SAMPLE_SIZE:
        return f"Cases examined must be between 1 and {MAX_SAMPLE_SIZE:,}."
    if met > size:
        return f"Met ({met}) cannot be more than the cases examined ({size})."
    if start is False or end is False:
        return "Dates are written YYYY-MM-DD, e.g. 2026-07-01."
    if isinstance(start, date) and isinstance(end, date) and start > end:
        return f"From ({start}) is after to ({end})."
    return ""


class SampleForm(ModalScreen[Sample | str | None]):
    """Record or change the sample; Escape cancels, Enter in a field saves."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, criterion_id: str, rule: SampleRule, sample: Sample | None) -> None:
        super().__init__()
        self.criterion_id = criterion_id
        self.rule = rule
        self.sample = sample

    def compose(self) -> ComposeResult:
        sample = self.sample
        with Vertical(id="sample-form", classes="dialog"):
            yield Static(literal(f"Dip sample for {self.criterion_id}", "bold"), classes="dialog-title")
            yield Static(literal(f"One case: {self.rule.of}. It meets the standard when: {self.rule.meets}."))
            with Grid(id="sample-fields"):
                yield Label("Cases")
                yield Input(
                    str(sample.size) if sample else "", placeholder="examined", id="sample-size", compact=True
                )
                yield Label("Met")
                yield Input(
                    str(sample.met) if sample else "",
                    placeholder="met the standard",
                    id="sample-met",
                    compact=True,
                )
                yield Label("From")
                start = str(sample.start) if sample and sample.start else ""
                yield Input(start, placeholder="YYYY-MM-DD (optional)", id="sample-from",
                            validators=[DateValidator()], compact=True)  # fmt: skip
                yield Label("To")
                end = str(sample.end) if sample and sample.end else ""
                yield Input(end, placeholder="YYYY-MM-DD (optional)", id="sample-to",
                            validators=[DateValidator()], compact=True)  # fmt: skip
                yield Label("Source")
                source = for_editor(sample.source) if sample else ""
                yield Input(source, placeholder="how the cases were chosen (optional)", id="sample-source",
                            compact=True)  # fmt: skip
            yield Static(id="sample-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield KeyFooter()  # the dialog's keys, not the screen's

    def _value(self, name: str) -> str:
        return self.query_one(f"#sample-{name}", Input).value

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        size, met = _count(self._value("size")), _count(self._value("met"))
        if size is None and met is None:
            self.dismiss(REMOVE)
            return
        start, end = parse_date(self._value("from")), parse_date(self._value("to"))
        problem = check(size, met, start, end)
        if problem:
            self.query_one("#sample-error", Static).update(literal(problem))
            return
        source = self._value("source")
        if self.sample is not None:  # unedited, the field keeps its original characters
            source = from_editor(source, self.sample.source)
        self.dismiss(
            Sample(
                size=size,  # type: ignore[arg-type]
                met=met,  # type: ignore[arg-type]
                start=start if isinstance(start, date) else None,
                end=end if isinstance(end, date) else None,
                source=source.strip(),
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
