"""The command palette's shared part: a provider over a list of (text, callback, help) commands,
matched fuzzily and shown literally (command texts can hold criterion titles and district names)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from selfassess.tui.common.text import literal

#: (what the palette shows, what it does, a one-line help in our own words)
Command = tuple[str, Callable[[], Any], str]


def highlight(matcher: Matcher, text: str) -> Content:
    """``text`` literally, with the letters the query matched highlighted."""
    content = literal(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, content.plain)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class CommandList(Provider):
    """A provider whose commands come from :meth:`_commands`, which each screen's provider defines."""

    def _commands(self) -> list[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(literal(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), callback, text=text, help=help_text)


class ScreenCommands(CommandList):
    """The commands of the screen the palette was opened on: its ``palette_commands()``."""

    def _commands(self) -> list[Command]:
        commands = getattr(self.screen, "palette_commands", None)
        return list(commands()) if commands else []
