"""Dates and periods as people type them, normalised to what files hold (SPEC §2).

Typed input (command arguments, dialog fields, imported cells) accepts a period written ``2027-Q1`` or
``2027-q1`` and a date written ``2027-03-31`` or day first, as in the UK, ``31/03/2027`` (also with
dots); files only ever hold ``YYYY-Qn`` and ISO dates. Callers echo what was understood when it was
written differently.
"""

from __future__ import annotations

import re
from datetime import date

from selfassess.core.periods import Period

_PERIOD = re.compile(r"^ *([0-9]{4})-[qQ]([1-4]) *\Z")
_ISO = re.compile(r"^ *([0-9]{4})-([0-9]{2})-([0-9]{2}) *\Z")
_UK = re.compile(r"^ *([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4}) *\Z")
#: how a typed date may be written, for messages
DATE_FORMS = "YYYY-MM-DD or D/M/YYYY"


def period(text: str) -> Period:
    """The quarter ``text`` names (``2027-Q1``, ``2027-q1``); InvalidIdError as :meth:`Period.parse`."""
    match = _PERIOD.match(text) if isinstance(text, str) else None
    return Period.parse(f"{match.group(1)}-Q{match.group(2)}" if match else text)


def day(text: str) -> date | None:
    """The date ``text`` names (``2027-03-31``, ``31/03/2027``, ``31.3.2027``); None when it is none."""
    try:
        if match := _ISO.match(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _UK.match(text):
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:  # 31/02/2027
        return None
    return None


def understood(typed: str, normal: str) -> str:
    """A note when ``typed`` was written differently from its normal form; empty otherwise."""
    return "" if typed.strip() == normal else f"{typed.strip()} taken as {normal}"
