"""What the keys do where the focus is, said in one line under the fill screen's fields.

Four modes: the criteria *list* (keys rate, carry, add actions), *typing* in a text box (every
printable key is text; Esc leaves), a *theme heading* in the list (criterion keys only say so), and
the criterion's *actions* list (Enter edits, Space ticks, Delete deletes).
"""

from __future__ import annotations

from textual.content import Content

from selfassess.core.model import Framework
from selfassess.tui.common.grades import grade_name
from selfassess.tui.common.text import literal

LIST = "list"
TYPING = "typing"
HEADING = "heading"
ACTIONS = "actions"
READ_ONLY = "read-only"

_CRITERION_KEYS = ("rate", "edit_evidence", "submit", "add_action", "carry", "not_applicable")
#: per mode, the keys the footer keeps first after Help and the way out (``common.footer``), most needed
#: first: while typing, moving to the next criterion without leaving the editor
FOOTER_FIRST: dict[str, tuple[str, ...]] = {
    LIST: _CRITERION_KEYS,
    HEADING: _CRITERION_KEYS,
    TYPING: ("next_criterion", "previous_criterion", "submit"),
    ACTIONS: ("select", "toggle_action", "delete_action", "add_action", "submit"),
    READ_ONLY: ("next_criterion", "previous_criterion", "reopen"),
}


def mode_line(mode: str, framework: Framework, first: str = "") -> Content:
    """The keys that act now, for ``mode``; on a heading, the theme's first criterion."""
    if mode == TYPING:
        return Content.assemble(
            literal("Typing: ", "bold"),
            literal("every key is text. "),
            literal("Esc", "bold"),
            literal(" when done, then keys rate, carry and add actions."),
        )
    if mode == HEADING:
        return Content.assemble(
            literal("Theme heading: ", "bold"),
            literal(f"keys rate only a criterion. Down goes to {first}." if first else ""),
        )
    if mode == ACTIONS:
        return Content.assemble(
            literal("Actions: ", "bold"),
            literal("Enter edit · Space done/open · Delete delete · a add · "),
            literal("Esc", "bold"),
            literal(" back to the criteria"),
        )
    if mode == READ_ONLY:
        return literal("Read only: arrows choose a criterion, F1 for help.", "italic")
    grades = " ".join(grade_name(g) for g in framework.scale)
    return Content.assemble(
        literal("Keys: ", "bold"),
        literal(f"{grades} · c carry · n n/a · a action · "),
        literal("Enter", "bold"),
        literal(" write evidence"),
    )
