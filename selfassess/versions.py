"""Assessments written on an earlier version of their framework: what is "new" to them (SPEC §4)."""

from __future__ import annotations

from .model import Assessment, Framework


def on_other_version(framework: Framework, assessment: Assessment) -> bool:
    """Whether the file records a framework version other than the framework's own."""
    return bool(assessment.framework_version) and assessment.framework_version != framework.version


def is_new_to(framework: Framework, assessment: Assessment, criterion_id: str) -> bool:
    """A criterion the file's version did not ask: the file is on another version and holds neither
    the criterion nor any id it ``replaces`` (read under the current id on load)."""
    return on_other_version(framework, assessment) and criterion_id not in assessment.responses
