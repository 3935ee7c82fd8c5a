"""Resolving a review's conflict file: the other side's review, kept by a merge where both sides
changed the review differently. The reviewer chooses one whole (reviews are never merged field by field
and never chosen by the date typed in them); the choice is written and the conflict file removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from selfassess.core.errors import SelfAssessError
from selfassess.core.model import Review
from selfassess.formats import conflictfile
from selfassess.formats.atomic import write_atomic
from selfassess.formats.store import load_review, render_review
from selfassess.workspace.workspace import ASSESSMENTS, Workspace


@dataclass(frozen=True)
class ReviewConflict:
    district: str
    period: str
    path: Path
    #: the review the file kept (None: it cannot be read, or there is none)
    kept: Review | None
    #: the other side's review (None: the conflict file cannot be read; then ``error`` says why)
    other: Review | None
    error: SelfAssessError | None = None


def review_conflicts(workspace: Workspace, period: str) -> list[ReviewConflict]:
    """Every district's review conflict for ``period``, in district order."""
    found = []
    for district in workspace.districts:
        path = workspace.root / ASSESSMENTS / district / f"{period}{conflictfile.REVIEW_SUFFIX}"
        if not path.is_file():
            continue
        review_path = workspace.review_path(district, period)
        try:
            kept: Review | None = load_review(review_path) if review_path.exists() else None
        except SelfAssessError:
            kept = None
        try:
            found.append(ReviewConflict(district, period, path, kept, conflictfile.read_review(path)))
        except SelfAssessError as error:
            found.append(ReviewConflict(district, period, path, kept, None, error))
    return found


def keep_file(conflict: ReviewConflict) -> None:
    """Keep the review in the file; the other side's goes (it stays in git: the superseded commit)."""
    conflict.path.unlink(missing_ok=True)


def take_other(workspace: Workspace, conflict: ReviewConflict) -> Path:
    """Write the other side's review into the review file and remove the conflict file; the path."""
    if conflict.other is None:
        raise SelfAssessError("the other side's review cannot be read", workspace.relative(conflict.path))
    target = workspace.review_path(conflict.district, conflict.period)
    write_atomic(target, render_review(conflict.other).encode("utf-8"))
    conflict.path.unlink(missing_ok=True)
    return target


def set_aside(conflict: ReviewConflict) -> Path:
    """An unreadable conflict file renamed out of the way (never deleted); the new path."""
    return conflictfile.move_aside(conflict.path)
