"""The fill screen's editing session, without a terminal: saving, locks, carry forward, merging."""

from __future__ import annotations

import os
import socket
from datetime import date

import pytest

from selfassess.formats.atomic import temp_path
from selfassess.formats.lock import lock_path
from selfassess.formats.store import parse_assessment
from selfassess.logic.session import MINE, THEIRS, Session
from selfassess.workspace.workspace import Workspace

TODAY = date(2026, 11, 23)

PREVIOUS = """\
schema = 1
framework = "test"
framework_version = "1.0"
district = "north"
period = "2026-Q3"
status = "submitted"
assessor = "DCI Before"
updated = 2026-10-01T10:00:00Z

[criteria.T1C1]
rating = "amber"
evidence = "Last quarter's audit"
as_of = 2026-09-01

[[criteria.T1C1.actions]]
id = "T1C1-a1"
action = "Open action"
due = 2027-01-31
done = false

[[criteria.T1C1.actions]]
id = "T1C1-a2"
action = "Done action"
done = 2026-08-01
"""


@pytest.fixture
def workspace(make_workspace) -> Workspace:
    return Workspace(make_workspace(threshold="green"))


def session(workspace: Workspace, period: str = "2026-Q4", lock: bool = True) -> Session:
    opened = Session(workspace, "north", period, "DCI Test", TODAY)
    if lock:
        assert opened.acquire_lock()
    return opened


def saved(workspace: Workspace, period: str = "2026-Q4"):
    path = workspace.assessment_path("north", period)
    return parse_assessment(path.read_bytes(), path)


def write_previous(workspace: Workspace) -> None:
    path = workspace.assessment_path("north", "2026-Q3")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PREVIOUS)


def test_nothing_is_written_until_the_first_change(workspace: Workspace) -> None:
    s = session(workspace)
    assert s.save()
    assert not s.path.exists()
    assert s.first_incomplete() == "T1C1"
    s.rate("T1C1", "green")
    assert s.dirty and s.save() and not s.dirty
    record = saved(workspace)
    assert record.get("T1C1").rating == "green"
    assert record.assessor == "DCI Test" and record.framework_version == "1.0"
    assert s.first_incomplete() == "T1C2"
    assert s.progress() == (0, 6)  # rated, but with no evidence it still blocks submitting
    s.set_evidence("T1C1", "Audit")
    assert s.progress() == (1, 6)


def test_edits_are_refused_when_locked_by_another_live_process(workspace: Workspace) -> None:
    path = workspace.assessment_path("north", "2026-Q4")
    path.parent.mkdir(parents=True)
    lock_path(path).write_text(
        f'user = "Someone Else"\nhost = "{socket.gethostname()}"\npid = {os.getppid()}\n'
        "started = 2026-11-23T09:00:00Z\n"
    )
    s = session(workspace, lock=False)
    assert not s.acquire_lock()
    assert s.read_only and s.holder is not None and s.holder.user == "Someone Else"
    assert not s.rate("T1C1", "red")
    assert not s.set_evidence("T1C1", "text")
    assert s.add_action("T1C1", "x") is None


def test_a_stale_lock_is_taken_over_with_a_notice(workspace: Workspace) -> None:
    path = workspace.assessment_path("north", "2026-Q4")
    path.parent.mkdir(parents=True)
    lock_path(path).write_text(
        f'user = "Gone"\nhost = "{socket.gethostname()}"\npid = 999999999\nstarted = 2026-11-23T09:00:00Z\n'
    )
    s = session(workspace)
    assert "Gone" in (s.lock_notice or "")
    s.release()
    assert not lock_path(path).exists()


def test_action_ids_are_unique_across_this_and_last_period(workspace: Workspace) -> None:
    write_previous(workspace)
    s = session(workspace)
    first = s.add_action("T1C1", "New", "Insp. X", date(2027, 2, 1))
    assert first is not None and first.id == "T1C1-a3"
    assert s.add_action("T1C2", "Other").id == "T1C2-a1"
    assert s.toggle_done("T1C1", first.id)
    assert s.find_action("T1C1", first.id).done == TODAY
    assert s.delete_action("T1C1", first.id)
    assert s.new_action_id("T1C1") == "T1C1-a4"  # a deleted id is not given again


def test_carry_copies_rating_evidence_and_open_actions(workspace: Workspace) -> None:
    write_previous(workspace)
    s = session(workspace)
    assert s.can_carry("T1C1") and not s.can_carry("T1C2")
    assert s.carry("T1C1")
    response = s.get("T1C1")
    assert (response.rating, response.evidence, response.carried) == ("amber", "Last quarter's audit", True)
    assert [a.id for a in response.actions] == ["T1C1-a1"]
    assert s.set_evidence("T1C1", "Updated") and not s.get("T1C1").carried
    assert s.carry_all() == []  # T1C1 is no longer untouched; nothing else was recorded


def test_submit_is_blocked_until_complete(workspace: Workspace) -> None:
    s = session(workspace)
    assert not s.submit()
    for criterion in s.criteria:
        s.rate(criterion.id, "green")
        s.set_evidence(criterion.id, "seen")
    assert s.submit() and s.save()
    assert saved(workspace).status == "submitted"
    assert s.read_only
    assert s.reopen() and not s.read_only and s.save()
    assert saved(workspace).status == "draft"


def test_a_change_on_disk_is_a_conflict_and_merges_per_criterion(workspace: Workspace) -> None:
    s = session(workspace)
    s.set_evidence("T1C1", "mine one")
    s.set_evidence("T1C2", "mine two")
    assert s.save()
    # someone else edits T1C2 and T1C3 on disk; this session then edits T1C1 and T1C2
    other = Session(workspace, "north", "2026-Q4", "Other", TODAY)
    other.lock = s.lock  # same process: pretend it may write
    other.set_evidence("T1C2", "theirs two")
    other.set_evidence("T1C3", "theirs three")
    assert other.save()
    s.set_evidence("T1C1", "mine one, more")
    s.set_evidence("T1C2", "mine two, more")
    assert not s.save()
    assert s.problem is not None and s.problem.kind == "conflict"
    assert not s.should_save()
    assert saved(workspace).get("T1C1").evidence == "mine one"  # not overwritten
    theirs = s.theirs()
    found = {d.criterion_id: d for d in s.differences(theirs)}
    assert found["T1C1"].suggestion == MINE and not found["T1C1"].both_changed
    assert found["T1C2"].both_changed
    assert found["T1C3"].suggestion == THEIRS
    s.merge(theirs, {"T1C2": THEIRS})
    assert s.save()
    record = saved(workspace)
    assert record.get("T1C1").evidence == "mine one, more"
    assert record.get("T1C2").evidence == "theirs two"
    assert record.get("T1C3").evidence == "theirs three"


def test_a_write_failure_keeps_the_text_and_retries_on_the_next_change(workspace: Workspace) -> None:
    s = session(workspace)
    blocker = temp_path(s.path)  # a folder where the temporary file must go: the write fails
    blocker.mkdir()
    s.set_evidence("T1C1", "kept")
    assert not s.save()
    assert s.problem is not None and s.problem.kind == "error"
    assert not s.should_save()
    s.set_evidence("T1C1", "kept, more")
    assert s.should_save()
    blocker.rmdir()
    assert s.save() and saved(workspace).get("T1C1").evidence == "kept, more"


def test_carry_copies_notes_too(workspace: Workspace) -> None:
    write_previous(workspace)
    path = workspace.assessment_path("north", "2026-Q3")
    path.write_text(
        path.read_text().replace(
            'evidence = "Last quarter\'s audit"\n',
            'evidence = "Last quarter\'s audit"\nnotes = "Ask the DI"\n',
        )
    )
    s = session(workspace)
    assert s.carry("T1C1")
    assert s.get("T1C1").notes == "Ask the DI"


def test_typing_then_undoing_leaves_the_file_as_it_was(workspace: Workspace) -> None:
    """Autosave wrote the typing; the undo must not leave a file that differs only in ``updated`` (#13)."""
    path = workspace.assessment_path("north", "2026-Q4")
    path.parent.mkdir(parents=True)
    path.write_text(
        PREVIOUS.replace('period = "2026-Q3"', 'period = "2026-Q4"').replace("submitted", "draft")
    )
    original = path.read_bytes()
    s = session(workspace)
    s.set_evidence("T1C1", "Last quarter's audit, and more")
    assert s.save() and path.read_bytes() != original
    s.set_evidence("T1C1", "Last quarter's audit")  # undone
    assert s.save()
    assert path.read_bytes() == original
    s.close()
