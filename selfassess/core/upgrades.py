"""Assessments written on an earlier version of their framework: what is "new" to them (SPEC §4)."""

from __future__ import annotations

from collections.abc import Iterable

from selfassess.core.model import NOT_APPLICABLE, Assessment, Criterion, Framework


def on_other_version(framework: Framework, assessment: Assessment) -> bool:
    """Whether the file records a framework version other than the framework's own."""
    return bool(assessment.framework_version) and assessment.framework_version != framework.version


def is_new_to(framework: Framework, assessment: Assessment, criterion_id: str) -> bool:
    """A criterion the file's version did not ask: the file is on another version and holds neither
    the criterion nor any id it ``replaces`` (read under the current id on load)."""
    return on_other_version(framework, assessment) and criterion_id not in assessment.responses


def was_asked(
    framework: Framework, assessment: Assessment | None, criterion: Criterion, capabilities: Iterable[str]
) -> bool:
    """Whether the unit's file was asked ``criterion``: by ``applies_to`` (also with no file), or, for a
    file of an earlier version, when it holds it (its version did not ask the others; some have moved
    since, and are counted there though they no longer apply to the unit)."""
    if assessment is not None and on_other_version(framework, assessment):
        return criterion.id in assessment.responses
    return criterion.applies(capabilities)


def asked(framework: Framework, assessment: Assessment, capabilities: Iterable[str]) -> tuple[Criterion, ...]:
    """The current criteria this file was asked (:func:`was_asked`), in framework order."""
    caps = tuple(capabilities)
    return tuple(c for c in framework.criteria if was_asked(framework, assessment, c, caps))


def cell(
    framework: Framework, assessment: Assessment | None, criterion: Criterion, capabilities: Iterable[str]
) -> str | None:
    """A current criterion's cell in one unit's file, counted against the criteria the file's own
    version asked: ``n/a`` where it was not asked (:func:`was_asked`), else the file's grade id, ``n/a``
    or None (not rated, or no file). Every count over quarters (the report's trend, the review screen's
    trend line, ``history``, home) agrees because each asks this."""
    if not was_asked(framework, assessment, criterion, capabilities):
        return NOT_APPLICABLE
    return assessment.cell(criterion.id) if assessment is not None else None
