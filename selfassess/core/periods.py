"""Quarter labels (``YYYY-Qn``), their order, and the dates they cover under either calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from selfassess.core.errors import InvalidIdError
from selfassess.core.names import PERIOD_RE

# Years 1000-9998 (so every quarter and the one after it has a date), ASCII digits, the whole string.
CALENDARS = ("calendar", "financial")
FIRST_YEAR = 1000


@dataclass(frozen=True, order=True)
class Period:
    """A quarter: ``year`` and ``quarter`` (1-4), ordered as written."""

    year: int
    quarter: int

    @classmethod
    def parse(cls, label: str) -> Period:
        match = PERIOD_RE.match(label) if isinstance(label, str) else None
        if not match:
            raise InvalidIdError(
                f"period {label!r} is not a quarter label of the form YYYY-Qn (e.g. 2026-Q4, "
                "years 1000 to 9998)"
            )
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def previous(self) -> Period | None:
        """The quarter before, or None before the first one there is (1000-Q1)."""
        if self.quarter == 1:
            return Period(self.year - 1, 4) if self.year > FIRST_YEAR else None
        return Period(self.year, self.quarter - 1)

    @property
    def next(self) -> Period:
        if self.quarter == 4:
            return Period(self.year + 1, 1)
        return Period(self.year, self.quarter + 1)

    def start(self, calendar: str = "calendar") -> date:
        month = 3 * (self.quarter - 1) + 1
        year = self.year
        if calendar == "financial":
            month += 3
            if month > 12:
                month -= 12
                year += 1
        return date(year, month, 1)

    def end(self, calendar: str = "calendar") -> date:
        return self.next.start(calendar) - timedelta(days=1)

    @classmethod
    def containing(cls, day: date, calendar: str = "calendar") -> Period:
        """The quarter holding ``day``; clamped to the range (early 1000 under financial quarters
        is the end of financial year 999, before the first quarter there is: 1000-Q1 stands for it)."""
        if calendar == "financial":
            shifted = day.month - 4
            year = day.year if shifted >= 0 else day.year - 1
            found = cls(year, shifted % 12 // 3 + 1)
        else:
            found = cls(day.year, (day.month - 1) // 3 + 1)
        return min(max(found, FIRST), LAST)

    def last(self, count: int) -> list[Period]:
        """The ``count`` quarters ending with this one, oldest first (fewer from 1000-Q1)."""
        periods = [self]
        while len(periods) < count and (before := periods[-1].previous) is not None:
            periods.append(before)
        return periods[::-1]


#: the first and last quarters a label can name
FIRST = Period(FIRST_YEAR, 1)
LAST = Period(9998, 4)
