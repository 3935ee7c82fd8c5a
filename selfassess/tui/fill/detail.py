"""The fill screen's detail pane: the current criterion's heading, then its scrolling fields.

Showing only: every change the lead makes is handled by the screen, which owns the session.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static, TextArea

from selfassess.core.textgate import for_editor, from_editor, has_gated
from selfassess.logic.session import Session
from selfassess.tui.common.text import literal
from selfassess.tui.fill.action_form import DateValidator
from selfassess.tui.fill.actions import ActionsList
from selfassess.tui.fill.guide import CriterionGuide
from selfassess.tui.fill.previous import LastPeriod
from selfassess.tui.fill.privacy import PersonalDataNotes

ACTION_KEYS = "a: add an action · Enter: edit · Space: done · Delete: delete"


def heading(session: Session, criterion_id: str) -> Content:
    """``IR1 · Title`` and, below, ``Theme · 3 of 30``."""
    criterion = session.criterion(criterion_id)
    theme = session.framework.theme_of(criterion_id)
    position = [c.id for c in session.criteria].index(criterion_id) + 1
    where = f"{theme.title if theme else ''} · {position} of {len(session.criteria)}"
    return Content("\n").join(
        [literal(f"{criterion.id} · {criterion.title}", "bold"), literal(where, "$text-muted")]
    )


def editor(widget_id: str) -> TextArea:
    return TextArea(id=widget_id, soft_wrap=True, tab_behavior="focus")


class CriterionFields(VerticalScroll):
    """Question, evidence (with prompts and personal-data notes), as-of date, last period, actions,
    notes and guidance of one criterion."""

    def __init__(self, session: Session, **kwargs: str) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.session = session
        #: each editor's text as loaded, kept so that an unedited field saves its original characters
        self._originals: dict[str, str] = {}
        #: whether a text box has the focus: the key hints then say to press Esc first
        self.typing = False
        self._shown: str | None = None

    def compose(self) -> ComposeResult:
        session = self.session
        yield Static(id="question")
        yield Label("Evidence", classes="field-label")
        yield Static(id="prompts")
        yield editor("evidence")
        yield PersonalDataNotes(id="privacy")
        with Horizontal(id="as-of-row"):
            yield Label("Evidence as of", classes="field-label")
            yield Input(placeholder="YYYY-MM-DD", id="as-of", validators=[DateValidator()])
            yield Static(id="as-of-error")
        yield LastPeriod(session.framework, session.previous_period or "", id="previous")
        yield Label("Improvement actions", classes="field-label")
        yield ActionsList(id="actions")
        yield Static(id="actions-hint")
        yield Label("Notes", classes="field-label")
        yield editor("notes")
        yield CriterionGuide(session.framework, id="guide")

    def show(self, criterion_id: str) -> None:
        """Everything about ``criterion_id``, scrolled back to the top."""
        self._shown = criterion_id
        criterion = self.session.criterion(criterion_id)
        response = self.session.get(criterion_id)
        question = self.query_one("#question", Static)
        question.display = bool(criterion.question)
        question.update(literal(f"Inspectors ask: {criterion.question}", "italic"))
        prompts = self.query_one("#prompts", Static)
        prompts.display = bool(criterion.evidence)
        prompts.update(literal("\n".join(f"• {p}" for p in criterion.evidence), "$text-muted"))
        self._load("#evidence", response.evidence)
        self._load("#notes", response.notes)
        self.query_one("#as-of", Input).value = str(response.as_of) if response.as_of else ""
        self.show_date_error("")
        self.query_one(CriterionGuide).show(criterion)
        self.show_previous(criterion_id)
        self.show_actions(criterion_id)
        self.scroll_home(animate=False)

    def _load(self, selector: str, text: str) -> None:
        area = self.query_one(selector, TextArea)
        self._originals[selector] = text
        shown = for_editor(text)
        if area.text != shown:
            area.load_text(shown)
            area.move_cursor(area.document.end)  # what is typed next is added after the text
            if has_gated(text):
                field = selector.lstrip("#").capitalize()
                self.notify(
                    f"{field} holds control characters, shown as symbols such as ␛. Left unedited they "
                    "are kept as they are; once you edit it, it is saved as shown.",
                    title="Control characters",
                    severity="warning",
                    markup=False,
                )

    def show_date_error(self, message: str) -> None:
        self.query_one("#as-of-error", Static).update(literal(message, "$text-error"))

    def show_previous(self, criterion_id: str) -> None:
        session = self.session
        can_carry = session.can_carry(criterion_id) and not session.read_only
        self.query_one(LastPeriod).show(session.previous_response(criterion_id), can_carry, self.typing)

    def show_actions(self, criterion_id: str, keep: str | None = None) -> None:
        session = self.session
        actions = session.get(criterion_id).actions
        self.query_one(ActionsList).show(actions, session.today, keep)
        hint = "" if session.read_only else ACTION_KEYS
        if not actions:
            hint = "No improvement actions." + ("" if session.read_only else " a: add one.")
        if self.typing and not session.read_only:
            hint += " (Esc first: you are typing)"
        self.query_one("#actions-hint", Static).update(literal(hint, "$text-muted"))

    def set_typing(self, typing: bool) -> None:
        """The key hints follow the mode: while typing they say to press Esc first."""
        if typing == self.typing:
            return
        self.typing = typing
        if self._shown is not None:
            self.show_previous(self._shown)
            self.show_actions(self._shown, self.query_one(ActionsList).current_action_id())

    def set_read_only(self, read_only: bool) -> None:
        for area in self.query(TextArea):
            area.read_only = read_only
        self.query_one("#as-of", Input).disabled = read_only

    def texts(self) -> tuple[str, str]:
        """What the evidence and notes editors hold now (their original text while unedited)."""
        return self.saved_text("#evidence"), self.saved_text("#notes")

    def saved_text(self, selector: str) -> str:
        """What to save from the editor ``selector``: see :func:`selfassess.core.textgate.from_editor`."""
        return from_editor(self.query_one(selector, TextArea).text, self._originals.get(selector, ""))
