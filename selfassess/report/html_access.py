"""Accessible building blocks of the HTML report (WCAG 2.2 AA).

- :func:`e` makes user text inert in HTML (and in inline SVG, which is XML).
- :func:`table_region`: a table with its caption, in a region that scrolls sideways on a narrow screen
  (so the page itself reflows at 320 CSS pixels) and that a keyboard can focus and scroll.
- :func:`hidden`: words for screen readers only (the heat map's "worse since 2026-Q3" beside its ▼).
- :func:`figures_table`: a trend chart's figures as a table, in a ``<details>``.
- :func:`print_margins`: the force and period in the printed page's margin (page numbers are in
  report.css).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from selfassess.core.model import Framework
from selfassess.report.describe import NO_ASSESSMENT_WORDS, Counts, chart_columns
from selfassess.report.text import plain


def e(text: str) -> str:
    """User text made inert in HTML (and in inline SVG, which is XML)."""
    return html.escape(plain(text), quote=True)


def hidden(markup: str) -> str:
    """``markup`` read by screen readers and not shown (nor printed)."""
    return f'<span class="visually-hidden">{markup}</span>'


def table_region(ident: str, caption: str, inner: str, css: str = "", caption_css: str = "") -> str:
    """``<table>`` (``inner``: its colgroup, head and bodies) captioned ``caption`` (markup), in a named
    region (a ``<section>`` named by the caption) that scrolls sideways when the table is wider than
    the screen."""
    table_class = f' class="{css}"' if css else ""
    caption_class = f' class="{caption_css}"' if caption_css else ""
    return (
        f'<section class="table-scroll" tabindex="0" aria-labelledby="{ident}-caption">'
        f'<table{table_class}><caption id="{ident}-caption"{caption_class}>{caption}</caption>'
        f"{inner}</table></section>"
    )


def figures_table(name: str, framework: Framework, periods: Sequence[str], counts: Sequence[Counts]) -> str:
    """The figures a trend chart draws, one row per quarter, in a ``<details>`` under the chart."""
    columns = chart_columns(framework)
    head = "".join(f'<th scope="col" class="num">{e(words)}</th>' for _, words in columns)
    rows = []
    for period, quarter in zip(periods, counts, strict=True):
        if quarter is None:
            cells = "".join(f'<td class="num">{NO_ASSESSMENT_WORDS}</td>' for _ in columns)
        else:
            cells = "".join(f'<td class="num">{quarter.get(key, 0)}</td>' for key, _ in columns)
        rows.append(f'<tr><th scope="row">{e(period)}</th>{cells}</tr>')
    return (
        f'<details class="figures"><summary>{e(name)}: the figures</summary><table>'
        f'<caption class="visually-hidden">{e(name)}: number of criteria at each grade by quarter</caption>'
        f'<thead><tr><th scope="col">Quarter</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
        "</table></details>"
    )


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: anything but letters, digits and spaces as a hex escape, so
    no quote, backslash, newline or ``</style>`` can leave the string."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in plain(text))
    return f'"{escaped}"'


def print_margins(force: str, period_words: str) -> str:
    """``@page`` margin boxes naming the force (top left) and the period (top right) on every page."""
    return (
        f"@page {{ @top-left {{ content: {css_string(force)}; }} "
        f"@top-right {{ content: {css_string(period_words)}; }} }}"
    )
