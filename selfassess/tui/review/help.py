"""The review screen's help page (Markdown): how to read the heat map, the scale, and the keys."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import BindingType

from selfassess.core.model import Framework
from selfassess.core.vocabulary import CellKind, Mark, Status, legend
from selfassess.logic.trend import BLOCKS
from selfassess.tui.common.keys import key_table
from selfassess.tui.common.text import markdown_cell
from selfassess.tui.review.cells import grade_tags

#: framework text in a help table: through the text gate, fit for a cell
_cell = markdown_cell


#: keys that are not bindings of the screen, before and after those that are
KEYS_BEFORE = [
    ("arrows, mouse", "move around; the header and the criterion column stay put"),
    ("`Enter` on a district's cell", "that district's evidence, notes and actions for the criterion"),
    ("`Enter` on a criterion", "every district's evidence side by side, last quarter's beneath"),
    ("`Enter` on a theme row", "only that theme (again: every theme)"),
    (
        "`Home`, `End`",
        "to the criterion column (`Enter` there: every district's evidence), to the last district",
    ),
]
KEYS_AFTER = [("`ctrl+p`", "command palette: go to a criterion or district, or run any command")]


def review_help(framework: Framework, bindings: Iterable[BindingType]) -> str:
    tags = grade_tags(framework)
    grades = "\n".join(
        f"| {g.number} | {_cell(tags[g.id])} | {_cell(g.label)} | {_cell(g.meaning)} |"
        for g in framework.scale
    )
    na = CellKind.NOT_APPLICABLE.compact
    statuses = ", ".join(f"{status.mark} {status}" for status in Status)
    marks = "\n".join(f"| `{_cell(symbol)}` | {_cell(words)} |" for symbol, words in legend())
    verified, not_verified = Mark.VERIFIED.value, Mark.NOT_VERIFIED.value
    reviewed, changed = Mark.REVIEWED.value, Mark.CHANGED.value
    return f"""\
# Reviewing the quarter

Criteria run down (under a row per theme), districts across. Each cell is the district's rating in
its grade's colour and words; theme rows show the worst grade in the theme and how many criteria are at
it. Column headers give each district's **status** ({statuses}) and its **counts per grade**, worst
first. Movement is since the previous quarter. When the workspace signs commits (it has
`allowed_signers`), `{verified}` after a district's name means `selfassess verify` confirms its
sign-off (the assessment, and the review if any, last changed by a signed commit of someone allowed to
write it) and `{not_verified}` that it does not: Enter on any of its cells says why. In a status,
`{reviewed}` means reviewed and `{changed}` changed since the review. Where a status's words do not fit
its column (many districts on a narrow terminal) it shows its mark alone, and the legend gives the words.

| mark | means |
| --- | --- |
{marks}

The **trend** column is the mean grade of the districts shown, quarter by quarter over the last eight
(block height: `{BLOCKS[0]}` worst … `{BLOCKS[-1]}` best; `{na}` not applicable in a
district's own trend). It appears a moment after the heat map; on a narrow terminal it gives its room
to the districts. The line under the map gives the cell under the cursor in full, with that district's
own trend (on a criterion, the mean of the districts shown).

## The scale (worst first)

| number | in cells | grade | meaning |
| --- | --- | --- | --- |
{grades}

## Keys

{key_table(bindings, KEYS_BEFORE, KEYS_AFTER)}

A review is written to `assessments/<district>/<period>.review.toml`, never into the district's own
file. It records the exact file reviewed: if the district changes its assessment afterwards, the status
becomes *changed since review* until it is reviewed again.
"""
