"""A district's grades period by period, and from git when each current rating last changed.

Reading one version of a file (for ``diff``) is :mod:`selfassess.logic.versions`; the text is
:mod:`selfassess.cli.history_text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from selfassess.core import upgrades
from selfassess.core.errors import InvalidIdError, SelfAssessError
from selfassess.core.model import NOT_APPLICABLE, Assessment, Criterion, Framework
from selfassess.formats.store import parse_assessment
from selfassess.git import util as gitutil
from selfassess.logic.samples import SampleFigures, figures
from selfassess.workspace.workspace import Workspace

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
    #: period → the dip sample recorded that period, with its share and interval (criteria whose
    #: framework defines a sample only; periods without one left out)
    samples: dict[str, SampleFigures] | None = None


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
    #: files that could not be read (one line each, naming the file); their periods are left out
    unreadable: list[str] = field(default_factory=list)

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
                    **(
                        {"samples": {p: f.as_json() for p, f in c.samples.items()}}
                        if c.samples is not None
                        else {}
                    ),
                }
                for c in self.criteria
            ],
        }


def district_history(workspace: Workspace, district: str, criterion: str | None = None) -> History:
    """Each criterion's grade in each period from the files, and last changes of the latest from git."""
    workspace.check_district(district)
    assessments, unreadable = {}, []
    for period in workspace.periods(district):
        try:
            assessments[period] = workspace.load(district, period)
        except SelfAssessError as error:  # shown with the rest, named; the command then exits 1
            unreadable.append(str(error))
    periods = list(assessments)
    latest = assessments[periods[-1]] if periods else None
    framework = workspace.load_framework(latest.framework) if latest else workspace.framework
    ids = _criterion_ids(workspace, framework, district, assessments, criterion)
    capabilities = workspace.capabilities(district)
    criteria = []
    for criterion_id in ids:
        known = framework.criterion(criterion_id)
        retired = framework.retired_criterion(criterion_id)
        ratings = {p: _cell(framework, a, criterion_id, capabilities) for p, a in assessments.items()}
        title = known.title if known else retired.title if retired else ""
        samples = _samples(framework, known, assessments) if known and known.sample else None
        criteria.append(CriterionHistory(criterion_id, title, ratings, samples=samples))
    history = History(district, framework, periods, criteria, unreadable=unreadable)
    if latest is not None:
        path = workspace.assessment_path(district, periods[-1])
        history.current = workspace.relative(path)
        history.in_git = gitutil.is_repository(workspace.root)
        if history.in_git:
            _last_changes(workspace, district, periods, latest, history.criteria)
    return history


def _samples(
    framework: Framework, criterion: Criterion, assessments: dict[str, Assessment | None]
) -> dict[str, SampleFigures]:
    found = {}
    for period, assessment in assessments.items():
        response = assessment.get(criterion.id) if assessment else None
        if response is not None and response.sample is not None:
            found[period] = figures(framework, criterion, response.sample, straddles=False)
    return found


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


def _cell(
    framework: Framework, assessment: Assessment | None, criterion_id: str, capabilities: tuple[str, ...]
) -> str | None:
    """The period's cell, counted as the report's trend counts it (``upgrades.cell``): a criterion its
    file's version did not ask (added since, or moved away) is ``n/a``; a retired or unknown id is the
    file's cell where the file holds it, else ``n/a`` (no version after it asks it)."""
    if assessment is None:
        return None
    known = framework.criterion(criterion_id)
    if known is not None:
        return upgrades.cell(framework, assessment, known, capabilities)
    return assessment.cell(criterion_id) if criterion_id in assessment.responses else NOT_APPLICABLE


def _last_changes(
    workspace: Workspace,
    district: str,
    periods: list[str],
    current: Assessment,
    criteria: list[CriterionHistory],
) -> None:
    """For each criterion, the latest commit that changed its rating in the district's files (SPEC §5)."""
    chain = _Chain(workspace, district, periods)
    for item in criteria:
        item.uncommitted, item.last_change = _last_change(chain, item.id, current.cell(item.id))


def _last_change(
    chain: Iterable[_Versions], criterion_id: str, now: str | None
) -> tuple[bool, LastChange | None]:
    """(whether the working file's rating is not committed yet, the commit that introduced it).

    Walks the latest period's file newest commit first, then each earlier period's file: the commit
    that added a period's file counts as a change when its rating differs from the period before's.
    """
    introduced: tuple[str, str] | None = None
    for versions in chain:
        for when, assessment in versions:
            cell = assessment.cell(criterion_id) if assessment is not None else None
            if cell != now:
                if introduced is None:
                    return True, None
                return False, LastChange(introduced[0], introduced[1], (cell, now))
            introduced = when
    if introduced is not None and now is not None:  # rated so since the district's first file
        return False, LastChange(introduced[0], introduced[1], (None, now))
    return False, None


class _Chain:
    """The district's files, latest period first, each as its committed versions (read when reached)."""

    def __init__(self, workspace: Workspace, district: str, periods: list[str]) -> None:
        self._workspace, self._district = workspace, district
        self._periods = periods[::-1]
        self._read: dict[str, _Versions] = {}

    def __iter__(self) -> Iterator[_Versions]:
        for period in self._periods:
            if period not in self._read:
                self._read[period] = self._versions(period)
            yield self._read[period]

    def _versions(self, period: str) -> _Versions:
        workspace = self._workspace
        name = gitutil.repository_path(workspace.root, workspace.assessment_path(self._district, period))
        log = gitutil.file_log(workspace.root, name)
        blobs = gitutil.read_blobs(workspace.root, [f"{sha}:{name}" for sha, _, _ in log])
        return _Versions(workspace, name, log, blobs)


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
