"""Edit locks: a hidden ``.PERIOD.toml.lock`` beside an assessment, naming who has it open and since when."""

from __future__ import annotations

import contextlib
import os
import socket
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from selfassess.core.errors import LockedError, SelfAssessError
from selfassess.core.names import LOCK_PREFIX, LOCK_SUFFIX, MAX_LOCK_BYTES
from selfassess.formats import canonical as c
from selfassess.formats.atomic import write_atomic
from selfassess.formats.guards import check_depth, utc_or_none
from selfassess.formats.portable import O_BINARY, pid_alive
from selfassess.formats.safeio import read_regular

MAX_PID = 2**32 - 1  # the widest process id of any system (a pid beyond pid_t is never alive here)
MAX_NAME = 256  # a user or host name
#: how an unreadable lock describes its holder
UNREADABLE = "unknown (unreadable lock — take over?)"


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    started: datetime
    #: the lock file exists but a field is missing or out of range: whoever wrote it is unknown
    unreadable: bool = False

    @property
    def is_stale(self) -> bool:
        """A lock whose process is gone on this host; a lock from another host is never stale here,
        nor is an unreadable one (the lead is asked before taking it over)."""
        return not self.unreadable and self.host == socket.gethostname() and not pid_alive(self.pid)

    @property
    def is_ours(self) -> bool:
        return not self.unreadable and self.host == socket.gethostname() and self.pid == os.getpid()

    def describe(self, now: datetime | None = None) -> str:
        if self.unreadable:
            return UNREADABLE
        age = (now or c.now_utc()) - c.to_utc(self.started)
        minutes = int(age.total_seconds() // 60)
        if minutes < 1:  # a start in the future (another machine's clock) is "just now" too
            return f"{self.user} on {self.host} (process {self.pid}), open just now"
        since = f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
        return f"{self.user} on {self.host} (process {self.pid}), open for {since}"


def lock_path(path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    return target.with_name(f"{LOCK_PREFIX}{target.name}{LOCK_SUFFIX}")


def _text(table: dict[str, Any], name: str) -> str:
    value = table.get(name)
    if not isinstance(value, str) or not 0 < len(value) <= MAX_NAME:
        raise ValueError(name)
    return value


def read_lock(path: str | os.PathLike[str]) -> LockInfo | None:
    """The lock on the assessment at ``path``, or None. A lock file with any field missing, of the wrong
    type or out of range reads as :data:`UNREADABLE` (never stale: taking it over is asked)."""
    try:
        text = read_regular(lock_path(path), MAX_LOCK_BYTES).decode("utf-8")
        check_depth(text, str(path))
        table = tomllib.loads(text)
        pid, started = table.get("pid"), table.get("started")
        # checked before any conversion: a TOML float (inf, 1e400) or a bool is no pid
        if type(pid) is not int or not 0 < pid <= MAX_PID or not isinstance(started, datetime):
            raise ValueError(pid)
        utc = utc_or_none(started)
        if utc is None:  # a date no process could have written
            raise ValueError(started)
        return LockInfo(_text(table, "user"), _text(table, "host"), pid, c.to_utc(utc))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, SelfAssessError, RecursionError):
        return LockInfo("unknown", "unknown", 0, c.now_utc(), unreadable=True)


@dataclass
class Lock:
    """A held lock; :meth:`release` removes it if it is still ours."""

    path: Path
    info: LockInfo
    #: set when a stale or foreign lock was taken over, to be shown to the user
    notice: str | None = None

    def taken_by(self) -> LockInfo | None:
        """Who holds the lock now if someone else took it over (checked before each save), else None."""
        current = read_lock(self.path)
        if current is None or (current.host, current.pid) == (self.info.host, self.info.pid):
            return None
        return current

    def release(self) -> None:
        current = read_lock(self.path)
        if current is not None and current.is_ours:
            with contextlib.suppress(OSError):
                lock_path(self.path).unlink()


def _render(info: LockInfo) -> bytes:
    return (
        f"user = {c.basic_string(info.user)}\nhost = {c.basic_string(info.host)}\n"
        f"pid = {info.pid}\nstarted = {c.utc_datetime(info.started)}\n"
    ).encode()


def acquire(path: str | os.PathLike[str], user: str, take_over: bool = False) -> Lock:
    """Lock the assessment at ``path`` for editing.

    A stale lock is taken over with a notice; a live one raises :class:`LockedError` (with ``.holder``)
    unless ``take_over``.
    """
    target = Path(path)
    info = LockInfo(user, socket.gethostname(), os.getpid(), c.now_utc())
    file = lock_path(target)
    file.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_BINARY, 0o644)
    except FileExistsError:
        return _take(target, info, take_over)
    try:
        os.write(fd, _render(info))
    finally:
        os.close(fd)
    return Lock(target, info)


def _take(target: Path, info: LockInfo, take_over: bool) -> Lock:
    holder = read_lock(target)
    if holder is not None and holder.is_ours:
        return Lock(target, holder)
    if holder is not None and not holder.is_stale and not take_over:
        error = LockedError(f"open for editing by {holder.describe()}", target)
        error.holder = holder  # type: ignore[attr-defined]
        raise error
    write_atomic(lock_path(target), _render(info))
    if holder is not None and holder.unreadable:
        return Lock(target, info, notice="took over an unreadable lock")
    what = "a stale lock" if holder is None or holder.is_stale else "the lock"
    who = holder.describe() if holder else "an unknown session"
    return Lock(target, info, notice=f"took over {what} held by {who}")
