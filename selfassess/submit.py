"""``selfassess submit``: check an assessment is complete, then mark it submitted."""

from __future__ import annotations

from datetime import date

from .checks import ERROR, Finding, assessment_warnings, submit_blockers
from .errors import SelfAssessError
from .lock import read_lock
from .store import save_assessment


def submit_assessment(
    workspace, district: str, period: str, today: date, user: str, strict: bool = False
) -> tuple[list[Finding], bool]:
    """The findings, and whether the assessment was submitted (no errors, or none under ``strict``)."""
    workspace.check_district(district)
    assessment = workspace.load(district, period)
    path = workspace.assessment_path(district, period)
    if assessment is None:
        raise SelfAssessError(f"no assessment for {district} {period}", workspace.relative(path))
    if assessment.is_submitted:
        raise SelfAssessError(f"{district} {period} is already submitted", workspace.relative(path))
    holder = read_lock(path)
    if holder is not None and not holder.is_stale and not holder.is_ours:
        raise SelfAssessError(f"open for editing by {holder.describe()}", workspace.relative(path))
    findings = submit_blockers(workspace, assessment) + assessment_warnings(workspace, assessment, today)
    if any(f.severity == ERROR or strict for f in findings):
        return findings, False
    assessment.status = "submitted"
    if not assessment.assessor:
        assessment.assessor = user
    save_assessment(assessment, path, workspace.load_framework(assessment.framework))
    return findings, True
