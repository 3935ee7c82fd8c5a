"""Keys typed ahead act in order on the state the previous keys left: one key at a time, each handed on
only when everything the previous one set off has run.

Textual routes a key to the widget focused when the key *arrives*, and the effects of a key (a focus
moved by Tab, a cursor move told to the screen by a message, a dialog's first field focused when it
mounts) happen later, in messages queued behind it. Keys arriving together (over SSH, a slow link, a
paste of keystrokes) therefore went to the wrong field or acted on the criterion the cursor had just
left. The gate holds each key until the screen has settled after the one before: a round of callbacks has
gone through every message queue of the app and the screen without any other message being handled
meanwhile, and the screen's own (non-thread) workers, such as the command palette's search, have
finished. (An empty queue is not enough: its widget may be in the middle of a message that it will
then pass on to its parent; so the gate counts the messages handled, through Textual's message hook.)
Threads (git, loading) are not waited for: typing goes on while a sync runs.

Text typed into a text box is the common case and changes nothing but the text, so a printable key
there is handed on at once (it queues behind the one before in the same box); the next key that is not
text (Tab, Enter, ctrl+s) waits until the text has settled.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual._context import message_hook  # the hook Textual's own test runner uses (see install)
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widgets import Input, TextArea

#: settling rounds after one key before the next goes anyway (something that never stops posting)
MAX_ROUNDS = 50
#: seconds between checks that a round's callbacks are not lost (their widget removed meanwhile)
LOST_ROUND = 1.0

GATED = (events.Key, events.Paste)


class KeyGate:
    """Holds typed-ahead keys for ``app`` and hands them on, one by one, to ``deliver``."""

    def __init__(self, app: App[Any], deliver: Callable[[events.Event], Awaitable[None]]) -> None:
        self.app = app
        self.deliver = deliver
        self.held: deque[events.Event] = deque()
        self.busy = True  # closed until the first screen is open: keys typed at launch wait for it
        self._round = 0
        self._unsettled = False  # text was handed on without waiting for it to settle
        self.handled = 0  # messages handled by any widget of the app so far

    def install(self) -> None:
        """Count every message handled from now on (call it from the app's task before the first
        screen is made, so that every widget's task inherits the hook)."""
        try:
            earlier: Callable[[Message], None] | None = message_hook.get()
        except LookupError:
            earlier = None

        def count(message: Message) -> None:
            self.handled += 1
            if earlier is not None:
                earlier(message)

        message_hook.set(count)

    def open(self) -> None:
        """The first screen is on its way: hand on the keys typed so far once it has settled."""
        self._settle(MAX_ROUNDS)

    def __len__(self) -> int:
        """Keys not yet handed on (the one being handled counts until the screen has settled)."""
        return len(self.held) + self.busy

    def take(self, event: events.Event) -> None:
        """A key arrived: queue it; hand it on now if nothing is being handled."""
        self.held.append(event)
        if not self.busy:
            self.busy = True
            self.app.call_later(self._next)

    async def _next(self) -> None:
        if not self.held:
            self.busy = False
            return
        text = self._is_text(self.held[0])
        if self._unsettled and not text:
            self._unsettled = False
            self._settle(MAX_ROUNDS)  # then this key
            return
        await self.deliver(self.held.popleft())
        if text:
            self._unsettled = True
            self.app.call_later(self._next)
        else:
            self._settle(MAX_ROUNDS)

    def _is_text(self, event: events.Event) -> bool:
        """A printable key for the text box that has the focus: it only adds text there."""
        return (
            isinstance(event, events.Key)
            and event.is_printable
            and isinstance(self.app.focused, (Input, TextArea))
        )

    def _pumps(self) -> list[MessagePump]:
        """The app, then the screen and its widgets (the app alone while there is no screen)."""
        try:
            screen = self.app.screen
        except Exception:  # the app is starting or closing
            return [self.app]
        return [self.app, *screen.walk_children(with_self=True)]

    def _working(self, quiet: bool) -> bool:
        """Whether anything still moves: a message handled during the round (``quiet`` False) or
        queued, or a search of the screen's still running."""
        try:
            screen = self.app.screen
        except Exception:
            return False
        return (
            not quiet
            or any(pump.message_queue_size for pump in self._pumps())
            or any(
                not worker.is_finished and worker.node is screen and not worker._thread_worker
                for worker in self.app.workers
            )
        )

    def _settle(self, rounds: int) -> None:
        """Run one round: a callback through every queue; repeat while anything is still working, then
        hand on the next key."""
        self._round += 1
        this_round = self._round
        waiting: set[MessagePump] = set()
        start = self.handled

        def done(pump: MessagePump) -> None:
            waiting.discard(pump)
            if not waiting and this_round == self._round:
                self._after_round(rounds, quiet=self.handled - start == scheduled)

        for pump in self._pumps():
            if pump.call_later(done, pump):
                waiting.add(pump)
        scheduled = len(waiting)  # our own callbacks are all that may be handled in a quiet round
        if not waiting:
            self._after_round(rounds, quiet=True)
        else:
            self.app.set_timer(LOST_ROUND, lambda: self._lost(this_round, rounds, waiting))

    def _lost(self, this_round: int, rounds: int, waiting: set[MessagePump]) -> None:
        """A slow round goes on waiting; one whose callbacks died with their widget is given up."""
        if this_round != self._round:
            return
        waiting -= {pump for pump in waiting if not pump.is_running}
        if waiting:
            self.app.set_timer(LOST_ROUND, lambda: self._lost(this_round, rounds, waiting))
        else:
            self._after_round(rounds)

    def _after_round(self, rounds: int, quiet: bool = False) -> None:
        self._round += 1  # this round is over: a late callback or timer of it does nothing
        if rounds > 1 and self._working(quiet):
            self._settle(rounds - 1)
        else:
            self.app.call_later(self._next)
