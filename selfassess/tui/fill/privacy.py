"""Likely personal data in the text being typed, flagged beside the editor with the reason. Never blocks."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from selfassess.core.vocabulary import WARNING_MARK
from selfassess.logic.privacy import Match
from selfassess.tui.common.text import literal

SHOWN = 5


class PersonalDataNotes(Static):
    """Shows each match as ``line N: kind "text"``; hidden when there is none."""

    def show(self, found: list[tuple[str, Match]]) -> None:
        """``found``: (field name, match) pairs, e.g. ("evidence", Match(...))."""
        self.display = bool(found)
        if not found:
            self.update("")
            return
        lines = [
            literal(f"{WARNING_MARK} Looks like personal data: remove it before this is shared.", "bold")
        ]
        for field, match in found[:SHOWN]:
            lines.append(
                Content.assemble(
                    literal(f"{field} line {match.line}: {match.kind} "),
                    literal(f"“{match.text}”", "italic"),
                )
            )
        if len(found) > SHOWN:
            lines.append(literal(f"… and {len(found) - SHOWN} more"))
        self.update(Content("\n").join(lines))
