"""Three-way merge of assessments, criterion by criterion and field by field.

A field changed on one side only takes that side's value. Where both sides changed one field differently,
the merged assessment keeps ``ours`` and the field is named in ``conflicts``; the caller keeps ``theirs``
in the conflict file. Rating and not-applicable are one field (a criterion has one or the other).

Actions are joined by id, field by field. An id both sides added is one action when it was carried
from another quarter (``known``: that quarter's version is the base) or has the same text and owner on
both sides; otherwise both sides *minted* it for different actions, and the one being merged in
(``theirs``) gets the next free id, deterministically (listed in ``renumbered``).

Reviews are not merged here: a review both sides changed differently keeps ``ours`` and the caller puts
``theirs`` in a review conflict file (no choice is ever made by a typed timestamp).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from selfassess.core.model import Action, Assessment, Response

#: the fields of a response that merge one by one (``rating`` stands for rating and not_applicable);
#: a dip sample is one field: merging its size and met apart could give met > size
FIELDS = ("rating", "evidence", "notes", "as_of", "carried", "sample")
ACTION_FIELDS = ("action", "owner", "due", "done")
_EARLIEST = datetime.min.replace(tzinfo=UTC)
_ACTION_NUMBER = re.compile(r"-a(\d+)$")


@dataclass
class MergeResult:
    merged: Assessment
    #: criterion id -> fields both sides changed differently (``ours`` kept in ``merged``)
    conflicts: dict[str, list[str]] = field(default_factory=dict)
    #: (id both sides minted, the new id the merged-in side's action got)
    renumbered: list[tuple[str, str]] = field(default_factory=list)


def _three(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value and whether both sides changed it differently (then ``ours``)."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


def field_value(response: Response, name: str) -> Any:
    return (response.rating, response.not_applicable) if name == "rating" else getattr(response, name)


def set_field_value(response: Response, name: str, value: Any) -> None:
    if name == "rating":
        response.rating, response.not_applicable = value
    else:
        setattr(response, name, value)


def _later(ours: Assessment, theirs: Assessment) -> Assessment:
    return theirs if _stamp(theirs.updated) > _stamp(ours.updated) else ours


def _stamp(value: datetime | None) -> datetime:
    if value is None:
        return _EARLIEST
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def merge_assessments(
    base: Assessment | None,
    ours: Assessment,
    theirs: Assessment,
    used_ids: set[str] | None = None,
    known: dict[str, Action] | None = None,
) -> MergeResult:
    """``ours`` and ``theirs`` merged over their common ``base`` (None: both added the file).

    ``used_ids``: ids taken elsewhere (never given to a renumbered action); ``known``: actions of the
    district's other quarters by id (an action both sides carried from there merges over that version).
    """
    base = base or Assessment(framework=ours.framework, district=ours.district, period=ours.period)
    later = _later(ours, theirs)
    used = set(used_ids or ()) | {a.id for side in (base, ours, theirs) for _, a in side.actions()}
    merged = replace(ours, responses={}, path=ours.path, source_sha256=ours.source_sha256)
    merged.assessor, merged.updated = later.assessor, later.updated
    merged.schema = max(ours.schema, theirs.schema)
    version, clash = _three(base.framework_version, ours.framework_version, theirs.framework_version)
    merged.framework_version = later.framework_version if clash else version
    result = MergeResult(merged)
    for criterion_id in [*ours.responses, *(c for c in theirs.responses if c not in ours.responses)]:
        response, fields = _merge_response(
            criterion_id,
            base.responses.get(criterion_id, Response()),
            ours.responses.get(criterion_id, Response()),
            theirs.responses.get(criterion_id, Response()),
            _Ids(used, known or {}, result.renumbered),
        )
        if not response.is_empty():
            merged.responses[criterion_id] = response
        if fields:
            result.conflicts[criterion_id] = fields
    merged.status = _status(base, ours, theirs, merged)
    return result


@dataclass
class _Ids:
    used: set[str]
    known: dict[str, Action]
    renumbered: list[tuple[str, str]]


def _merge_response(
    criterion_id: str, base: Response, ours: Response, theirs: Response, ids: _Ids
) -> tuple[Response, list[str]]:
    merged = Response()
    conflicts = []
    for name in FIELDS:
        value, clash = _three(field_value(base, name), field_value(ours, name), field_value(theirs, name))
        set_field_value(merged, name, value)
        if clash:
            conflicts.append(name)
    if merged.not_applicable is not None and merged.sample is not None:
        # one side marked it not applicable, the other recorded a sample: a file cannot hold both
        merged.sample = None
        if "sample" not in conflicts:
            conflicts.append("sample")
    merged.actions, clash = _merge_actions(criterion_id, base.actions, ours.actions, theirs.actions, ids)
    if clash:
        conflicts.append("actions")
    return merged, conflicts


def _merge_actions(
    criterion_id: str, base: list[Action], ours: list[Action], theirs: list[Action], ids: _Ids
) -> tuple[list[Action], bool]:
    old = {a.id: a for a in base}
    mine = {a.id: a for a in ours}
    other = {a.id: a for a in theirs}
    merged: list[Action] = []
    clash = False
    for action in ours:
        if action.id in other:
            if action.id in old:
                joined, bad = _merge_action(old[action.id], action, other[action.id])
                merged.append(joined)
                clash |= bad
            else:  # both added this id: one action carried or added alike, or two minted alike
                joined, bad, minted = _join_added(action, other[action.id], ids.known.get(action.id))
                merged.append(joined)
                clash |= bad
                if minted:
                    new = _next_id(criterion_id, ids.used)
                    merged.append(replace(other[action.id], id=new))
                    ids.renumbered.append((action.id, new))
        elif action.id in old:  # they removed it
            if action != old[action.id]:
                merged.append(action)
                clash = True
        else:
            merged.append(action)
    for action in theirs:
        if action.id in mine:
            continue
        if action.id in old:  # we removed it
            clash |= action != old[action.id]
        else:
            merged.append(action)
    return merged, clash


def _merge_action(base: Action, ours: Action, theirs: Action) -> tuple[Action, bool]:
    values, clash = {}, False
    for name in ACTION_FIELDS:
        values[name], bad = _three(getattr(base, name), getattr(ours, name), getattr(theirs, name))
        clash |= bad
    addresses = merge_sets(base.addresses, ours.addresses, theirs.addresses)
    return Action(id=ours.id, **values, addresses=addresses), clash


def merge_sets(base: tuple[str, ...], ours: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[str, ...]:
    """Three-way merge of a set (an action's ``addresses``): what either side added stays, what either
    side removed goes; never a conflict. Sorted, as the canonical form writes it."""
    removed = (set(base) - set(ours)) | (set(base) - set(theirs))
    return tuple(sorted((set(ours) | set(theirs)) - removed))


def _join_added(ours: Action, theirs: Action, carried: Action | None) -> tuple[Action, bool, bool]:
    """Two actions both sides added under one id: (joined, clash, minted). ``minted``: two different
    actions (then ``joined`` is ours and theirs needs a new id)."""
    if ours == theirs:
        return ours, False, False
    if carried is not None:
        joined, clash = _merge_action(carried, ours, theirs)
        return joined, clash, False
    if (ours.action.strip(), ours.owner.strip()) == (theirs.action.strip(), theirs.owner.strip()):
        joined, clash = _merge_action(replace(ours, due=None, done=False), ours, theirs)
        return joined, clash, False
    return ours, False, True


def _next_id(criterion_id: str, used: set[str]) -> str:
    prefix = f"{criterion_id}-a"
    numbers = [int(m.group(1)) for i in used if i.startswith(prefix) and (m := _ACTION_NUMBER.search(i))]
    new = f"{prefix}{max(numbers, default=0) + 1}"
    used.add(new)
    return new


def _status(base: Assessment, ours: Assessment, theirs: Assessment, merged: Assessment) -> str:
    """Three-way on status; an edit merged onto a submitted side returns the file to draft."""
    status = _three(base.status, ours.status, theirs.status)[0]
    if status != "submitted":
        return status
    content = _content(merged)
    submitted = [side for side in (ours, theirs) if side.is_submitted]
    return "submitted" if any(_content(side) == content for side in submitted) else "draft"


def _content(assessment: Assessment) -> dict[str, Response]:
    return {k: v for k, v in assessment.responses.items() if not v.is_empty()}
