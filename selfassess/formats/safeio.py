"""Opening what a user or a file names, safely: inputs only when they are regular files, read with a
bound; outputs through a device or FIFO without replacing it, never through a symlink leading out of
the workspace; folders of the workspace never symbolic links.

A size from ``stat`` is no limit: it is 0 for ``/dev/zero`` and a FIFO, and opening a FIFO without
``O_NONBLOCK`` blocks until a writer comes. So an input is opened non-blocking and ``fstat``-ed before
any byte is read; anything but a regular file is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path

from selfassess.core.errors import SelfAssessError
from selfassess.formats.atomic import write_atomic
from selfassess.formats.portable import O_BINARY

_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)
#: what a non-regular input is called in messages
NOT_REGULAR = "not a regular file (a device, pipe or socket)"
#: the output name meaning standard output
STDOUT = "-"


class NotRegularFileError(OSError):
    """An input that is a device, FIFO or socket (``strerror`` says so)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(errno.EINVAL, NOT_REGULAR, os.fspath(path))


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the regular file at ``path`` (more than ``limit``: too large).

    Raises FileNotFoundError, IsADirectoryError, :class:`NotRegularFileError` or another OSError.
    """
    fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_NOCTTY | O_BINARY)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", os.fspath(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(path)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def check_regular(path: str | os.PathLike[str]) -> None:
    """Refuse (OSError) a path that is not a regular file, without blocking on a FIFO."""
    read_regular(path, 0)


# -- outputs ------------------------------------------------------------------------------------------


def write_output(output: str | os.PathLike[str], data: bytes, workspace: Path | None) -> None:
    """Write a command's output (``-o``): ``-`` is standard output; a character device or FIFO is
    written through (never replaced by a file); a symlink only when it resolves inside ``workspace``;
    a folder is refused; anything else is replaced atomically. Errors are one-line SelfAssessErrors."""
    if os.fspath(output) == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    shown = os.fspath(output)
    if path.is_symlink():
        path = _inside(path, workspace, shown)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise SelfAssessError(f"cannot write: {error.strerror or error}", shown) from None
    try:
        if mode is not None and stat.S_ISDIR(mode):
            raise SelfAssessError("is a folder: name a file to write", shown)
        if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            _write_through(path, data)
        elif mode is None or stat.S_ISREG(mode):
            write_atomic(path, data)
        else:
            raise SelfAssessError("is neither a file, a character device nor a pipe: not written", shown)
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno == errno.ENXIO:
            reason = "a pipe with no reader (ENXIO): start the reader first"
        raise SelfAssessError(f"cannot write: {reason}", shown) from None


def _inside(link: Path, workspace: Path | None, shown: str) -> Path:
    """Where the symlink ``link`` leads, refused unless inside the workspace."""
    target = link.resolve()
    root = workspace.resolve() if workspace is not None else None
    if root is None or not target.is_relative_to(root):
        raise SelfAssessError(
            f"is a symbolic link to {target}, outside the workspace: not written through", shown
        )
    return target


def _write_through(path: Path, data: bytes) -> None:
    """Write to a device or FIFO as it is: opened non-blocking (a FIFO with no reader fails at once
    with ENXIO rather than hanging), then written blocking."""
    fd = os.open(path, os.O_WRONLY | _O_NONBLOCK | _O_NOCTTY | O_BINARY)
    try:
        with contextlib.suppress(AttributeError, OSError):
            os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


# -- folders of the workspace -------------------------------------------------------------------------


def refuse_symlinked_folders(root: Path, folder: Path) -> None:
    """Refuse ``folder`` (inside ``root``) when it or a folder between it and ``root`` is a symbolic
    link: writing through it would put files outside the workspace (a district, ``criteria/``)."""
    try:
        parts = folder.relative_to(root).parts
    except ValueError:
        return
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            raise SelfAssessError(
                f"is a symbolic link (to {os.readlink(current)}); a folder of the workspace must be "
                "a real folder: not followed",
                current,
            )
