"""When a criterion is done (#13): nothing about it blocks submitting. Home, the fill screen's progress
and ``submit`` count the same way, from the one rule in :mod:`selfassess.checks`."""

from __future__ import annotations

from .checks import _blocking
from .model import Framework, Response


def criterion_blockers(framework: Framework, criterion_id: str, response: Response | None) -> list[str]:
    """What stops one criterion being submitted; none means it is done."""
    return list(_blocking(framework, criterion_id, response or Response()))
