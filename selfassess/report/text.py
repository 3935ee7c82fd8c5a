"""Words for reports: user text made plain, evidence excerpts, dates, plurals and district names."""

from __future__ import annotations

from datetime import date

from selfassess.core.textgate import visible
from selfassess.core.vocabulary import plural  # noqa: F401 (the reports' word for it)

#: characters of evidence quoted for each concern
EXCERPT = 300
MONTHS = "January February March April May June July August September October November December".split()


def plain(text: str) -> str:
    """User text with control and bidi characters shown as placeholders (the text gate)."""
    return visible(text)


def one_line(text: str) -> str:
    """User text on one line, runs of whitespace as one space."""
    return " ".join(plain(text).split())


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` on one line, cut at a word boundary near ``limit`` characters (with … when cut)."""
    flat = one_line(text)
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def long_date(day: date) -> str:
    """``23 November 2026``, the same whatever the locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def district_name(district: str) -> str:
    """A district id as a heading reads it: ``north-east`` → ``North East``."""
    return " ".join(part.capitalize() for part in district.split("-"))
