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
from test_sync import clone, git, make_remote, remote_file, sync
from textual.widgets import Static

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


# -- 2 and 3. reviews are never lost; sync never drops a commit silently ----------------------------

REVIEW = "assessments/north/2026-Q3.review.toml"


def review(root: Path, who: str, when: str, comment: str) -> None:
    (root / REVIEW).write_text(
        f'schema = 1\nreviewer = "{who}"\nreviewed = {when}\nassessment_sha256 = "{"a" * 64}"\n'
        f'comment = "{comment}"\n'
    )


def person(root: Path, name: str) -> Path:
    git(root, "config", "user.name", name)
    git(root, "config", "user.email", f"{name.split()[0].lower()}@force.example")
    return root


@ORDERS
def test_a_review_both_changed_is_never_lost(remote: Path, order: str) -> None:
    """The issue's scenario 2: a far-future ``reviewed`` does not win; the later sync stops, keeps its
    commit on a ref and its review in the conflict file, and names who superseded it."""
    lead, acc = person(clone(remote, "lead"), "Lead Person"), person(clone(remote, "acc"), "Acc Person")
    review(lead, "DCI Lead", "9999-12-30T00:00:00Z", "Excellent. Reviewed and accepted.")
    review(acc, "ACC", "2026-11-22T10:00:00Z", "NOT accepted: ten reds")
    first, second = (lead, acc) if order == "lead-first" else (acc, lead)
    sync_ok(first)
    kept = (first / REVIEW).read_text()
    mine = (second / REVIEW).read_text()
    stopped = sync(second)
    assert stopped.returncode == 1
    assert stopped.stderr.count("\n") == 1 and "not pushed" in stopped.stderr
    by = "Lead Person" if first is lead else "Acc Person"
    assert "superseded by" in stopped.stderr and by in stopped.stderr
    local = git(second, "log", "-1", "--format=%H", "--all", "--", REVIEW).strip()
    refs = git(second, "for-each-ref", "--format=%(refname) %(objectname)", "refs/selfassess/superseded")
    assert refs.strip(), "the emptied commit is kept on a ref"
    ref_name, sha = refs.split()
    assert ref_name == f"refs/selfassess/superseded/{sha}" and sha[:10] in stopped.stderr
    assert git(second, "show", f"selfassess/superseded/{sha}:{REVIEW}") == mine
    assert local  # and the review written is in the conflict file, the pushed one in the file
    assert (second / REVIEW).read_text() == kept
    conflict = second / "assessments/north/2026-Q3.review.conflict.toml"
    assert mine.strip() in conflict.read_text()
    assert remote_file(remote, REVIEW) == kept
    validate = run_cli("validate", cwd=second, env={"SELFASSESS_TODAY": TODAY.isoformat()})
    assert validate.returncode == 1
    assert "2026-Q3.review.conflict.toml: error: unresolved merge conflict" in validate.stdout
    future = f"{REVIEW}:3: error: reviewed 9999-12-30 is more than a day after today"
    assert (future in validate.stdout) == (first is lead)  # the lead's typed date is kept only if first
    assert sync(second).returncode == 1  # still stopped while the conflict file is there
    assert sync(first).returncode == 0  # and it stops no one else


def test_a_commit_whose_identical_change_is_upstream_does_not_stop_sync(remote: Path) -> None:
    lead, deputy = clone(remote, "lead"), clone(remote, "deputy")
    for root in (lead, deputy):
        review(root, "ACC", "2026-11-22T10:00:00Z", "Accepted.")
    sync_ok(lead)
    result = sync_ok(deputy)
    # the deputy's commit was already upstream to the byte: nothing left to push, and sync says so (#28)
    assert "Nothing to push: origin/main already has every commit." in result.stdout
    assert not git(deputy, "for-each-ref", "refs/selfassess/superseded").strip()
    assert git(deputy, "status", "--porcelain") == ""


# -- 6. a conflict file is untrusted input ----------------------------------------------------------


def _conflicted(remote: Path) -> tuple[Path, Path]:
    """Lead and deputy changed the same evidence; the deputy's sync left a conflict file."""
    lead, deputy = clone(remote, "lead"), clone(remote, "deputy")
    for root, words in ((lead, "Lead's words.\n"), (deputy, "Deputy's words.\n")):
        s = session(root, user=root.name)
        assert s.set_evidence("T1C1", words)
        done(s)
    sync_ok(lead)
    assert sync(deputy).returncode == 1
    return lead, deputy


async def test_a_bogus_conflict_file_is_one_finding_and_fill_sets_it_aside(remote: Path) -> None:
    from test_tui_sync import fill_app, settle

    from selfassess.tui.common.confirm import ConfirmModal
    from selfassess.tui.fill.screen import FillScreen

    _, deputy = _conflicted(remote)
    conflict = deputy / "assessments/north/2026-Q4.conflict.toml"
    text = conflict.read_text()
    assert '\nT1C1 = ["evidence"]\n' in text
    conflict.write_text(text.replace('\nT1C1 = ["evidence"]\n', '\nT1C1 = ["bogus_field"]\n'))
    line = text.splitlines().index('T1C1 = ["evidence"]') + 1
    validate = run_cli("validate", cwd=deputy, env={"SELFASSESS_TODAY": TODAY.isoformat()})
    assert validate.returncode == 1 and "Traceback" not in validate.stdout + validate.stderr
    assert validate.stdout.splitlines() == [
        f"assessments/north/2026-Q4.conflict.toml:{line}: error: unresolved merge conflict whose file "
        "cannot be read: [conflicts] "
        "T1C1: unknown field 'bogus_field' (expected one of: rating, evidence, notes, as_of, carried, "
        "actions); discard it in 'selfassess fill north 2026-Q4'"
    ]
    async with fill_app(deputy).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, ConfirmModal)
        await pilot.click("#yes")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FillScreen)
    assert not conflict.exists()
    aside = deputy / "assessments/north/2026-Q4.conflict.toml.broken"
    assert aside.read_text() == text.replace('\nT1C1 = ["evidence"]\n', '\nT1C1 = ["bogus_field"]\n')
    assert sync(deputy).returncode == 0


def test_a_committed_conflict_file_blocks_no_one_and_validate_names_its_commit(remote: Path) -> None:
    _, deputy = _conflicted(remote)
    git(deputy, "add", "-f", "assessments/north/2026-Q4.conflict.toml")
    git(deputy, "commit", "-q", "-m", "oops")
    sha = git(deputy, "rev-parse", "--short", "HEAD").strip()
    git(deputy, "push", "-q", "origin", "HEAD:main")
    other = clone(remote, "acc")
    edit_evidence = session(other, user="acc")
    assert edit_evidence.set_evidence("T1C2", "ACC's note.\n")
    done(edit_evidence)
    assert sync(other).returncode == 0, "a committed conflict file stops no one else's sync"
    validate = run_cli("validate", cwd=other, env={"SELFASSESS_TODAY": TODAY.isoformat()})
    assert validate.returncode == 1
    assert (
        f"assessments/north/2026-Q4.conflict.toml: error: a conflict file committed to git in {sha} by "
        "Test User" in validate.stdout
    )


@ORDERS
def test_an_import_and_a_carry_with_a_tick_keep_one_action(remote: Path, order: str) -> None:
    """The issue's second case: the ACC imports a sheet for the quarter while the lead carries the
    criterion and ticks its action; the sheet's action (same text and owner, no id) is the same one."""
    lead, acc = clone(remote, "lead"), clone(remote, "acc")
    sheet = acc.parent / "north.csv"
    sheet.write_text(
        "Ref,Rating,Evidence,Action,Owner,Due date\n"
        "T1C1,amber,Dip sample of 20.,Do T1C1-a1,Insp. C. Example,2026-12-31\n"
        "T1C2,red,Audit.,A new action from the sheet,DS New,2027-03-31\n"
    )
    imported = run_cli(
        "import", str(sheet), "--district", "north", "--period", "2026-Q4", "--force",
        "--as-of", TODAY.isoformat(), cwd=acc,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert [a.id for a in actions(acc, "T1C1")] == ["T1C1-a1"]
    assert [a.id for a in actions(acc, "T1C2")] == ["T1C2-a2"]
    s = session(lead)
    assert s.carry("T1C1")
    assert s.toggle_done("T1C1", "T1C1-a1")
    done(s)
    first, second = in_order(order, lead, acc)
    sync_ok(first)
    sync_ok(second)
    settle(lead, acc)
    for root in (lead, acc):
        assert [(a.id, a.done) for a in actions(root, "T1C1")] == [("T1C1-a1", TODAY)]


@pytest.mark.parametrize("choice", ["take-other", "keep-file"])
async def test_the_review_screen_resolves_a_review_conflict(remote: Path, choice: str) -> None:
    from test_tui_review import review_app
    from test_tui_sync import settle

    from selfassess.tui.review.conflict import ReviewConflictModal
    from selfassess.tui.review.screen import ReviewScreen

    lead, acc = person(clone(remote, "lead"), "Lead Person"), person(clone(remote, "acc"), "Acc Person")
    review(lead, "DCI Lead", "2026-11-21T00:00:00Z", "Excellent. Reviewed and accepted.")
    review(acc, "ACC", "2026-11-22T10:00:00Z", "NOT accepted: ten reds")
    sync_ok(lead)
    mine = (acc / REVIEW).read_text()
    assert sync(acc).returncode == 1
    conflict = acc / "assessments/north/2026-Q3.review.conflict.toml"
    async with review_app(acc, "2026-Q3").run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, ReviewConflictModal)
        shown = " ".join(str(w.visual) for w in modal.query(Static))
        assert "Excellent. Reviewed and accepted." in shown and "NOT accepted: ten reds" in shown
        await pilot.click(f"#{choice}")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
    assert not conflict.exists()
    held = (acc / REVIEW).read_text()
    assert ("NOT accepted: ten reds" in held) == (choice == "take-other")
    if choice == "take-other":
        assert held == mine
    sync_ok(acc)
    assert remote_file(remote, REVIEW) == held


async def test_a_failed_sync_stays_said_on_the_fill_and_home_screens(remote: Path) -> None:
    from test_tui_sync import fill_app, git_line, home_app, settle

    from selfassess.tui.fill.screen import FillScreen

    lead, acc = clone(remote, "lead"), clone(remote, "acc")
    review(lead, "DCI Lead", "2026-11-21T00:00:00Z", "Accepted.")
    review(acc, "ACC", "2026-11-22T10:00:00Z", "NOT accepted")
    sync_ok(lead)
    failed = sync(acc)
    assert failed.returncode == 1
    async with fill_app(acc).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, FillScreen)
        banner = str(screen.query_one("#banner", Static).visual)
        assert "Last sync failed: not pushed: your change" in banner
    async with home_app(acc).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        assert "LAST SYNC FAILED: not pushed: your change" in git_line(pilot)
    (acc / "assessments/north/2026-Q3.review.conflict.toml").unlink()  # the file's review kept
    sync_ok(acc)
    async with home_app(acc).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        assert "FAILED" not in git_line(pilot)


def test_a_commit_that_fails_leaves_nothing_staged(remote: Path, tmp_path: Path) -> None:
    lead = clone(remote, "lead")
    (tmp_path / "other.txt").write_text("x")
    (lead / "notes.txt").write_text("the user's own staged file\n")
    git(lead, "add", "notes.txt")
    git(lead, "config", "commit.gpgsign", "true")
    git(lead, "config", "gpg.format", "ssh")
    git(lead, "config", "user.signingkey", str(tmp_path / "no-such-key"))
    s = session(lead)
    assert s.set_evidence("T1C1", "Words.\n")
    done(s)
    result = sync(lead)
    assert result.returncode == 2 and "git commit failed" in result.stderr
    assert git(lead, "diff", "--cached", "--name-only").split() == ["notes.txt"]


async def test_a_crash_report_never_prints_local_variables(make_workspace, capfd) -> None:
    """Textual prints locals in its crash traceback by default; evidence in a local must not show."""
    from selfassess.tui.app import SelfAssessApp
    from selfassess.workspace.workspace import Workspace

    root = make_workspace()
    (root / "evidence.txt").write_text("Jane Example, DOB 01/02/2010, disclosed abuse")

    class Crashing(SelfAssessApp):
        def on_mount(self) -> None:
            evidence = (root / "evidence.txt").read_text()  # noqa: F841 (a local, as in a real crash)
            raise RuntimeError("a bug")

    app = Crashing(Workspace(root), TODAY, "DCI Test", "home")
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(110, 40)) as pilot:
            await pilot.pause()
    printed = "".join(capfd.readouterr())
    assert "RuntimeError" in printed and "a bug" in printed
    assert "Jane Example" not in printed


@ORDERS
def test_with_signed_commits_every_shared_commit_stays_signed(
    remote: Path, order: str, tmp_path: Path
) -> None:
    """Real ssh-keygen keys: the rebase (and dropping an emptied commit) re-signs what it rewrites, and
    a superseded commit is kept as it was signed."""
    from test_verify import make_key

    base = git(remote, "rev-parse", "main").strip()
    lead, deputy = clone(remote, "lead"), clone(remote, "deputy")
    for root in (lead, deputy):
        key = make_key(tmp_path, f"key-{root.name}")
        git(root, "config", "gpg.format", "ssh")
        git(root, "config", "user.signingkey", str(key))
        git(root, "config", "commit.gpgsign", "true")
    s = session(deputy, user="deputy")
    assert s.carry("T1C1")
    done(s)
    review(deputy, "ACC", "2026-11-22T10:00:00Z", "Deputy's view")
    s = session(lead)
    assert s.carry("T1C1")
    assert s.toggle_done("T1C1", "T1C1-a1")
    done(s)
    review(lead, "DCI Lead", "2026-11-21T10:00:00Z", "Lead's view")
    first, second = in_order(order, lead, deputy)
    sync_ok(first)
    assert sync(second).returncode == 1  # the reviews: the second's is superseded
    (second / "assessments/north/2026-Q3.review.conflict.toml").unlink()
    settle(lead, deputy)
    shared = git(remote, "rev-list", "main", f"^{base}").split()
    assert shared
    for sha in shared:
        assert "\ngpgsig " in git(remote, "cat-file", "commit", sha), f"{sha} is not signed"
    kept = git(second, "for-each-ref", "--format=%(objectname)", "refs/selfassess/superseded").split()
    # emptied only when all the second's commit changed was absorbed or set aside (the deputy's)
    assert len(kept) == (1 if second is deputy else 0)
    for sha in kept:
        assert "\ngpgsig " in git(second, "cat-file", "commit", sha)
    assert [(a.id, a.done) for a in actions(lead, "T1C1")] == [("T1C1-a1", TODAY)]
