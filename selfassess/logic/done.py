"""When a criterion is done (#13): nothing about it blocks submitting. Home, the fill screen's progress
and ``submit`` count the same way, from the one public rule in :func:`selfassess.logic.checks.blockers`."""

from __future__ import annotations

from collections.abc import Iterable

from selfassess.core.model import Assessment, Framework, Response
from selfassess.core.upgrades import asked
from selfassess.logic.checks import blockers


def criterion_blockers(framework: Framework, criterion_id: str, response: Response | None) -> list[str]:
    """What stops one criterion being submitted; none means it is done."""
    return list(blockers(framework, criterion_id, response or Response()))


def is_done(framework: Framework, criterion_id: str, response: Response | None) -> bool:
    return not criterion_blockers(framework, criterion_id, response)


def completion(framework: Framework, assessment: Assessment, capabilities: Iterable[str]) -> tuple[int, int]:
    """(done, asked): of the criteria this assessment was asked, how many are done."""
    criteria = asked(framework, assessment, capabilities)
    return sum(is_done(framework, c.id, assessment.get(c.id)) for c in criteria), len(criteria)
