"""The improvement actions of the current criterion as a list: add, edit, tick done, delete.

A list of two-line entries rather than a table, so that the action's text wraps instead of being
cut off in a narrow pane.
"""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from selfassess.core.model import Action
from selfassess.tui.common.text import literal


def status(action: Action, today: date) -> Content:
    """``☑ done 2026-11-20``, ``☐ overdue`` or ``☐ open``: in words, coloured as well."""
    if action.done is not False:
        when = f" {action.done}" if isinstance(action.done, date) else ""
        return literal(f"☑ done{when}", "$text-success")
    if action.is_overdue(today):
        return literal("☐ overdue", "bold $text-error")
    return literal("☐ open")


def entry(action: Action, today: date) -> Content:
    """``☐ open  IR1-a1  due 2027-01-31 · Insp. X`` then the action's text on the next line."""
    details = [status(action, today), literal(f"  {action.id}", "bold")]
    if action.due:
        details.append(literal(f"  due {action.due}"))
    if action.owner:
        details += [literal(" · "), literal(action.owner)]
    return Content.assemble(*details, "\n", literal(action.action))


class ActionsList(OptionList):
    """One entry per action, its option id the action's id; the keys act on the highlighted one."""

    BINDINGS = [
        Binding("enter", "select", "Edit", tooltip="in the actions list: edit the highlighted action"),
        Binding("space", "screen.toggle_action", "Done/open"),
        Binding("delete,backspace", "screen.delete_action", "Delete action"),
    ]

    def show(self, actions: list[Action], today: date, keep: str | None = None) -> None:
        """List ``actions``; keep the highlight on action ``keep`` when it is still there."""
        self.clear_options()
        self.add_options([Option(entry(a, today), id=a.id) for a in actions])
        self.display = bool(actions)
        ids = [a.id for a in actions]
        self.highlighted = ids.index(keep) if keep in ids else (0 if ids else None)

    def current_action_id(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id
