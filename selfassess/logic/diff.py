"""Two assessments → what changed between them, worst news first; and how that reads as text.

Pure: it takes parsed assessments and their framework and reads nothing. Reading the two versions
(``DISTRICT@PERIOD``, ``REV:PATH``, a path) is :mod:`selfassess.logic.versions`'s job; the JSON shape
is SPEC §5.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from selfassess.core.model import NOT_APPLICABLE, Action, Assessment, Framework, Response, Sample
from selfassess.core.upgrades import is_new_to
from selfassess.logic.samples import sample_json, sample_text

#: every direction, in the order they are listed: worst news first (SPEC §5)
DIRECTIONS = (
    "worse", "better", "rated", "unrated", "not-applicable", "applicable", "added", "removed", "same",
)  # fmt: skip
#: the fields of a response ``changed`` may name, in this order
FIELDS = ("rating", "not_applicable", "evidence", "notes", "as_of", "carried", "sample", "actions")
#: directions that are a move of the rating itself (shown in the first section)
MOVES = DIRECTIONS[:-1]


@dataclass(frozen=True)
class Side:
    """One of the two assessments being compared, and where it came from."""

    assessment: Assessment
    #: the argument as given (a path, ``REV:PATH``) or the path ``DISTRICT@PERIOD`` resolved to
    source: str
    #: current criterion id → the id as written in the file, where the file used an older id
    written_ids: Mapping[str, str] = field(default_factory=dict)
    #: the district's capabilities (``applies_to``); None when not known (outside a workspace)
    capabilities: tuple[str, ...] | None = None
    #: one line on the review of this file ("reviewed by …"), or None when there is none
    review: str | None = None

    def has(self, framework: Framework, criterion_id: str) -> bool:
        """Whether the criterion is part of this assessment: recorded, or current and applicable."""
        if criterion_id in self.assessment.responses:
            return True
        criterion = framework.criterion(criterion_id)
        if criterion is None or criterion.id != criterion_id:
            return False
        if is_new_to(framework, self.assessment, criterion_id):
            return False  # its version did not ask it: the criterion is new, not "no longer rated"
        return self.capabilities is None or criterion.applies(self.capabilities)


@dataclass
class ActionChanges:
    """Actions of one criterion matched by id. JSON names added, closed, completed and re-dated.

    ``completed``: done and not carried into the next quarter (done actions do not roll on);
    ``removed``: gone while still open, or a done one deleted within the same quarter.
    """

    added: list[Action] = field(default_factory=list)
    closed: list[Action] = field(default_factory=list)
    redated: list[tuple[Action, Action]] = field(default_factory=list)
    reopened: list[Action] = field(default_factory=list)
    edited: list[tuple[Action, Action]] = field(default_factory=list)
    removed: list[Action] = field(default_factory=list)
    completed: list[Action] = field(default_factory=list)
    #: (action, items it now addresses and did not, items it no longer addresses)
    addresses: list[tuple[Action, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(
            (
                self.added,
                self.closed,
                self.completed,
                self.redated,
                self.reopened,
                self.edited,
                self.removed,
                self.addresses,
            )
        )

    def to_json(self) -> dict[str, list[Any]]:
        """``addresses`` (``[{id, added, removed}]``) only when an action's inspection items changed."""
        data: dict[str, list[Any]] = {
            "added": [a.id for a in self.added],
            "closed": [a.id for a in self.closed],
            "completed": [a.id for a in self.completed],
            "redated": [new.id for _, new in self.redated],
        }
        if self.addresses:
            data["addresses"] = [
                {"id": action.id, "added": list(added), "removed": list(removed)}
                for action, added, removed in self.addresses
            ]
        return data


@dataclass
class CriterionChange:
    """One criterion whose rating, applicability, evidence, notes or actions changed."""

    id: str
    title: str
    renamed_from: str | None
    old: Response
    new: Response
    direction: str
    changed: tuple[str, ...]
    actions: ActionChanges

    @property
    def is_move(self) -> bool:
        return self.direction in MOVES

    @property
    def text_changed(self) -> tuple[str, ...]:
        """Which of evidence, notes, as_of and carried changed."""
        return tuple(f for f in ("evidence", "notes", "as_of", "carried") if f in self.changed)

    def sample_lines(self) -> list[str]:
        """How the dip sample changed, in the words the CLI and the compare screen share: the counts
        (``sample 14/20 (70%) → 18/20 (90%)``, ``none`` for no sample), then, where they changed, the
        period its cases come from (``cases: 2026-07-01 to 2026-09-30 → …``) and its source
        (``source: none → "CATS dip sample"``). Empty when the sample did not change."""
        if "sample" not in self.changed:
            return []
        old, new = self.old.sample, self.new.sample
        lines = [f"sample {sample_text(old)} → {sample_text(new)}"]
        if cases_period(old) != cases_period(new):
            lines.append(f"cases: {cases_period(old)} → {cases_period(new)}")
        if source_words(old) != source_words(new):
            lines.append(f"source: {source_words(old)} → {source_words(new)}")
        return lines

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "id": self.id,
            "renamed_from": self.renamed_from,
            "rating": [self.old.rating, self.new.rating],
            "direction": self.direction,
            "not_applicable": [self.old.not_applicable, self.new.not_applicable],
            "changed": list(self.changed),
            "actions": self.actions.to_json(),
        }
        if "sample" in self.changed:  # only then: a diff without samples keeps SPEC §5's shape
            found["sample"] = [sample_json(self.old.sample), sample_json(self.new.sample)]
        return found


# -- a dip sample in words (diff, the compare screen, the conflict dialogs) -------------------------


def cases_period(sample: Sample | None) -> str:
    """The period a sample's cases come from: ``2026-07-01 to 2026-09-30``, ``from 2026-07-01``,
    ``to 2026-09-30`` or ``not given``."""
    start, end = (sample.start, sample.end) if sample is not None else (None, None)
    if start and end:
        return f"{start} to {end}"
    if start or end:
        return f"from {start}" if start else f"to {end}"
    return "not given"


def source_words(sample: Sample | None) -> str:
    """A sample's source in quotes, or ``none``."""
    return f'"{sample.source}"' if sample is not None and sample.source else "none"


def sample_words(sample: Sample | None) -> str:
    """A recorded sample in full, for choosing between two: ``19/20 (95%), cases 2026-10-01 to
    2026-10-31, source "CATS dip sample"`` (the period and source only where given); ``none``."""
    words = [sample_text(sample)]
    if sample is not None and (sample.start or sample.end):
        words.append(f"cases {cases_period(sample)}")
    if sample is not None and sample.source:
        words.append(f"source {source_words(sample)}")
    return ", ".join(words)


@dataclass
class Diff:
    """Everything that changed from ``old`` to ``new``; ``criteria`` worst news first."""

    old: Side
    new: Side
    framework: Framework
    criteria: list[CriterionChange]
    #: (id as written in the old file, current id) for renamed criteria with nothing else changed
    renames: list[tuple[str, str]] = field(default_factory=list)

    @property
    def status(self) -> tuple[str, str]:
        return self.old.assessment.status, self.new.assessment.status

    @property
    def is_empty(self) -> bool:
        return not self.criteria and self.status[0] == self.status[1] and self.old.review == self.new.review

    def moves(self) -> list[CriterionChange]:
        return [c for c in self.criteria if c.is_move]

    def to_json(self) -> dict[str, Any]:
        def side(s: Side) -> dict[str, str]:
            return {"district": s.assessment.district, "period": s.assessment.period, "source": s.source}

        return {
            "old": side(self.old),
            "new": side(self.new),
            "status": list(self.status),
            "criteria": [c.to_json() for c in self.criteria],
        }


# -- comparing ------------------------------------------------------------------------------------


def compare(old: Side, new: Side, framework: Framework) -> Diff:
    """What changed from ``old`` to ``new``, both read with ``framework`` (responses by current id)."""
    order = framework.order()
    ids = list(dict.fromkeys([*old.assessment.responses, *new.assessment.responses]))
    changes: list[CriterionChange] = []
    renames: list[tuple[str, str]] = []
    for criterion_id in ids:
        change = _compare_criterion(criterion_id, old, new, framework)
        if change is not None:
            changes.append(change)
        elif criterion_id in old.written_ids:
            renames.append((old.written_ids[criterion_id], criterion_id))
    position = {cid: i for i, cid in enumerate(ids)}
    changes.sort(key=lambda c: (DIRECTIONS.index(c.direction), order.get(c.id, len(order)), position[c.id]))
    return Diff(old, new, framework, changes, renames)


def _compare_criterion(
    criterion_id: str, old: Side, new: Side, framework: Framework
) -> CriterionChange | None:
    before = old.assessment.responses.get(criterion_id) or Response()
    after = new.assessment.responses.get(criterion_id) or Response()
    in_old, in_new = old.has(framework, criterion_id), new.has(framework, criterion_id)
    changed = tuple(f for f in FIELDS if _field(before, f) != _field(after, f))
    next_quarter = old.assessment.period != new.assessment.period
    if next_quarter and "notes" in changed and not after.notes.strip():
        changed = tuple(f for f in changed if f != "notes")  # notes not carried on were not deleted
    if not changed and in_old == in_new:
        return None
    if in_old and not in_new:
        direction = "removed"
    elif in_new and not in_old:
        direction = "added"
    else:
        direction = _direction(framework, before.cell, after.cell)
    criterion = framework.criterion(criterion_id)
    retired = framework.retired_criterion(criterion_id)
    title = criterion.title if criterion else retired.title if retired else ""
    renamed_from = old.written_ids.get(criterion_id) or new.written_ids.get(criterion_id)
    return CriterionChange(
        criterion_id,
        title,
        renamed_from,
        before,
        after,
        direction,
        changed,
        _actions(before, after, next_quarter),
    )


def _field(response: Response, name: str) -> Any:
    if name == "actions":
        return sorted(
            (a.id, a.action, a.owner, a.due, _done_key(a.done), tuple(sorted(a.addresses)))
            for a in response.actions
        )
    return getattr(response, name)


def _done_key(done: bool | date) -> str:
    return done.isoformat() if isinstance(done, date) else str(done)


def _direction(framework: Framework, old: str | None, new: str | None) -> str:
    if old != new and NOT_APPLICABLE in (old, new):
        return "not-applicable" if new == NOT_APPLICABLE else "applicable"
    movement = framework.movement(old, new)
    return movement if movement in MOVES else "same"


def _actions(old: Response, new: Response, next_quarter: bool = False) -> ActionChanges:
    before = {a.id: a for a in old.actions}
    changes = ActionChanges()
    for action in new.actions:
        previous = before.get(action.id)
        if previous is None:
            changes.added.append(action)
            continue
        if previous.is_open and not action.is_open:
            changes.closed.append(action)
        elif action.is_open and not previous.is_open:
            changes.reopened.append(action)
        if previous.due != action.due:
            changes.redated.append((previous, action))
        if (previous.action, previous.owner) != (action.action, action.owner):
            changes.edited.append((previous, action))
        if set(previous.addresses) != set(action.addresses):
            added = tuple(sorted(set(action.addresses) - set(previous.addresses)))
            removed = tuple(sorted(set(previous.addresses) - set(action.addresses)))
            changes.addresses.append((action, added, removed))
    after = {a.id for a in new.actions}
    gone = [a for a in old.actions if a.id not in after]
    changes.completed = [a for a in gone if next_quarter and not a.is_open]
    changes.removed = [a for a in gone if a not in changes.completed]
    return changes


# -- word-level differences ------------------------------------------------------------------------

EQUAL, DELETED, INSERTED = "=", "-", "+"
_WORDS = re.compile(r"\s+|\S+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Segments ``(kind, text)`` turning ``old`` into ``new``: kind ``=``, ``-`` or ``+``.

    Lines are matched first and words only within changed lines, so a long text stays quick; a line
    rewritten beyond recognition shows as removed and added whole rather than as a scatter of words.
    """
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(segments, EQUAL, "".join(old_lines[i1:i2]))
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for before, after in zip(old_lines[i1:i2], new_lines[j1:j2], strict=True):
                segments += _words(before, after)
        elif tag == "replace":
            segments += _words("".join(old_lines[i1:i2]), "".join(new_lines[j1:j2]))
        else:
            _add(segments, DELETED, "".join(old_lines[i1:i2]))
            _add(segments, INSERTED, "".join(new_lines[j1:j2]))
    return _merge(segments)


#: below this share of words in common, a changed line is shown as replaced whole
SIMILAR = 0.4


def _words(old: str, new: str) -> list[tuple[str, str]]:
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    opcodes = matcher.get_opcodes()
    common = sum(
        1 for tag, i1, i2, _, _ in opcodes if tag == "equal" for w in old_words[i1:i2] if not w.isspace()
    )
    total = sum(1 for w in old_words + new_words if not w.isspace())
    if total and 2 * common / total < SIMILAR:
        ending = _common_ending(old, new)
        changed = [(DELETED, old[: len(old) - len(ending)]), (INSERTED, new[: len(new) - len(ending)])]
        return [s for s in changed if s[1]] + ([(EQUAL, ending)] if ending else [])
    segments: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            _add(segments, EQUAL, "".join(old_words[i1:i2]))
        else:
            _add(segments, DELETED, "".join(old_words[i1:i2]))
            _add(segments, INSERTED, "".join(new_words[j1:j2]))
    return segments


def _common_ending(old: str, new: str) -> str:
    """The line break both end with, kept outside the change so the next line starts clean."""
    return "\n" if old.endswith("\n") and new.endswith("\n") else ""


def _add(segments: list[tuple[str, str]], kind: str, text: str) -> None:
    if text:
        segments.append((kind, text))


def _merge(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Group each run of changes as one removal then one insertion, taking in the lone spaces between
    changed words, so ``a b`` → ``x y`` reads ``[-a b-]{+x y+}`` rather than word by word."""
    merged: list[tuple[str, str]] = []
    removed = inserted = ""
    for index, (kind, text) in enumerate(segments):
        if kind == DELETED:
            removed += text
        elif kind == INSERTED:
            inserted += text
        elif (removed or inserted) and text.isspace() and _changes_follow(segments, index):
            removed, inserted = removed + text, inserted + text
        else:
            _add(merged, DELETED, removed)
            _add(merged, INSERTED, inserted)
            removed = inserted = ""
            _add(merged, EQUAL, text)
    _add(merged, DELETED, removed)
    _add(merged, INSERTED, inserted)
    return merged


def _changes_follow(segments: list[tuple[str, str]], index: int) -> bool:
    return index + 1 < len(segments) and segments[index + 1][0] != EQUAL
