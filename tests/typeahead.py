"""Typing ahead in tests: keys written in one go, as a terminal delivers them over SSH or a slow link.

``pilot.press`` waits for the app to go idle after every key, which hides every bug where a key acts on
a state the previous key has not finished making. ``type_ahead`` posts all the keys at once, the way the
terminal driver does when several arrive in one read, and then waits until the app has handled them all.
"""

from __future__ import annotations

import unicodedata

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

ROUNDS = 200  # at most this many idle checks (each ~0.05 s) before a test gives up waiting


def key_event(key: str) -> events.Key:
    """The Key event a terminal produces for ``key`` (Pilot's spelling: "down", "ctrl+p", "a")."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def keys_of(text: str) -> list[str]:
    """Each character of ``text`` as a key."""
    return [key_event(c).key for c in text]


def _busy(app: App) -> bool:
    try:
        pumps = [app, *app.screen.walk_children(with_self=True)]
    except Exception:  # no screen yet
        return True
    held = getattr(app, "keys_held", 0)  # keys the app holds back until the previous one is done
    return (
        bool(held)
        or any(p.message_queue_size for p in pumps)
        or any(not w.is_finished for w in app.workers if w.node is app.screen and not w._thread_worker)
    )


async def type_ahead(pilot, *keys: str) -> None:
    """Send ``keys`` in one write, without waiting between them; then wait until all are handled."""
    app = pilot.app
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app.post_message(event)
    await settle(pilot)


async def settle(pilot) -> None:
    """Wait until the app has no message, key or palette search pending (checked twice in a row)."""
    quiet = 0
    for _ in range(ROUNDS):
        await pilot.pause(0.05)
        quiet = 0 if _busy(pilot.app) else quiet + 1
        if quiet == 2:
            return
