"""Command palette (ctrl+p) of the fill screen: go to any criterion by id or title words; run every action.

The screen decides which commands make sense where the lead is (see ``FillScreen.palette_commands``).
"""

from __future__ import annotations

from functools import partial
from typing import Protocol

from selfassess.logic.session import Session
from selfassess.tui.common.palette import Command, CommandList

#: every fill action as (label, action, help); the screen offers those that make sense at the moment
FILL_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Next criterion", "next_criterion", "ctrl+n"),
    ("Previous criterion", "previous_criterion", "ctrl+b"),
    ("Write evidence", "edit_evidence", "e"),
    ("Carry this criterion forward from last period", "carry", "c"),
    ("Carry forward everything not yet started", "carry_all", "rating, evidence and open actions"),
    ("Confirm carried criterion", "confirm_carried", "y"),
    ("Not applicable / applicable again", "not_applicable", "n"),
    ("Clear rating", "clear_rating", "back to not rated"),
    ("Record or change the dip sample", "edit_sample", "d"),
    ('Record the evidence\'s "k of n" as the dip sample', "take_sample", "D"),
    ("Add improvement action", "add_action", "a"),
    ("Edit improvement action", "edit_action", "Enter in the actions list"),
    ("Tick improvement action done / open", "toggle_action", "Space in the actions list"),
    ("Delete improvement action", "delete_action", "Delete in the actions list"),
    ("Submit", "submit", "ctrl+s"),
    ("Reopen as draft", "reopen", "ctrl+o"),
    ("Save now / retry / merge", "save_now", "ctrl+r"),
    ("Help: keys and the scale", "help", "F1"),
)


class PaletteScreen(Protocol):
    session: Session

    def palette_commands(self) -> list[Command]: ...

    def jump_to(self, criterion_id: str) -> None: ...


class FillCommands(CommandList):
    """Criteria and actions of the fill screen the palette was opened on."""

    def _commands(self) -> list[Command]:
        screen: PaletteScreen = self.screen  # type: ignore[assignment]
        session = getattr(screen, "session", None)
        if session is None:
            return []
        commands = list(screen.palette_commands())
        for criterion in session.criteria:
            commands.append(
                (
                    f"{criterion.id} {criterion.title}",
                    partial(screen.jump_to, criterion.id),
                    "Go to this criterion",
                )
            )
        return commands
