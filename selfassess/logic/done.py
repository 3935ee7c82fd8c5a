"""When a criterion is done (#13): nothing about it blocks submitting. Home, the fill screen's progress
and ``submit`` count the same way, from the one rule in :mod:`selfassess.logic.checks`."""

from __future__ import annotations

from selfassess.core.model import Framework, Response
from selfassess.logic.checks import _blocking


def criterion_blockers(framework: Framework, criterion_id: str, response: Response | None) -> list[str]:
    """What stops one criterion being submitted; none means it is done."""
    return list(_blocking(framework, criterion_id, response or Response()))
