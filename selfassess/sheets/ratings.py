"""A rating read from a cell by the framework's own scale: grade id, label, key (1 = worst) or first
letter where no two grades share it, or, for an empty cell, the grade whose colour is nearest its fill.

Nothing here names a grade: a four-grade scale reads ``I``/``R``/``G``/``O`` as readily as RAG.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.core.colours import hex_colour
from selfassess.core.model import NOT_APPLICABLE, Framework, Grade
from selfassess.sheets.columns import normalise

#: words that mean "not applicable" in a rating cell
NOT_APPLICABLE_WORDS = ("na", "notapplicable", "nonapplicable")
#: words (and symbols) that mean "not rated": read as no rating, without a complaint
NOT_RATED_WORDS = ("", "notrated", "unrated", "tbc", "none")
#: how far (RGB distance, 0-441) a fill may be from a grade's colour and still count as that grade
NEAR = 160.0


@dataclass(frozen=True)
class Scale:
    """The words and colours of one framework's scale, ready to read cells with."""

    words: dict[str, str]
    colours: tuple[tuple[Grade, tuple[int, int, int]], ...]

    @classmethod
    def of(cls, framework: Framework) -> Scale:
        words: dict[str, str] = {}
        for grade in framework.scale:
            words[str(grade.number)] = grade.id
        letters: dict[str, set[str]] = {}
        for grade in framework.scale:
            for word in (grade.id, grade.label):
                letters.setdefault(normalise(word)[:1], set()).add(grade.id)
        for letter, grades in letters.items():
            if len(grades) == 1 and letter and letter not in words:
                words[letter] = next(iter(grades))
        for grade in framework.scale:
            words[normalise(grade.id)] = grade.id
            words[normalise(grade.label)] = grade.id
        colours = tuple((g, _rgb(h)) for g in framework.scale if (h := hex_colour(g.colour)) is not None)
        return cls(words, colours)

    def read(self, value: object) -> str | None:
        """The grade id (or ``n/a``) a cell's value names, ``""`` for a cell that says "not rated",
        None when the value names nothing in the scale."""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool):
            return None
        word = normalise(value)
        if word in self.words:
            return self.words[word]
        if word in NOT_APPLICABLE_WORDS:
            return NOT_APPLICABLE
        if word in NOT_RATED_WORDS or set(str(value).strip()) <= set("-–—·?"):
            return ""
        return None

    def is_rating(self, value: object) -> bool:
        """Whether a value names a grade (for telling a rating column from its content)."""
        found = self.read(value)
        return bool(found) and found != NOT_APPLICABLE

    def by_colour(self, fill: str) -> str | None:
        """The grade whose colour is nearest ``fill`` (``#rrggbb``), if one is near enough."""
        target = _rgb(fill)
        best: tuple[float, Grade] | None = None
        for grade, colour in self.colours:
            distance = sum((a - b) ** 2 for a, b in zip(target, colour, strict=True)) ** 0.5
            if best is None or distance < best[0]:
                best = (distance, grade)
        return best[1].id if best is not None and best[0] <= NEAR else None

    def describe(self, framework: Framework) -> str:
        """The grades as a user may write them, for a message."""
        return ", ".join(f"{g.number} {g.label}" for g in framework.scale)


def _rgb(hex_value: str) -> tuple[int, int, int]:
    return int(hex_value[1:3], 16), int(hex_value[3:5], 16), int(hex_value[5:7], 16)
