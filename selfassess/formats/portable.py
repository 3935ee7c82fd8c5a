"""What differs on Windows: whether a process is alive, replacing a file another program holds open.

``os.kill(pid, 0)`` asks a POSIX system whether a process exists; on Windows ``os.kill`` with any other
signal than the two console events *terminates* the process, so it is never called there. Each Windows
branch takes the platform and the system calls as arguments, so the tests run it on Linux too.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from selfassess.core.errors import SelfAssessError

WINDOWS = sys.platform == "win32"
#: without it Windows opens files in text mode and writes every "\n" as "\r\n"
O_BINARY: int = getattr(os, "O_BINARY", 0)
#: ERROR_ACCESS_DENIED and ERROR_SHARING_VIOLATION: a virus scanner, Excel or a second editor holds it
SHARING_VIOLATIONS = frozenset({5, 32})
REPLACE_ATTEMPTS = 10
REPLACE_PAUSE = 0.1  # seconds between attempts: about a second in all, what a virus scan takes


class FileInUseError(SelfAssessError):
    """Windows would not replace a file that another program has open."""


# -- is a process alive ----------------------------------------------------------------------------


class ProcessApi(Protocol):
    """The three kernel32 calls liveness needs on Windows (a fake one in the tests)."""

    def open(self, pid: int) -> tuple[int | None, int]:
        """A handle to the process, or None and the error code."""
        ...

    def exit_code(self, handle: int) -> int | None: ...

    def close(self, handle: int) -> None: ...


ERROR_ACCESS_DENIED = 5
STILL_ACTIVE = 259


def pid_alive(pid: int, windows: bool | None = None, api: ProcessApi | None = None) -> bool:
    """Whether process ``pid`` exists on this machine; never sends it a signal on Windows."""
    if not 0 < pid < 2**31:
        return False
    on_windows = WINDOWS if windows is None else windows
    return _windows_pid_alive(pid, api or _kernel32()) if on_windows else _posix_pid_alive(pid)


def _posix_pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks, delivers nothing (POSIX only: see the module docstring)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        return True
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int, api: ProcessApi) -> bool:
    handle, error = api.open(pid)
    if handle is None:
        return error == ERROR_ACCESS_DENIED  # exists, but not ours to query; anything else: gone
    try:
        return api.exit_code(handle) == STILL_ACTIVE
    finally:
        api.close(handle)


class _Kernel32:
    """kernel32 through ctypes; built only on Windows, so ctypes is never imported elsewhere."""

    QUERY_LIMITED_INFORMATION = 0x1000

    def __init__(self) -> None:
        import ctypes

        self._ctypes = ctypes
        self._dll = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]

    def open(self, pid: int) -> tuple[int | None, int]:
        handle = self._dll.OpenProcess(self.QUERY_LIMITED_INFORMATION, False, pid)
        return (handle or None), self._ctypes.get_last_error()  # type: ignore[attr-defined]

    def exit_code(self, handle: int) -> int | None:
        code = self._ctypes.c_ulong()
        ok = self._dll.GetExitCodeProcess(handle, self._ctypes.byref(code))
        return code.value if ok else None

    def close(self, handle: int) -> None:
        self._dll.CloseHandle(handle)


def _kernel32() -> ProcessApi:
    return _Kernel32()


# -- replacing a file ------------------------------------------------------------------------------


def is_sharing_violation(error: OSError) -> bool:
    return isinstance(error, PermissionError) and getattr(error, "winerror", None) in SHARING_VIOLATIONS


def replace(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    rename: Callable[[str | os.PathLike[str], str | os.PathLike[str]], None] | None = None,
    pause: Callable[[float], None] | None = None,
) -> None:
    """``os.replace``, retried for about a second while Windows reports the target held open.

    Still held then: :class:`FileInUseError`, one line naming the file. The caller keeps its data and
    the old file is untouched.
    """
    rename = rename or os.replace  # looked up now, so a patched os.replace is the one called
    pause = pause or time.sleep
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            rename(source, target)
            return
        except OSError as error:
            if not is_sharing_violation(error):
                raise
            if attempt + 1 < REPLACE_ATTEMPTS:
                pause(REPLACE_PAUSE)
    raise FileInUseError(
        "is open in another program (a virus scanner, Excel or another editor): "
        "close it and try again; nothing was written",
        Path(target),
    )


# -- folder names on case-insensitive file systems ---------------------------------------------------


def case_twin(folder: Path, name: str) -> str | None:
    """An entry of ``folder`` named ``name`` but for case (``Rotherham`` for ``rotherham``), or None.

    Windows and macOS treat the two as one folder, so a twin would silently take a district's files.
    """
    try:
        entries = os.listdir(folder)
    except OSError:
        return None
    wanted = name.casefold()
    return next((e for e in sorted(entries) if e != name and e.casefold() == wanted), None)
