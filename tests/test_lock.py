"""Edit locks: who holds an assessment, stale locks taken over, and never blocking readers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from selfassess.core.errors import LockedError
from selfassess.formats.lock import acquire, lock_path, read_lock

from conftest import run_cli


def _foreign_lock(path: Path, pid: int, host: str | None = None, user: str = "DCI Other") -> None:
    lock_path(path).write_text(
        f'user = "{user}"\nhost = "{host or socket.gethostname()}"\npid = {pid}\n'
        "started = 2026-11-23T08:00:00Z\n"
    )


def test_acquire_and_release(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q4.toml"
    lock = acquire(path, "DCI A. Example")
    assert lock_path(path).name == ".2026-Q4.toml.lock"
    held = read_lock(path)
    assert held is not None and held.user == "DCI A. Example" and held.pid == os.getpid()
    lock.release()
    assert read_lock(path) is None


def test_a_live_holder_in_another_process_blocks_editing(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q4.toml"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from selfassess.formats.lock import acquire; acquire({str(path)!r}, 'DCI First'); "
            "import sys; sys.stdout.write('locked\\n'); sys.stdout.flush(); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(LockedError) as caught:
            acquire(path, "DCI Second")
        assert "DCI First" in str(caught.value)
        assert caught.value.holder.pid == holder.pid
        taken = acquire(path, "DCI Second", take_over=True)
        assert taken.notice and "DCI First" in taken.notice
    finally:
        holder.stdin.close()
        holder.wait(10)


def test_a_lock_whose_process_is_gone_is_stale_and_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q4.toml"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    _foreign_lock(path, dead.pid)
    assert read_lock(path).is_stale
    lock = acquire(path, "DCI A. Example")
    assert lock.notice and lock.notice.startswith("took over a stale lock held by DCI Other")
    assert read_lock(path).pid == os.getpid()


def test_a_lock_from_another_host_is_not_stale(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q4.toml"
    _foreign_lock(path, 1, host="another-host.example")
    assert not read_lock(path).is_stale
    with pytest.raises(LockedError, match="another-host.example"):
        acquire(path, "DCI A. Example")


def test_locks_never_block_reading_commands(demo_workspace: Path) -> None:
    for path in (demo_workspace / "assessments").rglob("*.toml"):
        if not path.name.endswith(".review.toml"):
            _foreign_lock(path, os.getppid())
    for args in (["validate"], ["summary"], ["summary", "--format", "json"]):
        result = run_cli(*args, "--as-of", "2026-11-23", cwd=demo_workspace)
        assert result.returncode in (0, 1), result.stderr
        assert "lock" not in result.stderr.lower()
