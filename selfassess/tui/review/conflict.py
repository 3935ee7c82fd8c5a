"""A review both sides of a merge changed: both shown whole, side by side; the reviewer keeps one.

Dismisses with ``"file"`` (keep the review in the file), ``"other"`` (take the other side's) or None
(later: the conflict file stays and ``sync`` will not push).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from selfassess.core.model import Review
from selfassess.logic.reviewconflict import ReviewConflict
from selfassess.tui.common.text import literal

FILE, OTHER = "file", "other"


def _side(heading: str, review: Review | None) -> Content:
    if review is None:
        return Content.assemble(literal(heading, "bold"), literal("\n(no review)"))
    when = review.reviewed.strftime("%Y-%m-%d %H:%M UTC")
    return Content.assemble(
        literal(heading, "bold"),
        literal(f"\nBy {review.reviewer}, dated {when} (as typed; a date decides nothing)\n\n"),
        literal(review.comment or "(no comment)"),
    )


class ReviewConflictModal(ModalScreen[str | None]):
    """Choose between the review in the file and the other side's."""

    BINDINGS = [Binding("escape", "later", "Later")]
    DEFAULT_CSS = """
    ReviewConflictModal { align: center middle; }
    ReviewConflictModal > #review-conflict-dialog {
        width: 90%; height: 90%; border: thick $warning; background: $surface; padding: 0 1;
    }
    ReviewConflictModal #review-conflict-sides { height: 1fr; }
    ReviewConflictModal .review-conflict-side { width: 1fr; height: auto; padding-right: 1; }
    ReviewConflictModal .dialog-buttons { height: auto; align-horizontal: right; }
    """

    def __init__(self, conflict: ReviewConflict) -> None:
        super().__init__()
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        conflict = self.conflict
        with Vertical(id="review-conflict-dialog"):
            yield Static(literal(f"{conflict.district} {conflict.period}: two reviews", "bold"))
            yield Static(
                literal(
                    "Both sides of a merge changed this review. The file kept one (after a sync: the one "
                    "already shared); the other was kept aside. Keep one; the other stays in git history."
                )
            )
            with VerticalScroll(id="review-conflict-sides"), Horizontal():
                yield Static(_side("In the file", conflict.kept), classes="review-conflict-side")
                yield Static(
                    _side("The other side (kept aside)", conflict.other), classes="review-conflict-side"
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Keep the file's"), variant="primary", id="keep-file")
                yield Button(Content("Take the other side's"), id="take-other")
                yield Button(Content("Later"), id="later")

    @on(Button.Pressed, "#keep-file")
    def _keep(self) -> None:
        self.dismiss(FILE)

    @on(Button.Pressed, "#take-other")
    def _take(self) -> None:
        self.dismiss(OTHER)

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        self.dismiss(None)
