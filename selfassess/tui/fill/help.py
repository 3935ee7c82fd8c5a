"""The fill screen's help page (Markdown): its keys, and the framework's scale with what each grade means."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import BindingType

from ...model import Framework
from ..common.keys import key_table


def _cell(text: str) -> str:
    """Framework text fit for a Markdown table cell."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


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
            (
                f"`{numbers}`",
                "rate the current criterion (not while typing in a text box: press `Esc` first)",
            ),
            ("`Enter` on a criterion", "write its evidence"),
        ],
        after=[
            ("`ctrl+p`", "command palette: go to a criterion by id or words of its title, or run any command")
        ],
    )
    return f"""\
# Filling in the self-assessment

Everything you type is **saved by itself** within a second; there is no save key and quitting never
loses work. The title bar says whether all is saved and whether the workspace has changes not yet
committed to git.

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
