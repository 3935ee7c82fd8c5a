"""Faults lose nothing: SIGKILL mid-save, failed writes, concurrent changes, locks of dead writers."""

from __future__ import annotations

import errno
import os
import random
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from selfassess.core.errors import ConflictError
from selfassess.core.model import Review
from selfassess.formats import atomic
from selfassess.formats.lock import acquire, read_lock
from selfassess.formats.store import (
    load_review,
    parse_assessment,
    render_assessment,
    render_review,
    save_assessment,
    save_review,
)
from selfassess.workspace.workspace import Workspace

from conftest import TODAY, run_cli

KILLS = 25
FIXED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
BIG = 200_000


def _temps(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(atomic.TEMP_SUFFIX)
    )


def _big_text(tag: str) -> str:
    line = f"{tag}: dip sample of incident records, children named and risk assessed in every case.\n"
    return (line * (BIG // len(line) + 1))[:BIG].rstrip() + "\nEnd."


def _two_versions(root: Path) -> tuple[Path, bytes, bytes]:
    """An assessment file holding version A, and the canonical bytes of versions A and B."""
    workspace = Workspace(root)
    framework = workspace.load_framework("ncpi")
    versions = []
    for tag in ("A", "B"):
        assessment = workspace.load("doncaster", "2026-Q4")
        first = next(iter(assessment.responses))
        assessment.responses[first].evidence = _big_text(tag)
        assessment.responses[first].notes = f"version {tag}"
        assessment.updated = FIXED
        versions.append(render_assessment(assessment, framework).encode())
    path = workspace.assessment_path("doncaster", "2026-Q4")
    path.write_bytes(versions[0])
    return path, versions[0], versions[1]


def _kill_loop(script: str, args: list[str], path: Path, allowed: tuple[bytes, ...]) -> set[bytes]:
    """Start the writer, wait for its signal, SIGKILL it after 0-50 ms; the file is always one version."""
    rng = random.Random(7)
    seen: set[bytes] = set()
    mid_write = 0
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            assert writer.stdout.readline().strip() == b"started", writer.stderr.read().decode()
            time.sleep(rng.uniform(0, 0.05))
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait(10)
            writer.stdout.close()
            writer.stderr.close()
        assert writer.returncode == -signal.SIGKILL
        data = path.read_bytes()
        assert data in allowed, f"torn file after a kill: {len(data)} bytes"
        seen.add(data)
        mid_write += bool(_temps(path.parent))
    print(f"{mid_write} of {KILLS} kills left a temporary file behind")
    return seen


ASSESSMENT_WRITER = """
import sys
from pathlib import Path
from datetime import datetime, UTC
from selfassess.formats.atomic import sha256_bytes
from selfassess.formats.store import parse_assessment, save_assessment
path = Path(sys.argv[1])
versions = [Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()]
now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
i = 0
while True:
    i += 1
    if i == 2:  # one save done: the kills land in the saves that follow
        sys.stdout.write("started\\n"); sys.stdout.flush()
    current = path.read_bytes()
    assessment = parse_assessment(versions[i % 2], path)
    assessment.path, assessment.source_sha256 = str(path), sha256_bytes(current)
    save_assessment(assessment, path, now=now)
"""


@pytest.mark.slow
def test_sigkill_while_saving_assessments_leaves_old_or_new(demo_workspace: Path, tmp_path: Path) -> None:
    path, a, b = _two_versions(demo_workspace)
    (tmp_path / "a.toml").write_bytes(a)
    (tmp_path / "b.toml").write_bytes(b)
    seen = _kill_loop(
        ASSESSMENT_WRITER, [str(path), str(tmp_path / "a.toml"), str(tmp_path / "b.toml")], path, (a, b)
    )
    assert b in seen, "the writer never completed a save: the test proved nothing"
    assessment = Workspace(demo_workspace).load("doncaster", "2026-Q4")
    assessment.responses[next(iter(assessment.responses))].notes = "final"
    assert save_assessment(assessment)
    assert _temps(path.parent) == []


REVIEW_WRITER = """
import sys
from pathlib import Path
from selfassess.formats.atomic import sha256_bytes
from selfassess.formats.store import parse_review, save_review
path = Path(sys.argv[1])
versions = [Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()]
i = 0
while True:
    i += 1
    if i == 2:  # one save done: the kills land in the saves that follow
        sys.stdout.write("started\\n"); sys.stdout.flush()
    current = path.read_bytes()
    review = parse_review(versions[i % 2], path)
    review.path, review.source_sha256 = str(path), sha256_bytes(current)
    save_review(review, path)
"""


@pytest.mark.slow
def test_sigkill_while_saving_reviews_leaves_old_or_new(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q4.review.toml"
    a, b = (
        render_review(Review("ACC Test", FIXED, "0" * 64, comment=_big_text(tag))).encode()
        for tag in ("A", "B")
    )
    path.write_bytes(a)
    (tmp_path / "a").write_bytes(a)
    (tmp_path / "b").write_bytes(b)
    seen = _kill_loop(REVIEW_WRITER, [str(path), str(tmp_path / "a"), str(tmp_path / "b")], path, (a, b))
    assert b in seen
    review = load_review(path)
    review.comment = "final"
    assert save_review(review, path)
    assert _temps(tmp_path) == []


def _without_updated(data: bytes) -> bytes:
    return re.sub(rb"(?m)^updated = .*$", b"updated = X", data)


KILLPOINT = str(Path(__file__).with_name("killpoint.py"))
#: where a kill lands in the write of the assessment, and what the file must then hold
KILL_POINTS = [
    ("before-write", "draft"),
    ("after-write", "draft"),
    ("after-fsync", "draft"),
    ("after-rename", "submitted"),
]


def _draft_with_big_evidence(root: Path) -> tuple[Path, bytes]:
    workspace = Workspace(root)
    assessment = workspace.load("doncaster", "2026-Q4")
    assessment.status = "draft"
    assessment.responses[next(iter(assessment.responses))].evidence = _big_text("submit")
    save_assessment(assessment, now=FIXED)
    path = workspace.assessment_path("doncaster", "2026-Q4")
    return path, path.read_bytes()


@pytest.mark.parametrize(("step", "expected"), KILL_POINTS)
def test_sigkill_during_cli_submit_leaves_draft_or_submitted(
    demo_workspace: Path, step: str, expected: str
) -> None:
    """Killed at each named step of the write: the old file or the new one, never a torn one."""
    path, draft = _draft_with_big_evidence(demo_workspace)
    command = [sys.executable, KILLPOINT, step, path.name, "submit", "doncaster", "2026-Q4", "--as-of", TODAY]
    killed = subprocess.run(command, cwd=demo_workspace, capture_output=True, text=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    data = path.read_bytes()
    if expected == "draft":
        assert data == draft
        assert len(_temps(path.parent)) == 1  # the interrupted write's, removed by the next writer
    else:
        assert b'status = "submitted"' in data
        assert _without_updated(
            data.replace(b'status = "submitted"', b'status = "draft"')
        ) == _without_updated(draft)
        assert _temps(path.parent) == []
    again = run_cli("submit", "doncaster", "2026-Q4", "--as-of", TODAY, cwd=demo_workspace)
    if expected == "draft":
        assert again.returncode == 0, again.stderr
    else:
        assert "already submitted" in again.stderr
    assert b'status = "submitted"' in path.read_bytes()
    assert _temps(path.parent) == []


def test_a_kill_point_that_is_never_reached_fails_the_wrapper(demo_workspace: Path) -> None:
    """Guards the tests above: a kill that lands nowhere cannot pass for a kill mid-write."""
    command = [sys.executable, KILLPOINT, "after-rename", "no-such.toml", "validate"]
    result = subprocess.run(command, cwd=demo_workspace, capture_output=True, text=True, timeout=60)
    assert result.returncode == 99 and "never reached" in result.stderr


# -- write failures ------------------------------------------------------------------------------

FAILURES = [
    (call, code)
    for call in ("write", "fsync", "replace")
    for code in (errno.ENOSPC, errno.EROFS, errno.EACCES)
]


def _fail(monkeypatch: pytest.MonkeyPatch, call: str, code: int) -> None:
    def boom(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(f"selfassess.formats.atomic.os.{call}", boom)


@pytest.mark.parametrize(("call", "code"), FAILURES)
def test_a_failed_assessment_write_leaves_the_old_file(
    demo_workspace: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: int
) -> None:
    workspace = Workspace(demo_workspace)
    assessment = workspace.load("doncaster", "2026-Q4")
    path = workspace.assessment_path("doncaster", "2026-Q4")
    before = path.read_bytes()
    assessment.responses[next(iter(assessment.responses))].evidence = "New evidence that must not half-land."
    with monkeypatch.context() as patch:
        _fail(patch, call, code)
        with pytest.raises(OSError) as caught:
            save_assessment(assessment)
    assert caught.value.errno == code
    assert path.read_bytes() == before
    assert _temps(path.parent) == []
    assert save_assessment(assessment)  # the text kept in memory saves once the disk is back
    assert b"must not half-land" in path.read_bytes()


@pytest.mark.parametrize(("call", "code"), FAILURES)
def test_a_failed_review_write_leaves_the_old_file(
    demo_workspace: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: int
) -> None:
    path = Workspace(demo_workspace).review_path("barnsley", "2026-Q4")
    before = path.read_bytes()
    review = load_review(path)
    review.comment = "Changed."
    with monkeypatch.context() as patch:
        _fail(patch, call, code)
        with pytest.raises(OSError):
            save_review(review, path)
    assert path.read_bytes() == before
    assert _temps(path.parent) == []


@pytest.mark.parametrize("call", ["write", "replace"])
def test_a_failed_first_save_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    path = tmp_path / "2026-Q4.review.toml"
    review = Review("ACC Test", FIXED, "0" * 64, comment="First.")
    with monkeypatch.context() as patch:
        _fail(patch, call, errno.ENOSPC)
        with pytest.raises(OSError):
            save_review(review, path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not stop root")
def test_a_read_only_folder_refuses_and_keeps_the_file(demo_workspace: Path) -> None:
    workspace = Workspace(demo_workspace)
    assessment = workspace.load("doncaster", "2026-Q4")
    path = workspace.assessment_path("doncaster", "2026-Q4")
    before = path.read_bytes()
    assessment.responses[next(iter(assessment.responses))].notes = "Changed."
    path.parent.chmod(0o555)
    try:
        with pytest.raises(OSError):
            save_assessment(assessment)
    finally:
        path.parent.chmod(0o755)
    assert path.read_bytes() == before
    assert _temps(path.parent) == []


# -- concurrent change ---------------------------------------------------------------------------


def test_an_assessment_changed_on_disk_after_loading_is_not_overwritten(demo_workspace: Path) -> None:
    workspace = Workspace(demo_workspace)
    assessment = workspace.load("doncaster", "2026-Q4")
    path = workspace.assessment_path("doncaster", "2026-Q4")
    theirs = path.read_bytes().replace(b'assessor = "DCI D. Example"', b'assessor = "DCI Someone Else"')
    assert theirs != path.read_bytes()
    path.write_bytes(theirs)
    assessment.responses[next(iter(assessment.responses))].notes = "Mine."
    with pytest.raises(ConflictError, match="changed on disk"):
        save_assessment(assessment)
    assert path.read_bytes() == theirs
    assert _temps(path.parent) == []


def test_an_assessment_deleted_after_loading_is_not_recreated(demo_workspace: Path) -> None:
    workspace = Workspace(demo_workspace)
    assessment = workspace.load("doncaster", "2026-Q4")
    path = workspace.assessment_path("doncaster", "2026-Q4")
    path.unlink()
    with pytest.raises(ConflictError, match="deleted"):
        save_assessment(assessment)
    assert not path.exists()


def test_a_review_changed_on_disk_after_loading_is_not_overwritten(demo_workspace: Path) -> None:
    path = Workspace(demo_workspace).review_path("barnsley", "2026-Q4")
    review = load_review(path)
    theirs = path.read_bytes().replace(b"Reviewed.", b"Reviewed twice.")
    path.write_bytes(theirs)
    review.comment = "Mine."
    with pytest.raises(ConflictError):
        save_review(review, path)
    assert path.read_bytes() == theirs


def test_an_unchanged_parse_of_other_bytes_is_still_a_conflict(demo_workspace: Path) -> None:
    """Only whitespace changed on disk: still not the loaded file, so still refused."""
    workspace = Workspace(demo_workspace)
    path = workspace.assessment_path("doncaster", "2026-Q4")
    assessment = parse_assessment(path.read_bytes(), path)
    assessment.path = str(path)
    assessment.source_sha256 = atomic.sha256_bytes(path.read_bytes())
    theirs = path.read_bytes() + b"\n"
    path.write_bytes(theirs)
    assessment.status = "draft"
    with pytest.raises(ConflictError):
        save_assessment(assessment)
    assert path.read_bytes() == theirs


# -- locks (what tests/test_lock.py does not cover) ----------------------------------------------


def _holder(path: Path, user: str) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from selfassess.formats.lock import acquire; acquire({str(path)!r}, {user!r}); "
            "import sys; sys.stdout.write('locked\\n'); sys.stdout.flush(); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_lock_left_by_a_sigkilled_editor_is_stale(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q4.toml"
    holder = _holder(path, "DCI Killed")
    assert not read_lock(path).is_stale
    holder.send_signal(signal.SIGKILL)
    holder.wait(10)
    held = read_lock(path)
    assert held is not None and held.user == "DCI Killed" and held.is_stale
    lock = acquire(path, "DCI Next")
    assert lock.notice and "DCI Killed" in lock.notice
    lock.release()


def test_submit_refuses_while_another_process_edits(demo_workspace: Path) -> None:
    workspace = Workspace(demo_workspace)
    path = workspace.assessment_path("sheffield", "2026-Q4")
    before = path.read_bytes()
    holder = _holder(path, "DCI Editing")
    try:
        result = run_cli("submit", "sheffield", "2026-Q4", "--as-of", TODAY, cwd=demo_workspace)
    finally:
        holder.stdin.close()
        holder.wait(10)
    assert result.returncode != 0
    assert "DCI Editing" in result.stderr
    assert path.read_bytes() == before


def test_locks_never_block_report_or_diff(demo_workspace: Path) -> None:
    path = Workspace(demo_workspace).assessment_path("rotherham", "2026-Q4")
    holder = _holder(path, "DCI Editing")
    try:
        for args in (
            ["report", "2026-Q4"],
            ["report", "2026-Q4", "--format", "json"],
            ["diff", "rotherham@2026-Q3", "rotherham@2026-Q4"],
        ):
            result = run_cli(*args, "--as-of", TODAY, cwd=demo_workspace)
            assert result.returncode in (0, 1), result.stderr
            assert "lock" not in result.stderr.lower()
            assert result.stdout
    finally:
        holder.stdin.close()
        holder.wait(10)
