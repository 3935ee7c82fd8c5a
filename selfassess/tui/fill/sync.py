"""The fill screen's git side: ``s`` saves, syncs in a worker and reopens the assessment as it now is;
on opening, an unresolved merge conflict (``<period>.conflict.toml``) is offered for resolution.

The screen calls :func:`sync` from its ``s`` key and :func:`offer_conflict` from ``on_mount``; what it
needs of the screen is public: ``district``, ``period``, ``session`` and ``action_save_now``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfassess.core.errors import SelfAssessError
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
        screen.notify(
            literal(f"{error}"), title="Merge conflict file unreadable", severity="error", timeout=15
        )
        return
    if session.read_only:
        screen.notify(
            literal("This assessment has an unresolved merge conflict; open it for editing to resolve it."),
            severity="warning",
            timeout=10,
        )
        return

    def chosen(choices: dict[str, str] | None) -> None:
        if choices is None:
            screen.notify("The conflict stays: sync will not push until it is resolved.", timeout=8)
            return
        resolve(screen, conflict, choices)

    screen.app.push_screen(ConflictModal(session.framework, session.assessment, conflict), chosen)


def resolve(screen: FillScreen, conflict: conflictfile.Conflict, choices: dict[str, str]) -> None:
    """Apply the choices to the file on disk, remove the conflict file, and reopen the assessment."""
    session = screen.session
    try:
        assessment = session.workspace.load(session.district, session.period)
        for criterion_id, side in choices.items():
            if side == OTHER:
                conflictfile.take_theirs(assessment, conflict, criterion_id)
        save_assessment(assessment, session.path, session.framework)
    except SelfAssessError as error:
        screen.notify(literal(str(error)), title="Not resolved", severity="error", timeout=12)
        return
    conflict.path.unlink(missing_ok=True)
    screen.notify("Conflict resolved and saved: press s to sync.", title="Resolved", timeout=8)
    reopen(screen)
