"""Each district's sign-off for one quarter, as ``verify`` found it: the one reading shared by the review
screen's column marks, the report's provenance section and ``summary --format json``'s ``verified``.

A district is verified when the content its assessment file (and its review file, if any) holds now was
introduced by a commit that ``verify`` accepts (traced through merges to the side it came from) and it has
no changes on disk that are not committed. Only a workspace with
``allowed_signers`` is judged at all (:func:`signs_commits`); one without shows nothing new anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from selfassess.core.errors import SelfAssessError
from selfassess.core.names import ASSESSMENT_SUFFIX, ASSESSMENTS, REVIEW_SUFFIX
from selfassess.core.vocabulary import Mark
from selfassess.formats.access import ALLOWED_SIGNERS
from selfassess.git import run as gitrun
from selfassess.logic.verify import Report, verify

VERIFIED_MARK, NOT_VERIFIED_MARK = str(Mark.VERIFIED), str(Mark.NOT_VERIFIED)
__all__ = ["NOT_VERIFIED_MARK", "VERIFIED_MARK", "SignOff", "for_workspace", "sign_offs"]


@dataclass(frozen=True)
class SignOff:
    """One district's quarter: ``verified`` is None when it has no assessment file."""

    verified: bool | None
    signer: str | None = None
    reviewer: str | None = None
    reasons: tuple[str, ...] = ()

    @property
    def mark(self) -> str:
        return "" if self.verified is None else VERIFIED_MARK if self.verified else NOT_VERIFIED_MARK

    @property
    def words(self) -> str:
        """``verified: signed by …`` or ``NOT verified: <reason>; <reason>`` (– without a file)."""
        if self.verified is None:
            return "no assessment file"
        if self.verified:
            review = f"; review signed by {self.reviewer}" if self.reviewer else ""
            return f"verified: signed by {self.signer}{review}"
        return "NOT verified: " + "; ".join(self.reasons)


def signs_commits(root: Path) -> bool:
    """Whether the workspace judges signatures at all (it has ``allowed_signers``)."""
    return (root / ALLOWED_SIGNERS).is_file()


def read_report(root: Path) -> tuple[Report | None, str | None]:
    """verify's report, or the one line saying why it cannot run."""
    try:
        return verify(root), None
    except SelfAssessError as error:
        return None, error.message


def uncommitted(root: Path) -> set[str]:
    """Files under ``assessments/`` (relative to the workspace) that differ from the last commit."""
    try:
        prefix = gitrun.run(root, "rev-parse", "--show-prefix").stdout.strip()
        output = gitrun.run(
            root, "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", "assessments"
        ).stdout
    except SelfAssessError:
        return set()
    # porcelain paths are relative to the repository's top, whatever the folder
    return {entry[3:].removeprefix(prefix) for entry in output.split("\0") if len(entry) > 3}


def sign_offs(
    root: Path,
    period: str,
    districts: Iterable[str],
    report: Report | None,
    error: str | None = None,
    dirty: set[str] | None = None,
) -> dict[str, SignOff]:
    """Each district's sign-off for ``period`` from ``report`` (``error``: why there is none)."""
    dirty = set() if dirty is None else dirty
    found = {}
    for district in districts:
        assessment = f"{ASSESSMENTS}/{district}/{period}{ASSESSMENT_SUFFIX}"
        if not (root / assessment).is_file():
            found[district] = SignOff(None)
            continue
        if report is None:
            found[district] = SignOff(False, reasons=(error or "signatures not checked",))
            continue
        review = f"{ASSESSMENTS}/{district}/{period}{REVIEW_SUFFIX}"
        paths = [assessment] + ([review] if (root / review).is_file() else [])
        reasons = [r for path in paths if (r := _why_not(report, path, dirty)) is not None]
        state, review_state = report.files.get(assessment), report.files.get(review)
        found[district] = SignOff(
            not reasons,
            state.signer if state else None,
            review_state.signer if review_state and review in paths else None,
            tuple(reasons),
        )
    return found


def _why_not(report: Report, path: str, dirty: set[str]) -> str | None:
    name = "review" if path.endswith(REVIEW_SUFFIX) else "assessment"
    if path in dirty:
        return f"{name} has changes not committed"
    state = report.files.get(path)
    if state is None:
        return f"{name} not committed"
    if state.verified:
        return None
    if state.commit == report.root_of_trust:
        return f"{name} {state.why or 'not verified'}"
    return f"{name} {state.commit[:7]} {state.why or 'not verified'}"


def for_workspace(root: Path, period: str, districts: Iterable[str]) -> dict[str, SignOff] | None:
    """Every district's sign-off, reading verify's report and git's status; None without
    ``allowed_signers`` (the caller then shows nothing new)."""
    if not signs_commits(root):
        return None
    report, error = read_report(root)
    return sign_offs(root, period, districts, report, error, uncommitted(root) if report else None)
