"""One version of an assessment, read from ``DISTRICT@PERIOD``, ``REV:PATH`` or a path (for ``diff``),
with the framework that reads it.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfassess.core.errors import (
    AssessmentError,
    GitError,
    InvalidIdError,
    SelfAssessError,
    WorkspaceNotFoundError,
)
from selfassess.core.ids import SLUG_RE
from selfassess.core.model import Framework
from selfassess.core.periods import PERIOD_RE, Period
from selfassess.formats.atomic import sha256_bytes
from selfassess.formats.bundled import load_bundled_framework
from selfassess.formats.guards import check_depth
from selfassess.formats.store import parse_assessment, parse_review
from selfassess.formats.tomlread import MAX_ASSESSMENT_BYTES, decode, read_bytes
from selfassess.git import util as gitutil
from selfassess.logic.diff import Side
from selfassess.workspace.workspace import REVIEW_SUFFIX, Workspace

#: ``DISTRICT@PERIOD``: no path separators or revision colons, exactly one ``@``
_DISTRICT_AT = re.compile(r"^([^@/\\:]*)@([^@/\\:]*)\Z")
_ASSESSMENT_KEYS = {"district", "period", "criteria"}
_REVIEW_KEYS = {"reviewer", "reviewed", "assessment_sha256"}


# -- which framework ---------------------------------------------------------------------------------


def find_framework(workspace: Workspace | None, framework_id: str) -> Framework | None:
    """The workspace's framework of that id, else the bundled one, else None."""
    if workspace is not None:
        return workspace.find_framework(framework_id)
    return load_bundled_framework(framework_id) if SLUG_RE.match(framework_id) else None


# -- one version, for diff ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """One assessment as read for ``diff``: the side to compare and the framework it was read with."""

    side: Side
    framework: Framework


def read_version(
    spec: str, workspace: Workspace | None, cwd: str | os.PathLike[str] | None = None
) -> Version:
    """``DISTRICT@PERIOD`` (exactly that form), else ``REV:PATH`` (read through git), else a path."""
    here = Path(cwd or os.getcwd())
    if _DISTRICT_AT.match(spec) and not (here / spec).exists():
        return _from_workspace(spec, workspace)
    if ":" in spec and not (here / spec).exists():
        revision, path = spec.split(":", 1)
        return _from_git(spec, revision, path, workspace, here)
    return _from_file(spec, here / spec, workspace)


def _from_workspace(spec: str, workspace: Workspace | None) -> Version:
    district, period = _DISTRICT_AT.match(spec).groups()  # type: ignore[union-attr]
    if workspace is None:
        raise WorkspaceNotFoundError(
            f"{spec} names a district and period, but there is no workspace here (no selfassess.toml "
            "in this folder or above); pass --workspace PATH"
        )
    if not district or not period:
        raise InvalidIdError(f"{spec!r} is not of the form DISTRICT@PERIOD (e.g. rotherham@2026-Q4)")
    workspace.check_district(district)
    period = str(Period.parse(period))
    path = workspace.assessment_path(district, period)
    if not path.is_file():
        raise AssessmentError(f"no assessment for {district} {period}", workspace.relative(path))
    data = read_bytes(path)
    label = workspace.relative(path)
    review = _review_line(_read_quietly(workspace.review_path(district, period)), data)
    return _version(data, label, label, workspace, review)


def _from_git(spec: str, revision: str, path: str, workspace: Workspace | None, here: Path) -> Version:
    root = workspace.root if workspace is not None else here
    if not gitutil.is_repository(root):
        raise GitError(f"{spec}: no such file, and {root} is not in a git repository to read it from")
    if revision and not gitutil.revision_exists(root, revision):
        raise GitError(f"{spec}: no such file, and {revision!r} is not a git revision")
    if not path:
        raise GitError(f"{spec}: give a file after the ':' (REV:PATH)")
    name = gitutil.repository_path(root, _git_path(path, workspace, here))
    review_name = _review_name(name)
    wanted = [f"{revision}:{name}"] + ([f"{revision}:{review_name}"] if review_name else [])
    sizes = [_blob_size(root, blob) for blob in wanted]  # asked first: a huge blob is never read
    if (sizes[0] or 0) > MAX_ASSESSMENT_BYTES:
        raise AssessmentError(f"{spec}: larger than {MAX_ASSESSMENT_BYTES // 2**20} MB in git; not read")
    if len(sizes) > 1 and (sizes[1] or 0) > MAX_ASSESSMENT_BYTES:
        wanted = wanted[:1]  # a review too large to read is left out
        review_name = None
    blobs = gitutil.read_blobs(root, wanted)
    if blobs[0] is None:
        raise GitError(f"{spec}: {name} does not exist at {revision or 'the index'}")
    review = _review_line(blobs[1] if review_name else None, blobs[0])
    return _version(blobs[0], spec, spec, workspace, review)


def _blob_size(root: Path, blob: str) -> int | None:
    """The size in bytes of git's ``REV:PATH`` object, or None when there is none."""
    try:
        size = gitutil.git(gitutil.toplevel(root), "cat-file", "-s", blob).strip()
    except GitError:
        return None
    return int(size) if size.isdigit() and len(size) < 20 else None


def _git_path(path: str, workspace: Workspace | None, here: Path) -> Path:
    """Like git: relative to the top (here: the workspace), or to the current folder with ./ or ../."""
    if os.path.isabs(path) or path.startswith(("./", "../")):
        return here / path
    return (workspace.root if workspace is not None else gitutil.toplevel(here)) / path


def _from_file(spec: str, path: Path, workspace: Workspace | None) -> Version:
    data = read_bytes(path)
    review_path = _review_name(str(path))
    review = _review_line(_read_quietly(Path(review_path)) if review_path else None, data)
    return _version(data, spec, spec, workspace, review)


def _review_name(path: str) -> str | None:
    """The review file beside an assessment named ``<period>.toml``."""
    head, _, name = path.rpartition("/")
    stem = name.removesuffix(".toml")
    if not PERIOD_RE.match(stem):
        return None
    return f"{head}/{stem}{REVIEW_SUFFIX}" if head else f"{stem}{REVIEW_SUFFIX}"


def _read_quietly(path: Path) -> bytes | None:
    try:
        return read_bytes(path) if path.is_file() else None
    except SelfAssessError:
        return None


def _review_line(review_data: bytes | None, assessment_data: bytes) -> str | None:
    if review_data is None:
        return None
    try:
        review = parse_review(review_data)
    except SelfAssessError:
        return "a review file that cannot be read"
    when = review.reviewed.date().isoformat()
    if review.assessment_sha256 == sha256_bytes(assessment_data):
        return f"reviewed by {review.reviewer} on {when}"
    return f"changed since review by {review.reviewer} on {when}"


def _version(
    data: bytes, label: str, source: str, workspace: Workspace | None, review: str | None
) -> Version:
    table = _raw_table(data, label)
    frameworks: dict[str, Framework | None] = {}

    def resolve(framework_id: str) -> Framework | None:
        frameworks[framework_id] = find_framework(workspace, framework_id)
        return frameworks[framework_id]

    assessment = parse_assessment(data, label, resolve)
    framework = frameworks[assessment.framework]
    assert framework is not None  # parse_assessment refuses an unknown framework
    written = {framework.current_id(k): k for k in table.get("criteria", {}) if framework.current_id(k) != k}
    capabilities = None
    if workspace is not None and assessment.district in workspace.districts:
        capabilities = workspace.capabilities(assessment.district)
    return Version(Side(assessment, source, written, capabilities, review), framework)


def _raw_table(data: bytes, label: str) -> dict[str, Any]:
    """The TOML table, refusing (with the same messages as the store) anything not an assessment."""
    text = decode(data, label)
    check_depth(text, label, AssessmentError)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        parse_assessment(data, label)  # raises the store's message, with its line
        raise
    if _REVIEW_KEYS & table.keys() and not _ASSESSMENT_KEYS & table.keys():
        raise AssessmentError("is a review, not an assessment", label)
    if not _ASSESSMENT_KEYS & table.keys():
        raise AssessmentError("is not an assessment (no district, period or criteria)", label)
    if not isinstance(table.get("criteria", {}), dict):
        parse_assessment(data, label)
    return table
