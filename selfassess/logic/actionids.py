"""Improvement action ids that mean one thing for life: ``<criterion>-a<max+1>`` (SPEC §4, #13).

The maximum is taken over every file of the district, every quarter, with the ids of a criterion's
former ids (``replaces``) counted as its own; an id once given is never given to another action.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from selfassess.core.errors import SelfAssessError
from selfassess.core.model import Framework
from selfassess.workspace.workspace import Workspace

#: ``<criterion>-a<n>``
ACTION_ID_RE = re.compile(r"^(?P<criterion>.+)-a(?P<number>[0-9]{1,9})\Z")
#: an action's id in a file that cannot be read as an assessment (its ids still count)
_RAW_ID_RE = re.compile(rb"""^\s*id\s*=\s*["']([^"'\r\n]{1,80})["']""", re.MULTILINE)


def district_action_ids(workspace: Workspace, district: str) -> set[str]:
    """Every action id in any of ``district``'s assessment files, every quarter."""
    used: set[str] = set()
    for period in workspace.periods(district):
        try:
            assessment = workspace.load(district, period)
        except SelfAssessError:
            used |= _raw_ids(workspace, district, period)
            continue
        if assessment is not None:
            used |= {action.id for _, action in assessment.actions()}
    return used


def _raw_ids(workspace: Workspace, district: str, period: str) -> set[str]:
    try:
        data = workspace.assessment_path(district, period).read_bytes()
    except OSError:
        return set()
    return {found.decode("utf-8", "replace") for found in _RAW_ID_RE.findall(data)}


def next_action_id(framework: Framework, criterion_id: str, used: Iterable[str]) -> str:
    """``<criterion>-a<max+1>``, the maximum over ``used`` ids of this criterion or one it replaces."""
    current = framework.current_id(criterion_id)
    highest = 0
    for action_id in used:
        match = ACTION_ID_RE.match(action_id)
        if match and framework.current_id(match["criterion"]) == current:
            highest = max(highest, int(match["number"]))
    return f"{criterion_id}-a{highest + 1}"
