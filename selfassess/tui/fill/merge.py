"""Compare and merge, after the file changed on disk: per changed criterion, keep mine or take theirs."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, RadioSet, Static

from selfassess.core.model import Framework, Response
from selfassess.logic.diff import sample_words
from selfassess.logic.session import MINE, THEIRS, Difference
from selfassess.tui.common.choice import Choice
from selfassess.tui.common.grades import rating_content
from selfassess.tui.common.text import literal

EXCERPT_LINES = 6


def summary(framework: Framework, response: Response | None) -> Content:
    """A response in a few lines: rating, evidence (first lines), notes, the sample, actions."""
    if response is None:
        return literal("(nothing recorded)", "italic")
    lines = [rating_content(framework.grade(response.rating), response)]
    if response.carried:
        lines.append(literal("carried, not confirmed", "italic"))
    evidence = response.evidence.strip().splitlines()
    lines += [literal(line) for line in evidence[:EXCERPT_LINES]]
    if len(evidence) > EXCERPT_LINES:
        lines.append(literal(f"… {len(evidence) - EXCERPT_LINES} more line(s)", "italic"))
    if response.notes.strip():
        lines.append(Content.assemble(literal("Notes: ", "bold"), literal(response.notes.strip())))
    if response.sample is not None:
        # the period and source too: two sides may differ only there
        lines.append(Content.assemble(literal("Sample: ", "bold"), literal(sample_words(response.sample))))
    if response.actions:
        ids = ", ".join(f"{a.id}{'' if a.is_open else ' (done)'}" for a in response.actions)
        lines.append(Content.assemble(literal("Actions: ", "bold"), literal(ids)))
    return Content("\n").join(lines)


class MergeModal(ModalScreen[dict[str, str] | None]):
    """Returns criterion id → ``mine``/``theirs``, or None to keep waiting (nothing is lost)."""

    BINDINGS = [Binding("escape", "cancel", "Later")]

    def __init__(
        self,
        framework: Framework,
        differences: list[Difference],
        deleted: bool = False,
        heading: str = "The file changed on disk since you opened it",
    ) -> None:
        super().__init__()
        self.framework = framework
        self.differences = differences
        self.deleted = deleted
        self.heading = heading

    def compose(self) -> ComposeResult:
        with Vertical(id="merge-dialog", classes="dialog"):
            yield Static(literal(self.heading), classes="dialog-title")
            yield Static(self._explanation(), classes="dialog-hint")
            with VerticalScroll(id="merge-list"):
                for index, difference in enumerate(self.differences):
                    yield from self._difference(index, difference)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save merged", variant="primary", id="merge")
                yield Button("Later", id="cancel")

    def _explanation(self) -> str:
        if self.deleted:
            return "There is no file on disk (deleted, moved or never saved): Save merged saves yours."
        if not self.differences:
            return "No criterion differs: Save merged adopts the file on disk with your status."
        return (
            "For each criterion that differs, keep your version or take the one on disk. "
            "The suggestion keeps whichever side changed it; 'both changed' needs your choice."
        )

    def _difference(self, index: int, difference: Difference) -> ComposeResult:
        note = "  — both changed" if difference.both_changed else ""
        yield Static(literal(f"{difference.criterion_id}{note}", "bold"), classes="merge-heading")
        with Horizontal(classes="merge-row"):
            with Vertical(classes="merge-side"):
                yield Static("Mine (this screen)", classes="merge-side-title")
                yield Static(summary(self.framework, difference.mine))
            with Vertical(classes="merge-side"):
                yield Static("Theirs (on disk)", classes="merge-side-title")
                yield Static(summary(self.framework, difference.theirs))
            with RadioSet(id=f"choice-{index}", classes="merge-choice"):
                yield Choice("Keep mine", value=difference.suggestion == MINE)
                yield Choice("Take theirs", value=difference.suggestion == THEIRS)

    def on_mount(self) -> None:
        """The first choice has the focus: Down and Enter choose at once (Tab goes to the next)."""
        self.query_one(RadioSet).focus()

    def choices(self) -> dict[str, str]:
        chosen = {}
        for index, difference in enumerate(self.differences):
            radio = self.query_one(f"#choice-{index}", RadioSet)
            chosen[difference.criterion_id] = THEIRS if radio.pressed_index == 1 else MINE
        return chosen

    @on(Button.Pressed, "#merge")
    def _merge(self) -> None:
        self.dismiss(self.choices())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
