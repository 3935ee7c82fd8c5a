"""Command palette (ctrl+p) of the review screen: go to any criterion or district; run every command."""

from __future__ import annotations

from typing import Protocol

from selfassess.tui.common.palette import Command, CommandList


class PaletteScreen(Protocol):
    def palette_commands(self) -> list[Command]: ...


class ReviewCommands(CommandList):
    """Criteria, districts and commands of the review screen the palette was opened on."""

    def _commands(self) -> list[Command]:
        screen: PaletteScreen = self.screen  # type: ignore[assignment]
        commands = getattr(screen, "palette_commands", None)
        return list(commands()) if commands else []
