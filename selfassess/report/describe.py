"""The report's pictures in words: what a trend chart shows, and what a movement sign means.

Shared by the HTML report (each chart's ``<desc>`` and its figures table, the heat map's words for
screen readers) and the Markdown report (the same sentences as text), so every reader gets the same facts.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.core.model import UNRATED, Framework
from selfassess.core.vocabulary import MOVES, CellKind

#: what each movement sign says (``vocabulary.Movement``), followed by "since <previous quarter>"
MOVEMENT_WORDS = {move.value: move.words for move in MOVES}
NOT_RATED_WORDS = CellKind.NOT_RATED.words
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
    """One district's trend chart in words: the latest counts, and the worst grade's latest run.

    ``Doncaster: 9 Red, 11 Amber and 10 Green in 2026-Q4; Red up from 0 in 2026-Q2.``
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
    worst = framework.worst
    run = worst_run(worst.label, [(period, c.get(worst.id, 0)) for period, c in readable])
    return text + (f"; {run}" if run else "") + "."


def _sign(value: int) -> int:
    return (value > 0) - (value < 0)


def worst_run(label: str, values: list[tuple[str, int]]) -> str:
    """How a count got to its latest value: ``Red up from 0 in 2026-Q2`` (the start of the rise that
    ends now), ``Red at 0 since 2026-Q2, down from 18 in 2025-Q3`` (a fall, then level), or ``Red
    unchanged at 0 since 2025-Q3``. Empty for a single quarter."""
    last = len(values) - 1
    level = last  # the first quarter of the level run that ends now
    while level > 0 and values[level - 1][1] == values[last][1]:
        level -= 1
    if level == 0:
        return f"{label} unchanged at {values[last][1]} since {values[0][0]}" if last else ""
    direction = _sign(values[level][1] - values[level - 1][1])
    start = level - 1  # the first quarter of the rise or fall into the level run
    while start > 0 and _sign(values[start][1] - values[start - 1][1]) == direction:
        start -= 1
    moved = f"{'up' if direction > 0 else 'down'} from {values[start][1]} in {values[start][0]}"
    if level == last:
        return f"{label} {moved}"
    return f"{label} at {values[last][1]} since {values[level][0]}, {moved}"


def _quarters(periods: Sequence[str]) -> str:
    """``2026-Q2``, ``2026-Q2 and 2026-Q3``, ``2025-Q3 to 2026-Q1``."""
    if len(periods) > 2:
        return f"{periods[0]} to {periods[-1]}"
    return " and ".join(periods)


def versions_sentence(framework: Framework, runs: Sequence[tuple[Sequence[str], Sequence[str]]]) -> str:
    """What the trend counts in quarters assessed on an earlier framework version; empty with none.

    ``Quarters assessed on an earlier version of the framework are counted over the criteria that
    version asked (criteria added since are left out, as n/a): 2025-Q3 to 2026-Q1 on version 2015.2;
    2026-Q2 and 2026-Q3 on version 2024.1.``
    """
    if not runs:
        return ""
    parts = [
        f"{_quarters(quarters)} on version{'s' if len(versions) > 1 else ''} {_listed(list(versions))}"
        for quarters, versions in runs
    ]
    return (
        f"Quarters assessed on an earlier version of the framework than {framework.version} are counted "
        "over the criteria that version asked (criteria added since are left out, as n/a): "
        + "; ".join(parts)
        + "."
    )
