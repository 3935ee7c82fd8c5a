"""Several people, one git history (#25): real clones of a bare remote, `sync` in both orders.

An action keeps its id for life across clones (carry, tick, reword, import); both sides minting one id
keeps both actions; a review changed on both sides is never lost; `sync` never drops a commit silently;
a conflict file is untrusted input.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from test_diff import action, write
from test_sync import clone, git, make_remote, sync

from selfassess import open_workspace
from selfassess.core.model import Action
from selfassess.logic.session import Session

from conftest import commit_all, run_cli

TODAY = date(2026, 11, 23)
Q3 = {
    "T1C1": {
        "rating": "amber",
        "evidence": "Dip sample of 20.\n",
        "actions": [action("T1C1-a1", "2026-12-31")],
    },
    "T1C2": {"rating": "red", "evidence": "Audit.\n", "actions": [action("T1C2-a1", "2027-01-31")]},
}
ORDERS = pytest.mark.parametrize("order", ["deputy-first", "lead-first"])


@pytest.fixture
def remote(tmp_path: Path, make_workspace) -> Path:
    """The remote of test_sync, with north's 2026-Q3 holding open actions to carry into 2026-Q4."""
    bare = make_remote(tmp_path, make_workspace)
    first = tmp_path / "first"
    write(first, "north", "2026-Q3", Q3)
    commit_all(first, "north 2026-Q3")
    git(first, "push", "-q")
    return bare


def session(root: Path, period: str = "2026-Q4", user: str = "lead") -> Session:
    opened = Session(open_workspace(root), "north", period, user, TODAY)
    assert opened.acquire_lock()
    return opened


def done(s: Session) -> None:
    assert s.save()
    s.close()


def actions(root: Path, criterion: str, period: str = "2026-Q4") -> list[Action]:
    assessment = open_workspace(root).load("north", period)
    assert assessment is not None
    return assessment.response(criterion).actions


def sync_ok(root: Path) -> subprocess.CompletedProcess[str]:
    result = sync(root)
    assert result.returncode == 0, result.stderr
    return result


def in_order(order: str, lead: Path, deputy: Path) -> tuple[Path, Path]:
    return (deputy, lead) if order == "deputy-first" else (lead, deputy)


def settle(*clones: Path) -> None:
    """Sync every clone twice round, so each has what the others pushed."""
    for _ in range(2):
        for root in clones:
            sync_ok(root)


# -- 1. action identity ---------------------------------------------------------------------------


@ORDERS
def test_carry_and_carry_with_a_tick_keep_one_action(remote: Path, order: str) -> None:
    """The issue's scenario: both carry T1C1 into a new quarter, the lead ticks its action done."""
    lead, deputy = clone(remote, "lead"), clone(remote, "deputy")
    s = session(deputy, user="deputy")
    assert s.carry("T1C1")
    done(s)
    s = session(lead)
    assert s.carry("T1C1")
    assert s.toggle_done("T1C1", "T1C1-a1")
    done(s)
    first, second = in_order(order, lead, deputy)
    sync_ok(first)
    sync_ok(second)
    settle(lead, deputy)
    for root in (lead, deputy):
        assert [(a.id, a.done) for a in actions(root, "T1C1")] == [("T1C1-a1", TODAY)]
    assert (lead / "assessments/north/2026-Q4.toml").read_bytes() == (
        deputy / "assessments/north/2026-Q4.toml"
    ).read_bytes()
    assert not list((lead / "assessments/north").glob("*.conflict.toml"))
    assert not list((deputy / "assessments/north").glob("*.conflict.toml"))


@ORDERS
def test_carry_and_carry_with_a_reword_keep_one_action(remote: Path, order: str) -> None:
    lead, deputy = clone(remote, "lead"), clone(remote, "deputy")
    s = session(deputy, user="deputy")
    assert s.carry("T1C1")
    done(s)
    s = session(lead)
    assert s.carry("T1C1")
    old = s.find_action("T1C1", "T1C1-a1")
    assert old is not None
    assert s.update_action("T1C1", "T1C1-a1", "Re-audit 40 cases", old.owner, date(2027, 2, 28), False)
    done(s)
    first, second = in_order(order, lead, deputy)
    sync_ok(first)
    sync_ok(second)
    settle(lead, deputy)
    for root in (lead, deputy):
        assert [(a.id, a.action, a.due) for a in actions(root, "T1C1")] == [
            ("T1C1-a1", "Re-audit 40 cases", date(2027, 2, 28))
        ]


@ORDERS
def test_both_add_an_action_keeps_both_and_says_so(remote: Path, order: str) -> None:
    lead, deputy = clone(remote, "lead"), clone(remote, "deputy")
    s = session(lead, "2026-Q3")
    s.add_action("T1C1", "Lead's new action", "DI Lead", date(2027, 1, 1))
    done(s)
    s = session(deputy, "2026-Q3", user="deputy")
    s.add_action("T1C1", "Deputy's new action", "DS Deputy", date(2027, 2, 1))
    done(s)
    first, second = in_order(order, lead, deputy)
    sync_ok(first)
    result = sync_ok(second)
    assert "T1C1-a2" in result.stdout and "T1C1-a3" in result.stdout
    assert len([line for line in result.stdout.splitlines() if "T1C1-a3" in line]) == 1
    settle(lead, deputy)
    for root in (lead, deputy):
        got = [(a.id, a.action) for a in actions(root, "T1C1", "2026-Q3")]
        first_text = "Lead's new action" if first is lead else "Deputy's new action"
        second_text = "Deputy's new action" if first is lead else "Lead's new action"
        assert got == [("T1C1-a1", "Do T1C1-a1"), ("T1C1-a2", first_text), ("T1C1-a3", second_text)]
    assert run_cli("validate", cwd=lead, env={"SELFASSESS_TODAY": TODAY.isoformat()}).returncode == 0


def test_duplicate_actions_are_a_validate_warning(make_workspace) -> None:
    root = make_workspace()
    twice = [action("T1C1-a1", "2026-12-31"), action("T1C1-a2", "2026-12-31")]
    twice[1]["action"] = twice[0]["action"]
    write(root, "north", "2026-Q4", {"T1C1": {"rating": "amber", "actions": twice}})
    result = run_cli("validate", cwd=root, env={"SELFASSESS_TODAY": TODAY.isoformat()})
    assert "warning" in result.stdout and "T1C1-a1" in result.stdout and "T1C1-a2" in result.stdout
    assert "duplicate" in result.stdout
