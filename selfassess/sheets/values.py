"""Cell values as the model wants them: text, dates (also Excel serial numbers and day/month/year text)
and a done column's yes, no or date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from selfassess.sheets.grid import Value

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_UK = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
#: Excel serial numbers read as dates: 1 January 1950 to 31 December 2199
_SERIALS = (18264, 109574)
YES = frozenset("yes y true x done complete completed ✓ ✔".split())
NO = frozenset("no n false open".split())


def text(value: Value) -> str:
    """A cell as text: numbers without a needless ``.0``, dates as ``YYYY-MM-DD``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_date(value: Value, epoch: datetime) -> date | None:
    """A date from a date cell, an Excel serial number, ``YYYY-MM-DD`` or ``DD/MM/YYYY`` (UK order);
    None when the value is not one (the caller reports it)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if _SERIALS[0] <= value <= _SERIALS[1]:
            return (epoch + timedelta(days=int(value))).date()
        return None
    words = str(value).strip()
    try:
        if match := _ISO.match(words):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _UK.match(words):
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if re.fullmatch(r"\d+(\.0+)?", words):
            return to_date(float(words), epoch)
    except ValueError:
        return None
    return None


def to_done(value: Value, epoch: datetime, today: date) -> bool | date | None:
    """False (open), the date it was done (``today`` for a plain yes), or None when unreadable."""
    if value is None:
        return False
    if isinstance(value, bool):
        return today if value else False
    word = text(value).strip().casefold()
    if word in YES:
        return today
    if word in NO:
        return False
    return to_date(value, epoch)
