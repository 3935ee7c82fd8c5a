"""Many assessments → one period's matrix: cells, movement since the previous period, counts, actions.

The review screen, ``summary`` and every report read the combined view from here and only here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from selfassess.core.model import (
    NOT_APPLICABLE,
    UNRATED,
    Action,
    Assessment,
    Criterion,
    Framework,
    Response,
    Theme,
)
from selfassess.core.periods import Period
from selfassess.core.upgrades import cell as upgrade_cell
from selfassess.core.upgrades import is_new_to, was_asked
from selfassess.core.vocabulary import MOVES, Movement, Status
from selfassess.logic.samples import (
    TOO_SMALL,
    Contradiction,
    SampleFigures,
    contradictions,
    figures,
    pooled,
)
from selfassess.workspace.workspace import Entry, Workspace


def tally(framework: Framework, cells: Iterable[str | None]) -> dict[str, int]:
    """How many cells hold each grade id, then ``n/a`` and ``unrated``: the one way ratings are counted.

    A cell that is None or names no grade of the scale counts as unrated.
    """
    counts = {grade.id: 0 for grade in framework.scale}
    counts[NOT_APPLICABLE] = 0
    counts[UNRATED] = 0
    for cell in cells:
        counts[UNRATED if cell is None or cell not in counts else cell] += 1
    return counts


@dataclass(frozen=True)
class Completion:
    """How far an assessment has got, from its counts (keys as :func:`tally`)."""

    counts: dict[str, int]

    @property
    def applicable(self) -> int:
        """Criteria that apply to the district (rated, marked n/a, or still to do)."""
        return sum(self.counts.values())

    @property
    def asked(self) -> int:
        """Criteria that apply and are not marked n/a: those a grade is asked for (the report)."""
        return self.applicable - self.counts[NOT_APPLICABLE]

    @property
    def rated(self) -> int:
        return self.asked - self.counts[UNRATED]


@dataclass(frozen=True)
class OpenAction:
    district: str
    criterion: str
    action: Action
    overdue: bool


@dataclass
class Combined:
    """One period across all districts, with the previous period beside it."""

    period: str
    #: the quarter before (None for 1000-Q1, the first there is)
    previous: str | None
    framework: Framework
    districts: tuple[str, ...]
    entries: dict[str, Entry]
    previous_entries: dict[str, Entry]
    capabilities: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def previous_label(self) -> str:
        """The quarter before, for a sentence: its label, or that there is none (1000-Q1)."""
        return self.previous or "no earlier quarter"

    def applies(self, criterion: Criterion, district: str) -> bool:
        return criterion.applies(self.capabilities.get(district, ()))

    def asked(self, criterion: Criterion, district: str) -> bool:
        """Whether the district's file this period was asked ``criterion`` (``upgrades.was_asked``:
        by ``applies_to``, or, for a file of an earlier framework version, when it holds it)."""
        entry = self.entries.get(district)
        assessment = entry.assessment if entry is not None else None
        return was_asked(self.framework, assessment, criterion, self.capabilities.get(district, ()))

    def _cell(self, entries: dict[str, Entry], criterion: Criterion, district: str) -> str | None:
        """Counted against the criteria the file's framework version asked (``upgrades.cell``)."""
        entry = entries.get(district)
        assessment = entry.assessment if entry is not None else None
        return upgrade_cell(self.framework, assessment, criterion, self.capabilities.get(district, ()))

    def cell(self, criterion: Criterion, district: str) -> str | None:
        """A grade id, ``"n/a"``, or None (not rated, or no readable assessment)."""
        return self._cell(self.entries, criterion, district)

    def previous_cell(self, criterion: Criterion, district: str) -> str | None:
        return self._cell(self.previous_entries, criterion, district)

    def movement(self, criterion: Criterion, district: str) -> Movement:
        """better, worse, same, rated, unrated; NONE ('') for n/a or a side with no assessment."""
        if not self.has_assessment(district) or not self.had_assessment(district):
            return Movement.NONE
        previous = self.previous_entries[district].assessment
        if previous is not None and is_new_to(self.framework, previous, criterion.id):
            return Movement.NONE  # new in this version: no movement (SPEC §4)
        return Movement(
            self.framework.movement(self.previous_cell(criterion, district), self.cell(criterion, district))
        )

    def has_assessment(self, district: str) -> bool:
        return self.entries[district].assessment is not None

    def had_assessment(self, district: str) -> bool:
        entry = self.previous_entries.get(district)
        return entry is not None and entry.assessment is not None

    def status(self, district: str) -> Status:
        return self.entries[district].status

    def counts(self, district: str, criteria: Iterable[Criterion] | None = None) -> dict[str, int]:
        """Per grade id, then ``n/a`` and ``unrated``, over ``criteria`` (default: all of them)."""
        chosen = self.framework.criteria if criteria is None else criteria
        return tally(self.framework, (self.cell(c, district) for c in chosen))

    def completion(self, district: str) -> Completion:
        return Completion(self.counts(district))

    def movements(self, district: str) -> dict[Movement, int]:
        """How many criteria moved each way (better, worse, newly rated, no longer rated)."""
        totals = dict.fromkeys(MOVES, 0)
        for criterion in self.framework.criteria:
            movement = self.movement(criterion, district)
            if movement in totals:
                totals[movement] += 1
        return totals

    def open_actions(self, today: date) -> list[OpenAction]:
        """Every open action this period, soonest due first (undated last), then district order."""
        found = []
        for district in self.districts:
            assessment = self.entries[district].assessment
            if assessment is None:
                continue
            for criterion_id, action in assessment.actions():
                if action.is_open:
                    found.append(OpenAction(district, criterion_id, action, action.is_overdue(today)))
        found.sort(key=lambda a: (a.action.due is None, a.action.due or date.max))
        return found

    def worst(self) -> list[tuple[Criterion, list[str]]]:
        """Criteria rated at the worst grade anywhere, with the districts concerned."""
        worst = self.framework.worst.id
        result = []
        for criterion in self.framework.criteria:
            districts = [d for d in self.districts if self.cell(criterion, d) == worst]
            if districts:
                result.append((criterion, districts))
        return result

    # -- for the review screen (additive: nothing above depends on these) ------------------------
    def response(self, criterion: Criterion, district: str) -> Response | None:
        """What the district recorded against ``criterion`` this period (None: nothing, or no file)."""
        entry = self.entries.get(district)
        return entry.assessment.get(criterion.id) if entry and entry.assessment else None

    def previous_response(self, criterion: Criterion, district: str) -> Response | None:
        entry = self.previous_entries.get(district)
        return entry.assessment.get(criterion.id) if entry and entry.assessment else None

    def changed(self, criterion: Criterion, district: str) -> bool:
        """Whether the cell moved since the previous period (better, worse, rated or unrated)."""
        return self.movement(criterion, district) not in ("", "same")

    def theme_worst(self, theme: Theme, district: str) -> tuple[str | None, int]:
        """The worst grade id among ``theme``'s criteria for ``district`` and how many are at it."""
        grades = [self.cell(c, district) for c in theme.criteria]
        rated = [g for g in grades if self.framework.grade(g) is not None]
        if not rated:
            return None, 0
        worst = min(rated, key=self.framework.rank)  # type: ignore[arg-type]
        return worst, rated.count(worst)

    # -- dip samples (logic/samples.py computes; this only picks the responses) ---------------------
    def sample_figures(self, criterion: Criterion, district: str) -> SampleFigures | None:
        """The district's recorded sample for ``criterion`` this period, with what it supports."""
        response = self.response(criterion, district)
        if response is None or response.sample is None or criterion.sample is None:
            return None
        return figures(self.framework, criterion, response.sample, straddles=False)

    def pooled_figures(self, criterion: Criterion) -> SampleFigures | None:
        """The force-wide figure: every district's sample this period pooled (sum of met over cases)."""
        if criterion.sample is None:
            return None
        responses = (self.response(criterion, d) for d in self.districts)
        return pooled(self.framework, criterion, (r.sample for r in responses if r and r.sample))

    def sample_contradictions(self, criterion: Criterion, district: str) -> list[Contradiction]:
        response = self.response(criterion, district)
        if response is None:
            return []
        return contradictions(self.framework, criterion, response)

    def not_supported(self, criterion: Criterion, district: str) -> bool:
        """Whether the rating is better than the district's sample supports (or the sample is too small
        to support any grade)."""
        shown = self.sample_figures(criterion, district)
        rating = self.cell(criterion, district)
        if shown is None or self.framework.grade(rating) is None:
            return False
        if shown.supports == TOO_SMALL:
            return True
        return self.framework.rank(rating) > self.framework.rank(shown.supports)  # type: ignore[arg-type]

    def _samples_json(self, criterion: Criterion) -> dict[str, Any]:
        if criterion.sample is None:
            return {}
        samples = {}
        for district in self.districts:
            shown = self.sample_figures(criterion, district)
            if shown is not None:
                samples[district] = shown.as_json()
        pooled_figures = self.pooled_figures(criterion)
        return {"samples": samples, "pooled": pooled_figures.as_json() if pooled_figures else None}

    def assessments(self) -> dict[tuple[str, str], Assessment | None]:
        """(district, period) → assessment for both periods, so nothing is read twice."""
        before = self.previous or ""  # no previous quarter: no previous entries either
        found = {(d, before): e.assessment for d, e in self.previous_entries.items()}
        found |= {(d, self.period): e.assessment for d, e in self.entries.items()}
        return found

    def to_json(self) -> dict[str, Any]:
        """The ``summary --format json`` document (SPEC §5)."""
        return {
            "period": self.period,
            "previous": self.previous,
            "framework": self.framework.id,
            "districts": list(self.districts),
            "criteria": [
                {
                    "id": criterion.id,
                    "theme": criterion.theme,
                    "title": criterion.title,
                    "ratings": {d: self.cell(criterion, d) for d in self.districts},
                    "previous": {d: self.previous_cell(criterion, d) for d in self.districts},
                    **self._samples_json(criterion),
                }
                for criterion in self.framework.criteria
            ],
            "counts": {d: self.counts(d) for d in self.districts if self.has_assessment(d)},
            "status": {d: self.status(d) for d in self.districts},
        }


def combine(workspace: Workspace, period: str | None = None, today: date | None = None) -> Combined:
    """Read only what the answer needs: this period's and the previous period's files.

    With no ``period``: the default of ``today`` (``Workspace.default_period``), never a future quarter.
    """
    label = str(Period.parse(period)) if period else workspace.default_period(today or date.today())
    before = Period.parse(label).previous
    previous = str(before) if before is not None else None  # 1000-Q1 has none: no movement
    districts = workspace.districts
    return Combined(
        period=label,
        previous=previous,
        framework=workspace.framework,
        districts=districts,
        entries={d: workspace.entry(d, label) for d in districts},
        previous_entries={d: workspace.entry(d, previous) for d in districts} if previous else {},
        capabilities={d: workspace.capabilities(d) for d in districts},
    )
