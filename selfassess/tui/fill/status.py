"""What the fill screen says about its state: the banner (why not saved, why read-only) and the title."""

from __future__ import annotations

from textual.content import Content

from selfassess.core.vocabulary import WARNING_MARK
from selfassess.logic.session import Session
from selfassess.tui.common.text import literal


def banner(session: Session, sync_failed: str | None = None) -> tuple[Content, str] | None:
    """The message above the screen and its class (``-error``, ``-warning``, ``-info``), or None.
    ``sync_failed``: why the last sync stopped, shown when nothing about the file needs saying first."""
    problem = session.problem
    if problem is not None and problem.kind == "conflict":
        text = (
            f"{WARNING_MARK} {problem.message}. Your text is kept here, not saved. "
            "Press ctrl+r to compare and merge."
        )
        return literal(text), "-error"
    if problem is not None and problem.kind == "taken":
        return literal(f"⚠ {problem.message}. Nothing more is saved from this screen."), "-error"
    if problem is not None:
        text = (
            f"{WARNING_MARK} {problem.message}. Your text is kept; "
            "saving is retried on your next change or ctrl+r."
        )
        return literal(text), "-error"
    if session.assessment.is_submitted:
        return literal("Submitted: read-only. Press ctrl+o to reopen it as a draft."), "-info"
    if session.holder is not None:
        text = f"Read-only: open for editing by {session.holder.describe()}."
        return literal(text + " To take it over, use the command palette (ctrl+p)."), "-warning"
    if session.lock_error:
        return literal(f"Read-only: {session.lock_error}"), "-warning"
    if sync_failed:
        return literal(f"{WARNING_MARK} Last sync failed: {sync_failed}"), "-warning"
    return None


def state_words(session: Session, uncommitted: bool | None) -> str:
    """``draft · saved · git: uncommitted changes``: shown in the header beside the title."""
    submitted = session.assessment.is_submitted
    parts = [session.assessment.status]
    if session.read_only and not submitted:
        parts.append("read-only")
    if session.problem is not None:
        parts.append("NOT SAVED")
    elif session.dirty:
        parts.append("unsaved")
    else:
        parts.append("saved" if session.exists else "no file yet")
    if uncommitted is not None:  # text typed but not yet saved is not committed either
        changed = uncommitted or session.dirty or session.problem is not None
        parts.append("git: uncommitted changes" if changed else "git: all committed")
    return " · ".join(parts)
