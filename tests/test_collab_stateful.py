"""The long run of #25: random interleavings of three clones of one remote doing what people do (fill,
carry, tick, reword, add actions, import, review, sync), then a final sync everywhere.

Not run in CI (it takes minutes): run it with

    SELFASSESS_STATEFUL_EXAMPLES=200 .venv/bin/python -m pytest tests/test_collab_stateful.py -q -s

(``SELFASSESS_STATEFUL_STEPS`` sets the most steps per example, default 20). At the end every clone
holds the same files, no file holds an action twice (two ids, or the same text, owner and due under
two ids), and no text anyone saved is lost: each is in the final files, or was replaced by a later
edit of the same person, or was set aside by a person choosing the other side of a conflict.
Real git, real clones, the real merge driver; edits go through the logic layer as the fill screen's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from test_diff import action, workspace, write

from conftest import SELFASSESS

EXAMPLES = int(os.environ.get("SELFASSESS_STATEFUL_EXAMPLES", "0"))
STEPS = int(os.environ.get("SELFASSESS_STATEFUL_STEPS", "20"))
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not EXAMPLES, reason="the long run: set SELFASSESS_STATEFUL_EXAMPLES=N to run it"),
]

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule  # noqa: E402

from selfassess import open_workspace  # noqa: E402
from selfassess.formats import conflictfile  # noqa: E402
from selfassess.formats.store import parse_assessment, save_assessment  # noqa: E402
from selfassess.logic import reviewconflict  # noqa: E402
from selfassess.logic.session import Session  # noqa: E402
from selfassess.logic.sync import SyncConflict, sync  # noqa: E402

TODAY = date(2026, 11, 23)
CRITERIA = ("T1C1", "T1C2", "T2C1")
NAMES = ("lead", "deputy", "acc")
Q3 = {
    "T1C1": {"rating": "amber", "evidence": "q3-evidence-1\n", "actions": [action("T1C1-a1", "2026-12-31")]},
    "T1C2": {"rating": "red", "evidence": "q3-evidence-2\n", "actions": [action("T1C2-a1", "2027-01-31")]},
    "T2C1": {"rating": "green", "evidence": "q3-evidence-3\n"},
}
TOKEN = re.compile(r"tok\d+")
#: figures over the whole run, printed at the end (``-s``)
TOTALS = {"examples": 0, "steps": 0, "syncs": 0, "conflicts": 0, "superseded": 0, "renumbered": 0}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def tokens_in(root: Path) -> set[str]:
    """Every token in the district's files (assessments and reviews; not conflict files)."""
    found: set[str] = set()
    for path in (root / "assessments" / "north").glob("*.toml"):
        if not path.name.endswith(".conflict.toml"):
            found |= set(TOKEN.findall(path.read_text()))
    return found


def conflict_tokens(root: Path) -> set[str]:
    found: set[str] = set()
    for path in (root / "assessments" / "north").glob("*.conflict.toml"):
        found |= set(TOKEN.findall(path.read_text()))
    return found


class Clones(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.top = Path(tempfile.mkdtemp(prefix="selfassess-collab-"))
        self.counter = 0
        #: tokens that a person replaced by editing the same field again, or chose away in a conflict
        self.gone: set[str] = set()
        #: every token saved
        self.saved: set[str] = set()
        bare = self.top / "remote.git"
        git(self.top, "init", "-q", "--bare", "-b", "main", str(bare))
        first = workspace(self.top / "first")
        write(first, "north", "2026-Q3", Q3)
        git(first, "init", "-q", "-b", "main")
        git(first, "add", "-A")
        git(first, "commit", "-q", "-m", "initial")
        git(first, "remote", "add", "origin", str(bare))
        git(first, "push", "-q", "-u", "origin", "main")
        self.clones = []
        for name in NAMES:
            target = self.top / name
            git(self.top, "clone", "-q", str(bare), str(target))
            git(target, "config", "user.name", name)
            git(target, "config", "user.email", f"{name}@force.example")
            self.clones.append(target)
        TOTALS["examples"] += 1

    def teardown(self) -> None:
        shutil.rmtree(self.top, ignore_errors=True)

    def token(self) -> str:
        self.counter += 1
        return f"tok{self.counter}"

    # -- editing, as the fill screen does ---------------------------------------------------------
    def _session(self, clone: int, period: str = "2026-Q4") -> Session:
        root = self.clones[clone]
        session = Session(open_workspace(root), "north", period, NAMES[clone], TODAY)
        assert session.acquire_lock()
        return session

    def _edit(self, clone: int, change, period: str = "2026-Q4") -> None:
        root = self.clones[clone]
        before = tokens_in(root)
        session = self._session(clone, period)
        try:
            changed = change(session)
            if changed:
                assert session.save(), session.problem
        finally:
            session.close()
        after = tokens_in(root)
        self.gone |= before - after  # replaced by this person's own edit
        self.saved |= after - before
        TOTALS["steps"] += 1

    @rule(clone=st.integers(0, 2), criterion=st.sampled_from(CRITERIA))
    def fill_evidence(self, clone: int, criterion: str) -> None:
        words = f"Evidence {self.token()}\n"
        self._edit(clone, lambda s: s.set_evidence(criterion, words))

    @rule(clone=st.integers(0, 2), criterion=st.sampled_from(CRITERIA))
    def carry(self, clone: int, criterion: str) -> None:
        self._edit(clone, lambda s: s.carry(criterion))

    @rule(
        clone=st.integers(0, 2),
        criterion=st.sampled_from(CRITERIA),
        period=st.sampled_from(["2026-Q3", "2026-Q4"]),
    )
    def add_action(self, clone: int, criterion: str, period: str) -> None:
        text = f"Action {self.token()}"
        self._edit(
            clone, lambda s: s.add_action(criterion, text, "DI Owner", date(2027, 3, 31)) is not None, period
        )

    @rule(clone=st.integers(0, 2), criterion=st.sampled_from(CRITERIA))
    def tick(self, clone: int, criterion: str) -> None:
        def change(s: Session) -> bool:
            actions = s.get(criterion).actions
            return bool(actions) and s.toggle_done(criterion, actions[0].id)

        self._edit(clone, change)

    @rule(clone=st.integers(0, 2), criterion=st.sampled_from(CRITERIA))
    def reword(self, clone: int, criterion: str) -> None:
        text = f"Reworded {self.token()}"

        def change(s: Session) -> bool:
            actions = s.get(criterion).actions
            if not actions:
                return False
            a = actions[-1]
            return s.update_action(criterion, a.id, text, a.owner, a.due, a.done)

        self._edit(clone, change)

    @precondition(lambda self: True)
    @rule(clone=st.integers(0, 2))
    def import_sheet(self, clone: int) -> None:
        """The ACC's xlsx, as CSV: only into a quarter this clone has no file for yet (else --force
        would replace someone's work by the person's own choice)."""
        root = self.clones[clone]
        if (root / "assessments/north/2026-Q4.toml").exists():
            return
        sheet = self.top / f"sheet-{self.counter}.csv"
        sheet.write_text(
            "Ref,Rating,Evidence,Action,Owner,Due date\n"
            f"T1C1,amber,Imported {self.token()},Do T1C1-a1,Insp. C. Example,2026-12-31\n"
            f"T2C1,green,Imported {self.token()},Sheet action {self.token()},DS Sheet,2027-02-28\n"
        )
        before = tokens_in(root)
        result = subprocess.run(
            [SELFASSESS, "import", str(sheet), "--district", "north",
             "--period", "2026-Q4", "--as-of", TODAY.isoformat()],
            cwd=root, capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        self.saved |= tokens_in(root) - before
        TOTALS["steps"] += 1

    @rule(clone=st.integers(0, 2))
    def review(self, clone: int) -> None:
        root = self.clones[clone]
        path = root / "assessments/north/2026-Q3.review.toml"
        before = tokens_in(root)
        path.write_text(
            f'schema = 1\nreviewer = "{NAMES[clone]}"\nreviewed = 2026-11-2{clone}T10:00:00Z\n'
            f'assessment_sha256 = "{"a" * 64}"\ncomment = "Review {self.token()}"\n'
        )
        after = tokens_in(root)
        self.gone |= before - after
        self.saved |= after - before
        TOTALS["steps"] += 1

    # -- sharing ----------------------------------------------------------------------------------
    @rule(clone=st.integers(0, 2))
    def sync_clone(self, clone: int) -> None:
        self._sync(clone)
        TOTALS["steps"] += 1

    def _sync(self, clone: int) -> bool:
        """Sync; on a conflict, resolve as a person would (alternately each side) and say False."""
        root = self.clones[clone]
        TOTALS["syncs"] += 1
        try:
            result = sync(root)
        except SyncConflict as stopped:
            TOTALS["conflicts"] += 1
            TOTALS["superseded"] += "superseded" in stopped.message
            TOTALS["renumbered"] += len(stopped.notes)
            self._resolve(clone)
            return False
        TOTALS["renumbered"] += len(result.notes)
        return True

    def _resolve(self, clone: int) -> None:
        root = self.clones[clone]
        before = tokens_in(root) | conflict_tokens(root)
        workspace = open_workspace(root)
        for path in sorted((root / "assessments" / "north").glob("*.conflict.toml")):
            take_other = (self.counter + clone) % 2 == 0
            if conflictfile.is_review_conflict(path):
                found = [c for c in reviewconflict.review_conflicts(workspace, "2026-Q3") if c.path == path]
                assert found and found[0].other is not None, f"unreadable {path}"
                if take_other:
                    reviewconflict.take_other(workspace, found[0])
                else:
                    reviewconflict.keep_file(found[0])
                continue
            conflict = conflictfile.read(path)
            period = path.name.removesuffix(conflictfile.SUFFIX)
            assessment = workspace.load("north", period)
            if take_other:
                for criterion_id in conflict.conflicts:
                    conflictfile.take_theirs(assessment, conflict, criterion_id)
            save_assessment(assessment, workspace.assessment_path("north", period), workspace.framework)
            path.unlink()
        self.gone |= before - tokens_in(root)  # chosen away by the person resolving

    # -- what must always hold ----------------------------------------------------------------------
    @invariant()
    def no_action_twice(self) -> None:
        for root in self.clones:
            for path in (root / "assessments" / "north").glob("20??-Q?.toml"):
                assessment = parse_assessment(path.read_bytes(), path)
                ids = [a.id for _, a in assessment.actions()]
                assert len(ids) == len(set(ids)), f"{path}: an id twice: {ids}"
                same = [(a.action, a.owner, a.due) for _, a in assessment.actions()]
                assert len(same) == len(set(same)), f"{path}: the same action under two ids: {same}"

    def finish(self) -> None:
        """Everyone syncs until all have pushed and pulled everything; then all clones agree."""
        for _ in range(6):
            if all(self._sync(i) for i in range(3)) and all(self._sync(i) for i in range(3)):
                break
        else:
            raise AssertionError("the clones never settled")
        heads = {git(root, "rev-parse", "HEAD").strip() for root in self.clones}
        assert len(heads) == 1, "every clone at the same commit"
        texts = [
            {p.name: p.read_bytes() for p in (root / "assessments" / "north").glob("*.toml")}
            for root in self.clones
        ]
        assert texts[0] == texts[1] == texts[2], "every clone holds the same files"
        for root in self.clones:
            assert not list((root / "assessments" / "north").glob("*.conflict.toml"))
            assert not git(root, "status", "--porcelain", "--", "assessments").strip()
        final = tokens_in(self.clones[0])
        lost = self.saved - final - self.gone
        assert not lost, f"text lost: {sorted(lost)}"
        self.no_action_twice()


def test_random_interleavings_of_three_clones_settle_with_nothing_lost_or_doubled() -> None:
    original_teardown = Clones.teardown

    def teardown(self: Clones) -> None:
        try:
            self.finish()
        finally:
            original_teardown(self)

    Clones.teardown = teardown  # type: ignore[method-assign]
    try:
        run = Clones.TestCase
        run.settings = settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=os.environ.get("SELFASSESS_STATEFUL_SEED") is None,
            database=None,
        )
        run().runTest()
    finally:
        Clones.teardown = original_teardown  # type: ignore[method-assign]
        print(f"\nlong run: {TOTALS}")
