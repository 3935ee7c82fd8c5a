"""The fill screen's help page (Markdown): its keys, and the framework's scale with what each grade means."""

from __future__ import annotations

from ...model import Framework


def _cell(text: str) -> str:
    """Framework text fit for a Markdown table cell."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def fill_help(framework: Framework) -> str:
    numbers = f"1…{len(framework.scale)}"
    grades = "\n".join(f"| `{g.number}` | {_cell(g.label)} | {_cell(g.meaning)} |" for g in framework.scale)
    threshold = framework.grade(framework.actions_required_below)
    needs_action = (
        f"\nA rating worse than **{_cell(threshold.label)}** needs an open improvement action before "
        "the assessment can be submitted.\n"
        if threshold
        else ""
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

| key | does |
| --- | --- |
| `{numbers}` | rate the current criterion (not while typing in a text box: press `Esc` first) |
| `ctrl+n` / `ctrl+b` | next / previous criterion (work everywhere, also while typing) |
| `Esc` | leave the text box (to the criteria list); again to go back to the home screen |
| `Enter` on a criterion | write its evidence |
| `e` | write evidence |
| `c` | carry last period's rating, evidence and open actions forward |
| `y` | confirm a carried criterion as still true (editing its evidence also confirms it) |
| `n` | not applicable (with a reason), or applicable again |
| `a` | add an improvement action; in the actions list `Enter` edits, `Space` ticks done, `Delete` deletes |
| `ctrl+s` | submit: shows what still blocks it and lets you jump to each |
| `ctrl+o` | reopen a submitted assessment as a draft |
| `ctrl+r` | save now; after a failed save, retry; after a change on disk, compare and merge |
| `ctrl+p` | command palette: go to a criterion by id or words of its title, or run any command |
| `F1`, `?` | this help |
| `q`, `ctrl+q` | quit (everything is already saved) |

## Personal data

Evidence that looks like personal data (dates of birth, phone numbers, e-mail addresses, postcodes,
street addresses, reference numbers, vehicle registrations, named children) is flagged under the
editor. It never stops you: remove it before the assessment is shared.
"""
