"""The trend chart: one district's grade counts over the last quarters as stacked columns, inline SVG.

Worst grade at the foot of each column, in the framework's colours, each segment labelled with its
count where there is room; quarters without a readable assessment are marked, not left blank.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from selfassess.core.colours import contrast, hex_colour, text_on
from selfassess.core.model import UNRATED, Framework

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 28, 6, 8, 30
BAR = 22
UNRATED_FILL = "#d5d9de"
NEUTRAL_FILL = "#8a939c"
AXIS = "#5b636b"
INK = "#1b1f24"
GRID = "#e3e6ea"
PAGE = "#ffffff"
NON_TEXT_CONTRAST = 3.0  # WCAG 2.2 AA for parts of a chart
STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


def _n(value: float) -> str:
    """A coordinate with at most one decimal, so output is stable and short."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def scale_top(largest: int) -> tuple[int, int]:
    """(top of the axis, step between gridlines) for counts up to ``largest``: at most five steps."""
    largest = max(largest, 1)
    step = next((s for s in STEPS if largest / s <= 5), STEPS[-1])
    return -(-largest // step) * step, step


def segments(framework: Framework) -> list[tuple[str, str, str]]:
    """(count key, fill, label colour) bottom to top: grades worst → best, then not rated."""
    found = []
    for grade in framework.scale:
        fill = hex_colour(grade.colour) or NEUTRAL_FILL
        found.append((grade.id, fill, text_on(fill)))
    return found + [(UNRATED, UNRATED_FILL, text_on(UNRATED_FILL))]


def trend_svg(
    framework: Framework,
    label: str,
    periods: tuple[str, ...],
    counts: tuple[dict[str, int] | None, ...],
    top: int,
    ident: str = "trend",
    description: str = "",
) -> str:
    """An ``<svg>`` element (no namespace needed inline in HTML) titled ``label``, an image to assistive
    technology, named by its ``<title>`` and described in words by its ``<desc>`` (ids from ``ident``)."""
    axis_top, step = scale_top(top)
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(periods), 1)

    def y(value: float) -> float:
        return HEIGHT - BOTTOM - plot_h * value / axis_top

    parts = [
        f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{ident}-title" '
        f'aria-describedby="{ident}-desc">',
        f'<title id="{ident}-title">{escape(label)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    for tick in range(0, axis_top + 1, step):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_n(y(tick))}" y2="{_n(y(tick))}" '
            f'stroke="{GRID if tick else AXIS}" stroke-width="{1 if tick else 1.2}"/>'
            f'<text x="{LEFT - 4}" y="{_n(y(tick) + 3)}" text-anchor="end" fill="{AXIS}">{tick}</text>'
        )
    layers = segments(framework)
    for i, (period, period_counts) in enumerate(zip(periods, counts, strict=True)):
        centre = LEFT + slot * (i + 0.5)
        parts.append(_column(layers, period_counts, centre, y))
        parts.append(_period_label(period, centre, current=i == len(periods) - 1))
    parts.append("</svg>")
    return "".join(parts)


def _period_label(period: str, centre: float, current: bool) -> str:
    """A quarter's label under its column or point: the quarter, and its year beneath; the last
    (current) quarter's in ink."""
    year, quarter = period.split("-")
    marked = ' class="current"' if current else ""
    ink = INK if current else AXIS
    return (
        f'<text x="{_n(centre)}" y="{HEIGHT - BOTTOM + 12}" text-anchor="middle" fill="{ink}"{marked}>'
        f"{quarter}</text>"
        f'<text x="{_n(centre)}" y="{HEIGHT - BOTTOM + 23}" text-anchor="middle" fill="{AXIS}" '
        f'class="year">{year}</text>'
    )


def _column(
    layers: list[tuple[str, str, str]],
    counts: dict[str, int] | None,
    centre: float,
    y: Callable[[float], float],
) -> str:
    x = _n(centre - BAR / 2)
    if counts is None:
        return (
            f'<text x="{_n(centre)}" y="{_n(y(0) - 5)}" text-anchor="middle" fill="{AXIS}" '
            'class="none">none</text>'
        )
    parts, base = [], 0
    for key, fill, ink in layers:
        value = counts.get(key, 0)
        if not value:
            continue
        top, bottom = y(base + value), y(base)
        # a segment too pale to see on the white page (under 3:1, WCAG 1.4.11) gets an outline
        outline = f'stroke="{AXIS}" stroke-width="0.8" ' if contrast(fill, PAGE) < NON_TEXT_CONTRAST else ""
        parts.append(
            f'<rect x="{x}" y="{_n(top)}" width="{BAR}" height="{_n(bottom - top)}" {outline}fill="{fill}"/>'
        )
        if bottom - top >= 10:
            parts.append(
                f'<text x="{_n(centre)}" y="{_n((top + bottom) / 2 + 3)}" text-anchor="middle" '
                f'class="count" fill="{ink}">{value}</text>'
            )
        base += value
    return "".join(parts)


BAND_FILL = "#c9d6e3"
LINE_INK = "#1f4e79"


def sample_svg(
    label: str,
    periods: tuple[str, ...],
    shares: tuple[tuple[float, float, float] | None, ...],
    thresholds: tuple[tuple[str, float], ...],
    ident: str,
    description: str,
) -> str:
    """A dip sample's share over the quarters, 0–100%: the 95% interval as a band, the share as a line
    with a point per quarter, each grade's threshold as a dashed line labelled with the grade.

    ``shares`` holds (share, low, high) per quarter, or None where no sample was recorded."""
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(periods), 1)

    def y(value: float) -> float:
        return HEIGHT - BOTTOM - plot_h * value

    def x(index: int) -> float:
        return LEFT + slot * (index + 0.5)

    parts = [
        f'<svg class="trend sample" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">',
        f'<title id="{ident}-title">{escape(label)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    for tick in (0, 0.5, 1):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_n(y(tick))}" y2="{_n(y(tick))}" '
            f'stroke="{GRID if tick else AXIS}" stroke-width="{1 if tick else 1.2}"/>'
            f'<text x="{LEFT - 4}" y="{_n(y(tick) + 3)}" text-anchor="end" fill="{AXIS}">'
            f"{round(tick * 100)}%</text>"
        )
    for words, share in thresholds:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_n(y(share))}" y2="{_n(y(share))}" '
            f'stroke="{AXIS}" stroke-width="0.8" stroke-dasharray="4 3"/>'
            f'<text x="{WIDTH - RIGHT - 2}" y="{_n(y(share) - 2)}" text-anchor="end" fill="{INK}" '
            f'class="threshold">{escape(words)}</text>'
        )
    for run in _runs(shares):
        upper = " ".join(f"{_n(x(i))},{_n(y(shares[i][2]))}" for i in run)  # type: ignore[index]
        lower = " ".join(f"{_n(x(i))},{_n(y(shares[i][1]))}" for i in reversed(run))  # type: ignore[index]
        parts.append(
            f'<polygon points="{upper} {lower}" fill="{BAND_FILL}" stroke="{AXIS}" stroke-width="0.5"/>'
        )
        points = " ".join(f"{_n(x(i))},{_n(y(shares[i][0]))}" for i in run)  # type: ignore[index]
        parts.append(f'<polyline points="{points}" fill="none" stroke="{LINE_INK}" stroke-width="1.6"/>')
    for i, (period, figure) in enumerate(zip(periods, shares, strict=True)):
        centre = x(i)
        if figure is None:
            parts.append(
                f'<text x="{_n(centre)}" y="{_n(y(0) - 5)}" text-anchor="middle" fill="{AXIS}" '
                'class="none">none</text>'
            )
        else:
            parts.append(f'<circle cx="{_n(centre)}" cy="{_n(y(figure[0]))}" r="2.6" fill="{LINE_INK}"/>')
        parts.append(_period_label(period, centre, current=i == len(periods) - 1))
    parts.append("</svg>")
    return "".join(parts)


def _runs(shares: tuple[object | None, ...]) -> list[list[int]]:
    """Runs of consecutive quarters with a sample: the band and the line break where none was taken."""
    runs: list[list[int]] = []
    for index, share in enumerate(shares):
        if share is None:
            continue
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs
