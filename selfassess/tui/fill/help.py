"""The fill screen's help page (Markdown): its keys, and the framework's scale with what each grade means."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import BindingType

from selfassess.core.model import Framework
from selfassess.tui.common.keys import key_table
from selfassess.tui.common.text import markdown_cell

#: framework text in a help table: through the text gate, fit for a cell
_cell = markdown_cell


def fill_help(framework: Framework, bindings: Iterable[BindingType]) -> str:
    numbers = f"1…{len(framework.scale)}"
    grades = "\n".join(f"| `{g.number}` | {_cell(g.label)} | {_cell(g.meaning)} |" for g in framework.scale)
    threshold = framework.grade(framework.actions_required_below)
    needs_action = (
        f"\nA rating worse than **{_cell(threshold.label)}** needs an open improvement action before "
        "the assessment can be submitted.\n"
        if threshold
        else ""
    )
    keys = key_table(
        bindings,
        before=[
            ("arrows", "in the criteria list: move between criteria (keys act on the one under the cursor)"),
            (f"`{numbers}`", "in the criteria list: rate the criterion under the cursor"),
        ],
        after=[
            ("`ctrl+p`", "command palette: go to a criterion by id or words of its title, or run any command")
        ],
    )
    return f"""\
# Filling in the self-assessment

Everything you type is **saved by itself** within a second (`ctrl+r` saves at once, but you never need
it) and quitting never loses work. The title bar says whether all is saved and whether the workspace has
changes not yet committed to git.

## Two modes: the list and the editor

The screen opens with the cursor **in the criteria list**, on the first criterion not yet rated. There
the keys act on the criterion under the cursor: `{numbers}` rate it, `c` carries last quarter's answer
forward, `n` marks it not applicable, `a` adds an improvement action, `d` records its dip sample
(cases examined, how many met the standard) where the framework evidences it by one; the line under the
rating then shows the share, its 95% interval, the grade it supports and anything that contradicts it,
and `D` records a "14 of 20" the evidence already states. `Enter` (or `e`) puts the cursor
**in the evidence editor**, at the end of its text: there every key you type is text, and `Esc` takes
you back to the list. The line under the fields and the footer always show which keys act now.

On a theme heading the criterion keys do nothing but say so: move down to one of its criteria. `Esc`
in the list goes back to the home screen; `q` (in the list) or `ctrl+q` (anywhere) quits.

## The scale (worst first)

| key | grade | meaning |
| --- | --- | --- |
{grades}
{needs_action}
## Keys

{keys}

## Personal data

Evidence that looks like personal data (dates of birth, phone numbers, e-mail addresses, postcodes,
street addresses, reference numbers, vehicle registrations, named children) is flagged under the
editor. It never stops you: remove it before the assessment is shared.
"""
