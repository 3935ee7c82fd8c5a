"""``selfassess summary`` as text: the combined matrix, criteria down and districts across."""

from __future__ import annotations

from .combine import Combined
from .model import NOT_APPLICABLE, UNRATED, Framework
from .terminal import style
from .textgate import visible

#: movement → sign; words in the legend, so nothing depends on colour
MOVEMENT_SIGNS = {"better": "▲", "worse": "▼", "rated": "+", "unrated": "-", "same": "", "": ""}
NOT_RATED = "–"
NO_ASSESSMENT = "·"
WIDTH = 12
TITLE_WIDTH = 44


def cell_text(framework: Framework, cell: str | None, has_assessment: bool) -> tuple[str, str | None]:
    """The text and colour of one cell: the grade's label, ``n/a``, not rated, or no assessment."""
    if cell == NOT_APPLICABLE:
        return "n/a", None
    if cell is None:
        return (NOT_RATED if has_assessment else NO_ASSESSMENT), None
    grade = framework.grade(cell)
    return (grade.label, grade.colour) if grade else (cell, None)


def _fit(text: str, width: int) -> str:
    text = visible(text)  # gated before measuring; on a colour terminal echo keeps colour codes
    return text if len(text) <= width else text[: width - 1] + "…"


def render_summary(combined: Combined, force: str = "") -> str:
    fw = combined.framework
    lines = [
        style(f"{force + ' — ' if force else ''}{fw.title}", bold=True),
        f"Period {combined.period} (movement since {combined.previous}); framework {fw.id} {fw.version}",
        "",
    ]
    pad = " " * (TITLE_WIDTH + 2)
    lines.append(pad + "".join(_fit(d, WIDTH - 1).ljust(WIDTH) for d in combined.districts))
    lines.append(
        "status".ljust(TITLE_WIDTH + 2)
        + "".join(_fit(combined.status(d), WIDTH - 1).ljust(WIDTH) for d in combined.districts)
    )
    for theme in fw.themes:
        lines += ["", style(theme.title, bold=True)]
        for criterion in theme.criteria:
            row = f"  {_fit(criterion.id + ' ' + criterion.title, TITLE_WIDTH - 1)}".ljust(TITLE_WIDTH + 2)
            for district in combined.districts:
                text, colour = cell_text(
                    fw, combined.cell(criterion, district), combined.has_assessment(district)
                )
                sign = MOVEMENT_SIGNS[combined.movement(criterion, district)]
                shown = _fit(text, WIDTH - 3) + (" " + sign if sign else "")
                row += style(shown, colour) + " " * (WIDTH - len(shown))
            lines.append(row)
    lines += ["", style("Counts", bold=True)]
    keys = [g.id for g in fw.scale] + [NOT_APPLICABLE, UNRATED]
    names = {g.id: g.label for g in fw.scale} | {NOT_APPLICABLE: "n/a", UNRATED: "not rated"}
    for key in keys:
        row = f"  {_fit(names[key], TITLE_WIDTH)}".ljust(TITLE_WIDTH + 2)
        for district in combined.districts:
            value = str(combined.counts(district)[key]) if combined.has_assessment(district) else ""
            row += value.ljust(WIDTH)
        lines.append(row)
    lines += [
        "",
        f"▲ better  ▼ worse  + newly rated  - no longer rated  {NOT_RATED} not rated  "
        f"{NO_ASSESSMENT} no assessment  n/a not applicable",
    ]
    return "\n".join(lines)
