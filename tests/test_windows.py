"""Windows branches run on Linux by injecting the platform and the failing system calls.

What only Windows can show (a real sharing violation, a real console close) is listed in the README's
"Windows" section; here each branch of our code runs with the answers Windows would give.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from selfassess.core.errors import LockedError
from selfassess.formats import portable
from selfassess.formats.atomic import write_atomic
from selfassess.formats.lock import acquire, lock_path, read_lock
from selfassess.workspace.workspace import Workspace

from conftest import TODAY


class FakeKernel32:
    """What kernel32 answers: a handle (then an exit code), or no handle and an error code."""

    def __init__(self, alive: set[int] = frozenset(), exited: set[int] = frozenset(), denied=frozenset()):  # type: ignore[assignment]
        self.alive, self.exited, self.denied, self.closed = alive, exited, denied, []

    def open(self, pid: int) -> tuple[int | None, int]:
        if pid in self.denied:
            return None, portable.ERROR_ACCESS_DENIED
        if pid in self.alive or pid in self.exited:
            return 1000 + pid, 0
        return None, 87  # ERROR_INVALID_PARAMETER: no such process

    def exit_code(self, handle: int) -> int | None:
        return portable.STILL_ACTIVE if handle - 1000 in self.alive else 0

    def close(self, handle: int) -> None:
        self.closed.append(handle)


@pytest.fixture
def no_kill(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows os.kill would terminate the process: any call fails the test."""

    def refuse(*args: object) -> None:
        raise AssertionError(f"os.kill{args} called on the Windows path")

    monkeypatch.setattr(os, "kill", refuse)


def test_windows_liveness_asks_kernel32_and_never_signals(no_kill: None) -> None:
    api = FakeKernel32(alive={4321}, exited={7}, denied={555})
    assert portable.pid_alive(4321, windows=True, api=api)
    assert portable.pid_alive(555, windows=True, api=api)  # someone else's process: it exists
    assert not portable.pid_alive(9999, windows=True, api=api)  # no such process
    assert not portable.pid_alive(7, windows=True, api=api)  # exited; someone still holds a handle to it
    assert api.closed == [1000 + 4321, 1007]  # every handle opened is closed
    assert not portable.pid_alive(-1, windows=True, api=api)
    assert not portable.pid_alive(99999999999999999999, windows=True, api=api)


def _lock_of(path: Path, pid: int) -> None:
    lock_path(path).write_text(
        f'user = "DCI Other"\nhost = "{socket.gethostname()}"\npid = {pid}\nstarted = 2026-11-23T08:00:00Z\n'
    )


def test_a_stale_lock_on_windows_is_taken_over_without_signalling_its_process(
    tmp_path: Path, no_kill: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "2026-Q4.toml"
    _lock_of(path, 4242)
    monkeypatch.setattr(portable, "WINDOWS", True)
    monkeypatch.setattr(portable, "_kernel32", lambda: FakeKernel32(exited={4242}))
    lock = acquire(path, "DCI Next")
    assert lock.notice and "stale" in lock.notice and "DCI Other" in lock.notice
    assert read_lock(path).user == "DCI Next"


def test_a_live_lock_on_windows_still_blocks(
    tmp_path: Path, no_kill: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "2026-Q4.toml"
    _lock_of(path, 4242)
    monkeypatch.setattr(portable, "WINDOWS", True)
    monkeypatch.setattr(portable, "_kernel32", lambda: FakeKernel32(alive={4242}))
    with pytest.raises(LockedError, match="DCI Other"):
        acquire(path, "DCI Next")
    assert read_lock(path).user == "DCI Other"


def test_posix_liveness_is_unchanged() -> None:
    assert portable.pid_alive(os.getpid(), windows=False)
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    assert not portable.pid_alive(int(done.stdout), windows=False)
    assert not portable.pid_alive(99999999999999999999, windows=False)


# -- replacing a file another program holds open ---------------------------------------------------


def _sharing_violation(code: int = 32) -> PermissionError:
    error = PermissionError(13, "The process cannot access the file because it is being used")
    error.winerror = code  # type: ignore[attr-defined]  # what Windows sets; absent on Linux
    return error


def _held_for(monkeypatch: pytest.MonkeyPatch, refusals: int, code: int = 32) -> list[str]:
    """os.replace refuses ``refusals`` times as Windows does, then works; returns the calls made."""
    real, calls = os.replace, []

    def replace(source: object, target: object) -> None:
        calls.append(str(target))
        if len(calls) <= refusals:
            raise _sharing_violation(code)
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(portable, "REPLACE_PAUSE", 0)
    return calls


@pytest.mark.parametrize("code", [5, 32])
def test_a_briefly_held_file_is_replaced_after_retrying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"old\n")
    calls = _held_for(monkeypatch, 3, code)
    write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert len(calls) == 4
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_a_file_held_open_is_reported_in_one_line_and_the_old_file_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"old\n")
    calls = _held_for(monkeypatch, 10**6)
    with pytest.raises(portable.FileInUseError) as caught:
        write_atomic(target, b"new\n")
    assert len(calls) == portable.REPLACE_ATTEMPTS
    assert str(caught.value).startswith(f"{target}: is open in another program")
    assert "\n" not in str(caught.value)
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_other_permission_errors_are_not_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def replace(source: object, target: object) -> None:
        calls.append(target)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(PermissionError):
        write_atomic(tmp_path / "x", b"x")
    assert len(calls) == 1


HELD_REPLACE = """
import os, sys
from selfassess.formats import portable
def held(source, target):
    error = PermissionError(13, "in use"); error.winerror = 32; raise error
os.replace = held
portable.REPLACE_PAUSE = 0
from selfassess.cli.main import main
main(sys.argv[1:])
"""


def test_submit_onto_a_held_file_says_so_in_one_line(demo_workspace: Path) -> None:
    workspace = Workspace(demo_workspace)
    path = workspace.assessment_path("doncaster", "2026-Q4")
    text = path.read_text("utf-8").replace('status = "submitted"', 'status = "draft"')
    path.write_text(text, "utf-8")
    result = subprocess.run(
        [sys.executable, "-c", HELD_REPLACE, "submit", "doncaster", "2026-Q4", "--as-of", TODAY],
        cwd=demo_workspace, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "2026-Q4.toml: is open in another program" in result.stderr
    assert path.read_text("utf-8") == text


def test_a_report_export_held_open_by_excel_is_reported_and_kept(demo_workspace: Path) -> None:
    export = demo_workspace / "report.csv"
    export.write_bytes(b"last quarter's export\n")
    result = subprocess.run(
        [sys.executable, "-c", HELD_REPLACE, "report", "2026-Q4", "--output", str(export), "--as-of", TODAY],
        cwd=demo_workspace, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "report.csv: is open in another program" in result.stderr
    assert export.read_bytes() == b"last quarter's export\n"
    assert [p.name for p in demo_workspace.iterdir() if p.name.startswith(".report")] == []
