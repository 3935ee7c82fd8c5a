"""The fill screen's Tab order: where Tab and shift+Tab take the cursor, in that order and back.

The criteria list, the evidence, the actions list (when the criterion has actions), the notes, the
"evidence as of" date, then the detail pane itself (so that the guidance under the fields can be
scrolled with the keyboard), and round to the list again. Widgets that need no focus are skipped: the
"Last period" and guidance titles (open already; a click folds them) and whatever is hidden or
disabled (the date in a read-only assessment).
"""

from __future__ import annotations

from typing import Any

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget

ORDER = ("#criteria", "#evidence", "#actions", "#notes", "#as-of", "#fields")


def stops(screen: Screen[Any]) -> list[Widget]:
    """The widgets Tab stops at now, in order: those shown, enabled and focusable."""
    found = []
    for selector in ORDER:
        try:
            widget = screen.query_one(selector)
        except NoMatches:
            continue
        shown = all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))
        if shown and widget.focusable:
            found.append(widget)
    return found


def following(screen: Screen[Any], delta: int) -> Widget | None:
    """Where Tab (``delta`` 1) or shift+Tab (-1) goes from the focused widget; None when the focus is
    off the order (a title clicked): then Textual's own order applies."""
    order = stops(screen)
    if screen.focused not in order:
        return None
    return order[(order.index(screen.focused) + delta) % len(order)]
