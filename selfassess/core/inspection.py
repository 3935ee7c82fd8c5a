"""What an inspection's findings are: its recommendations, areas for improvement and causes of concern,
each linked to the criteria whose ratings show progress on it, and the inspection lead's closures.

Plain data: reading ``inspections/<id>.yaml`` is :mod:`selfassess.formats.inspections`' job, an item's
status each quarter is :mod:`selfassess.logic.recommendations`'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from selfassess.core.names import SLUG

#: how an action names an item it addresses: ``<inspection id>/<item id>``
ADDRESS_RE = re.compile(rf"{SLUG}/[A-Za-z0-9][A-Za-z0-9._-]{{0,39}}")
#: the kinds of finding an inspection report makes, in the order a report lists them
ITEM_KINDS = ("cause-of-concern", "recommendation", "area-for-improvement")


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class InspectionItem:
    """One finding. ``units`` empty means every district (never the force-wide unit)."""

    inspection: str
    id: str
    kind: str
    text: str
    due: date | None = None
    criteria: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    line: int | None = None

    @property
    def ref(self) -> str:
        """How an action names it: ``<inspection>/<item>``."""
        return f"{self.inspection}/{self.id}"


@dataclass(frozen=True)
class Closure:
    """The inspection lead's decision that an item is done, with date and reason."""

    item: str
    date: date
    by: str
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class Inspection:
    id: str
    title: str
    items: tuple[InspectionItem, ...]
    published: date | None = None
    source: Source | None = None
    closed: tuple[Closure, ...] = ()
    path: str | None = None

    def item(self, item_id: str) -> InspectionItem | None:
        return next((item for item in self.items if item.id == item_id), None)

    def closure(self, item_id: str) -> Closure | None:
        """The latest closure of ``item_id``, if any."""
        closures = [c for c in self.closed if c.item == item_id]
        return max(closures, key=lambda c: c.date) if closures else None
