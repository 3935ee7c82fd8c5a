"""Run the ``selfassess`` command line and SIGKILL it at a named step of writing one file.

    python tests/killpoint.py STEP FILENAME selfassess-arguments...

STEP is one of ``before-write``, ``after-write``, ``after-fsync``, ``after-rename``; FILENAME the name of
the file whose atomic write is interrupted (its temporary file is recognised by name). The wrapper
patches ``os.open``/``os.write``/``os.fsync``/``os.replace`` so production code has no hooks. If the
step is never reached the wrapper exits 99, so a test cannot pass by killing nothing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

STEPS = ("before-write", "after-write", "after-fsync", "after-rename")
NOT_REACHED = 99


def install(step: str, name: str) -> None:
    real_open, real_write, real_fsync, real_replace = os.open, os.write, os.fsync, os.replace
    temps: set[int] = set()

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def is_temp(path: object) -> bool:
        base = os.path.basename(os.fspath(path))  # type: ignore[arg-type]
        return base.startswith(f".{name}.") and base.endswith(".tmp")

    def open_(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        fd = real_open(path, flags, *args, **kwargs)
        if is_temp(path):
            temps.add(fd)
        return fd

    def write(fd, data):  # type: ignore[no-untyped-def]
        if fd in temps and step == "before-write":
            die()
        written = real_write(fd, data)
        if fd in temps and step == "after-write":
            die()
        return written

    def fsync(fd):  # type: ignore[no-untyped-def]
        real_fsync(fd)
        if fd in temps and step == "after-fsync":
            die()

    def replace(source, target, *args, **kwargs):  # type: ignore[no-untyped-def]
        real_replace(source, target, *args, **kwargs)
        if is_temp(source) and os.path.basename(os.fspath(target)) == name and step == "after-rename":
            die()

    os.open, os.write, os.fsync, os.replace = open_, write, fsync, replace  # type: ignore[assignment]


def main() -> None:
    step, name, *arguments = sys.argv[1:]
    if step not in STEPS:
        raise SystemExit(f"unknown step {step!r}: one of {', '.join(STEPS)}")
    install(step, name)
    from selfassess.cli.main import main as selfassess

    with contextlib.suppress(SystemExit):
        selfassess(arguments)
    sys.stderr.write(f"killpoint: {step} of {name} never reached\n")
    os._exit(NOT_REACHED)


if __name__ == "__main__":
    main()
