"""Who is asked a criterion, as a workspace overrides it: ``[applies_to.<framework>]`` in the settings.

Pure: takes a framework and the overrides, returns a new framework (or what is wrong with the overrides).
A criterion's override replaces its ``applies_to``: ``[]`` asks every district (and not the force-wide
unit), ``["force-wide"]`` only the force-wide unit, any other list the units with one of those capabilities.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace

from selfassess.core.model import Framework, Theme


def override_problem(framework: Framework, criterion_id: str) -> str | None:
    """Why ``criterion_id`` cannot be overridden in ``framework``, or None when it can."""
    where = f"framework {framework.id!r} {framework.version}"
    if framework.is_retired(criterion_id):
        return f"{criterion_id} is retired in {where}; remove it from [applies_to.{framework.id}]"
    current = framework.current_id(criterion_id)
    if current != criterion_id and framework.criterion(current) is not None:
        return f"{criterion_id} was replaced by {current} in {where}; name {current} instead"
    if framework.criterion(criterion_id) is None:
        return f"{criterion_id} is not a criterion of {where}"
    return None


def with_applies_to(framework: Framework, overrides: Mapping[str, tuple[str, ...]]) -> Framework:
    """``framework`` with each named criterion's ``applies_to`` replaced (every id must be current)."""
    if not overrides:
        return framework
    themes = tuple(
        Theme(
            id=theme.id,
            title=theme.title,
            description=theme.description,
            criteria=tuple(
                replace(c, applies_to=tuple(overrides[c.id])) if c.id in overrides else c
                for c in theme.criteria
            ),
        )
        for theme in framework.themes
    )
    described = ";".join(f"{cid}={','.join(caps)}" for cid, caps in sorted(overrides.items()))
    sha256 = hashlib.sha256(f"{framework.sha256}|applies_to|{described}".encode()).hexdigest()
    return replace(framework, themes=themes, sha256=sha256)
