"""How the review screen writes a grade, a status, a count or a trend: Content built from the scale.

Nothing names a grade: colours and tags come from the framework, and every coloured thing also carries
words, a tag or a block height, so no meaning rests on colour alone. Signs and marks are those of
``selfassess summary`` so the screen and the text agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from selfassess.core.cells import cell_len, fit, pad
from selfassess.core.model import Framework, Grade
from selfassess.core.vocabulary import SIGN_OFF_LOOK, CellKind, Movement, Status, cell_kind, cell_text
from selfassess.core.vocabulary import legend as marks
from selfassess.logic.trend import block, cell_block
from selfassess.tui.common.grades import colours
from selfassess.tui.common.text import literal

#: labels at most this long are shown whole in cells; longer scales use tags (initials or numbers)
LABEL_IN_CELL = 7
MUTED = "$text-muted"


def grade_tags(framework: Framework) -> dict[str, str]:
    """Grade id → what a cell shows: the label when short, else initials, else the grade number."""
    labels = [g.label for g in framework.scale]
    if max(cell_len(label) for label in labels) <= LABEL_IN_CELL:
        return {g.id: g.label for g in framework.scale}
    initials = ["".join(word[0] for word in g.label.split() if word).upper() for g in framework.scale]
    if len(set(initials)) == len(initials) and all(0 < cell_len(i) <= 3 for i in initials):
        return {g.id: tag for g, tag in zip(framework.scale, initials, strict=True)}
    return {g.id: str(g.number) for g in framework.scale}


def grade_style(grade: Grade | None) -> str:
    """The grade's colour as background with readable text, or bold when it has no usable colour."""
    if grade is None:
        return ""
    pair = colours(grade)
    return f"{pair[1]} on {pair[0]}" if pair else "bold reverse"


def cell_words(framework: Framework, tags: dict[str, str], cell: str | None, has_assessment: bool) -> str:
    """The words of a cell: the grade's tag, ``n/a``, not rated (–) or no assessment (·)."""
    grade = framework.grade(cell)
    if grade is not None:
        return tags[grade.id]
    return cell_text(framework, cell, has_assessment)[0]


def heat_cell(
    framework: Framework,
    tags: dict[str, str],
    cell: str | None,
    has_assessment: bool,
    movement: str,
    width: int,
    dim: bool = False,
) -> Content:
    """One heat-map cell, ``width`` wide: `` Amber ▼`` on the grade's colour, or a muted mark."""
    sign = Movement(movement).sign
    text = f" {cell_words(framework, tags, cell, has_assessment)}" + (f" {sign}" if sign else "")
    grade = framework.grade(cell)
    style = MUTED if grade is None or dim else grade_style(grade)
    return literal(pad(text, width), style)


def share_cell(framework: Framework, share: str, supports: str, unsupported: bool, width: int) -> Content:
    """A heat-map cell in proportion mode: `` 85%!`` on the colour of the grade the sample supports
    (``!``: the rating is better than that); the grade is also in the detail line, so not by colour alone."""
    grade = framework.grade(supports)
    text = f" {share}" + ("!" if unsupported else "")
    return literal(text.ljust(width), MUTED if grade is None else grade_style(grade))


def theme_cell(
    framework: Framework, tags: dict[str, str], worst: tuple[str | None, int], mark: str, width: int
) -> Content:
    """A theme row's cell: its worst grade and how many criteria are at it (``Red×2``), else ``mark``."""
    grade_id, count = worst
    grade = framework.grade(grade_id)
    if grade is None:
        return literal(pad(f" {mark}", width), f"italic {MUTED}")
    return literal(pad(f" {tags[grade.id]}×{count}", width), f"bold {grade_style(grade)}")


def status_line(status: Status, width: int) -> Content:
    """``✎ draft``: mark, word and style of a district's status: the full words when they fit, else the
    short word, else the mark alone (the legend then gives its words: :func:`status_words_fit`)."""
    for text in (f"{status.mark} {status}", f"{status.mark} {status.short}", status.mark):
        if cell_len(text) <= width:
            return literal(text, status.style)
    return literal(fit(status.mark, max(width, 1)), status.style)


def status_words_fit(status: Status, width: int) -> bool:
    """Whether :func:`status_line` shows words at ``width``, not the mark alone."""
    return status_width(status) <= width


def status_width(status: Status) -> int:
    """The cells the status takes with its short word (its mark alone takes one)."""
    return cell_len(f"{status.mark} {status.short}")


def counts_line(framework: Framework, counts: dict[str, int] | None) -> Content:
    """Counts per grade, worst first, each on its grade's colour (the legend gives the order)."""
    if counts is None:
        return literal("no file", MUTED)
    parts = []
    for grade in framework.scale:
        parts.append(literal(f"{counts.get(grade.id, 0):>2}", grade_style(grade)))
    return Content(" ").join(parts)


def counts_width(framework: Framework) -> int:
    return 3 * len(framework.scale) - 1


def trend_content(framework: Framework, cells: Sequence[str | None], present: Sequence[bool]) -> Content:
    """A district's line over the quarters: coloured blocks whose height is the grade, else marks."""
    parts = []
    for cell, had in zip(cells, present, strict=True):
        grade = framework.grade(cell)
        style = _block_style(grade) if grade is not None else MUTED
        parts.append(literal(cell_block(framework, cell, had), style))
    return Content("").join(parts)


def mean_trend_content(framework: Framework, means: Sequence[float | None]) -> Content:
    """The mean grade per quarter as blocks, coloured by the nearest grade; · where nothing is rated."""
    parts = []
    for mean in means:
        if mean is None:
            parts.append(literal(CellKind.NO_ASSESSMENT.compact, MUTED))
            continue
        grade = framework.scale[min(max(round(mean), 1), len(framework.scale)) - 1]
        parts.append(literal(block(framework, mean), _block_style(grade)))
    return Content("").join(parts)


def _block_style(grade: Grade) -> str:
    pair = colours(grade)
    return pair[0] if pair else ""


def legend_entries(
    framework: Framework, tags: dict[str, str], signing: bool = False, statuses: Sequence[Status] = ()
) -> list[Content]:
    """The key to the heat map, one entry each: each grade (tag = label) on its colour, the signs and
    marks, the sign-off marks when the workspace signs commits, and the statuses shown as a mark alone."""
    entries = []
    for grade in framework.scale:
        tag = tags[grade.id]
        text = f" {tag} " if tag == grade.label else f" {tag} = {grade.label} "
        entries.append(literal(text, grade_style(grade)))
    for symbol, words in [*marks(), *(SIGN_OFF_LOOK if signing else ())]:
        entries.append(literal(f"{symbol} {words}", MUTED))
    for status in statuses:
        entries.append(Content.assemble(literal(status.mark, status.style), literal(f" {status}", MUTED)))
    return entries


def legend(
    framework: Framework,
    tags: dict[str, str],
    signing: bool = False,
    width: int | None = None,
    statuses: Sequence[Status] = (),
) -> Content:
    """The legend in lines of at most ``width`` cells, broken only between entries (an entry wider than
    the line is cut with …); one line when ``width`` is None."""
    return wrap_entries(legend_entries(framework, tags, signing, statuses), width)


def wrap_entries(entries: Sequence[Content], width: int | None, gap: str = " ") -> Content:
    """``entries`` joined by ``gap`` in lines of at most ``width`` cells, each entry whole on one line."""
    lines: list[list[Content]] = [[]]
    used = 0
    for entry in entries:
        if width is not None and entry.cell_length > width:
            kept = fit(entry.plain, width)[:-1]  # never splits a wide character
            entry = entry[: len(kept)] + Content("…")
        needed = entry.cell_length + (len(gap) if lines[-1] else 0)
        if width is not None and lines[-1] and used + needed > width:
            lines.append([])
            used, needed = 0, entry.cell_length
        lines[-1].append(entry)
        used += needed
    return Content("\n").join(Content(gap).join(line) for line in lines)


def grade_words(framework: Framework, cell: str | None, has_assessment: bool) -> Content:
    """A cell in full words for the detail line and drill-downs: ``2 Amber``, ``not applicable``…"""
    grade = framework.grade(cell)
    if grade is not None:
        return literal(f" {grade.number} {grade.label} ", grade_style(grade))
    kind = cell_kind(framework, cell, has_assessment) or CellKind.NOT_RATED
    return literal(kind.words, "italic" if kind is CellKind.NOT_APPLICABLE else f"italic {MUTED}")
