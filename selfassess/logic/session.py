"""One lead's editing session of one assessment: the record being edited, its lock, saving and merging.

Knows nothing of Textual, so every rule of the fill screen (carry forward, action ids, when to save,
what a conflict offers) is tested without a terminal. Every change goes through a method here, which
bumps :attr:`Session.revision`; the screen saves whenever the revision is ahead of the saved one.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from selfassess.core.errors import ConflictError, LockedError, SelfAssessError
from selfassess.core.model import Action, Assessment, Criterion, Framework, Response, Sample, Theme
from selfassess.core.periods import Period
from selfassess.formats import lock as locks
from selfassess.formats.lock import Lock, LockInfo
from selfassess.formats.safeio import read_regular
from selfassess.formats.store import parse_assessment, render_assessment, save_assessment
from selfassess.formats.tomlread import MAX_ASSESSMENT_BYTES
from selfassess.logic import unsaved
from selfassess.logic.actionids import district_action_ids, next_action_id
from selfassess.logic.checks import Finding, assessment_warnings, submit_blockers
from selfassess.logic.done import criterion_blockers
from selfassess.logic.privacy import Match, scan
from selfassess.logic.samples import understood_sample
from selfassess.workspace.workspace import Workspace

MINE = "mine"
THEIRS = "theirs"
#: the kind of :class:`Problem` when another editor took the lock over
TAKEN = "taken"


@dataclass(frozen=True)
class Problem:
    """Why the last save did not happen: ``conflict`` (changed on disk), ``taken`` (lock) or ``error``."""

    kind: str
    message: str


@dataclass(frozen=True)
class Difference:
    """A criterion recorded differently here (mine) and on disk (theirs), with the suggested side."""

    criterion_id: str
    mine: Response | None
    theirs: Response | None
    suggestion: str
    both_changed: bool


def _recorded(response: Response | None) -> Response | None:
    """The response if anything is recorded in it (an empty one is the same as none)."""
    return response if response is not None and not response.is_empty() else None


class Session:
    """The assessment of ``district`` for ``period`` as one person edits it."""

    def __init__(self, workspace: Workspace, district: str, period: str, user: str, today: date) -> None:
        self.workspace = workspace
        self.district = district
        self.period = str(Period.parse(period))
        self.user = user
        self.today = today
        self.path: Path = workspace.assessment_path(district, self.period)
        loaded = workspace.load(district, self.period)
        self.exists = loaded is not None
        self.framework: Framework = (
            workspace.load_framework(loaded.framework) if loaded else workspace.framework
        )
        self.assessment: Assessment = loaded or self._new()
        self._base = copy.deepcopy(self.assessment)
        #: the file as this session opened it (None: new): undoing back to it restores it exactly
        self._opened = copy.deepcopy(loaded) if loaded is not None else None
        before = Period.parse(self.period).previous  # None for 1000-Q1: nothing to carry
        self.previous_period: str | None = str(before) if before is not None else None
        self.previous: Assessment | None = None
        self.previous_error: str | None = None
        self._load_previous()
        self.criteria: tuple[Criterion, ...] = self.framework.applicable(workspace.capabilities(district))
        self.lock: Lock | None = None
        self.holder: LockInfo | None = None
        self.lock_error: str | None = None
        self.problem: Problem | None = None
        self.revision = 0
        self.saved_revision = 0
        self._failed_revision: int | None = None
        self._recovered = False
        #: the unsaved text being merged now, and this writer's own unsaved file once written
        self._recovered_from: Path | None = None
        self._kept: Path | None = None
        self._tag = unsaved.writer_tag(user, datetime.now())
        self._district_ids: set[str] | None = None

    def _new(self) -> Assessment:
        framework = self.framework
        return Assessment(
            framework=framework.id,
            framework_version=framework.version,
            district=self.district,
            period=self.period,
            assessor=self.user,
        )

    def _load_previous(self) -> None:
        if self.previous_period is None:
            return
        try:
            self.previous = self.workspace.load(self.district, self.previous_period)
        except SelfAssessError as error:
            self.previous_error = str(error)

    # -- locking and read-only ------------------------------------------------------------------
    def acquire_lock(self, take_over: bool = False) -> bool:
        """Lock the assessment for editing; on failure :attr:`holder` or :attr:`lock_error` says why."""
        self.holder = None
        self.lock_error = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.lock = locks.acquire(self.path, self.user, take_over=take_over)
        except LockedError as error:
            self.holder = getattr(error, "holder", None)
            self.lock_error = error.message
        except OSError as error:
            self.lock_error = f"cannot lock {self.relative_path}: {error.strerror or error}"
        if self.lock is not None and self.problem is not None and self.problem.kind == TAKEN:
            self.problem = None  # taken back: saving resumes (a change on disk is still caught)
        return self.lock is not None

    def close(self) -> Path | None:
        """Leaving, or stopped: save what is pending, keep what cannot be (beside the assessment, else
        in the user's data folder), release. Where the text was kept, if it had to be."""
        kept = None
        if self.dirty and not (self.problem is not None and self.problem.kind == "conflict"):
            self.save()
        if self.dirty:
            kept = self.keep_unsaved()  # offered the next time this assessment is opened
        self.release()
        return kept

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    @property
    def lock_notice(self) -> str | None:
        return self.lock.notice if self.lock else None

    @property
    def read_only(self) -> bool:
        return self.lock is None or self.assessment.is_submitted

    @property
    def relative_path(self) -> str:
        return self.workspace.relative(self.path)

    # -- reading --------------------------------------------------------------------------------
    def get(self, criterion_id: str) -> Response:
        """The response to ``criterion_id`` (an empty one when nothing is recorded; not stored)."""
        return self.assessment.get(criterion_id) or Response()

    def previous_response(self, criterion_id: str) -> Response | None:
        if self.previous is None:
            return None
        return _recorded(self.previous.get(criterion_id))

    def criterion(self, criterion_id: str) -> Criterion:
        criterion = self.framework.criterion(criterion_id)
        if criterion is None:
            raise KeyError(criterion_id)
        return criterion

    def themes(self) -> list[tuple[Theme, tuple[Criterion, ...]]]:
        """Each theme with its criteria that apply to this district (themes with none left out)."""
        applicable = {c.id for c in self.criteria}
        themes = []
        for theme in self.framework.themes:
            criteria = tuple(c for c in theme.criteria if c.id in applicable)
            if criteria:
                themes.append((theme, criteria))
        return themes

    def is_complete(self, criterion_id: str) -> bool:
        """Done: nothing about it blocks submitting (the same rule as home and the reports)."""
        return not criterion_blockers(self.framework, criterion_id, self.assessment.get(criterion_id))

    def progress(self, criteria: tuple[Criterion, ...] | None = None) -> tuple[int, int]:
        """(done, total) over ``criteria`` (default: every applicable criterion)."""
        chosen = self.criteria if criteria is None else criteria
        return sum(self.is_complete(c.id) for c in chosen), len(chosen)

    def first_incomplete(self) -> str | None:
        """The first criterion not yet rated nor marked not applicable (else the first)."""
        first = next((c.id for c in self.criteria if self.assessment.cell(c.id) is None), None)
        return first or (self.criteria[0].id if self.criteria else None)

    def personal_data(self, text: str) -> list[Match]:
        """Likely personal data in ``text``: the same check as ``validate``."""
        return scan(text, self.workspace.settings.privacy_allow)

    def blockers(self) -> list[Finding]:
        return submit_blockers(self.workspace, self.assessment)

    def warnings(self) -> list[Finding]:
        return assessment_warnings(self.workspace, self.assessment, self.today)

    # -- changing -------------------------------------------------------------------------------
    def _edit(self, criterion_id: str) -> Response | None:
        """The stored response to change, or None when this session may not change anything."""
        if self.read_only:
            return None
        return self.assessment.response(criterion_id)

    def _changed(self) -> bool:
        self.revision += 1
        return True

    def rate(self, criterion_id: str, grade_id: str | None) -> bool:
        """Rate (or, with None, unrate) a criterion; a deliberate rating confirms a carried one."""
        response = self._edit(criterion_id)
        if response is None or (grade_id is not None and self.framework.grade(grade_id) is None):
            return False
        if response.rating == grade_id and response.not_applicable is None and not response.carried:
            return False
        response.rating = grade_id
        response.not_applicable = None
        response.carried = False
        return self._changed()

    def set_not_applicable(self, criterion_id: str, reason: str | None) -> bool:
        """Mark not applicable with a reason (which must not be blank), or applicable again with None."""
        response = self._edit(criterion_id)
        if response is None or (reason is not None and not reason.strip()):
            return False
        if response.not_applicable == reason:
            return False
        response.not_applicable = reason
        if reason is not None:
            response.rating = None
            response.sample = None  # a criterion that does not apply has no sample (SPEC §4)
        response.carried = False
        return self._changed()

    def set_evidence(self, criterion_id: str, text: str) -> bool:
        """Replace the evidence; editing it confirms a carried criterion."""
        response = self._edit(criterion_id)
        if response is None or response.evidence == text:
            return False
        response.evidence = text
        response.carried = False
        return self._changed()

    def set_notes(self, criterion_id: str, text: str) -> bool:
        response = self._edit(criterion_id)
        if response is None or response.notes == text:
            return False
        response.notes = text
        return self._changed()

    def set_as_of(self, criterion_id: str, day: date | None) -> bool:
        response = self._edit(criterion_id)
        if response is None or response.as_of == day:
            return False
        response.as_of = day
        return self._changed()

    def set_sample(self, criterion_id: str, sample: Sample | None) -> bool:
        """Record (or, with None, remove) the criterion's dip sample; only where the framework asks for
        one and the criterion is not marked not applicable."""
        criterion = self.framework.criterion(criterion_id)
        response = self._edit(criterion_id)
        if response is None or criterion is None or criterion.sample is None or response.sample == sample:
            return False
        if sample is not None and response.not_applicable is not None:
            return False
        response.sample = sample
        return self._changed()

    def understood_sample(self, criterion_id: str) -> Sample | None:
        """The "k of n" the evidence states, as a sample to offer, when it differs from the one recorded."""
        criterion = self.framework.criterion(criterion_id)
        response = self.get(criterion_id)
        if criterion is None or criterion.sample is None or response.not_applicable is not None:
            return None
        counts = understood_sample(response.evidence)
        if counts is None or (response.sample and (response.sample.met, response.sample.size) == counts):
            return None
        return Sample(size=counts[1], met=counts[0])

    def confirm(self, criterion_id: str) -> bool:
        """Confirm a carried criterion as still true this period."""
        response = self._edit(criterion_id)
        if response is None or not response.carried:
            return False
        response.carried = False
        return self._changed()

    # -- improvement actions --------------------------------------------------------------------
    def _action_ids(self) -> set[str]:
        if self._district_ids is None:  # read once: this session is the one writing the district's ids
            self._district_ids = district_action_ids(self.workspace, self.district)
        return self._district_ids | {action.id for _, action in self.assessment.actions()}

    def new_action_id(self, criterion_id: str) -> str:
        """``<criterion>-a<max+1>`` over every quarter's file of the district (never an id reused)."""
        action_id = next_action_id(self.framework, criterion_id, self._action_ids())
        self._district_ids = (self._district_ids or set()) | {action_id}  # deleted again: still used
        return action_id

    def find_action(self, criterion_id: str, action_id: str) -> Action | None:
        return next((a for a in self.get(criterion_id).actions if a.id == action_id), None)

    def add_action(
        self,
        criterion_id: str,
        text: str,
        owner: str = "",
        due: date | None = None,
        addresses: tuple[str, ...] = (),
    ) -> Action | None:
        response = self._edit(criterion_id)
        if response is None or not text.strip():
            return None
        action = Action(
            self.new_action_id(criterion_id), text, owner, due, addresses=tuple(sorted(addresses))
        )
        response.actions.append(action)
        self._changed()
        return action

    def update_action(
        self,
        criterion_id: str,
        action_id: str,
        text: str,
        owner: str,
        due: date | None,
        done: bool | date,
        addresses: tuple[str, ...] | None = None,
    ) -> bool:
        """Change an action; ``addresses`` None keeps the inspection items it addresses."""
        action = self.find_action(criterion_id, action_id) if not self.read_only else None
        if action is None or not text.strip():
            return False
        items = action.addresses if addresses is None else tuple(sorted(addresses))
        before = (action.action, action.owner, action.due, action.done, action.addresses)
        if before == (text, owner, due, done, items):
            return False
        action.action, action.owner, action.due, action.done = text, owner, due, done
        action.addresses = items
        return self._changed()

    def toggle_done(self, criterion_id: str, action_id: str) -> bool:
        """Tick an open action done today, or reopen a done one."""
        action = self.find_action(criterion_id, action_id) if not self.read_only else None
        if action is None:
            return False
        action.done = self.today if action.is_open else False
        return self._changed()

    def delete_action(self, criterion_id: str, action_id: str) -> bool:
        response = self._edit(criterion_id)
        if response is None:
            return False
        kept = [a for a in response.actions if a.id != action_id]
        if len(kept) == len(response.actions):
            return False
        response.actions = kept
        return self._changed()

    # -- carry forward --------------------------------------------------------------------------
    def can_carry(self, criterion_id: str) -> bool:
        before = self.previous_response(criterion_id)
        return before is not None and (before.cell is not None or bool(before.evidence))

    def is_untouched(self, criterion_id: str) -> bool:
        """Nothing of this period's own judgement recorded yet: no rating, no n/a, no evidence."""
        response = self.get(criterion_id)
        return response.cell is None and not response.evidence.strip()

    def carry(self, criterion_id: str) -> bool:
        """Copy last period's rating, evidence, notes and as-of date in, marked carried; roll open
        actions on."""
        before = self.previous_response(criterion_id)
        response = self._edit(criterion_id)
        if response is None or before is None or not self.can_carry(criterion_id):
            return False
        response.rating = before.rating
        response.not_applicable = before.not_applicable
        response.evidence = before.evidence
        response.notes = before.notes
        response.as_of = before.as_of
        response.carried = True
        present = {action.id for _, action in self.assessment.actions()}
        response.actions += [copy.deepcopy(a) for a in before.open_actions() if a.id not in present]
        return self._changed()

    def carry_all(self) -> list[str]:
        """Carry every untouched criterion that last period recorded; the ids carried."""
        carried = []
        for criterion in self.criteria:
            if self.is_untouched(criterion.id) and self.can_carry(criterion.id) and self.carry(criterion.id):
                carried.append(criterion.id)
        return carried

    # -- submitting -----------------------------------------------------------------------------
    def submit(self) -> bool:
        """Mark submitted when nothing blocks it (then save, and release the lock)."""
        if self.read_only or self.blockers():
            return False
        self.assessment.status = "submitted"
        return self._changed()

    def reopen(self) -> bool:
        """Back to draft, for editing again; needs the lock."""
        if not self.assessment.is_submitted:
            return False
        if self.lock is None and not self.acquire_lock():
            return False
        self.assessment.status = "draft"
        return self._changed()

    # -- saving ---------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision

    def should_save(self) -> bool:
        """Dirty, and not waiting on a conflict, nor on a failed save that nothing has changed since."""
        if not self.dirty or (self.problem is not None and self.problem.kind in ("conflict", TAKEN)):
            return False
        return self.problem is None or self._failed_revision != self.revision

    def save(self, force: bool = False) -> bool:
        """Write the assessment if it changed; on failure :attr:`problem` says why and nothing is lost."""
        if not self.dirty:
            return True
        if self._taken_over():
            return False
        revision = self.revision
        try:
            save_assessment(self.assessment, self.path, self.framework, force=force, now=self._opened_time())
        except ConflictError as error:
            self.problem = Problem("conflict", f"{self.relative_path} {error.message}")
            return False
        except SelfAssessError as error:
            self._failed(revision, error.message)
            return False
        except OSError as error:
            self._failed(revision, error.strerror or str(error))
            return False
        self.saved_revision = revision
        self.problem = None
        self._failed_revision = None
        self.exists = True
        self._base = copy.deepcopy(self.assessment)
        for done in (self._recovered_from if self._recovered else None, self._kept):
            if done is not None:  # merged and saved, or this writer's own text now in the file
                done.unlink(missing_ok=True)
        self._recovered, self._recovered_from, self._kept = False, None, None
        return True

    def _opened_time(self) -> datetime | None:
        """The opened file's ``updated`` when the assessment says again just what that file said (typing
        then undoing): the file goes back to it byte for byte, leaving nothing to commit."""
        opened = self._opened
        if opened is None:
            return None
        mine = copy.copy(self.assessment)
        mine.updated = opened.updated
        if render_assessment(mine, self.framework) != render_assessment(opened, self.framework):
            return None
        return opened.updated

    def _taken_over(self) -> bool:
        """Whether another editor took the lock over: then this session stops writing for good."""
        if self.problem is not None and self.problem.kind == TAKEN:
            return True
        holder = self.lock.taken_by() if self.lock is not None else None
        if holder is None:
            return False
        self.lock, self.holder = None, holder  # read-only from now on; never release their lock
        kept = self.keep_unsaved()
        where = f"your text is kept in {self.workspace.relative(kept)}" if kept else "your text is kept here"
        self.problem = Problem(TAKEN, f"{self.relative_path} was taken over by {holder.describe()}: {where}")
        return True

    def _failed(self, revision: int, reason: str) -> None:
        self.problem = Problem("error", f"could not save {self.relative_path}: {reason}")
        self._failed_revision = revision

    # -- text that could not be saved ------------------------------------------------------------
    @property
    def unsaved_path(self) -> Path:
        """This writer's own file for text it could not save (no other writer's is ever this one)."""
        return unsaved.beside(self.path, self._tag)

    @property
    def recovered(self) -> bool:
        """Whether this session holds text an earlier session could not save (see adopt_unsaved)."""
        return self._recovered

    def keep_unsaved(self) -> Path | None:
        """Write what could not be saved to this writer's own file, beside the assessment or else in
        the user's data folder, to be offered on the next opening; where, or None if nowhere."""
        data = render_assessment(self.assessment, self.framework).encode()
        kept = unsaved.keep(self.path, self._tag, data)
        if kept is not None:
            self._kept = kept
        return kept

    def unsaved_texts(self) -> list[Path]:
        """Earlier sessions' unsaved texts of this assessment still to be offered (not this one's)."""
        return [path for path in unsaved.found(self.path) if path not in (self._kept, self._recovered_from)]

    def adopt_unsaved(self) -> bool:
        """Take up the oldest text an earlier session could not save: it then has to be merged with
        the file. Each is offered in turn (saving the merge removes it); an unreadable one is skipped."""
        if self.read_only or self._recovered:
            return False
        waiting = self.unsaved_texts()
        for path in waiting:
            try:
                recovered = parse_assessment(read_regular(path, MAX_ASSESSMENT_BYTES), path, self.framework)
            except (OSError, SelfAssessError):
                continue
            recovered.path = str(self.path)
            recovered.source_sha256 = None  # never what is on disk: saving must go through a merge
            self.assessment = recovered
            self._recovered, self._recovered_from = True, path
            more = len(waiting) - waiting.index(path) - 1
            also = f" ({more} more after this one)" if more else ""
            self.problem = Problem(
                "conflict",
                f"{self.relative_path} has text from an earlier session that was not saved{also}",
            )
            self._changed()
            return True
        return False

    # -- conflicts ------------------------------------------------------------------------------
    def theirs(self) -> Assessment | None:
        """The assessment as it is on disk now (None: deleted); raises SelfAssessError if unreadable."""
        return self.workspace.load(self.district, self.period)

    def differences(self, theirs: Assessment | None) -> list[Difference]:
        """Criteria recorded differently here and on disk, each with the side that keeps both edits.

        A criterion only one side changed since this session last saved suggests that side; one both
        changed suggests mine (the lead's own typing is what must never be lost silently).
        """
        mine = self.assessment
        ids = list(dict.fromkeys([*mine.responses, *(theirs.responses if theirs else {})]))
        order = self.framework.order()
        ids.sort(key=lambda cid: order.get(cid, len(order)))
        found = []
        for criterion_id in ids:
            my = _recorded(mine.get(criterion_id))
            their = _recorded(theirs.get(criterion_id)) if theirs else None
            if my == their:
                continue
            base = _recorded(self._base.get(criterion_id))
            suggestion = THEIRS if my == base else MINE
            both = my != base and their != base
            found.append(Difference(criterion_id, my, their, suggestion, both))
        return found

    def merge(self, theirs: Assessment | None, choices: dict[str, str]) -> None:
        """Adopt the file on disk with ``choices`` (criterion id → mine/theirs) applied; then save."""
        if theirs is None:
            merged = self.assessment
            merged.path = None
            merged.source_sha256 = None
        else:
            merged = copy.deepcopy(theirs)
            for difference in self.differences(theirs):
                if choices.get(difference.criterion_id, difference.suggestion) != MINE:
                    continue
                if difference.mine is None:
                    merged.responses.pop(difference.criterion_id, None)
                else:
                    merged.responses[difference.criterion_id] = copy.deepcopy(difference.mine)
            if self.assessment.status != self._base.status:
                merged.status = self.assessment.status
            self._base = copy.deepcopy(theirs)
        self.assessment = merged
        self.problem = None
        self._failed_revision = None
        self._changed()
