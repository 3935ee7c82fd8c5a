"""An assessment over time: one version read from ``DISTRICT@PERIOD``, ``REV:PATH`` or a path (for
``diff``); a district's grades period by period, and from git when each current rating last changed.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from . import gitutil
from .atomic import sha256_bytes
from .bundled import bundled_framework
from .diff import Side, cell_label
from .errors import AssessmentError, GitError, InvalidIdError, SelfAssessError, WorkspaceNotFoundError
from .guards import check_depth
from .ids import SLUG_RE
from .model import NOT_APPLICABLE, Assessment, Framework
from .periods import PERIOD_RE, Period
from .store import decode, parse_assessment, parse_review, read_bytes
from .terminal import style
from .textgate import visible
from .workspace import REVIEW_SUFFIX, Workspace

#: ``DISTRICT@PERIOD``: no path separators or revision colons, exactly one ``@``
_DISTRICT_AT = re.compile(r"^([^@/\\:]*)@([^@/\\:]*)\Z")
_ASSESSMENT_KEYS = {"district", "period", "criteria"}
_REVIEW_KEYS = {"reviewer", "reviewed", "assessment_sha256"}


# -- which framework ---------------------------------------------------------------------------------


def find_framework(workspace: Workspace | None, framework_id: str) -> Framework | None:
    """The workspace's framework of that id, else the bundled one, else None."""
    if workspace is not None:
        return workspace.find_framework(framework_id)
    return _bundled(framework_id) if SLUG_RE.match(framework_id) else None


@cache
def _bundled(framework_id: str) -> Framework | None:
    from .criteria import load_framework

    path = bundled_framework(framework_id)
    return load_framework(path) if path else None


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
    blobs = gitutil.read_blobs(root, wanted)
    if blobs[0] is None:
        raise GitError(f"{spec}: {name} does not exist at {revision or 'the index'}")
    review = _review_line(blobs[1] if review_name else None, blobs[0])
    return _version(blobs[0], spec, spec, workspace, review)


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


@dataclass(frozen=True)
class FileVersion:
    """One version of a file: the spec :func:`read_version` reads, a label, and its content's sha256."""

    spec: str
    label: str
    sha256: str | None


def file_versions(workspace: Workspace, path: Path, limit: int = 50) -> list[FileVersion]:
    """The working copy of ``path`` and its last ``limit`` commits, newest first (only the working
    copy outside git). Specs are relative to the workspace root."""
    relative = workspace.relative(path)
    working = _read_quietly(path)
    versions = [FileVersion(relative, "working copy", sha256_bytes(working) if working else None)]
    if not gitutil.is_repository(workspace.root):
        return versions
    name = gitutil.repository_path(workspace.root, path)
    log = gitutil.file_log(workspace.root, name)[:limit]
    blobs = gitutil.read_blobs(workspace.root, [f"{sha}:{name}" for sha, _, _ in log])
    for (_, short, date), blob in zip(log, blobs, strict=True):
        if blob is not None:
            label = f"{short} {utc(date)[:10]}"
            versions.append(FileVersion(f"{short}:{relative}", label, sha256_bytes(blob)))
    return versions


# -- history of a district ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LastChange:
    """The commit that gave the current file its rating: short sha, UTC date, (old, new) cells."""

    commit: str
    date: str
    rating: tuple[str | None, str | None]

    def to_json(self) -> dict[str, Any]:
        return {"commit": self.commit, "date": self.date, "rating": list(self.rating)}


@dataclass
class CriterionHistory:
    id: str
    title: str
    #: period → grade id, ``"n/a"`` or None (not rated, or no assessment that period)
    ratings: dict[str, str | None]
    last_change: LastChange | None = None
    #: the working file's rating differs from the last commit of it
    uncommitted: bool = False


@dataclass
class History:
    district: str
    framework: Framework
    periods: list[str]
    criteria: list[CriterionHistory]
    #: whether last changes could be read from git (False outside a git repository)
    in_git: bool = False
    #: the file the last changes are about (relative to the workspace)
    current: str | None = None
    missing: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "district": self.district,
            "periods": self.periods,
            "criteria": [
                {
                    "id": c.id,
                    "title": c.title,
                    "ratings": c.ratings,
                    "last_change": c.last_change.to_json() if c.last_change else None,
                }
                for c in self.criteria
            ],
        }


def district_history(workspace: Workspace, district: str, criterion: str | None = None) -> History:
    """Each criterion's grade in each period from the files, and last changes of the latest from git."""
    workspace.check_district(district)
    periods = workspace.periods(district)
    assessments = {p: workspace.load(district, p) for p in periods}
    latest = assessments[periods[-1]] if periods else None
    framework = workspace.load_framework(latest.framework) if latest else workspace.framework
    ids = _criterion_ids(workspace, framework, district, assessments, criterion)
    capabilities = workspace.capabilities(district)
    criteria = []
    for criterion_id in ids:
        known = framework.criterion(criterion_id)
        retired = framework.retired_criterion(criterion_id)
        applies = known is None or known.applies(capabilities)
        ratings = {p: _cell(a, criterion_id, applies) for p, a in assessments.items()}
        title = known.title if known else retired.title if retired else ""
        criteria.append(CriterionHistory(criterion_id, title, ratings))
    history = History(district, framework, periods, criteria)
    if latest is not None:
        path = workspace.assessment_path(district, periods[-1])
        history.current = workspace.relative(path)
        history.in_git = gitutil.is_repository(workspace.root)
        if history.in_git:
            _last_changes(workspace, path, latest, history.criteria)
    return history


def _criterion_ids(
    workspace: Workspace,
    framework: Framework,
    district: str,
    assessments: dict[str, Assessment | None],
    criterion: str | None,
) -> list[str]:
    if criterion is not None:
        if not framework.is_known(criterion):
            raise InvalidIdError(f"criterion {criterion!r} is not in framework {framework.id!r}")
        return [framework.current_id(criterion)]
    capabilities = workspace.capabilities(district)
    ids = [c.id for c in framework.applicable(capabilities)]
    recorded = [cid for a in assessments.values() if a for cid in a.responses]
    order = framework.order()
    extra = sorted(set(recorded) - set(ids), key=lambda cid: (order.get(cid, len(order)), cid))
    return ids + extra


def _cell(assessment: Assessment | None, criterion_id: str, applies: bool) -> str | None:
    if assessment is None:
        return None
    cell = assessment.cell(criterion_id)
    return NOT_APPLICABLE if cell is None and not applies else cell


def _last_changes(
    workspace: Workspace, path: Path, current: Assessment, criteria: list[CriterionHistory]
) -> None:
    """Walk the file's commits newest first until each criterion's rating differs from today's."""
    name = gitutil.repository_path(workspace.root, path)
    log = gitutil.file_log(workspace.root, name)
    blobs = gitutil.read_blobs(workspace.root, [f"{sha}:{name}" for sha, _, _ in log])
    versions = _Versions(workspace, name, log, blobs)
    for item in criteria:
        item.uncommitted, item.last_change = _last_change(versions, item.id, current.cell(item.id))


def _last_change(versions: _Versions, criterion_id: str, now: str | None) -> tuple[bool, LastChange | None]:
    """(whether the working file's rating is not committed yet, the commit that introduced it)."""
    introduced: tuple[str, str] | None = None
    for when, assessment in versions:
        cell = assessment.cell(criterion_id) if assessment is not None else None
        if cell != now:
            if introduced is None:
                return True, None
            return False, LastChange(introduced[0], introduced[1], (cell, now))
        introduced = when
    return False, None


class _Versions:
    """One file's versions at its commits, newest first, each parsed once and only when reached.

    Each is ((short sha, UTC date), the assessment, or None where the commit deleted the file);
    versions that cannot be read are skipped.
    """

    def __init__(
        self, workspace: Workspace, name: str, log: list[tuple[str, str, str]], blobs: list[bytes | None]
    ) -> None:
        self._workspace, self._name = workspace, name
        self._commits = list(zip(log, blobs, strict=True))
        self._parsed: dict[int, tuple[tuple[str, str], Assessment | None] | None] = {}

    def __iter__(self) -> Iterator[tuple[tuple[str, str], Assessment | None]]:
        for index in range(len(self._commits)):
            if index not in self._parsed:
                self._parsed[index] = self._parse(index)
            version = self._parsed[index]
            if version is not None:
                yield version

    def _parse(self, index: int) -> tuple[tuple[str, str], Assessment | None] | None:
        (_, short, date), blob = self._commits[index]
        when = (short, utc(date))
        if blob is None:
            return when, None
        try:
            return when, parse_assessment(blob, f"{short}:{self._name}", self._workspace.find_framework)
        except SelfAssessError:
            return None


def utc(iso: str) -> str:
    """A git ISO 8601 date as UTC with a ``Z``."""
    return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- as text -----------------------------------------------------------------------------------------

CELL_WIDTH = 10
TITLE_WIDTH = 34


def _fit(text: str, width: int) -> str:
    text = visible(text)  # gated before measuring; on a colour terminal echo keeps colour codes
    return text if len(text) <= width else text[: width - 1] + "…"


def render_history(history: History) -> str:
    """A compact table: criteria down, periods across, then when the current rating last changed."""
    fw = history.framework
    lines = [style(f"{history.district}: grades by period ({fw.id} {fw.version})", bold=True)]
    if not history.periods:
        return "\n".join([*lines, "", f"No assessments yet for {history.district}."])
    width = min(CELL_WIDTH, max(len(p) for p in history.periods) + 1)
    width = max(width, min(CELL_WIDTH, max(len(g.label) for g in fw.scale) + 1))
    head = " " * TITLE_WIDTH + "".join(p.ljust(width) for p in history.periods)
    lines += ["", head + ("last change" if history.in_git else "")]
    for item in history.criteria:
        row = _fit(f"{item.id} {item.title}".rstrip(), TITLE_WIDTH - 2).ljust(TITLE_WIDTH)
        for period in history.periods:
            label, colour = cell_label(fw, item.ratings[period])
            shown = _fit(label, width - 1)
            row += style(shown, colour) + " " * (width - len(shown))
        lines.append((row + _last_change_text(fw, item) if history.in_git else row).rstrip())
    lines += ["", f"Last change: the commit that gave {history.current} its current rating."]
    return "\n".join(lines)


def _last_change_text(framework: Framework, item: CriterionHistory) -> str:
    if item.uncommitted:
        return "not committed yet"
    change = item.last_change
    if change is None:
        return ""
    old = cell_label(framework, change.rating[0])[0]
    new = cell_label(framework, change.rating[1])[0]
    return f"{change.date[:10]} {change.commit} {old} → {new}"
