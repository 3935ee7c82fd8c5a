"""A criterion's sources (``references``) as plain lines, the same words in the fill screen and reports."""

from __future__ import annotations

from selfassess.core.model import Criterion, Reference

HEADING = "Sources"


def reference_text(reference: Reference) -> str:
    """``Title, section: url`` (no section: ``Title: url``)."""
    name = f"{reference.title}, {reference.section}" if reference.section else reference.title
    return f"{name}: {reference.url}"


def references_text(criterion: Criterion) -> str:
    """Every reference of the criterion, one a line, under a heading; '' when it names none."""
    if not criterion.references:
        return ""
    lines = [HEADING + ":", *(f"• {reference_text(r)}" for r in criterion.references)]
    return "\n".join(lines)
