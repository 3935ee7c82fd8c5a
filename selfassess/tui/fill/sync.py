"""The fill screen's git side: ``s`` saves, syncs in a worker and reopens the assessment as it now is;
on opening, an unresolved merge conflict (the conflict file beside it) is offered for resolution.

The screen calls :func:`sync` from its ``s`` key and :func:`offer_conflict` from ``on_mount``; what it
needs of the screen is public: ``district``, ``period``, ``session`` and ``action_save_now``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.core.errors import AssessmentError, SelfAssessError
from selfassess.core.textgate import visible
from selfassess.formats import conflictfile
from selfassess.formats.store import save_assessment
from selfassess.tui.common.sync_action import start_sync
from selfassess.tui.common.text import literal
from selfassess.tui.fill.conflict import OTHER, ConflictModal

if TYPE_CHECKING:
    from selfassess.tui.fill.screen import FillScreen


def reopen(screen: FillScreen) -> None:
    """Replace the fill screen with a fresh one on the same assessment (read again from disk), the
    cursor on the criterion it was on."""
    if screen.session is not None:
        screen.session.release()  # before the new screen locks it
    fresh = type(screen)(screen.district, screen.period, screen.current)
    screen.app.switch_screen(fresh)


def sync(screen: FillScreen) -> None:
    """Key ``s``: save, then sync; the assessment is reopened afterwards (a pull may have changed it)."""
    session = screen.session
    if session is not None and not session.read_only:
        screen.action_save_now()
        if session.dirty:
            screen.notify("Not synced: your changes could not be saved first.", severity="error", timeout=8)
            return
    start_sync(screen, lambda _: reopen(screen))


def offer_conflict(screen: FillScreen) -> None:
    """If the last merge left a conflict file beside this assessment, show both sides to choose from."""
    session = screen.session
    if session is None:
        return
    path = conflictfile.conflict_path(session.path)
    if not path.exists():
        return
    try:
        conflict = conflictfile.read(path)
    except SelfAssessError as error:
        offer_discard(screen, path, error)
        return
    if session.read_only:
        screen.notify(
            visible("This assessment has an unresolved merge conflict; open it for editing to resolve it."),
            severity="warning",
            timeout=10,
            markup=False,
        )
        return

    def chosen(choices: dict[str, str] | None) -> None:
        if choices is None:
            screen.notify("The conflict stays: sync will not push until it is resolved.", timeout=8)
            return
        resolve(screen, conflict, choices)

    screen.app.push_screen(ConflictModal(session.framework, session.assessment, conflict), chosen)


def offer_discard(screen: FillScreen, path: Path, error: SelfAssessError) -> None:
    """A conflict file that cannot be read: say why, and offer to set it aside (renamed, never
    deleted nor overwritten) so the assessment can be used again."""
    from selfassess.tui.common.confirm import ConfirmModal

    screen.notify(
        visible(str(error)),
        title="Merge conflict file unreadable",
        severity="error",
        timeout=15,
        markup=False,
    )
    if screen.session is None or screen.session.read_only:
        return
    question = literal(
        f"{error}\n\nThe merge conflict file beside this assessment cannot be read. Set it aside "
        "(renamed to …broken, not deleted) and carry on with the assessment as it is?"
    )

    def answered(yes: bool | None) -> None:
        if not yes:
            screen.notify("The conflict file stays: sync will not push until it is gone.", timeout=8)
            return
        try:
            moved = conflictfile.move_aside(path)
        except OSError as failure:
            screen.notify(
                visible(f"{path}: {failure.strerror or failure}"), severity="error", timeout=12, markup=False
            )
            return
        screen.notify(visible(f"Set aside as {moved.name}."), title="Conflict file", timeout=8, markup=False)

    screen.app.push_screen(ConfirmModal(question, "Set aside", "Keep"), answered)


def resolve(screen: FillScreen, conflict: conflictfile.Conflict, choices: dict[str, str]) -> None:
    """Apply the choices to the file on disk, remove the conflict file, and reopen the assessment."""
    session = screen.session
    if session is None:
        return
    try:
        assessment = session.workspace.load(session.district, session.period)
        if assessment is None:  # removed under us: nothing to resolve into
            raise AssessmentError("no such file", session.path)
        for criterion_id, side in choices.items():
            if side == OTHER:
                conflictfile.take_theirs(assessment, conflict, criterion_id)
        save_assessment(assessment, session.path, session.framework)
    except SelfAssessError as error:
        screen.notify(visible(str(error)), title="Not resolved", severity="error", timeout=12, markup=False)
        return
    conflict.path.unlink(missing_ok=True)
    screen.notify("Conflict resolved and saved: press s to sync.", title="Resolved", timeout=8)
    reopen(screen)
