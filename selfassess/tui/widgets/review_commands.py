"""Command palette (ctrl+p) of the review screen: go to any criterion or district; run every command."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..text import literal
from .fill_commands import highlight

#: (what the palette shows, what it does, a one-line help in our own words)
Command = tuple[str, Callable[[], Any], str]


class PaletteScreen(Protocol):
    def palette_commands(self) -> list[Command]: ...


class ReviewCommands(Provider):
    """Criteria, districts and commands of the review screen the palette was opened on."""

    def _commands(self) -> list[Command]:
        screen: PaletteScreen = self.screen  # type: ignore[assignment]
        commands = getattr(screen, "palette_commands", None)
        return list(commands()) if commands else []

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(literal(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), callback, text=text, help=help_text)
