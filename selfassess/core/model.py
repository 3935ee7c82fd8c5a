"""What a framework, an assessment and a review are: plain dataclasses that know nothing of files or widgets.

The scale is defined by each framework, ordered worst → best; nothing here names a grade.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType

NOT_APPLICABLE = "n/a"
UNRATED = "unrated"
#: the capability of the force-wide unit: it is asked only criteria whose applies_to names it
FORCE_WIDE = "force-wide"
#: the newest schema this version reads and writes; a file is written with the lowest that holds it
SCHEMA = 2
#: the schema of a file with nothing that needs a newer one
BASE_SCHEMA = 1
#: the schema a file needs once it holds a sample or an action's ``addresses``
SAMPLE_SCHEMA = 2
#: the largest sample a file may record (a typing slip, not a dip sample, beyond this)
MAX_SAMPLE_SIZE = 1_000_000


@dataclass(frozen=True)
class Grade:
    """One step of a framework's scale. ``number`` is 1 for the worst grade."""

    id: str
    label: str
    number: int
    colour: str = ""
    meaning: str = ""


@dataclass(frozen=True)
class Reference:
    """A public document a criterion's standard comes from."""

    title: str
    url: str
    section: str = ""


@dataclass(frozen=True)
class SampleRule:
    """How a criterion is evidenced by a dip sample: what a case is, what meets the standard, the
    smallest sample that evidences a grade, and the share of cases each grade needs (by grade id;
    the worst grade needs none)."""

    of: str
    meets: str
    minimum: int = 1
    thresholds: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    theme: str
    question: str = ""
    guidance: str = ""
    evidence: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    weight: float = 1
    levels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    applies_to: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    sample: SampleRule | None = None
    line: int | None = None

    def applies(self, capabilities: Iterable[str]) -> bool:
        """Whether a unit with these capabilities is asked this criterion.

        A force-wide unit is asked only the criteria naming ``force-wide``; a district is asked a
        criterion with no ``applies_to`` or one naming any of its capabilities.
        """
        capabilities = set(capabilities)
        if FORCE_WIDE in capabilities:
            return FORCE_WIDE in self.applies_to
        return not self.applies_to or bool(set(self.applies_to) & capabilities)


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    criteria: tuple[Criterion, ...]
    description: str = ""


@dataclass(frozen=True)
class RetiredCriterion:
    id: str
    title: str
    retired_in: str = ""


@dataclass(frozen=True)
class Framework:
    """A criteria framework: a scale ordered worst → best and themes of criteria."""

    id: str
    title: str
    version: str
    scale: tuple[Grade, ...]
    themes: tuple[Theme, ...]
    retired: tuple[RetiredCriterion, ...] = ()
    actions_required_below: str | None = None
    path: str | None = None
    sha256: str = ""

    def __post_init__(self) -> None:
        criteria = {c.id: c for theme in self.themes for c in theme.criteria}
        aliases = {old: c.id for c in criteria.values() for old in c.replaces}
        object.__setattr__(self, "_criteria", criteria)
        object.__setattr__(self, "_aliases", aliases)
        object.__setattr__(self, "_grades", {g.id: g for g in self.scale})
        object.__setattr__(self, "_retired", {r.id: r for r in self.retired})

    # -- criteria -------------------------------------------------------------------------------
    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every current criterion, in framework order."""
        return tuple(self._criteria.values())  # type: ignore[attr-defined]

    def criterion(self, criterion_id: str) -> Criterion | None:
        return self._criteria.get(self.current_id(criterion_id))  # type: ignore[attr-defined]

    def current_id(self, criterion_id: str) -> str:
        """The current id for ``criterion_id``, following ``replaces`` renames."""
        return self._aliases.get(criterion_id, criterion_id)  # type: ignore[attr-defined]

    def is_retired(self, criterion_id: str) -> bool:
        return criterion_id in self._retired  # type: ignore[attr-defined]

    def retired_criterion(self, criterion_id: str) -> RetiredCriterion | None:
        return self._retired.get(criterion_id)  # type: ignore[attr-defined]

    def is_known(self, criterion_id: str) -> bool:
        return self.criterion(criterion_id) is not None or self.is_retired(criterion_id)

    def theme_of(self, criterion_id: str) -> Theme | None:
        criterion = self.criterion(criterion_id)
        if criterion is None:
            return None
        return next(t for t in self.themes if t.id == criterion.theme)

    def applicable(self, capabilities: Iterable[str]) -> tuple[Criterion, ...]:
        caps = tuple(capabilities)
        return tuple(c for c in self.criteria if c.applies(caps))

    def order(self) -> dict[str, int]:
        """Criterion id → position, for sorting in framework order."""
        return {cid: i for i, cid in enumerate(self._criteria)}  # type: ignore[attr-defined]

    # -- scale ----------------------------------------------------------------------------------
    def grade(self, grade_id: str | None) -> Grade | None:
        return self._grades.get(grade_id) if grade_id is not None else None  # type: ignore[attr-defined]

    def rank(self, grade_id: str) -> int:
        """0 for the worst grade; higher is better."""
        return self._grades[grade_id].number - 1  # type: ignore[attr-defined]

    @property
    def worst(self) -> Grade:
        return self.scale[0]

    def needs_action(self, grade_id: str | None) -> bool:
        """Whether a rating this low needs an open improvement action before submitting."""
        if grade_id is None or self.actions_required_below is None:
            return False
        grade = self.grade(grade_id)
        threshold = self.grade(self.actions_required_below)
        return grade is not None and threshold is not None and grade.number < threshold.number

    def movement(self, old: str | None, new: str | None) -> str:
        """``better``, ``worse``, ``same``, ``rated``, ``unrated`` or '' between two cells.

        Cells are grade ids, ``None`` (not rated / no assessment) or ``"n/a"``.
        """
        if old == NOT_APPLICABLE or new == NOT_APPLICABLE:
            return ""
        if old is None and new is None:
            return ""
        if old is None:
            return "rated"
        if new is None:
            return "unrated"
        if self.grade(old) is None or self.grade(new) is None:
            return "same" if old == new else ""
        delta = self.rank(new) - self.rank(old)
        return "better" if delta > 0 else "worse" if delta < 0 else "same"


@dataclass
class Action:
    """An improvement action; ``id`` is stable for the action's life, across quarters."""

    id: str
    action: str
    owner: str = ""
    due: date | None = None
    done: bool | date = False
    #: the inspection items it works on, as ``<inspection>/<item>`` (``inspections/<id>.yaml``)
    addresses: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.done is False

    def is_overdue(self, today: date) -> bool:
        """Open and due before today (due today is not overdue)."""
        return self.is_open and self.due is not None and self.due < today


@dataclass(frozen=True)
class Sample:
    """A dip sample: ``size`` cases examined, ``met`` of them meeting the standard, optionally the
    period they come from (``start`` and ``end``, written ``from`` and ``to``) and where they came from.
    It is one value: it changes and merges whole, so ``met`` can never pass ``size``."""

    size: int
    met: int
    start: date | None = None
    end: date | None = None
    source: str = ""


@dataclass
class Response:
    """What a district recorded against one criterion."""

    rating: str | None = None
    not_applicable: str | None = None
    evidence: str = ""
    notes: str = ""
    as_of: date | None = None
    carried: bool = False
    sample: Sample | None = None
    actions: list[Action] = field(default_factory=list)

    def is_empty(self) -> bool:
        return (
            self.sample is None
            and self.rating is None
            and self.not_applicable is None
            and not self.evidence
            and not self.notes
            and self.as_of is None
            and not self.carried
            and not self.actions
        )

    @property
    def cell(self) -> str | None:
        """The rating as a matrix cell: a grade id, ``"n/a"`` or ``None``."""
        if self.not_applicable is not None:
            return NOT_APPLICABLE
        return self.rating

    def open_actions(self) -> list[Action]:
        return [a for a in self.actions if a.is_open]


@dataclass
class Assessment:
    """One district's self-assessment for one period."""

    framework: str
    district: str
    period: str
    framework_version: str = ""
    status: str = "draft"
    assessor: str = ""
    updated: datetime | None = None
    responses: dict[str, Response] = field(default_factory=dict)
    schema: int = BASE_SCHEMA
    #: where it was read from and the sha256 of those bytes: saving checks the file is unchanged
    path: str | None = field(default=None, compare=False)
    source_sha256: str | None = field(default=None, compare=False)

    def response(self, criterion_id: str) -> Response:
        """The response for ``criterion_id``, created empty if absent."""
        return self.responses.setdefault(criterion_id, Response())

    def get(self, criterion_id: str) -> Response | None:
        return self.responses.get(criterion_id)

    def cell(self, criterion_id: str) -> str | None:
        response = self.responses.get(criterion_id)
        return response.cell if response else None

    def actions(self) -> Iterator[tuple[str, Action]]:
        for criterion_id, response in self.responses.items():
            for action in response.actions:
                yield criterion_id, action

    @property
    def is_submitted(self) -> bool:
        return self.status == "submitted"

    def needed_schema(self) -> int:
        """The schema this assessment is written with: the lowest that holds everything in it (a
        sample or an action's ``addresses`` need schema 2)."""
        if any(r.sample is not None for r in self.responses.values()):
            return SAMPLE_SCHEMA
        if any(action.addresses for _, action in self.actions()):
            return SAMPLE_SCHEMA
        return BASE_SCHEMA


@dataclass
class Review:
    """The reviewer's comment on one assessment, tied to the exact file by its sha256."""

    reviewer: str
    reviewed: datetime
    assessment_sha256: str
    comment: str = ""
    schema: int = BASE_SCHEMA
    path: str | None = field(default=None, compare=False)
    source_sha256: str | None = field(default=None, compare=False)
