"""The reviewer's comment on a district's assessment: a text box; ``ctrl+s`` marks the district reviewed.

Dismisses with the comment (possibly empty) to mark it reviewed, or None to cancel.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from selfassess.core.textgate import for_editor, from_editor
from selfassess.core.vocabulary import plural
from selfassess.tui.common.confirm import ConfirmModal
from selfassess.tui.common.footer import KeyFooter
from selfassess.tui.common.text import literal
from selfassess.tui.review.cells import status_line
from selfassess.workspace.workspace import Entry


class CommentModal(ModalScreen[str | None]):
    """Comment on ``entry`` (a submitted assessment) and mark it reviewed."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Mark reviewed", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, entry: Entry, worst: tuple[str, int] | None = None) -> None:
        """``worst``: the worst grade's label and how many of the assessment's ratings are at it, when
        any are (marking it reviewed with no comment then asks first)."""
        super().__init__()
        self.entry = entry
        self.worst = worst
        self._original = entry.review.comment if entry.review else ""

    def compose(self) -> ComposeResult:
        entry = self.entry
        title = Content.assemble(
            literal(f"Review {entry.district} for {entry.period}  ", "bold"), status_line(entry.status, 40)
        )
        with Vertical(id="review-comment-dialog", classes="dialog"):
            yield Static(title, classes="dialog-title")
            yield Static(self._before(), classes="review-text")
            yield TextArea(for_editor(self._original), id="review-comment", soft_wrap=True)
            yield Static(
                literal("ctrl+s marks the district reviewed with this comment · Escape cancels"),
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Mark reviewed"), variant="primary", id="save")
                yield Button(Content("Cancel"), id="cancel")
        yield KeyFooter()  # the dialog's keys, not the screen's

    def _before(self) -> Content:
        review = self.entry.review
        if review is None:
            return literal("Your comment is saved beside the assessment, with the file's fingerprint.")
        when = review.reviewed.strftime("%Y-%m-%d %H:%M UTC")
        changed = (
            " The assessment has changed since; this review will cover the file as it is now."
            if self.entry.status == "changed since review"
            else ""
        )
        return Content.assemble(
            literal("Last reviewed by "), literal(review.reviewer, "bold"), literal(f" on {when}.{changed}")
        )

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        comment = from_editor(self.query_one(TextArea).text, self._original)
        if comment.strip() or self.worst is None:
            self.dismiss(comment)
            return
        label, count = self.worst
        ratings = plural(count, "rating")
        question = literal(
            f"{self.entry.district} has {ratings} at {label} and your comment is empty. "
            "Mark it reviewed without a comment?"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(comment)
            else:
                self.query_one(TextArea).focus()

        self.app.push_screen(ConfirmModal(question, yes="Mark reviewed", no="Write a comment"), answered)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
