"""The snapshot tests' fixed demo folder is held by one test at a time: every test worker (``-n``) and
every run on the machine shares the path, and a worker that removed or recopied it under another's open
screen made that screen reload mid-snapshot (a side-by-side snapshot was once recorded so)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

from conftest import demo_at

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the lock is POSIX flock")


def test_the_fixed_demo_folder_is_locked_while_a_test_holds_it(demo_workspace: Path) -> None:
    import fcntl

    root = Path(tempfile.mkdtemp()) / "fixed" / "demo"
    lock_path = root.parent.with_name("fixed.lock")
    holder = demo_at(demo_workspace, root)
    assert next(holder) == root and (root / "selfassess.toml").is_file()
    with open(lock_path, "a+b") as other:  # a second worker, as flock sees it: another open file
        with pytest.raises(BlockingIOError):
            fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert next(holder, None) is None  # the test ends: the folder goes and the lock is free
        assert not root.parent.exists()
        fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
