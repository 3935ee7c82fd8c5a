"""Save before the process is stopped: the terminal closing (SIGHUP), ``kill`` (SIGTERM), and on Windows
the console window closing (CTRL_CLOSE_EVENT, after which Windows ends the process within about 5 s).

SIGKILL, a power cut and Task Manager's "End task" cannot be caught: atomic writes keep the file whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable
from typing import Protocol

from selfassess.formats import portable

#: the signals that end an editor that could still save; looked up by name, as SIGHUP is POSIX only
SIGNAL_NAMES = ("SIGHUP", "SIGTERM")
#: Windows console events worth saving for (CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT);
#: ctrl+c and ctrl+break (0, 1) are keys the screens handle themselves
CONSOLE_EVENTS = {2: "console closed", 5: "logged off", 6: "shut down"}
#: the exit status after saving: 128 + the signal's number, as a shell reports it
EXIT_STATUS = {"SIGHUP": 129, "SIGTERM": 143}
CONSOLE_GRACE = 4.0  # seconds the console handler waits for the save, inside Windows' five

#: what runs on the event loop when the process is asked to stop; given the reason (``SIGTERM`` ...)
Handler = Callable[[str], None]


class ConsoleApi(Protocol):
    """``SetConsoleCtrlHandler`` (a fake one in the tests)."""

    def set_handler(self, callback: Callable[[int], bool]) -> None: ...

    def remove_handler(self) -> None: ...


def on_close(
    handler: Handler,
    loop: asyncio.AbstractEventLoop,
    windows: bool | None = None,
    console: ConsoleApi | None = None,
) -> Callable[[], None]:
    """Run ``handler`` on ``loop`` when the process is asked to stop; returns what undoes it."""
    if portable.WINDOWS if windows is None else windows:
        return _on_console_close(handler, loop, console or _console())
    return _on_signals(handler, loop)


def _on_signals(handler: Handler, loop: asyncio.AbstractEventLoop) -> Callable[[], None]:
    installed = []
    for name in SIGNAL_NAMES:
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            loop.add_signal_handler(number, handler, name)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no such signal
            continue
        installed.append(number)

    def remove() -> None:
        for number in installed:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(number)

    return remove


def _on_console_close(
    handler: Handler, loop: asyncio.AbstractEventLoop, console: ConsoleApi
) -> Callable[[], None]:
    def on_event(event: int) -> bool:  # runs in a thread Windows starts; the save runs on the loop
        reason = CONSOLE_EVENTS.get(event)
        if reason is None:
            return False
        done = threading.Event()

        def run() -> None:
            try:
                handler(reason)
            finally:
                done.set()

        loop.call_soon_threadsafe(run)
        done.wait(CONSOLE_GRACE)
        return True

    console.set_handler(on_event)
    return console.remove_handler


class _Console:
    """kernel32's SetConsoleCtrlHandler through ctypes; built only on Windows."""

    def __init__(self) -> None:
        import ctypes

        self._ctypes = ctypes
        self._dll = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        self._routine: object = None

    def set_handler(self, callback: Callable[[int], bool]) -> None:
        ctypes = self._ctypes
        routine_type = ctypes.WINFUNCTYPE(ctypes.c_int, ctypes.c_ulong)
        self._routine = routine_type(lambda event: 1 if callback(event) else 0)  # kept: ctypes needs it alive
        self._dll.SetConsoleCtrlHandler(self._routine, True)

    def remove_handler(self) -> None:
        if self._routine is not None:
            self._dll.SetConsoleCtrlHandler(self._routine, False)
            self._routine = None


def _console() -> ConsoleApi:
    return _Console()
