"""Key ``s``: ``selfassess sync`` from a screen, in a thread worker, its progress shown as it goes;
and the review screen's commit of a review file. Git never blocks the screen and never prompts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.notifications import SeverityLevel
from textual.screen import Screen

from selfassess.core.errors import SelfAssessError
from selfassess.core.textgate import visible
from selfassess.git import run as gitrun
from selfassess.logic.sync import SyncConflict, SyncResult, sync
from selfassess.tui.common.text import literal

GROUP = "sync"


def summary(result: SyncResult) -> str:
    parts = [f"Committed: {result.committed}" if result.committed else "Nothing new to commit"]
    if result.pulled:
        parts.append(f"pulled {result.pulled} commit(s)")
    if result.pushed and result.remote:
        parts.append(f"pushed to {result.remote}")
    elif result.up_to_date and result.remote:
        parts.append(f"nothing to push ({result.remote} is up to date)")
    return "; ".join(parts) + "." + "".join(f"\n{note}" for note in result.notes)


def start_sync(screen: Screen[Any], after: Callable[[SyncResult | None], None]) -> None:
    """Sync the app's workspace in a worker; ``after`` runs on the UI thread when it is done (None: it
    failed, and the screen has said why)."""
    app: Any = screen.app
    gitrun.DETACH_FROM_TERMINAL = True  # never a passphrase prompt under the screen
    if any(w.group == GROUP and w.is_running for w in app.workers):
        screen.notify("A sync is already running.", timeout=3)
        return
    root: Path = app.workspace.root

    def progress(words: str) -> None:
        app.call_from_thread(screen.notify, literal(words), title="Sync", timeout=4)

    def job() -> None:
        outcome: SyncResult | None = None
        try:
            outcome = sync(root, progress=progress)
        except SyncConflict as error:
            app.call_from_thread(_tell, screen, str(error), "Resolve first", "warning")
        except SelfAssessError as error:
            app.call_from_thread(_tell, screen, str(error), "Sync failed", "error")
        else:
            app.call_from_thread(_tell, screen, summary(outcome), "Synced", "information")
        app.call_from_thread(_after, screen, after, outcome)

    screen.notify("Syncing…", title="Sync", timeout=3)
    screen.run_worker(job, thread=True, group=GROUP, exit_on_error=False, description="sync")


def _tell(screen: Screen[Any], message: str, title: str, severity: SeverityLevel) -> None:
    screen.notify(visible(message), title=title, severity=severity, timeout=10, markup=False)


def _after(
    screen: Screen[Any], after: Callable[[SyncResult | None], None], result: SyncResult | None
) -> None:
    if screen.is_attached:
        after(result)


def commit_review(screen: Screen[Any], path: Path, subject: str) -> None:
    """Commit a review file just written (when the workspace is a git repository), in a worker."""
    app: Any = screen.app
    root: Path = app.workspace.root
    gitrun.DETACH_FROM_TERMINAL = True

    def job() -> None:
        from selfassess.logic.sync import commit_file

        try:
            if gitrun.is_repository(root) and commit_file(root, path, subject):
                app.call_from_thread(_tell, screen, f"Committed: {subject}", "Committed", "information")
        except SelfAssessError as error:
            app.call_from_thread(_tell, screen, f"Not committed: {error.message}", "Git", "warning")

    screen.run_worker(job, thread=True, group="commit", exit_on_error=False, description="commit review")
