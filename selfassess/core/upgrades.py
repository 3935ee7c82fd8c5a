"""Assessments written on an earlier version of their framework: what is "new" to them (SPEC §4)."""

from __future__ import annotations

from collections.abc import Iterable

from selfassess.core.model import Assessment, Criterion, Framework


def on_other_version(framework: Framework, assessment: Assessment) -> bool:
    """Whether the file records a framework version other than the framework's own."""
    return bool(assessment.framework_version) and assessment.framework_version != framework.version


def is_new_to(framework: Framework, assessment: Assessment, criterion_id: str) -> bool:
    """A criterion the file's version did not ask: the file is on another version and holds neither
    the criterion nor any id it ``replaces`` (read under the current id on load)."""
    return on_other_version(framework, assessment) and criterion_id not in assessment.responses


def asked(framework: Framework, assessment: Assessment, capabilities: Iterable[str]) -> tuple[Criterion, ...]:
    """The current criteria this file was asked: those that apply to its unit, or, for a file of an
    earlier version, those it holds (its version did not ask the others; some have moved since)."""
    if on_other_version(framework, assessment):
        return tuple(c for c in framework.criteria if c.id in assessment.responses)
    return framework.applicable(capabilities)
