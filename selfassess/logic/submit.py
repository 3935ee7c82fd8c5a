"""``selfassess submit``: check an assessment is complete, then mark it submitted."""

from __future__ import annotations

from datetime import date

from selfassess.core.errors import SelfAssessError
from selfassess.core.names import CONFLICT_SUFFIX
from selfassess.formats.lock import read_lock
from selfassess.formats.store import save_assessment
from selfassess.logic.checks import ERROR, Finding, assessment_warnings, submit_blockers


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
    conflict = path.with_name(f"{period}{CONFLICT_SUFFIX}")
    if conflict.exists():
        from selfassess.logic.validate import conflict_finding

        findings.insert(0, conflict_finding(workspace, conflict))
    if any(f.severity == ERROR or strict for f in findings):
        return findings, False
    assessment.status = "submitted"
    if not assessment.assessor:
        assessment.assessor = user
    save_assessment(assessment, path, workspace.load_framework(assessment.framework))
    return findings, True


def commit_submitted(workspace, district: str, period: str) -> tuple[str, bool]:
    """Commit the submitted file when the workspace is a git repository: (what to say, whether it
    failed). A failed commit is a warning: the file is submitted either way (SPEC §5)."""
    from selfassess.git import run as gitrun
    from selfassess.logic.sync import commit_file

    root = workspace.root
    try:
        if not gitrun.is_repository(root):
            return "", False
        subject = f"{district} {period}: submitted"
        if commit_file(root, workspace.assessment_path(district, period), subject):
            return f"Committed: {subject}", False
        return "", False
    except SelfAssessError as error:
        return f"warning: not committed: {error.message}", True
