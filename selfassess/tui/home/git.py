"""The home screen's git side: the line saying where the workspace stands, live reload, and ``s``.

``install(screen)`` is called once from the home screen's ``on_mount``; the screen needs only a
``load()`` that re-reads the files keeping its cursor, and an ``action_sync`` that calls :func:`sync`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Static

from selfassess.logic.remote import describe, read_status
from selfassess.tui.common.live_reload import watch
from selfassess.tui.common.sync_action import start_sync
from selfassess.tui.common.text import literal

if TYPE_CHECKING:
    from selfassess.tui.home.screen import HomeScreen

LINE_ID = "home-git"


def install(screen: HomeScreen) -> None:
    # local git calls only (a few ms), so the first paint already says where git stands
    words = describe(read_status(screen.workspace.root))
    line = Static(literal(words, "$text-muted"), id=LINE_ID)
    hint = screen.query("#home-hint")
    if hint:
        screen.mount(line, before=hint.first())
    else:
        screen.mount(line)
    watch(screen, lambda: _reload(screen))
    if "no remote" not in words and "Not a git" not in words:
        refresh_status(screen, fetch=True)  # asks the remote: a worker


def _reload(screen: HomeScreen) -> None:
    screen.load()
    refresh_status(screen)


def refresh_status(screen: HomeScreen, fetch: bool = False) -> None:
    """Re-read the status line in a worker; ``fetch`` asks the remote first."""
    app: Any = screen.app
    root = app.workspace.root

    def job() -> None:
        words = describe(read_status(root, fetch=fetch))
        app.call_from_thread(_show, screen, words)

    screen.run_worker(job, thread=True, group="git-status", exit_on_error=False, description="git status")


def _show(screen: HomeScreen, words: str) -> None:
    found = screen.query(f"#{LINE_ID}")
    if found:
        found.first(Static).update(literal(words, "$text-muted"))


def sync(screen: HomeScreen) -> None:
    """Key ``s`` on the home screen."""

    def done(_: object) -> None:
        _reload(screen)
        live = getattr(screen, "live_reload", None)
        if live is not None:
            live.seen()

    start_sync(screen, done)
