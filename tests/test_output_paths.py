"""Output and input paths that are not regular files (issue 26 item 2): ``-o -`` is standard output; a
device or FIFO named by ``-o`` is written through, never replaced; a symlink is followed only inside
the workspace; inputs that are not regular files are refused before any read (a FIFO would block, the
zero device would fill memory); a symlinked folder of the workspace is refused."""

from __future__ import annotations

import os
import select
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import SELFASSESS, run_cli

AS_OF = ("--as-of", "2026-12-01")


def one_line(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, result.stdout + result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "html", "xlsx"])
def test_dash_writes_the_report_to_standard_output(demo_workspace: Path, fmt: str) -> None:
    result = subprocess.run(
        [SELFASSESS, "report", "2026-Q4", "--format", fmt, "-o", "-", *AS_OF],
        cwd=demo_workspace, capture_output=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) > 1000 and not (demo_workspace / "-").exists()
    assert result.stdout.startswith(b"PK") if fmt == "xlsx" else b"2026-Q4" in result.stdout


def null_device(folder: Path) -> Path:
    """A null device of our own (1, 3), so that a failing run never replaces the machine's /dev/null."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    path = folder / "null"
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return path


@pytest.mark.parametrize("fmt", ["md", "html", "xlsx"])
def test_the_null_device_is_written_through_not_replaced(
    demo_workspace: Path, tmp_path: Path, fmt: str
) -> None:
    device = null_device(tmp_path)
    before = os.stat(device)
    result = run_cli("report", "2026-Q4", "--format", fmt, "-o", str(device), *AS_OF, cwd=demo_workspace)
    assert result.returncode == 0, result.stderr
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_fifo_is_written_through_and_one_without_a_reader_fails_at_once(
    demo_workspace: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    ready = threading.Event()

    def read() -> None:
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there before the writer opens
        ready.set()
        chunks: list[bytes] = []
        while True:  # until the writer has written and closed
            select.select([fd], [], [], 1)
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if chunk:
                chunks.append(chunk)
            elif chunks:
                break
            else:
                time.sleep(0.01)  # no writer yet: an open FIFO reads as at its end until one comes
        os.close(fd)
        received.append(b"".join(chunks))

    reader = threading.Thread(target=read)
    reader.start()
    ready.wait(10)
    result = run_cli("report", "2026-Q4", "--format", "md", "-o", str(fifo), *AS_OF, cwd=demo_workspace)
    reader.join(60)
    assert result.returncode == 0, result.stderr
    assert b"2026-Q4" in received[0] and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    stderr = one_line(run_cli("report", "2026-Q4", "-o", str(fifo), *AS_OF, cwd=demo_workspace), 2)
    assert "pipe" in stderr and "no reader (ENXIO)" in stderr and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_is_written_through_only_inside_the_workspace(demo_workspace: Path, tmp_path: Path) -> None:
    inside = demo_workspace / "reports" / "latest.md"
    inside.parent.mkdir()
    inside.write_text("old")
    link = demo_workspace / "report-link.md"
    link.symlink_to(inside)
    assert run_cli("report", "2026-Q4", "-o", str(link), *AS_OF, cwd=demo_workspace).returncode == 0
    assert link.is_symlink() and "2026-Q4" in inside.read_text()
    outside = tmp_path / "outside.md"
    outside.write_text("keep")
    escape = demo_workspace / "escape.md"
    escape.symlink_to(outside)
    stderr = one_line(run_cli("report", "2026-Q4", "-o", str(escape), *AS_OF, cwd=demo_workspace), 2)
    assert "escape.md" in stderr and "outside the workspace" in stderr
    assert outside.read_text() == "keep" and escape.is_symlink()


def test_a_folder_is_refused_as_output(demo_workspace: Path) -> None:
    result = run_cli(
        "report", "2026-Q4", "-o", str(demo_workspace / "assessments"), *AS_OF, cwd=demo_workspace
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "assessments" in result.stderr and (demo_workspace / "assessments").is_dir()


@pytest.mark.parametrize(
    ("device", "command"),
    [
        ("/dev/zero", ("import", "{path}", "--district", "rotherham", "--period", "2026-Q4", "--force")),
        ("fifo", ("import", "{path}", "--district", "rotherham", "--period", "2026-Q4", "--force")),
        ("/dev/zero", ("textconv", "{path}")),
        ("fifo", ("textconv", "{path}")),
        ("fifo", ("validate", "{path}")),
    ],
    ids=["import-zero", "import-fifo", "textconv-zero", "textconv-fifo", "validate-fifo"],
)
def test_an_input_that_is_no_regular_file_is_refused_without_reading(
    demo_workspace: Path, tmp_path: Path, device: str, command: tuple[str, ...]
) -> None:
    path = device
    if device == "fifo":
        path = str(tmp_path / "2026-Q4.toml")
        os.mkfifo(path)  # no writer ever comes: a blocking open would hang here (the timeout fails it)
    args = [part.format(path=path) for part in command]
    result = subprocess.run(
        [SELFASSESS, *args, *AS_OF], cwd=demo_workspace, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert result.returncode == (1 if command[0] == "validate" else 2), result.stdout + result.stderr
    assert "not a regular file" in result.stdout + result.stderr


def test_a_symlinked_district_folder_is_refused(demo_workspace: Path, tmp_path: Path) -> None:
    district = demo_workspace / "assessments" / "rotherham"
    elsewhere = tmp_path / "elsewhere"
    district.rename(elsewhere)
    district.symlink_to(elsewhere)
    before = sorted(p.name for p in elsewhere.iterdir())
    result = run_cli("submit", "rotherham", "2026-Q4", *AS_OF, cwd=demo_workspace)
    stderr = one_line(result, 2)
    assert "rotherham" in stderr and "symbolic link" in stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == before


def test_init_refuses_a_symlinked_criteria_folder(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "criteria").symlink_to(elsewhere)
    result = run_cli("init", "--force-name", "Test", "--districts", "north", cwd=root)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "criteria" in result.stderr and "symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []
