"""Choose, criterion by criterion, between the values in the file and the other side's, after a merge
where both sides changed the same fields. Returns criterion id → ``file``/``other``, or None (later)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, RadioSet, Static

from selfassess.core.merge import field_value
from selfassess.core.model import Assessment, Framework, Response
from selfassess.formats.conflictfile import Conflict
from selfassess.logic.diff import sample_words
from selfassess.tui.common.choice import Choice
from selfassess.tui.common.text import literal

FILE = "file"
OTHER = "other"
EXCERPT_LINES = 8


def _value(framework: Framework, response: Response | None, field: str) -> Content:
    response = response or Response()
    if field == "rating":
        rating, reason = response.rating, response.not_applicable
        if reason is not None:
            return literal(f"not applicable: {reason}")
        grade = framework.grade(rating)
        return literal(grade.label if grade else rating or "not rated")
    if field == "actions":
        return literal(", ".join(f"{a.id} {a.action}" for a in response.actions) or "(no actions)")
    if field == "sample":  # in full: the two sides may differ only in the period or the source
        return literal(sample_words(response.sample))
    value = field_value(response, field)
    if isinstance(value, str):
        lines = value.strip().splitlines() or ["(empty)"]
        more = f"\n… {len(lines) - EXCERPT_LINES} more line(s)" if len(lines) > EXCERPT_LINES else ""
        return literal("\n".join(lines[:EXCERPT_LINES]) + more)
    return literal("(none)" if value is None else str(value))


class ConflictModal(ModalScreen[dict[str, str] | None]):
    DEFAULT_CSS = """
    ConflictModal { align: center middle; }
    ConflictModal > #conflict-dialog {
        width: 90%; height: 90%; border: thick $warning; background: $surface; padding: 0 1;
    }
    ConflictModal #conflict-list { height: 1fr; }
    ConflictModal .conflict-row { height: auto; margin-bottom: 1; }
    ConflictModal .conflict-side { width: 1fr; height: auto; padding-right: 1; }
    ConflictModal .conflict-choice { width: 31; height: auto; }
    ConflictModal .conflict-buttons { height: auto; align-horizontal: right; }
    """
    BINDINGS = [Binding("escape", "later", "Later")]

    def __init__(self, framework: Framework, assessment: Assessment, conflict: Conflict) -> None:
        super().__init__()
        self.framework = framework
        self.assessment = assessment
        self.conflict = conflict
        self.criteria = list(conflict.conflicts)

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-dialog"):
            yield Static(literal("Both sides changed the same fields", "bold"))
            yield Static(
                literal(
                    "Two people changed the same fields of these criteria. The file kept one side's values "
                    "(after a sync: those already shared); the other side's were kept aside. Choose for "
                    "each criterion; the choice is saved and the conflict file removed."
                )
            )
            with VerticalScroll(id="conflict-list"):
                for index, criterion_id in enumerate(self.criteria):
                    yield from self._criterion(index, criterion_id)
            with Horizontal(classes="conflict-buttons"):
                yield Button("Resolve", variant="primary", id="resolve")
                yield Button("Later", id="later")

    def _criterion(self, index: int, criterion_id: str) -> ComposeResult:
        fields = self.conflict.conflicts[criterion_id]
        criterion = self.framework.criterion(criterion_id)
        title = f"{criterion_id} {criterion.title}" if criterion else criterion_id
        yield Static(literal(f"{title} — {', '.join(fields)}", "bold"))
        mine = self.assessment.get(criterion_id)
        other = self.conflict.theirs.get(criterion_id)
        with Horizontal(classes="conflict-row"):
            for heading, response in (("In the file", mine), ("The other side (kept aside)", other)):
                with Vertical(classes="conflict-side"):
                    yield Static(literal(heading, "italic"))
                    for field in fields:
                        value = _value(self.framework, response, field)
                        yield Static(Content.assemble(literal(f"{field}: ", "bold"), value))
            with RadioSet(id=f"conflict-choice-{index}", classes="conflict-choice"):
                yield Choice("Keep the file's", value=True, id=f"conflict-file-{index}")
                yield Choice("Take the other side's", id=f"conflict-other-{index}")

    def on_mount(self) -> None:
        """The first choice has the focus: Down and Enter choose at once (Tab goes to the next)."""
        self.query_one(RadioSet).focus()

    def choices(self) -> dict[str, str]:
        chosen = {}
        for index, criterion_id in enumerate(self.criteria):
            radio = self.query_one(f"#conflict-choice-{index}", RadioSet)
            chosen[criterion_id] = OTHER if radio.pressed_index == 1 else FILE
        return chosen

    @on(Button.Pressed, "#resolve")
    def _resolve(self) -> None:
        self.dismiss(self.choices())

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        self.dismiss(None)
