"""Marking a district reviewed: the reviewer's comment in ``<period>.review.toml``, tied to the exact
assessment bytes by their sha256. The district's own file is never written, so pushes never conflict.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from selfassess.core.errors import ConflictError, SelfAssessError
from selfassess.core.model import Review
from selfassess.formats.atomic import file_sha256, sha256_bytes
from selfassess.formats.canonical import now_utc, to_utc
from selfassess.formats.store import save_review
from selfassess.formats.tomlread import read_bytes
from selfassess.workspace.workspace import Entry, Workspace

#: why a district in each status cannot be reviewed (only a submitted assessment can be)
REFUSALS = {
    "missing": "has no assessment for {period}: nothing to review yet",
    "invalid": "cannot be read for {period}; fix the file (see 'selfassess validate') first",
    "draft": "is still a draft for {period}; only a submitted assessment can be reviewed",
}
OTHER_REFUSAL = "is {status} for {period}; only a submitted assessment can be reviewed"


class ReviewRefused(SelfAssessError):
    """The district cannot be reviewed now (not submitted, or its file moved on under the reviewer)."""

    exit_code = 1


def refusal(entry: Entry) -> str | None:
    """Why ``entry`` cannot be reviewed, in words for the reviewer; None when it can."""
    if entry.assessment is not None and entry.assessment.is_submitted:
        return None
    template = REFUSALS.get(entry.status, OTHER_REFUSAL)
    return f"{entry.district} " + template.format(period=entry.period, status=entry.status)


def worst_ratings(workspace: Workspace, entry: Entry) -> tuple[str, int] | None:
    """The worst grade's label and how many of the assessment's ratings are at it; None when none are
    (marking such a district reviewed with an empty comment asks first)."""
    assessment = entry.assessment
    if assessment is None:
        return None
    worst = workspace.load_framework(assessment.framework).worst
    count = sum(1 for response in assessment.responses.values() if response.rating == worst.id)
    return (worst.label, count) if count else None


def mark_reviewed(
    workspace: Workspace,
    entry: Entry,
    reviewer: str,
    comment: str,
    now: datetime | None = None,
) -> Review:
    """Write ``entry``'s review file and return the review.

    ``entry`` is what the reviewer read: if the assessment on disk is no longer those exact bytes, or the
    review file changed since, nothing is written (ReviewRefused / ConflictError) so the reviewer looks
    again first.
    """
    reason = refusal(entry)
    if reason is not None:
        raise ReviewRefused(reason)
    assessment_path = workspace.assessment_path(entry.district, entry.period)
    digest = sha256_bytes(read_bytes(assessment_path))
    if digest != entry.sha256:
        raise ReviewRefused(
            f"{entry.district}'s assessment for {entry.period} changed since you opened it; "
            "look at it again before reviewing",
            workspace.relative(assessment_path),
        )
    path = workspace.review_path(entry.district, entry.period)
    review = Review(
        reviewer=reviewer,
        reviewed=to_utc(now) if now is not None else now_utc(),
        assessment_sha256=digest,
        comment=comment,
    )
    # the review file the reviewer saw (none, or its bytes): anything else on disk is a conflict
    review.path = str(path)
    review.source_sha256 = _seen_review_sha256(entry, path)
    try:
        save_review(review, path)
    except ConflictError as error:
        raise ConflictError(
            f"{entry.district}'s review file for {entry.period} changed since you opened it "
            "(another reviewer, or a git pull?); not overwritten",
            workspace.relative(Path(error.path or path)),
        ) from None
    return review


def _seen_review_sha256(entry: Entry, path: Path) -> str | None:
    """The review file's sha256 as the reviewer saw it; a broken one may be replaced as it is now."""
    if entry.review is not None:
        return entry.review.source_sha256
    if entry.review_error is not None:
        return file_sha256(path)
    return None
