"""Live reload: notice files changed on disk (a sync, a ``git pull`` in another terminal) and redraw.

A thread worker compares the workspace's file times and sizes every second (polling, not watchfiles:
see the README's "Live reload" for the measurement); when they moved, the screen's own reload runs on
the UI thread, which keeps the cursor and the filters. Hidden files (locks, temporary files) are left
out, so a screen's own lock never triggers a redraw.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

    from selfassess.tui.common.base import AppScreen

#: seconds between looks; a change shows within this plus one redraw (the promise is two seconds)
INTERVAL = 1.0

Snapshot = frozenset[tuple[str, int, int]]


def _entries(folder: Path) -> list[tuple[str, int, int]]:
    found = []
    try:
        with os.scandir(folder) as scan:
            for entry in scan:
                if entry.name.startswith("."):
                    continue
                info = entry.stat()
                found.append((entry.path, info.st_mtime_ns, info.st_size))
    except OSError:
        pass
    return found


def snapshot(root: Path) -> Snapshot:
    """Path, modification time and size of every file a screen reads: settings, frameworks, and each
    district's assessments, reviews and conflict files."""
    found = _entries(root) + _entries(root / "criteria")
    assessments = root / "assessments"
    for path, _, _ in _entries(assessments):
        found += _entries(Path(path))
    return frozenset(found)


class Watch:
    """Compares snapshots in a thread worker; ``on_change`` runs on the UI thread when they differ."""

    def __init__(self, screen: Screen[Any], root: Path, on_change: Callable[[], None]) -> None:
        self.screen = screen
        self.root = root
        self.on_change = on_change
        self.last = snapshot(root)

    def start(self, interval: float = INTERVAL) -> Watch:
        self.screen.set_interval(interval, self.check_now)
        return self

    def check_now(self) -> None:
        """Look now (in a worker); the timer calls this every ``INTERVAL``."""
        self.screen.run_worker(
            self._look, thread=True, exclusive=True, group="live-reload", exit_on_error=False,
            description="look for changed files",
        )  # fmt: skip

    def _look(self) -> None:
        now = snapshot(self.root)
        if now != self.last:
            self.last = now
            self.screen.app.call_from_thread(self._changed)

    def _changed(self) -> None:
        if self.screen.is_attached:
            self.on_change()

    def seen(self) -> None:
        """Take what is on disk now as seen (after the screen changed files itself)."""
        self.last = snapshot(self.root)


def watch(screen: AppScreen, on_change: Callable[[], None]) -> Watch:
    """Start watching the app's workspace for ``screen``; kept as ``screen.live_reload`` for tests."""
    found = Watch(screen, screen.workspace.root, on_change).start()
    screen.live_reload = found
    return found
