"""``selfassess summary`` as text: the combined matrix, criteria down and districts across."""

from __future__ import annotations

from selfassess.cli.terminal import fit, style
from selfassess.core.cells import cell_len
from selfassess.core.cells import pad as column
from selfassess.core.model import NOT_APPLICABLE, UNRATED
from selfassess.core.vocabulary import CellKind, Movement, cell_text, legend_text
from selfassess.logic.combine import Combined
from selfassess.logic.samples import percent

WIDTH = 12
TITLE_WIDTH = 44


def render_summary(combined: Combined, force: str = "") -> str:
    fw = combined.framework
    lines = [
        style(f"{force + ' — ' if force else ''}{fw.title}", bold=True),
        f"Period {combined.period} (movement since {combined.previous_label}); "
        f"framework {fw.id} {fw.version}",
        "",
    ]
    pad = " " * (TITLE_WIDTH + 2)
    lines.append(pad + "".join(column(fit(d, WIDTH - 1), WIDTH) for d in combined.districts))
    lines.append(
        "status".ljust(TITLE_WIDTH + 2)
        + "".join(column(fit(combined.status(d), WIDTH - 1), WIDTH) for d in combined.districts)
    )
    for theme in fw.themes:
        lines += ["", style(theme.title, bold=True)]
        for criterion in theme.criteria:
            row = column(f"  {fit(criterion.id + ' ' + criterion.title, TITLE_WIDTH - 1)}", TITLE_WIDTH + 2)
            for district in combined.districts:
                text, colour = cell_text(
                    fw, combined.cell(criterion, district), combined.has_assessment(district)
                )
                sign = Movement(combined.movement(criterion, district)).sign
                shown = fit(text, WIDTH - 3) + (" " + sign if sign else "")
                row += style(shown, colour) + " " * (WIDTH - cell_len(shown))
            lines.append(row)
    lines += ["", style("Counts", bold=True)]
    keys = [g.id for g in fw.scale] + [NOT_APPLICABLE, UNRATED]
    names = {g.id: g.label for g in fw.scale} | {
        NOT_APPLICABLE: CellKind.NOT_APPLICABLE.mark,
        UNRATED: CellKind.NOT_RATED.words,
    }
    for key in keys:
        row = column(f"  {fit(names[key], TITLE_WIDTH)}", TITLE_WIDTH + 2)
        for district in combined.districts:
            value = str(combined.counts(district)[key]) if combined.has_assessment(district) else ""
            row += value.ljust(WIDTH)
        lines.append(row)
    lines += _samples(combined)
    lines += ["", legend_text("  ")]
    return "\n".join(lines)


def _samples(combined: Combined) -> list[str]:
    """Each criterion with a dip sample anywhere: every district's met/size and share, then the force's
    pooled figure with its interval and the grade it supports."""
    fw = combined.framework
    rows = []
    for criterion in fw.criteria:
        pooled = combined.pooled_figures(criterion)
        if pooled is None:
            continue
        row = f"  {fit(criterion.id + ' ' + criterion.title, TITLE_WIDTH - 1)}".ljust(TITLE_WIDTH + 2)
        for district in combined.districts:
            shown = combined.sample_figures(criterion, district)
            cell = f"{shown.met}/{shown.size} {percent(shown.proportion, floor=True)}" if shown else ""
            if shown and combined.not_supported(criterion, district):
                cell += "!"
            row += fit(cell, WIDTH - 1).ljust(WIDTH)
        rows.append(row + f"pooled {pooled.words(fw)}")
    if not rows:
        return []
    legend = "  met/cases and share per district; ! the rating is better than the sample supports"
    return ["", style("Dip samples", bold=True), *rows, legend]
