"""The words, symbols and ink every output uses for a status, a movement and a cell, spelled here only.

The command line, the reports, ``textconv`` and every screen ask this module; none of them spells a
symbol of its own. Nothing here names a grade: a grade's words and colour come from the framework.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from selfassess.core.model import NOT_APPLICABLE, Framework


class Status(StrEnum):
    """A district's status for a period, in the order the first match wins (SPEC §4)."""

    MISSING = "missing"
    INVALID = "invalid"
    DRAFT = "draft"
    REVIEWED = "reviewed"
    CHANGED = "changed since review"
    SUBMITTED = "submitted"

    @property
    def mark(self) -> str:
        """One character shown before the words on screen (never instead of them)."""
        return _STATUS_LOOK[self][0]

    @property
    def short(self) -> str:
        """The word for a narrow column."""
        return _STATUS_LOOK[self][1]

    @property
    def style(self) -> str:
        """The screen's style for the status (theme variables; the words are always there too)."""
        return _STATUS_LOOK[self][2]


class Mark(StrEnum):
    """The marks beside a district or a status: one meaning each, in every legend and help (#28)."""

    REVIEWED = "✔"  # the status: reviewed, and the assessment has not changed since
    CHANGED = "⚠"  # the status: changed since it was reviewed
    VERIFIED = "◆"  # beside a name: `verify` confirms the sign-off (signed by someone allowed)
    NOT_VERIFIED = "⊘"  # beside a name: `verify` does not confirm it (Enter on a cell says why)

    @property
    def words(self) -> str:
        return _MARK_WORDS[self]


_MARK_WORDS = {
    Mark.REVIEWED: "reviewed",
    Mark.CHANGED: "changed since review",
    Mark.VERIFIED: "sign-off verified",
    Mark.NOT_VERIFIED: "sign-off not verified",
}

#: before a warning the user should act on (personal data, a save that failed); the same sign as
#: Mark.CHANGED, which is a warning too
WARNING_MARK = str(Mark.CHANGED)
#: before something written or rewritten (a draft, a reworded action)
EDITED_MARK = "✎"
#: a district's sign-off: ``verify`` confirms its content came from commits signed by someone allowed
VERIFIED_MARK = str(Mark.VERIFIED)
#: ... or does not (the review screen's drill-down says why)
NOT_VERIFIED_MARK = str(Mark.NOT_VERIFIED)
#: (mark, words) of the sign-off marks, for legends and help
SIGN_OFF_LOOK = ((VERIFIED_MARK, "verified"), (NOT_VERIFIED_MARK, "not verified"))

_STATUS_LOOK = {
    Status.MISSING: ("✗", "missing", "bold $error"),
    Status.INVALID: ("!", "invalid", "bold $error"),
    Status.DRAFT: (EDITED_MARK, "draft", "bold $warning"),
    Status.SUBMITTED: ("●", "submitted", "$accent"),
    Status.REVIEWED: (Mark.REVIEWED, "reviewed", "$success"),
    Status.CHANGED: (Mark.CHANGED, "changed", "bold $warning"),
}
#: what an assessment file's own ``status`` may say
FILE_STATUSES = (Status.DRAFT, Status.SUBMITTED)
#: statuses that mean the district has not handed its assessment in
NOT_SUBMITTED = (Status.MISSING, Status.INVALID, Status.DRAFT)


class Movement(StrEnum):
    """How a cell moved since the previous period; NONE when n/a or a side has no assessment."""

    WORSE = "worse"
    BETTER = "better"
    RATED = "rated"
    UNRATED = "unrated"
    SAME = "same"
    NONE = ""

    @property
    def sign(self) -> str:
        return _MOVEMENT_LOOK[self][0]

    @property
    def words(self) -> str:
        return _MOVEMENT_LOOK[self][1]


_MOVEMENT_LOOK = {
    Movement.WORSE: ("▼", "worse"),
    Movement.BETTER: ("▲", "better"),
    Movement.RATED: ("+", "newly rated"),
    Movement.UNRATED: ("-", "no longer rated"),
    Movement.SAME: ("", "unchanged"),
    Movement.NONE: ("", ""),
}
#: the movements that count as a change, in the order reports list them
MOVES = (Movement.BETTER, Movement.WORSE, Movement.RATED, Movement.UNRATED)


class CellKind(StrEnum):
    """What a criterion × district cell holds when it is not a grade."""

    NOT_APPLICABLE = "not applicable"
    NOT_RATED = "not rated"
    NO_ASSESSMENT = "no assessment"

    @property
    def mark(self) -> str:
        """The symbol shown in a cell (SPEC §6)."""
        return _CELL_MARKS[self][0]

    @property
    def compact(self) -> str:
        """The one-character symbol where a cell is one character wide (trend lines, the tree)."""
        return _CELL_MARKS[self][1]

    @property
    def words(self) -> str:
        return str(self.value)


_CELL_MARKS = {
    CellKind.NOT_APPLICABLE: ("n/a", "∅"),
    CellKind.NOT_RATED: ("–", "–"),
    CellKind.NO_ASSESSMENT: ("·", "·"),
}

#: a diff's directions beyond a movement: the criterion's applicability or its place in the framework
DIRECTION_LOOK = {
    "not-applicable": ("∅", "now not applicable"),
    "applicable": ("○", "applies again"),
    "added": ("+", "criterion added"),
    "removed": ("×", "criterion removed"),
}

#: before a criterion whose rating was carried from last period and not yet re-confirmed
CARRIED_MARK = "↻"


def cell_kind(framework: Framework, cell: str | None, has_assessment: bool) -> CellKind | None:
    """The kind of a cell that is not one of the scale's grades; None for a grade."""
    if cell == NOT_APPLICABLE:
        return CellKind.NOT_APPLICABLE
    if cell is None:
        return CellKind.NOT_RATED if has_assessment else CellKind.NO_ASSESSMENT
    return None


def cell_text(framework: Framework, cell: str | None, has_assessment: bool) -> tuple[str, str | None]:
    """The text and colour of one cell: the grade's label, ``n/a``, not rated, or no assessment."""
    kind = cell_kind(framework, cell, has_assessment)
    if kind is not None:
        return kind.mark, None
    grade = framework.grade(cell)
    return (grade.label, grade.colour) if grade else (str(cell), None)


def grade_label(framework: Framework, grade: str | None) -> str:
    """The grade's label, or "not rated" (no grade, or an id the scale does not hold)."""
    found = framework.grade(grade)
    return found.label if found is not None else CellKind.NOT_RATED.words


def grade_and_movement(framework: Framework, grade: str | None, movement: str = "") -> str:
    """``Amber ▼``: the grade's label (or "not rated") and its movement sign, if it moved. The one
    spelling of an inspection item's grade in a unit (the tracker's text, report and screen)."""
    sign = Movement(movement).sign if movement in Movement._value2member_map_ else ""
    return f"{grade_label(framework, grade)} {sign}".rstrip()


#: the cell kinds a legend lists, in this order
CELL_KINDS = (CellKind.NOT_RATED, CellKind.NO_ASSESSMENT, CellKind.NOT_APPLICABLE)


def legend(movement: bool = True, cells: Sequence[CellKind] = CELL_KINDS) -> list[tuple[str, str]]:
    """(symbol, words) for each sign a matrix may show: the movements, then the cell marks."""
    moves = [(m.sign, m.words) for m in MOVES] if movement else []
    return moves + [(kind.mark, kind.words) for kind in cells]


def legend_text(separator: str = "  ", movement: bool = True, cells: Sequence[CellKind] = CELL_KINDS) -> str:
    """The legend as one line of plain text, entries joined by ``separator``."""
    return separator.join(f"{symbol} {words}" for symbol, words in legend(movement, cells))


def ink(colour: str) -> tuple[str, str] | None:
    """(background, text colour) as ``#rrggbb`` for a framework colour, or None when it is unknown.

    The text colour is the WCAG rule of :mod:`selfassess.core.colours`, the one rule every output uses.
    """
    from selfassess.core.colours import hex_colour, text_on  # the report package imports this module's users

    background = hex_colour(colour) if colour else None
    return (background, text_on(background)) if background else None


#: a diff lists an unchanged criterion without a word
DIRECTION_WORDS = {m.value: m.words if m is not Movement.SAME else "" for m in Movement} | {
    d: w for d, (_, w) in DIRECTION_LOOK.items()
}
DIRECTION_SIGNS = {m.value: m.sign for m in Movement} | {d: s for d, (s, _) in DIRECTION_LOOK.items()}


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 action``, ``2 actions``; ``many`` for irregular plurals (criterion → criteria)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


class ItemStatus(StrEnum):
    """An inspection item's status for a period (SPEC §3), worst news first."""

    OVERDUE = "overdue"
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    ACTIONS_COMPLETE = "actions-complete"
    CLOSED = "closed"

    @property
    def mark(self) -> str:
        """One character shown before the words (never instead of them)."""
        return _ITEM_LOOK[self][0]

    @property
    def words(self) -> str:
        return _ITEM_LOOK[self][1]

    @property
    def style(self) -> str:
        """The screen's style (theme variables)."""
        return _ITEM_LOOK[self][2]

    @property
    def is_open(self) -> bool:
        """Still needs work: overdue, not started or in progress."""
        return self in (ItemStatus.OVERDUE, ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS)


_ITEM_LOOK = {
    ItemStatus.OVERDUE: ("‼", "overdue", "bold $error"),
    ItemStatus.NOT_STARTED: ("○", "not started", "bold $warning"),
    ItemStatus.IN_PROGRESS: ("◔", "in progress", "$accent"),
    ItemStatus.ACTIONS_COMPLETE: ("◕", "actions complete", "$success"),
    ItemStatus.CLOSED: ("■", "closed", "$success"),
}
