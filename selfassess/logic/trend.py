"""Grades over the last eight quarters, per criterion and district, read from those quarters' files only.

The review screen loads this after its heat map is on screen; charts are text blocks whose height is
the grade's place on the scale (so they mean something without colour).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from selfassess.core import upgrades
from selfassess.core.errors import SelfAssessError
from selfassess.core.model import NOT_APPLICABLE, Assessment, Criterion, Framework, Sample
from selfassess.core.periods import Period
from selfassess.core.vocabulary import CellKind
from selfassess.workspace.workspace import Workspace

QUARTERS = 8
#: block heights, lowest first: the worst grade is the shortest block, the best the full one
BLOCKS = "▁▂▃▄▅▆▇█"

#: a cell is a grade id, "n/a" or None; ``Cells`` is one per quarter, oldest first
Cells = tuple[str | None, ...]


@dataclass
class Trend:
    """Cells for each criterion and district over ``periods`` (oldest first)."""

    framework: Framework
    periods: tuple[str, ...]
    #: district → which of ``periods`` have a readable assessment
    present: dict[str, tuple[bool, ...]] = field(default_factory=dict)
    cells: dict[tuple[str, str], Cells] = field(default_factory=dict)
    #: (criterion id, district) → the dip sample recorded each quarter, for criteria evidenced by one
    samples: dict[tuple[str, str], tuple[Sample | None, ...]] = field(default_factory=dict)
    #: district → the framework version each quarter's file was assessed on (None: no file)
    versions: dict[str, tuple[str | None, ...]] = field(default_factory=dict)

    def line(self, criterion_id: str, district: str) -> Cells:
        return self.cells.get((criterion_id, district), (None,) * len(self.periods))

    def had(self, district: str) -> tuple[bool, ...]:
        return self.present.get(district, (False,) * len(self.periods))

    def mean(self, criterion_ids: Iterable[str], districts: Iterable[str]) -> tuple[float | None, ...]:
        """Per quarter, the mean grade number (1 = worst) over every rated cell given; None if none."""
        sums = [0.0] * len(self.periods)
        counts = [0] * len(self.periods)
        keys = [(c, d) for c in criterion_ids for d in districts]
        for key in keys:
            for index, cell in enumerate(self.cells.get(key, ())):
                grade = self.framework.grade(cell)
                if grade is not None:
                    sums[index] += grade.number
                    counts[index] += 1
        return tuple(s / n if n else None for s, n in zip(sums, counts, strict=True))


def block(framework: Framework, number: float) -> str:
    """The block for grade ``number`` (1 = worst … len(scale) = best; fractions allowed for means).

    The worst grade is the lowest block and the best the full one, the others spread evenly between
    (a scale of more than eight grades shares heights; colour and the words elsewhere tell them apart).
    """
    top = len(BLOCKS) - 1
    index = round((number - 1) * top / max(len(framework.scale) - 1, 1))
    return BLOCKS[min(max(index, 0), top)]


def cell_block(framework: Framework, cell: str | None, present: bool) -> str:
    """One quarter of a district's line: a block for a grade, else the not-rated, n/a or none mark."""
    if cell == NOT_APPLICABLE:
        return CellKind.NOT_APPLICABLE.compact
    grade = framework.grade(cell)
    if grade is None:
        return (CellKind.NOT_RATED if present else CellKind.NO_ASSESSMENT).compact
    return block(framework, grade.number)


def text_line(framework: Framework, cells: Sequence[str | None], present: Sequence[bool]) -> str:
    return "".join(cell_block(framework, c, p) for c, p in zip(cells, present, strict=True))


def _cells(
    workspace: Workspace, criterion: Criterion, district: str, assessments: Sequence[Assessment | None]
) -> Cells:
    """Each quarter counted against what its file's framework version asked (``upgrades.cell``): a
    criterion added since is ``n/a`` there, not "not rated"."""
    framework, capabilities = workspace.framework, workspace.capabilities(district)
    return tuple(upgrades.cell(framework, a, criterion, capabilities) for a in assessments)


def _read(workspace: Workspace, district: str, period: str) -> Assessment | None:
    try:
        return workspace.load(district, period)
    except SelfAssessError:
        return None  # an unreadable quarter shows as no assessment; validate names the file


def load_trend(
    workspace: Workspace,
    period: str,
    districts: Iterable[str] | None = None,
    known: Mapping[tuple[str, str], Assessment | None] | None = None,
    quarters: int = QUARTERS,
) -> Trend:
    """The last ``quarters`` quarters ending with ``period``; ``known`` (district, period) → assessment
    already read (e.g. by combine) is used instead of reading the file again."""
    framework = workspace.framework
    periods = tuple(str(p) for p in Period.parse(period).last(quarters))
    known = known or {}
    trend = Trend(framework, periods)
    for district in districts if districts is not None else workspace.districts:
        assessments = [
            known[(district, p)] if (district, p) in known else _read(workspace, district, p) for p in periods
        ]
        trend.present[district] = tuple(a is not None for a in assessments)
        trend.versions[district] = tuple(a.framework_version if a is not None else None for a in assessments)
        for criterion in framework.criteria:
            trend.cells[(criterion.id, district)] = _cells(workspace, criterion, district, assessments)
            if criterion.sample is not None:
                trend.samples[(criterion.id, district)] = tuple(_sample(a, criterion.id) for a in assessments)
    return trend


def _sample(assessment: Assessment | None, criterion_id: str) -> Sample | None:
    response = assessment.get(criterion_id) if assessment is not None else None
    return response.sample if response is not None else None
