"""The district lead's fill screen: rate each criterion, write its evidence and actions; it saves itself.

All rules live in :class:`~selfassess.logic.session.Session`; this module wires keys and widgets to it,
saves a moment after each change (never more than about a second behind typing), and keeps the
lead's text whatever goes wrong on disk.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Header, Input, Static, TextArea, Tree
from textual.worker import get_current_worker

from selfassess.core.errors import SelfAssessError
from selfassess.core.model import Action, Sample
from selfassess.core.textgate import visible
from selfassess.core.vocabulary import plural
from selfassess.git.util import has_uncommitted
from selfassess.logic import autosave, closing
from selfassess.logic.autosave import Autosave
from selfassess.logic.samples import sample_text
from selfassess.logic.session import Session
from selfassess.tui.common.base import AppScreen
from selfassess.tui.common.confirm import ConfirmModal
from selfassess.tui.common.footer import KeyFooter
from selfassess.tui.common.grades import grade_name
from selfassess.tui.common.help import HelpModal
from selfassess.tui.common.navigation import go_home
from selfassess.tui.common.text import literal
from selfassess.tui.fill import focus
from selfassess.tui.fill import sync as fill_sync
from selfassess.tui.fill.action_form import ActionForm, ActionInput, parse_date
from selfassess.tui.fill.actions import ActionsList
from selfassess.tui.fill.commands import FILL_COMMANDS, Command, FillCommands
from selfassess.tui.fill.detail import CriterionFields, heading
from selfassess.tui.fill.help import fill_help
from selfassess.tui.fill.merge import MergeModal
from selfassess.tui.fill.mode import ACTIONS, FOOTER_FIRST, HEADING, LIST, READ_ONLY, TYPING, mode_line
from selfassess.tui.fill.privacy import PersonalDataNotes
from selfassess.tui.fill.rating import RatingBar
from selfassess.tui.fill.reason import ReasonModal
from selfassess.tui.fill.sample import SampleLine
from selfassess.tui.fill.sample_form import REMOVE, SampleForm
from selfassess.tui.fill.status import banner, state_words
from selfassess.tui.fill.submit import SubmitChoice, SubmitModal
from selfassess.tui.fill.tree import CriteriaTree

PRIVACY_DELAY = 0.4  # scan for personal data once typing pauses
PROGRESS_WIDTH = 12
#: actions that change the assessment: refused (and hidden from the footer) when read-only
EDITING = frozenset(
    {
        "rate", "clear_rating", "carry", "carry_all", "confirm_carried", "not_applicable", "add_action",
        "edit_action", "toggle_action", "delete_action", "submit", "edit_evidence", "edit_sample",
        "take_sample",
    }
)  # fmt: skip


def progress_bar(done: int, total: int) -> Content:
    filled = round(PROGRESS_WIDTH * done / total) if total else 0
    percent = round(100 * done / total) if total else 0
    return Content.assemble(
        literal(f"{done}/{total} done "),
        literal("█" * filled, "$success"),
        literal("░" * (PROGRESS_WIDTH - filled), "$text-muted"),
        literal(f" {percent}%"),
    )


#: the keys that act on the criterion under the cursor (not while typing; on a theme heading they say so)
CRITERION_KEYS = frozenset(
    {
        "rate", "clear_rating", "carry", "confirm_carried", "not_applicable", "add_action", "edit_evidence",
        "edit_sample", "take_sample",
    }
)  # fmt: skip
#: the keys that are letters: typed as text in a text box, so neither shown nor acting there
LETTER_KEYS = CRITERION_KEYS | {"sync", "reopen", "quit_letter"}
#: these keys work in every mode, also while typing
ANYWHERE = "(also while typing)"


class FillScreen(AppScreen):
    """One district's assessment for one period, criterion by criterion."""

    BINDINGS = [
        # in footer order (the grade keys 1…n go first): the criterion keys, then Submit, Help, Quit
        Binding(
            "c", "carry", "Carry", tooltip="carry last period's rating, evidence and open actions forward"
        ),
        Binding(
            "y",
            "confirm_carried",
            "Confirm",
            show=False,  # the rating line says "confirm (y) or edit" on a carried criterion
            tooltip="confirm a carried criterion as still true (editing its evidence also confirms it)",
        ),
        Binding("n", "not_applicable", "N/A", tooltip="not applicable (with a reason), or applicable again"),
        Binding(
            "a",
            "add_action",
            "Action",
            tooltip="add an improvement action; in the actions list `Enter` edits, `Space` ticks done, "
            "`Delete` deletes",
        ),
        Binding(
            "d",
            "edit_sample",
            "Sample",
            show=False,  # as y: the sample line under the rating says "d to record one" / "d edits"
            tooltip="record or change the criterion's dip sample: cases examined and how many met the "
            "standard (where the framework evidences the criterion by a sample)",
        ),
        Binding(
            "D",
            "take_sample",
            "Take sample",
            show=False,  # the sample line offers it when the evidence states "k of n"
            tooltip='record the "k of n" the evidence states as the criterion\'s dip sample',
        ),
        Binding(
            "enter,e",
            "edit_evidence",
            "Write",
            key_display="⏎",
            tooltip="in the criteria list: write the criterion's evidence (every key is then text)",
        ),
        Binding(
            "escape",
            "leave_editor",
            "Done",
            tooltip="while typing (or in the actions list): back to the criteria list, where keys act",
        ),
        Binding(
            "escape",
            "home",
            "Home",
            show=False,
            tooltip="in the criteria list: back to the home screen (never quits)",
        ),
        Binding(
            "ctrl+s",
            "submit",
            "Submit",
            priority=True,
            tooltip=f"submit: shows what still blocks it and lets you jump to each {ANYWHERE}",
        ),
        Binding("f1", "help", "Help", priority=True, tooltip="this help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding(
            "ctrl+q",
            "app.quit",
            "Quit",
            priority=True,
            tooltip=f"quit {ANYWHERE}; everything is already saved",
        ),
        Binding("q", "quit_letter", "Quit", show=False, tooltip="quit, from the criteria list"),
        Binding(
            "tab",
            "focus_step(1)",
            "Next pane",
            show=False,
            tooltip="the next place: criteria list → evidence → actions → notes → evidence date → the "
            "pane (to scroll the guidance) → the list",
        ),
        Binding("shift+tab", "focus_step(-1)", "Previous pane", show=False, tooltip="the same, backwards"),
        Binding(
            "ctrl+n",
            "next_criterion",
            "Next",
            priority=True,
            tooltip=f"next criterion {ANYWHERE}; the cursor stays in the list unless you were typing",
        ),
        Binding(
            "ctrl+b", "previous_criterion", "Prev", priority=True, tooltip=f"previous criterion {ANYWHERE}"
        ),
        Binding("ctrl+o", "reopen", "Reopen", tooltip="reopen a submitted assessment as a draft"),
        Binding(
            "ctrl+r",
            "save_now",
            "Save",
            show=False,
            priority=True,
            tooltip="save at once (never needed: changes are saved within a second); after a failed save, "
            "retry; after a change on disk, compare and merge",
        ),
        Binding(
            "s",
            "sync",
            "Sync",
            show=False,
            tooltip="sync: save, commit, pull and push, then show the assessment as it now is",
        ),
    ]
    COMMANDS = {FillCommands}
    AUTO_FOCUS = None
    #: the criterion on screen; every pane follows it (``watch_current``), even when set to itself
    current: reactive[str | None] = reactive(None, always_update=True, init=False)

    def __init__(self, district: str, period: str, criterion: str | None = None) -> None:
        super().__init__()
        self.district = district
        self.period = period
        #: where the cursor starts (after a sync, where it was); None: the first criterion not done
        self.start_at = criterion
        self.session: Session | None = None
        self.open_error: str | None = None
        self.autosave = Autosave()
        self._git: bool | None = None
        #: why the last sync stopped (git config, read with ``_git``)
        self._sync_failed: str | None = None
        self._told: object = None
        self._privacy_timer: Timer | None = None
        self._stop_watching: Callable[[], None] = lambda: None
        #: the theme heading under the list cursor: (title, its criteria), or None on a criterion
        self.on_heading: tuple[str, tuple[str, ...]] | None = None

    # -- opening --------------------------------------------------------------------------------
    def _open(self) -> None:
        try:
            self.session = Session(self.workspace, self.district, self.period, self.user, self.today)
        except SelfAssessError as error:
            self.open_error = str(error)
            return
        if not self.session.assessment.is_submitted:
            self.session.acquire_lock()
        self._bind_grades()

    def _bind_grades(self) -> None:
        """Keys 1…n for the framework's grades, first in the footer, labelled from the scale."""
        assert self.session is not None
        bindings = BindingsMap(
            Binding(
                str(g.number), f"rate({g.number})", grade_name(g).split(" ", 1)[1], key_display=str(g.number)
            )
            for g in self.session.framework.scale
        )
        for key, existing in self._bindings.key_to_bindings.items():
            bindings.key_to_bindings.setdefault(key, []).extend(existing)
        self._bindings = bindings

    def compose(self) -> ComposeResult:
        self._open()
        yield Header()
        session = self.session
        if session is None:
            yield Static(literal(f"Cannot open this assessment:\n{self.open_error}"), id="fill-error")
            yield KeyFooter()
            return
        yield Static(id="banner")
        with Horizontal(id="fill-body"):
            with Vertical(id="fill-nav"):
                yield Static(id="overall")
                yield CriteriaTree(session, id="criteria")
            with Vertical(id="detail"):
                yield Static(id="heading")
                yield RatingBar(session.framework, id="rating")
                yield SampleLine(id="sample")
                yield CriterionFields(session, id="fields")
                yield Static(id="mode")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = f"{self.district} {self.period}"
        session = self.session
        if session is None:
            self.sub_title = "cannot open"
            return
        if session.lock_notice:
            self.notify(visible(session.lock_notice), title="Lock", timeout=10, markup=False)
        if session.previous_error:
            self.notify(
                visible(session.previous_error),
                title="Last period unreadable",
                severity="warning",
                markup=False,
            )
        recovered = session.adopt_unsaved()
        self._apply_mode()
        known = {c.id for c in session.criteria}
        first = self.start_at if self.start_at in known else session.first_incomplete()
        if first is not None:
            self.go_to(first, focus=False)  # the cursor in the list, on the first unrated criterion
        self.query_one(CriteriaTree).focus()
        self._show_mode()
        self.set_interval(autosave.TICK, self._tick)
        self._stop_watching = closing.on_close(self._stopped, asyncio.get_running_loop())
        self._refresh_git()
        if recovered:
            self.call_after_refresh(self._merge)
        else:
            self.call_after_refresh(fill_sync.offer_conflict, self)  # after a merge left a conflict file

    def on_unmount(self) -> None:
        """Leaving never asks "save?": whatever is pending is saved now, and the lock released."""
        if self.session is None:
            return
        self._stop_watching()
        self._capture()
        self._close()

    def _close(self) -> None:
        """Save, or keep the text in a file of its own and say where once the screen is gone."""
        kept = self._session.close()
        if kept is not None:
            where = self.workspace.relative(kept)
            self.app.farewell = (  # type: ignore[attr-defined]
                f"{self.district} {self.period}: your last changes could not be saved; they are kept in "
                f"{where} and offered the next time you open this assessment."
            )

    def _stopped(self, reason: str) -> None:
        """The terminal closed or the process was told to stop: save (or keep) the text, then leave."""
        if self.session is not None:
            self._capture()
            self._close()
        self.app.exit(return_code=closing.EXIT_STATUS.get(reason, 0))

    def confirm_quit(self) -> bool:
        """Before quitting: save what is pending; when that fails, ask (True: asking, not quitting yet)."""
        session = self.session
        if session is None:
            return False
        self._capture()
        if not session.dirty or session.save():
            return False
        problem = session.problem.message if session.problem else "the file could not be written"
        question = literal(
            f"Your last changes are not saved: {problem}. Quit anyway? They are then kept in a file of "
            "their own (beside the assessment, else in your data folder) and offered the next time you "
            "open this assessment."
        )
        self.app.push_screen(
            ConfirmModal(question, "Quit", "Stay"), lambda yes: self.app.exit() if yes else None
        )
        return True

    # -- moving between criteria -----------------------------------------------------------------
    @property
    def _session(self) -> Session:
        assert self.session is not None
        return self.session

    def go_to(self, criterion_id: str, focus: bool = True) -> None:
        """Show ``criterion_id``; with ``focus``, put the cursor in its evidence editor."""
        self._capture()
        self._show(criterion_id, focus)

    def jump_to(self, criterion_id: str) -> None:
        """A jump (the palette, a blocker): the cursor in the list on ``criterion_id``, where keys act."""
        self.go_to(criterion_id, focus=False)
        self.query_one(CriteriaTree).focus()

    def _show(self, criterion_id: str, focus: bool = False) -> None:
        """Show ``criterion_id`` as the session has it (the editors' text is replaced, not captured)."""
        self.current = criterion_id
        if focus and not self._session.read_only:
            self.query_one("#evidence", TextArea).focus()
        self.refresh_bindings()

    def watch_current(self, criterion_id: str | None) -> None:
        """The panes follow the current criterion: heading, fields, rating, tree, personal-data notes."""
        if criterion_id is None or self.session is None:
            return
        self.query_one("#heading", Static).update(heading(self._session, criterion_id))
        self.query_one(CriterionFields).show(criterion_id)
        self._show_response()
        self._scan_now()
        self.query_one(CriteriaTree).select_criterion(criterion_id)

    def _step(self, delta: int) -> None:
        ids = [c.id for c in self._session.criteria]
        if not ids:
            return
        index = ids.index(self.current) if self.current in ids else -1
        self.go_to(ids[(index + delta) % len(ids)], focus=self.typing)  # the editor only if typing

    def action_next_criterion(self) -> None:
        self._step(1)

    def action_previous_criterion(self) -> None:
        self._step(-1)

    @on(Tree.NodeHighlighted, "#criteria")
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        tree = self.query_one(CriteriaTree)
        node = tree.cursor_node  # where the cursor is now (the event may be an older move)
        self._set_heading(tree.theme_at_cursor())
        if node is not None and node.data and node.data != self.current:
            self.go_to(node.data, focus=False)

    @on(Tree.NodeSelected, "#criteria")
    def _selected(self, event: Tree.NodeSelected[str]) -> None:
        if event.node.data and self.check_action("edit_evidence", ()):
            self.action_edit_evidence()

    def _set_heading(self, theme: tuple[str, tuple[str, ...]] | None) -> None:
        """On a theme heading the detail pane says so instead of showing a criterion keys cannot reach."""
        if theme == self.on_heading:
            return
        self.on_heading = theme
        self.query_one(RatingBar).display = theme is None
        if theme is not None:
            self.query_one(SampleLine).display = False
        elif self.current is not None:
            self._show_sample(self.current)
        self.query_one(CriterionFields).display = theme is None
        widget = self.query_one("#heading", Static)
        if theme is not None:
            title, ids = theme
            widget.update(
                Content("\n").join(
                    [literal(title, "bold"), literal(f"Theme heading · {len(ids)} criteria", "$text-muted")]
                )
            )
        elif self.current is not None:
            widget.update(heading(self._session, self.current))
        self._show_mode()
        self.refresh_bindings()

    @property
    def typing(self) -> bool:
        """Whether the focus is in a text box, where every printable key is text."""
        return isinstance(self.focused, (TextArea, Input))

    @property
    def mode(self) -> str:
        if self.session is None or self._session.read_only:
            return READ_ONLY
        if self.typing:
            return TYPING
        if isinstance(self.focused, ActionsList):
            return ACTIONS
        return HEADING if self.on_heading is not None else LIST

    @property
    def footer_first(self) -> tuple[str, ...]:
        """The keys the footer keeps first in this mode (``common.footer``)."""
        return FOOTER_FIRST[self.mode]

    def _show_mode(self) -> None:
        if self.session is None:
            return
        first = self.on_heading[1][0] if self.on_heading and self.on_heading[1] else ""
        self.query_one("#mode", Static).update(mode_line(self.mode, self._session.framework, first))
        self.query_one(CriterionFields).set_typing(self.typing)

    def on_descendant_focus(self) -> None:
        self._show_mode()
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._show_mode)
        self.refresh_bindings()

    def _target(self) -> str | None:
        """The criterion the keys act on: the one under the cursor; on a theme heading none, and say so."""
        if self.on_heading is not None:
            title, ids = self.on_heading
            where = f": press Down for {ids[0]}" if ids else ""
            self.notify(
                visible(f"“{title}” is a theme heading, not a criterion{where}."),
                title="Choose a criterion",
                severity="warning",
                timeout=4,
                markup=False,
            )
            return None
        return self.current

    def action_edit_evidence(self) -> None:
        """Enter or e in the list: the cursor into the evidence editor, at the end of its text."""
        if self._target() is None:
            return
        if isinstance(self.focused, Tree):
            node = self.focused.cursor_node
            if node is not None and node.data and node.data != self.current:
                self.go_to(node.data, focus=False)
        area = self.query_one("#evidence", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_focus_step(self, delta: int) -> None:
        """Tab, shift+Tab: the next place in the fill screen's order (``fill.focus``)."""
        widget = focus.following(self, delta)
        if widget is None:
            self.focus_next() if delta > 0 else self.focus_previous()
        else:
            widget.focus()

    def action_leave_editor(self) -> None:
        """Escape while typing (or in the actions list): back to the criteria list."""
        self.query_one(CriteriaTree).focus()

    def action_home(self) -> None:
        """Escape in the criteria list: back to the home screen (opening it when started here)."""
        go_home(self)

    def action_quit_letter(self) -> None:
        if not self.confirm_quit():
            self.app.exit()

    # -- showing --------------------------------------------------------------------------------
    def _show_response(self) -> None:
        """The parts that change when the response does: rating, tree, progress, last period."""
        session, criterion_id = self._session, self.current
        if criterion_id is None:
            return
        self.query_one(RatingBar).show(session.get(criterion_id), session.previous_period or "")
        self._show_sample(criterion_id)
        self.query_one(CriterionFields).show_previous(criterion_id)
        self.query_one(CriteriaTree).refresh_labels()
        self.query_one("#overall", Static).update(progress_bar(*session.progress()))

    def _show_sample(self, criterion_id: str) -> None:
        session = self._session
        self.query_one(SampleLine).show(
            session.framework,
            session.framework.criterion(criterion_id),
            session.get(criterion_id),
            None if session.read_only else session.understood_sample(criterion_id),
        )

    def _show_actions(self, keep: str | None = None) -> None:
        if self.current is not None:
            self.query_one(CriterionFields).show_actions(self.current, keep)
            if keep is not None:  # a just-added or edited action: in view, however long the evidence
                self.call_after_refresh(self.query_one(ActionsList).scroll_visible, animate=False)

    def _apply_mode(self) -> None:
        """Editable or read-only, and the banner and title that say which and why."""
        self.query_one(CriterionFields).set_read_only(self._session.read_only)
        self._show_state()
        self.refresh_bindings()

    def _show_state(self) -> None:
        shown = banner(self._session, self._sync_failed)
        widget = self.query_one("#banner", Static)
        widget.display = shown is not None
        widget.set_classes(shown[1] if shown else "")
        widget.update(shown[0] if shown else "")
        self.sub_title = state_words(self._session, self._git)

    # -- typing ---------------------------------------------------------------------------------
    def _changed(self, structure: bool = True) -> None:
        """Something changed: remember when (for autosave) and redraw what depends on it."""
        self.autosave.changed()
        if structure:
            self._show_response()
            self.refresh_bindings()
        self._show_state()

    def _capture(self) -> None:
        """Copy the editors' text into the session (the Changed events normally have already)."""
        if self.session is None or self.current is None or self.session.read_only:
            return
        try:
            evidence, notes = self.query_one(CriterionFields).texts()
        except NoMatches:  # the widgets are already gone (the screen is closing)
            return
        carried = self.session.get(self.current).carried
        if self.session.set_evidence(self.current, evidence) | self.session.set_notes(self.current, notes):
            self._changed(structure=carried)

    @on(TextArea.Changed, "#evidence")
    def _evidence_changed(self, event: TextArea.Changed) -> None:
        if self.current is None:
            return
        carried = self._session.get(self.current).carried
        if self._session.set_evidence(self.current, self.query_one(CriterionFields).saved_text("#evidence")):
            self._changed(structure=carried)
            self._show_sample(self.current)  # the contradictions and the "k of n" offer follow the text
            self._scan_later()

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        text = self.query_one(CriterionFields).saved_text("#notes")
        if self.current is not None and self._session.set_notes(self.current, text):
            self._changed(structure=False)
            self._scan_later()

    @on(Input.Changed, "#as-of")
    def _as_of_changed(self, event: Input.Changed) -> None:
        if self.current is None or self._session.read_only:
            return
        day = parse_date(event.input.value)  # not event.value: that may be the last criterion's
        fields = self.query_one(CriterionFields)
        fields.show_date_error("not a date: use YYYY-MM-DD or D/M/YYYY" if day is False else "")
        if day is not False and self._session.set_as_of(self.current, day if isinstance(day, date) else None):
            self._changed(structure=False)

    # -- personal data --------------------------------------------------------------------------
    def _scan_later(self) -> None:
        if self._privacy_timer is not None:
            self._privacy_timer.stop()
        self._privacy_timer = self.set_timer(PRIVACY_DELAY, self._scan_now)

    def _scan_now(self) -> None:
        if self.current is None:
            return
        response = self._session.get(self.current)
        found = [("evidence", m) for m in self._session.personal_data(response.evidence)]
        found += [("notes", m) for m in self._session.personal_data(response.notes)]
        self.query_one(PersonalDataNotes).show(found)

    # -- saving ---------------------------------------------------------------------------------
    def _tick(self) -> None:
        if not self._session.should_save():
            return
        if self.autosave.due():
            self._save()

    def _save(self) -> bool:
        saved = self._session.save()
        if saved:
            self.autosave.saved()
            if self._git is not None:  # the file just changed: so say until git has been asked again
                self._git = True
            self._refresh_git()
        elif self._session.problem is not None and self._session.problem != self._told:
            self._told = self._session.problem
            self.notify(
                visible(self._session.problem.message),
                title="Not saved",
                severity="error",
                timeout=8,
                markup=False,
            )
            if self._session.read_only:  # the lock was taken over: the editors stop taking text
                self._apply_mode()
        self._show_state()
        return saved

    @work(thread=True, exclusive=True, group="git")
    def _refresh_git(self) -> None:
        """Whether the workspace has uncommitted changes: a git call, so off the UI thread."""
        from selfassess.logic.sync import last_failure

        root = self._session.workspace.root
        state = has_uncommitted(root)
        failed = last_failure(root) if state is not None else None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._set_git, state, failed)

    def _set_git(self, state: bool | None, failed: str | None = None) -> None:
        self._git = state
        self._sync_failed = failed
        if self.session is not None and self.query("#banner"):  # not when the screen is closing
            self._show_state()

    def action_save_now(self) -> None:
        """Save now; retry a failed save; after a change on disk, compare and merge."""
        session = self._session
        if session.problem is not None and session.problem.kind == "conflict":
            self._merge()
            return
        self._capture()
        if not session.dirty:
            self.notify("Everything is saved.", timeout=3)
        elif self._save():
            self.notify("Saved.", timeout=3)

    def action_sync(self) -> None:
        fill_sync.sync(self)

    def _merge(self) -> None:
        session = self._session
        try:
            theirs = session.theirs()
        except SelfAssessError as error:
            message = (
                f"The file on disk cannot be read:\n{error}\n"
                "Fix it (e.g. finish the git merge), then press ctrl+r again. Your text is kept here."
            )
            self.notify(visible(message), title="Cannot merge", severity="error", timeout=15, markup=False)
            return
        self._capture()
        differences = session.differences(theirs)

        def merged(choices: dict[str, str] | None) -> None:
            if choices is None:
                return
            session.merge(theirs, choices)
            self._changed()
            if self._save():
                self.notify("Merged and saved.", timeout=4)
                if session.adopt_unsaved():  # the next earlier session's text, if any
                    self.call_after_refresh(self._merge)
            if session.read_only:
                self._apply_mode()
            if self.current is not None:
                self._show(self.current)

        heading = (
            "Text from an earlier session was not saved: merge it"
            if session.recovered
            else "The file changed on disk since you opened it"
        )
        modal = MergeModal(session.framework, differences, deleted=theirs is None, heading=heading)
        self.app.push_screen(modal, merged)

    # -- rating and carrying --------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._allowed(action, parameters, self.typing)

    def _allowed(self, action: str, parameters: tuple[object, ...], typing: bool) -> bool | None:
        """Whether ``action`` may run now; ``typing``: keys that are letters are text, not commands."""
        session = self.session
        if session is None:
            return action in ("help", "quit", "quit_letter", "home")
        if action == "leave_editor":
            return not isinstance(self.focused, Tree)
        if action == "home":
            return self.focused is None or isinstance(self.focused, Tree)
        if action in LETTER_KEYS and typing:
            return False  # typed as text: neither shown in the footer nor acting
        if action == "edit_evidence" and isinstance(self.focused, ActionsList):
            return False  # there Enter edits the highlighted action
        if action in EDITING and session.read_only:
            return False
        if action in CRITERION_KEYS and self.on_heading is not None:
            return True  # pressed, they say this is a heading and act on nothing
        current = self.current or ""
        if action == "rate":
            return isinstance(parameters[0], int) and 1 <= parameters[0] <= len(session.framework.scale)
        if action == "carry":
            return session.can_carry(current)
        if action == "edit_sample":
            criterion = session.framework.criterion(current)
            return (
                criterion is not None
                and criterion.sample is not None
                and not session.get(current).not_applicable
            )
        if action == "take_sample":
            return session.understood_sample(current) is not None
        if action == "reopen":
            return session.assessment.is_submitted
        return True

    def action_rate(self, number: int) -> None:
        grade = self._session.framework.scale[number - 1]
        criterion_id = self._target()
        if criterion_id is not None and self._session.rate(criterion_id, grade.id):
            self._changed()

    def action_clear_rating(self) -> None:
        criterion_id = self._target()
        if criterion_id is not None and self._session.rate(criterion_id, None):
            self._changed()

    def action_confirm_carried(self) -> None:
        """``y``: confirm a carried criterion and move to the next carried one (on one that is not
        carried, say why nothing was confirmed)."""
        criterion_id = self._target()
        if criterion_id is None:
            return
        response = self._session.get(criterion_id)
        if self._session.confirm(criterion_id):
            self._changed()
            words = f"{criterion_id} confirmed for {self.period}."
        elif response.cell is not None or response.evidence:
            words = f"{criterion_id} is already confirmed for {self.period}: it is not carried."
        else:
            words = f"{criterion_id} was not carried forward (c carries it)."
        following = self._next_carried(criterion_id)
        if following is not None:
            self.go_to(following, focus=False)
            words += f" Next carried: {following}."
        elif response.carried:
            words += " Every carried criterion is now confirmed."
        self.notify(visible(words), timeout=4, markup=False)

    def _next_carried(self, criterion_id: str) -> str | None:
        """The next criterion after ``criterion_id`` (wrapping round) still carried and unconfirmed."""
        ids = [c.id for c in self._session.criteria]
        start = ids.index(criterion_id) + 1 if criterion_id in ids else 0
        return next((c for c in ids[start:] + ids[:start] if self._session.get(c).carried), None)

    def action_carry(self) -> None:
        criterion_id = self._target()
        if criterion_id is None:
            return
        if self._session.is_untouched(criterion_id):
            self._carry(criterion_id)
            return
        question = literal(
            f"Replace this period's rating and evidence of {criterion_id} with last period's "
            f"({self._session.previous_period})?"
        )
        self.app.push_screen(
            ConfirmModal(question, "Replace"), lambda yes: self._carry(criterion_id) if yes else None
        )

    def _carry(self, criterion_id: str) -> None:
        self._capture()
        if self._session.carry(criterion_id):
            self._changed()
            if criterion_id == self.current:
                self._show(criterion_id)

    def action_carry_all(self) -> None:
        self._capture()
        carried = self._session.carry_all()
        if carried and self.current is not None:
            self._changed()
            self._show(self.current)
        count = len(carried)
        self.notify(
            f"Carried {plural(count, 'criterion', 'criteria')} forward: confirm each (y) or edit it."
            if count
            else "Nothing to carry: every criterion already has a rating or evidence this period.",
            timeout=6,
            markup=False,
        )

    def action_not_applicable(self) -> None:
        criterion_id = self._target()
        if criterion_id is None:
            return

        def made_applicable(yes: bool | None) -> None:
            if yes and self._session.set_not_applicable(criterion_id, None):
                self._changed()

        def reason_given(reason: str | None) -> None:
            if reason is not None and self._session.set_not_applicable(criterion_id, reason):
                self._changed()

        if self._session.get(criterion_id).not_applicable is not None:
            question = literal(f"Make {criterion_id} applicable again (so it needs a rating)?")
            self.app.push_screen(ConfirmModal(question, "Applicable"), made_applicable)
        else:
            self.app.push_screen(ReasonModal(criterion_id), reason_given)

    # -- the dip sample -------------------------------------------------------------------------
    def action_edit_sample(self) -> None:
        criterion_id = self._target()
        criterion = self._session.framework.criterion(criterion_id) if criterion_id else None
        if criterion_id is None or criterion is None or criterion.sample is None:
            return

        def recorded(result: Sample | str | None) -> None:
            if result is None:
                return
            sample = None if result == REMOVE else result
            if self._session.set_sample(criterion_id, sample):  # type: ignore[arg-type]
                self._changed()

        self.app.push_screen(
            SampleForm(criterion_id, criterion.sample, self._session.get(criterion_id).sample), recorded
        )

    def action_take_sample(self) -> None:
        """Record the "k of n" the evidence states as the sample, and say what was understood."""
        criterion_id = self._target()
        if criterion_id is None:
            return
        understood = self._session.understood_sample(criterion_id)
        if understood is not None and self._session.set_sample(criterion_id, understood):
            self._changed()
            self.notify(
                visible(
                    f"{criterion_id}: recorded the sample as {sample_text(understood)}, from the evidence."
                ),
                timeout=5,
                markup=False,
            )

    # -- improvement actions --------------------------------------------------------------------
    def action_add_action(self) -> None:
        criterion_id = self._target()
        if criterion_id is None:
            return

        def added(form: ActionInput | None) -> None:
            if form is None:
                return
            addresses = form.addresses or ()
            action = self._session.add_action(criterion_id, form.text, form.owner, form.due, addresses)
            if action is None:
                return
            if form.done:
                self._session.toggle_done(criterion_id, action.id)
            self._changed()
            self._show_actions(keep=action.id)

        self.app.push_screen(ActionForm(criterion_id, None, self._items_for(criterion_id)), added)

    def _items_for(self, criterion_id: str) -> list[tuple[str, str]]:
        """The inspection items that list ``criterion_id`` (by its own or a former id), to offer."""
        inspections, _ = self.workspace.inspections()
        framework = self._session.framework
        current = framework.current_id(criterion_id)
        return [
            (item.ref, f"{item.ref} {item.text}")
            for inspection in inspections
            for item in inspection.items
            if any(framework.current_id(c) == current for c in item.criteria)
        ]

    def _selected_action(self) -> tuple[str, Action] | None:
        """The criterion on screen and the action highlighted in its list, if any."""
        criterion_id, action_id = self.current, self.query_one(ActionsList).current_action_id()
        if criterion_id is None or action_id is None:
            return None
        action = self._session.find_action(criterion_id, action_id)
        return None if action is None else (criterion_id, action)

    def action_edit_action(self) -> None:
        selected = self._selected_action()
        if selected is None:
            return
        criterion_id, action = selected
        action_id = action.id
        was_done = action.done

        def edited(form: ActionInput | None) -> None:
            if form is None:
                return
            done: bool | date = (
                (was_done if was_done is not False else self._session.today) if form.done else False
            )
            changed = self._session.update_action(
                criterion_id, action_id, form.text, form.owner, form.due, done, form.addresses
            )
            if changed:
                self._changed()
                self._show_actions(keep=action_id)

        self.app.push_screen(ActionForm(criterion_id, action, self._items_for(criterion_id)), edited)

    @on(ActionsList.OptionSelected, "#actions")
    def _action_selected(self) -> None:
        if self.check_action("edit_action", ()):
            self.action_edit_action()

    def action_toggle_action(self) -> None:
        criterion_id, action_id = self.current, self.query_one(ActionsList).current_action_id()
        if criterion_id and action_id and self._session.toggle_done(criterion_id, action_id):
            self._changed()
            self._show_actions(keep=action_id)

    def action_delete_action(self) -> None:
        selected = self._selected_action()
        if selected is None:
            return
        criterion_id, action = selected
        action_id = action.id

        def deleted(yes: bool | None) -> None:
            if yes and self._session.delete_action(criterion_id, action_id):
                self._changed()
                self._show_actions()

        question = Content.assemble(
            literal(f"Delete action {action_id}?\n\n"), literal(action.action, "italic")
        )
        self.app.push_screen(ConfirmModal(question, "Delete"), deleted)

    # -- submitting -----------------------------------------------------------------------------
    def action_submit(self) -> None:
        session = self._session
        self._capture()
        if session.should_save():
            self._save()
        title = f"Submit {self.district} {self.period}"
        self.app.push_screen(SubmitModal(title, session.blockers(), session.warnings()), self._submitted)

    def _submitted(self, choice: SubmitChoice) -> None:
        session = self._session
        if isinstance(choice, str):
            self.jump_to(choice)  # in the list, on the blocker: keys rate it, Enter writes
            return
        if choice is not True or not session.submit():
            return
        self._changed()
        if self._save():
            session.release()
            self.notify(visible(f"{self.district} {self.period} submitted."), timeout=6, markup=False)
        self._apply_mode()
        self.query_one(CriteriaTree).focus()

    def action_reopen(self) -> None:
        def reopen(yes: bool | None) -> None:
            session = self._session
            if not yes:
                return
            if not session.reopen():
                who = session.holder.describe() if session.holder else session.lock_error or "another session"
                self.notify(
                    visible(f"Cannot reopen: open for editing by {who}."), severity="error", markup=False
                )
                return
            self._changed()
            self._save()
            self._apply_mode()

        question = literal(f"Reopen {self.district} {self.period} as a draft? It will need submitting again.")
        self.app.push_screen(ConfirmModal(question, "Reopen"), reopen)

    def action_take_over(self) -> None:
        session = self._session
        if session.holder is None:
            return

        def take(yes: bool | None) -> None:
            if yes and session.acquire_lock(take_over=True):
                self.notify(visible(session.lock_notice or "Lock taken over."), timeout=8, markup=False)
                self._apply_mode()
                if self.current is not None:
                    self.go_to(self.current)

        question = literal(
            f"Take over the lock from {session.holder.describe()}? If they are still typing, "
            "their screen stops saving and keeps their text for them to merge."
        )
        self.app.push_screen(ConfirmModal(question, "Take over"), take)

    # -- help and the palette -------------------------------------------------------------------
    def action_help(self) -> None:
        if self.session is not None:
            self.app.push_screen(HelpModal(fill_help(self.session.framework, self.BINDINGS)))

    def palette_commands(self) -> list[Command]:
        """Every action that makes sense now, for the command palette."""
        commands = list(FILL_COMMANDS)
        if self._session.holder is not None:
            commands.append(("Take over the lock", "take_over", "when you are sure it is not in use"))
        commands += [
            (f"Rate {grade_name(g)}", f"rate({g.number})", str(g.number))
            for g in self._session.framework.scale
        ]
        return [
            (label, self._runner(action), help_text)
            for label, action, help_text in commands
            if self._allowed(action.split("(")[0], self._parameters(action), typing=False) is True
        ]  # the palette is not typing: its commands act even when opened from a text box

    @staticmethod
    def _parameters(action: str) -> tuple[object, ...]:
        return (int(action[action.index("(") + 1 : -1]),) if "(" in action else ()

    def _runner(self, action: str) -> Any:
        name, parameters = action.split("(")[0], self._parameters(action)

        def run() -> None:
            if self._allowed(name, parameters, typing=False) is True:
                getattr(self, f"action_{name}")(*parameters)

        return run
