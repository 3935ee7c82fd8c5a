"""Closing the terminal (SIGHUP) or ``kill`` (SIGTERM) saves what was typed and releases the lock.

The editor runs as a real process on a pseudo-terminal. Its first save is made to fail (a folder stands
where its temporary file must go), so the typed text is known to be in memory and not yet on disk when
the signal comes: no test depends on how fast anything runs.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from selfassess.formats.atomic import TEMP_SUFFIX, temp_path
from selfassess.formats.lock import lock_path
from selfassess.formats.store import parse_assessment
from selfassess.logic import closing
from selfassess.workspace.workspace import Workspace

from conftest import SELFASSESS, TODAY

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals and POSIX signals")

PATIENCE = 60  # seconds before giving up on the editor: a hang fails the test, speed never does


class Editor:
    """``selfassess fill north 2026-Q4`` on a pseudo-terminal of its own (its controlling terminal)."""

    def __init__(self, root: Path) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: becomes the editor
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
            os.chdir(root)
            env = {**os.environ, "TERM": "xterm-256color", "SELFASSESS_TODAY": TODAY}
            os.execve(SELFASSESS, [SELFASSESS, "fill", "north", "2026-Q4", "--as", "DCI Typist"], env)
        self.pid, self.fd, self.output = pid, fd, b""
        self.status: int | None = None

    def read_until(self, text: bytes) -> None:
        deadline = time.monotonic() + PATIENCE
        while text not in self.output:
            assert time.monotonic() < deadline, f"the editor never showed {text!r}"
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:
                    break
        assert text in self.output

    def block_first_save(self, path: Path) -> Path:
        """Once the editor holds its lock, put a folder where its temporary file must go."""
        deadline = time.monotonic() + PATIENCE
        while not lock_path(path).exists():
            assert time.monotonic() < deadline, "the editor never took its lock"
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                self.output += os.read(self.fd, 65536)
        name = temp_path(path).name  # ours: the editor's has its process id in place of ours
        blocker = path.with_name(f"{name[: name.rindex(f'.{os.getpid()}.')]}.{self.pid}{TEMP_SUFFIX}")
        blocker.mkdir()
        return blocker

    def type(self, text: str) -> None:
        """Type once the screen is drawn (keys sent earlier answer no one), in the evidence editor."""
        self.read_until(b"Submit")
        os.write(self.fd, b"\r")  # Enter: from the criteria list into the evidence editor
        self.read_until(b"Typing")
        os.write(self.fd, text.encode())

    def wait(self, drain: bool = True) -> int:
        deadline = time.monotonic() + PATIENCE
        while True:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            assert time.monotonic() < deadline, "the editor did not end"
            if drain:  # keep reading, or the editor blocks writing to a full terminal
                ready, _, _ = select.select([self.fd], [], [], 0.2)
                if ready:
                    try:
                        os.read(self.fd, 65536)
                    except OSError:
                        drain = False
            else:
                time.sleep(0.05)

    def close(self) -> None:
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


@pytest.fixture
def typed(make_workspace):
    """An editor holding typed text that its first save could not write; the blocker is then removed."""
    root = make_workspace()
    path = Workspace(root).assessment_path("north", "2026-Q4")
    path.parent.mkdir(parents=True)
    editor = Editor(root)
    try:
        blocker = editor.block_first_save(path)
        editor.type("typed before the signal")
        editor.read_until(b"could not save")
        blocker.rmdir()
        yield editor, path
    finally:
        editor.close()


def _evidence(path: Path) -> str:
    return parse_assessment(path.read_bytes(), path).get("T1C1").evidence


def test_sigterm_saves_what_was_typed_and_releases_the_lock(typed) -> None:
    editor, path = typed
    os.kill(editor.pid, signal.SIGTERM)
    assert editor.wait() == 143
    assert _evidence(path) == "typed before the signal"
    assert not lock_path(path).exists()
    assert not path.with_name(f".{path.name}.unsaved").exists()


def test_closing_the_terminal_saves_what_was_typed_and_releases_the_lock(typed) -> None:
    editor, path = typed
    os.close(editor.fd)  # the terminal window closes: the kernel sends SIGHUP
    editor.fd = -1
    assert editor.wait(drain=False) == 129
    assert _evidence(path) == "typed before the signal"
    assert not lock_path(path).exists()


def test_sigterm_when_the_file_cannot_be_written_keeps_the_text_beside_it(make_workspace) -> None:
    root = make_workspace()
    path = Workspace(root).assessment_path("north", "2026-Q4")
    path.parent.mkdir(parents=True)
    editor = Editor(root)
    try:
        editor.block_first_save(path)
        editor.type("kept for later")
        editor.read_until(b"could not save")
        os.kill(editor.pid, signal.SIGTERM)
        assert editor.wait() == 143
    finally:
        editor.close()
    assert not path.exists()
    (unsaved,) = path.parent.glob(f".{path.name}.*.unsaved")  # the writer's own file
    assert _evidence(unsaved) == "kept for later"
    assert not lock_path(path).exists()


# -- the Windows console, by injection --------------------------------------------------------------


class FakeConsole:
    """SetConsoleCtrlHandler: Windows calls the handler from a thread of its own."""

    def __init__(self) -> None:
        self.callback = None

    def set_handler(self, callback) -> None:
        self.callback = callback

    def remove_handler(self) -> None:
        self.callback = None

    def send(self, event: int) -> bool:
        answer: list[bool] = []
        thread = threading.Thread(target=lambda: answer.append(self.callback(event)))
        thread.start()
        thread.join(PATIENCE)
        return answer[0]


def test_a_console_close_on_windows_saves_on_the_event_loop() -> None:
    console, reasons, threads = FakeConsole(), [], []

    async def scenario() -> tuple[bool, bool]:
        loop = asyncio.get_running_loop()

        def handler(reason: str) -> None:
            reasons.append(reason)
            threads.append(threading.current_thread())

        remove = closing.on_close(handler, loop, windows=True, console=console)
        closed = await asyncio.to_thread(console.send, 2)  # CTRL_CLOSE_EVENT
        ctrl_c = await asyncio.to_thread(console.send, 0)  # CTRL_C_EVENT: the screen's key, not ours
        remove()
        return closed, ctrl_c

    closed, ctrl_c = asyncio.run(scenario())
    assert closed is True and ctrl_c is False
    assert reasons == ["console closed"]
    assert threads == [threading.main_thread()]
    assert console.callback is None


def test_no_posix_signal_is_asked_for_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no SIGHUP: the handler must not look it up, nor ask the loop for signals."""
    monkeypatch.delattr(signal, "SIGHUP")

    async def scenario() -> None:
        loop = asyncio.get_running_loop()

        def refuse(*args: object) -> None:
            raise AssertionError("add_signal_handler called on Windows")

        monkeypatch.setattr(loop, "add_signal_handler", refuse)
        closing.on_close(lambda reason: None, loop, windows=True, console=FakeConsole())()

    asyncio.run(scenario())


def test_on_posix_without_sighup_only_sigterm_is_handled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(signal, "SIGHUP")
    asked: list[int] = []

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        monkeypatch.setattr(loop, "add_signal_handler", lambda number, *args: asked.append(number))
        monkeypatch.setattr(loop, "remove_signal_handler", lambda number: True)
        closing.on_close(lambda reason: None, loop, windows=False)()

    asyncio.run(scenario())
    assert asked == [signal.SIGTERM]
