"""When the fill screen saves by itself: after a short quiet spell, and never far behind typing."""

from __future__ import annotations

import time
from collections.abc import Callable

IDLE = 0.5  # seconds of quiet after a change before it is saved ...
MOST_BEHIND = 0.8  # ... but never more than this (+ a tick) behind typing: a kill loses at most ~1 s
TICK = 0.2  # how often the screen asks


class Autosave:
    """Remembers when the assessment changed; ``due`` says whether a save should happen now."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_change = 0.0
        self._dirty_since: float | None = None

    def changed(self) -> None:
        now = self._clock()
        self._last_change = now
        if self._dirty_since is None:
            self._dirty_since = now

    def due(self) -> bool:
        now = self._clock()
        quiet = now - self._last_change >= IDLE
        behind = self._dirty_since is not None and now - self._dirty_since >= MOST_BEHIND
        return quiet or behind

    def saved(self) -> None:
        self._dirty_since = None
