"""No typed word is lost (issue 26 item 5): each writer's unsaved text has a file of its own, never
overwritten; when the workspace cannot be written it goes to the user's data folder; the next opening
offers every one; and ENOSPC, EROFS or EIO at any write or fsync of a save, a take-over or a quit
loses nothing."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from selfassess.formats import lock as locks
from selfassess.formats.store import parse_assessment
from selfassess.logic import unsaved
from selfassess.logic.session import Session
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.common.confirm import ConfirmModal
from selfassess.tui.fill.screen import FillScreen
from selfassess.workspace.workspace import Workspace

TODAY = date(2026, 11, 23)
FAULTS = [(call, code) for call in ("write", "fsync") for code in (errno.ENOSPC, errno.EROFS, errno.EIO)]
IDS = [f"{call}-{errno.errorcode[code]}" for call, code in FAULTS]


@contextlib.contextmanager
def failing_disk(root: Path, call: str, code: int, armed: list[bool] | None = None) -> Iterator[list[str]]:
    """Every ``call`` (write or fsync) on a file under ``root`` fails with ``code`` (while ``armed[0]``);
    other disks work. Yields the names of the files whose writes failed."""
    real_open, real_call = os.open, getattr(os, call)
    ours: dict[int, str] = {}
    failed: list[str] = []

    def open_(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        fd = real_open(path, flags, *args, **kwargs)
        if Path(os.fspath(path)).resolve().is_relative_to(root.resolve()) and flags & os.O_WRONLY:
            ours[fd] = os.path.basename(os.fspath(path))
        else:
            ours.pop(fd, None)
        return fd

    def fail(fd, *args, **kwargs):  # type: ignore[no-untyped-def]
        if fd in ours and (armed is None or armed[0]):
            failed.append(ours[fd])
            raise OSError(code, os.strerror(code))
        return real_call(fd, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "open", open_)
        patch.setattr(os, call, fail)
        yield failed


def session(root: Path, user: str = "DCI First") -> Session:
    opened = Session(Workspace(root), "north", "2026-Q4", user, TODAY)
    assert opened.acquire_lock(take_over=True)
    return opened


def evidence(path: Path) -> str:
    return parse_assessment(path.read_bytes(), path).get("T1C1").evidence


def offered(root: Path) -> list[str]:
    """What the next opening offers, one after another (each merged as it is and saved)."""
    texts = []
    later = session(root, "DCI Later")
    while later.adopt_unsaved():
        texts.append(later.get("T1C1").evidence)
        later.merge(later.theirs(), {"T1C1": "mine"})
        assert later.save()
    later.close()
    return texts


def test_each_writer_keeps_its_own_file_and_the_next_opening_offers_them_all(make_workspace) -> None:
    root = make_workspace()
    first = session(root, "DCI First")
    first.set_evidence("T1C1", "the first writer's words")
    assert first.keep_unsaved() == first.unsaved_path
    first.release()
    second = session(root, "DCI Second")
    second.set_evidence("T1C1", "the second writer's words")
    second._tag = unsaved.writer_tag("DCI Second", datetime.now(), 1)  # another process
    kept = second.keep_unsaved()
    second.release()
    assert kept is not None and kept != first.unsaved_path and first.unsaved_path.exists()
    assert kept.name.startswith(".2026-Q4.toml.DCI_Second-") and kept.name.endswith("-1.unsaved")
    assert evidence(first.unsaved_path) == "the first writer's words"
    assert sorted(offered(root)) == ["the first writer's words", "the second writer's words"]
    assert list(kept.parent.glob(".*.unsaved")) == []  # each removed once merged and saved


@pytest.mark.parametrize(("call", "code"), FAULTS, ids=IDS)
def test_a_failing_disk_at_a_save_and_a_quit_loses_nothing(make_workspace, call: str, code: int) -> None:
    root = make_workspace()
    editor = session(root)
    editor.set_evidence("T1C1", "saved before the disk failed")
    assert editor.save()
    editor.set_evidence("T1C1", "typed while the disk fails")
    with failing_disk(root, call, code) as failed:
        assert not editor.save()
        assert editor.problem is not None and os.strerror(code) in editor.problem.message
        kept = editor.close()  # ctrl+q, SIGHUP and SIGTERM all end here
    assert failed, "the fault was never hit"
    assert kept is not None and not kept.is_relative_to(root)  # the workspace could not take it
    assert kept.is_relative_to(unsaved.fallback_folder())
    assert evidence(kept) == "typed while the disk fails"
    assert evidence(editor.path) == "saved before the disk failed"
    assert offered(root) == ["typed while the disk fails"]
    assert not kept.exists()


@pytest.mark.parametrize(("call", "code"), FAULTS, ids=IDS)
def test_a_failing_disk_after_a_take_over_loses_nothing(make_workspace, call: str, code: int) -> None:
    root = make_workspace()
    editor = session(root)
    editor.set_evidence("T1C1", "mine")
    assert editor.save()
    locks.acquire(editor.path, "DCI Taker", take_over=True)
    _rewrite_pid(editor.path)  # as another process would hold it
    editor.set_evidence("T1C1", "mine, typed after the take-over")
    with failing_disk(root, call, code):
        assert not editor.save()
        assert editor.problem is not None and editor.problem.kind == "taken"
        kept = editor.close()
    assert kept is not None and evidence(kept) == "mine, typed after the take-over"
    assert str(kept) in editor.problem.message or editor.workspace.relative(kept) in editor.problem.message
    assert evidence(editor.path) == "mine"


def _rewrite_pid(path: Path) -> None:
    """The lock as another live process on this host holds it (our parent: alive, not us)."""
    file = locks.lock_path(path)
    text = file.read_text().replace(f"pid = {os.getpid()}", f"pid = {os.getppid()}")
    file.write_text(text)


class App(SelfAssessApp):
    CURSOR_BLINK = False


@pytest.mark.parametrize(("call", "code"), [FAULTS[1]], ids=[IDS[1]])
async def test_ctrl_q_asks_before_quitting_with_unsaved_text_and_says_where(
    make_workspace, call: str, code: int
) -> None:
    root = make_workspace()
    app = App(Workspace(root), TODAY, "DCI Test", "fill", district="north", period="2026-Q4")
    armed = [False]
    with failing_disk(root, call, code, armed) as failed:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause(0.3)
            screen = pilot.app.screen
            assert isinstance(screen, FillScreen) and not screen.session.read_only
            armed[0] = True  # the disk fails once the lock is taken, and stays failed
            await pilot.press("enter", *"words on a full disk", "escape")
            await pilot.press("ctrl+q")
            await pilot.pause(0.3)
            assert failed and isinstance(pilot.app.screen, ConfirmModal)  # asked, not gone
            await pilot.press("n")
            await pilot.pause(0.2)
            assert pilot.app.screen is screen
            await pilot.press("ctrl+q")
            await pilot.pause(0.3)
            await pilot.press("y")
            await pilot.pause(0.3)
    assert app.farewell is not None and "could not be saved" in app.farewell
    (kept,) = unsaved.fallback_folder().glob("north-2026-Q4.toml.*.unsaved")
    assert str(kept) in app.farewell
    assert evidence(kept) == "words on a full disk"
    again = App(Workspace(root), TODAY, "DCI Test", "fill", district="north", period="2026-Q4")
    async with again.run_test(size=(100, 40)) as pilot:  # the next fill offers it
        await pilot.pause(0.5)
        fill = pilot.app.screen_stack[1]
        assert isinstance(fill, FillScreen) and fill.session.recovered
        assert fill.session.get("T1C1").evidence == "words on a full disk"
