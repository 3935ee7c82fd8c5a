"""The report's pictures in words: what a trend chart shows, and what a movement sign means.

Shared by the HTML report (each chart's ``<desc>`` and its figures table, the heat map's words for
screen readers) and the Markdown report (the same sentences as text), so every reader gets the same facts.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import UNRATED, Framework

#: what each movement sign (``summary.MOVEMENT_SIGNS``) says, followed by "since <previous quarter>"
MOVEMENT_WORDS = {"better": "better", "worse": "worse", "rated": "newly rated", "unrated": "no longer rated"}
NOT_RATED_WORDS = "not rated"
NO_ASSESSMENT_WORDS = "none"

Counts = dict[str, int] | None


def movement_words(movement: str, previous: str) -> str:
    """``worse since 2026-Q3``; empty when the cell did not move."""
    words = MOVEMENT_WORDS.get(movement)
    return f"{words} since {previous}" if words else ""


def chart_columns(framework: Framework) -> list[tuple[str, str]]:
    """(count key, words) as the chart stacks them: the grades worst → best, then not rated."""
    return [(g.id, g.label) for g in framework.scale] + [(UNRATED, NOT_RATED_WORDS)]


def _listed(parts: list[str]) -> str:
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)


def counts_words(framework: Framework, counts: dict[str, int]) -> str:
    """``9 Red, 11 Amber and 10 Green``: every grade, then the unrated if there are any."""
    return _listed(
        [f"{counts.get(key, 0)} {words}" for key, words in chart_columns(framework) if key != UNRATED]
        + ([f"{counts[UNRATED]} {NOT_RATED_WORDS}"] if counts.get(UNRATED) else [])
    )


def trend_sentence(name: str, framework: Framework, periods: Sequence[str], counts: Sequence[Counts]) -> str:
    """One district's trend chart in words: the latest counts, and how the worst grade moved.

    ``Doncaster: 9 Red, 11 Amber and 10 Green in 2026-Q4; Red up from 0 in 2025-Q1.``
    """
    readable = [(period, c) for period, c in zip(periods, counts, strict=True) if c is not None]
    if not readable:
        return f"{name}: no readable assessment in any of the last {len(periods)} quarters."
    latest_period, latest = readable[-1]
    if latest_period == periods[-1]:
        text = f"{name}: {counts_words(framework, latest)} in {latest_period}"
    else:
        text = f"{name}: no readable assessment in {periods[-1]}. In {latest_period}: "
        text += counts_words(framework, latest)
    if len(readable) > 1:
        first_period, first = readable[0]
        worst = framework.worst
        now, then = latest.get(worst.id, 0), first.get(worst.id, 0)
        if now == then:
            text += f"; {worst.label} unchanged at {now} since {first_period}"
        else:
            text += f"; {worst.label} {'up' if now > then else 'down'} from {then} in {first_period}"
    return text + "."
