"""The report's view of one period: what every format shows, built from the combined view and trends.

Renderers (Markdown, CSV, JSON, HTML) only lay this out; nothing here knows a format, and nothing
names a grade: the scale, its labels and colours come from the framework.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from selfassess.core.model import NOT_APPLICABLE, UNRATED, Criterion, Framework, Grade, Theme
from selfassess.core.periods import Period
from selfassess.core.vocabulary import MOVES, CellKind, Movement, Status, cell_text
from selfassess.logic.combine import Combined, OpenAction, tally
from selfassess.logic.recommendations import Tracker
from selfassess.logic.samples import SampleFigures
from selfassess.logic.samples import pooled as pooled_figures
from selfassess.logic.signoff import SignOff
from selfassess.logic.trend import Trend
from selfassess.report.describe import versions_sentence
from selfassess.report.text import district_name, excerpt, plural


@dataclass(frozen=True)
class TrendCounts:
    """Each district's grade counts (keys as ``Combined.counts``) in each of ``periods``, oldest first;
    None in a quarter without a readable assessment."""

    periods: tuple[str, ...]
    counts: dict[str, tuple[dict[str, int] | None, ...]]
    #: district → the framework version each quarter's file was assessed on (None: no file)
    versions: dict[str, tuple[str | None, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, trend: Trend, districts: tuple[str, ...]) -> TrendCounts:
        """Counted from the shared trend (``selfassess.logic.trend``), the way ``Combined.counts`` counts:
        a quarter on an earlier framework version over the criteria that version asked."""
        counts: dict[str, tuple[dict[str, int] | None, ...]] = {}
        for district in districts:
            lines = [trend.line(c.id, district) for c in trend.framework.criteria]
            counts[district] = tuple(
                tally(trend.framework, (line[index] for line in lines)) if present else None
                for index, present in enumerate(trend.had(district))
            )
        versions = {d: trend.versions.get(d, (None,) * len(trend.periods)) for d in districts}
        return cls(trend.periods, counts, versions)

    def earlier_versions(self, current: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """(quarters, versions): each run of adjacent quarters with files on the same framework versions
        other than ``current``, oldest first (a file that names no version counts as current)."""
        runs: list[tuple[list[str], tuple[str, ...]]] = []
        previous: tuple[str, ...] = ()
        for index, period in enumerate(self.periods):
            here = tuple(sorted({v for vs in self.versions.values() if (v := vs[index]) and v != current}))
            if here and here == previous:
                runs[-1][0].append(period)
            elif here:
                runs.append(([period], here))
            previous = here
        return [(tuple(quarters), versions) for quarters, versions in runs]


@dataclass(frozen=True)
class SampleLine:
    """A criterion's force-wide dip-sample figure (every district's sample pooled) quarter by quarter,
    oldest first (None where no district recorded one), and each district's figure this quarter."""

    criterion: Criterion
    periods: tuple[str, ...]
    pooled: tuple[SampleFigures | None, ...]
    districts: dict[str, SampleFigures]

    @classmethod
    def all_of(cls, trend: Trend, combined: Combined) -> tuple[SampleLine, ...]:
        """One line per criterion evidenced by a sample that some district recorded in the quarters."""
        lines = []
        for criterion in trend.framework.criteria:
            if criterion.sample is None:
                continue
            quarters = [trend.samples.get((criterion.id, d), ()) for d in combined.districts]
            pooled = tuple(
                pooled_figures(
                    trend.framework, criterion, [s for q in quarters if q and (s := q[i]) is not None]
                )
                for i in range(len(trend.periods))
            )
            if any(pooled):
                here = {d: combined.sample_figures(criterion, d) for d in combined.districts}
                found = {d: f for d, f in here.items() if f is not None}
                lines.append(cls(criterion, trend.periods, pooled, found))
        return tuple(lines)


@dataclass(frozen=True)
class Cell:
    """One criterion × district: the value (grade id, ``n/a``, None), its words, and movement."""

    value: str | None
    text: str
    grade: Grade | None
    movement: str
    sign: str
    previous: str | None


@dataclass(frozen=True)
class Concern:
    """One district rated at the worst grade on a criterion: an evidence excerpt and its open actions."""

    district: str
    evidence: str
    actions: tuple[OpenAction, ...]


@dataclass(frozen=True)
class ThemeSection:
    theme: Theme
    counts: dict[str, int]
    worst: tuple[tuple[Criterion, tuple[Concern, ...]], ...]


@dataclass(frozen=True)
class ReviewNote:
    district: str
    reviewer: str
    reviewed: datetime
    comment: str
    current: bool


@dataclass
class ReportView:
    """One period as every format shows it; ``today`` decides which actions are overdue."""

    combined: Combined
    force: str
    today: date
    trend: TrendCounts
    quarters: str = "calendar"
    stamp: str | None = None
    #: each district's sign-off (who signed, whether ``verify`` confirms it); None for a workspace that
    #: does not sign commits (no ``allowed_signers``): its report has no provenance section
    signed: dict[str, SignOff] | None = None
    #: the inspection items' progress this period (None: the workspace has no ``inspections/``)
    tracker: Tracker | None = None
    samples: tuple[SampleLine, ...] = ()

    # -- the frame ------------------------------------------------------------------------------
    @property
    def framework(self) -> Framework:
        return self.combined.framework

    @property
    def districts(self) -> tuple[str, ...]:
        return self.combined.districts

    @property
    def period(self) -> str:
        return self.combined.period

    def period_dates(self) -> tuple[date, date]:
        period = Period.parse(self.period)
        return period.start(self.quarters), period.end(self.quarters)

    def provenance(self) -> list[tuple[str, ...]] | None:
        """One row per district (as ``PROVENANCE_HEADER``), or None for a workspace that does not sign."""
        if self.signed is None:
            return None
        found: list[tuple[str, ...]] = []
        for district in self.districts:
            entry = self.combined.entries[district]
            state = self.signed[district]
            verified = "yes" if state.verified else "NO: " + "; ".join(state.reasons)
            found.append(
                (
                    district_name(district),  # named as every other section of the report names it (#28)
                    str(entry.status),
                    entry.assessment.assessor if entry.assessment is not None else "",
                    entry.review.reviewer if entry.review is not None else "",
                    state.signer or "",
                    "" if state.verified is None else verified,
                )
            )
        return found

    def versions_note(self) -> str:
        """The trend's sentence on quarters assessed on an earlier framework version ('' with none)."""
        return versions_sentence(self.framework, self.trend.earlier_versions(self.framework.version))

    def count_keys(self) -> list[tuple[str, str]]:
        """(key, words) for each column of counts: the grades worst → best, then n/a and not rated."""
        return [(g.id, g.label) for g in self.framework.scale] + [
            (NOT_APPLICABLE, CellKind.NOT_APPLICABLE.mark),
            (UNRATED, CellKind.NOT_RATED.words),
        ]

    # -- cells ----------------------------------------------------------------------------------
    def cell(self, criterion: Criterion, district: str) -> Cell:
        combined = self.combined
        value = combined.cell(criterion, district)
        text, _ = cell_text(self.framework, value, combined.has_assessment(district))
        movement = combined.movement(criterion, district)
        return Cell(
            value=value,
            text=text,
            grade=self.framework.grade(value),
            movement=movement,
            sign=Movement(movement).sign,
            previous=combined.previous_cell(criterion, district),
        )

    def movements(self, district: str) -> dict[Movement, int]:
        """How many criteria moved each way since the previous period (as ``Combined.movements``)."""
        return self.combined.movements(district)

    def rated(self, district: str) -> tuple[int, int]:
        """(rated, asked): criteria with a grade, and criteria that apply and are not marked n/a."""
        done = self.combined.completion(district)
        return done.rated, done.asked

    def theme_worst(self, theme: Theme, district: str) -> tuple[Grade | None, int]:
        """The lowest grade among the theme's criteria in the district, and how many are at it."""
        grade_id, count = self.combined.theme_worst(theme, district)
        return self.framework.grade(grade_id), count

    # -- actions, reviews, problems -------------------------------------------------------------
    @cached_property
    def _open_actions(self) -> list[OpenAction]:
        return self.combined.open_actions(self.today)

    @cached_property
    def _actions_by_cell(self) -> dict[tuple[str, str], tuple[OpenAction, ...]]:
        found: dict[tuple[str, str], list[OpenAction]] = {}
        for item in self._open_actions:
            found.setdefault((item.criterion, item.district), []).append(item)
        return {key: tuple(items) for key, items in found.items()}

    def open_actions(self) -> list[OpenAction]:
        """Every open action this period, soonest due first (as ``Combined.open_actions``)."""
        return list(self._open_actions)

    def overdue(self) -> list[OpenAction]:
        return [a for a in self._open_actions if a.overdue]

    def action_counts(self, district: str) -> tuple[int, int]:
        """(open, overdue) actions in one district."""
        mine = [a for a in self._open_actions if a.district == district]
        return len(mine), sum(1 for a in mine if a.overdue)

    def actions_on(self, criterion: Criterion, district: str) -> tuple[OpenAction, ...]:
        """The open actions one district recorded against one criterion."""
        return self._actions_by_cell.get((criterion.id, district), ())

    def reviews(self) -> list[ReviewNote]:
        """This period's reviewer comments, district order; ``current`` when the file is unchanged."""
        notes = []
        for district in self.districts:
            entry = self.combined.entries[district]
            if entry.review is not None and entry.assessment is not None:
                review = entry.review
                notes.append(
                    ReviewNote(
                        district,
                        review.reviewer,
                        review.reviewed,
                        review.comment.strip(),
                        review.assessment_sha256 == entry.sha256,
                    )
                )
        return notes

    def invalid(self) -> list[tuple[str, str]]:
        """(district, ``path:line: message``) for each file of this period that could not be read."""
        return [(d, str(e.error)) for d, e in self.combined.entries.items() if e.error is not None]

    # -- the worst grade, theme by theme --------------------------------------------------------
    def concerns(self, criterion: Criterion, districts: list[str]) -> tuple[Concern, ...]:
        found = []
        for district in districts:
            assessment = self.combined.entries[district].assessment
            response = assessment.get(criterion.id) if assessment else None
            evidence = excerpt(response.evidence) if response else ""
            found.append(Concern(district, evidence, self.actions_on(criterion, district)))
        return tuple(found)

    def sections(self) -> list[ThemeSection]:
        worst = dict((c.id, d) for c, d in self.combined.worst())
        sections = []
        for theme in self.framework.themes:
            readable = [d for d in self.districts if self.combined.has_assessment(d)]
            cells = (self.combined.cell(c, d) for c in theme.criteria for d in readable)
            counts = tally(self.framework, cells)
            at_worst = tuple((c, self.concerns(c, worst[c.id])) for c in theme.criteria if c.id in worst)
            sections.append(ThemeSection(theme, counts, at_worst))
        return sections

    def key_points(self) -> list[str]:
        """A few plain sentences for the top of the report: status, the worst grade, movement, actions."""
        statuses: dict[str, list[str]] = {}
        for district in self.districts:
            statuses.setdefault(self.combined.status(district), []).append(district_name(district))
        points = [
            "Status: "
            + "; ".join(f"{status} — {', '.join(names)}" for status, names in statuses.items())
            + "."
        ]
        worst_grade = self.framework.worst
        at_worst = self.combined.worst()
        if at_worst:
            ratings = sum(len(d) for _, d in at_worst)
            places = sorted({d for _, ds in at_worst for d in ds}, key=self.districts.index)
            points.append(
                f"{worst_grade.label}: {plural(ratings, 'rating')} on "
                f"{plural(len(at_worst), 'criterion', 'criteria')}, in "
                f"{', '.join(district_name(d) for d in places)}."
            )
        else:
            points.append(f"No criterion is rated {worst_grade.label} in any district.")
        totals = dict.fromkeys(MOVES, 0)
        for district in self.districts:
            unfinished = self.combined.status(district) == Status.DRAFT
            for movement, count in self.movements(district).items():
                if not (unfinished and movement == Movement.UNRATED):  # a draft's gaps: not yet rated
                    totals[movement] += count
        points.append(
            f"Since {self.combined.previous_label}: {plural(totals[Movement.BETTER], 'rating')} better, "
            f"{totals[Movement.WORSE]} worse, {totals[Movement.RATED]} newly rated, "
            f"{totals[Movement.UNRATED]} no longer rated."
        )
        open_count, overdue = len(self.open_actions()), len(self.overdue())
        points.append(
            f"{plural(open_count, 'open improvement action')}, {overdue} overdue "
            f"as at {self.today.isoformat()}."
        )
        if self.invalid():
            names = ", ".join(district_name(d) for d, _ in self.invalid())
            points.append(f"Could not be read, shown as invalid: {names}.")
        return points
