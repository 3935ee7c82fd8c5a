"""Atomic file replacement: a kill at any instant leaves the old file or the new one, never a torn one."""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
from pathlib import Path

from selfassess.core.names import TEMP_SUFFIX
from selfassess.formats.portable import O_BINARY, pid_alive, replace


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: str | os.PathLike[str]) -> str | None:
    """The sha256 of a file's bytes, or None when it does not exist."""
    try:
        return sha256_bytes(Path(path).read_bytes())
    except FileNotFoundError:
        return None


def _host() -> str:
    return socket.gethostname().replace(".", "_") or "host"


def temp_path(path: Path) -> Path:
    """``.NAME.HOST.PID.tmp`` beside ``path``: hidden, and naming its writer so leftovers can go."""
    return path.with_name(f".{path.name}.{_host()}.{os.getpid()}{TEMP_SUFFIX}")


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove temporary files of ``path`` whose writer (on this host) is gone; return them."""
    removed = []
    prefix = f".{path.name}.{_host()}."
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
                continue
            pid_text = name[len(prefix) : -len(TEMP_SUFFIX)]
            if not pid_text.isdigit():
                continue
            pid = int(pid_text)
            if pid == os.getpid() or not pid_alive(pid):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, fsync, and rename over the old file."""
    target = Path(path)
    remove_stale_temps(target)
    temp = temp_path(target)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | O_BINARY, 0o644)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        replace(temp, target)  # retried while Windows reports the file held open
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(error, OSError) and error.filename is None:  # a full disk: say which file
            error.filename = str(target)
        raise
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
