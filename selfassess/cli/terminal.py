"""Plain or coloured terminal text: colour only on a terminal, never with ``NO_COLOR``.

Everything printed goes through the text gate (``textgate``): no character from a file drives the
terminal, whether stdout is a terminal or a pipe.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import IO

import click

from selfassess.core.cells import fit as fit_cells
from selfassess.core.textgate import visible, visible_styled

_HEX = "0123456789abcdefABCDEF"
_CLICK_NAMES = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright_black", "bright_red", "bright_green", "bright_yellow", "bright_blue", "bright_magenta",
    "bright_cyan", "bright_white",
}  # fmt: skip


def colour_enabled(stream: IO[str] | None = None) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def click_colour(colour: str) -> str | tuple[int, int, int] | None:
    """A framework colour (a name or ``#rrggbb``) as click understands it, or None."""
    colour = colour.strip()
    if len(colour) == 7 and colour.startswith("#") and all(c in _HEX for c in colour[1:]):
        return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
    name = colour.lower()
    return name if name in _CLICK_NAMES else None


def style(text: str, colour: str | None = None, bold: bool = False, dim: bool = False) -> str:
    """``text`` made visible (the gate), and styled when stdout is a colour terminal."""
    text = visible(text)
    if not colour_enabled():
        return text
    fg = click_colour(colour) if colour else None
    return click.style(text, fg=fg, bold=bold or None, dim=dim or None)


def echo(text: str = "", err: bool = False) -> None:
    """Print a line of human-readable output (or JSON from ``textgate.json_text``) through the gate."""
    colour = colour_enabled(sys.stderr if err else sys.stdout)
    click.echo(visible_styled(text) if colour else visible(text), err=err, color=colour)


def echo_lines(texts: Iterable[str], err: bool = False, per_write: int = 500) -> None:
    """Print each of ``texts`` as :func:`echo` prints a line, ``per_write`` lines at a time (one flush
    for hundreds of findings, not one each; little held at once)."""
    colour = colour_enabled(sys.stderr if err else sys.stdout)
    gate = visible_styled if colour else visible
    chunk: list[str] = []
    for text in texts:
        chunk.append(gate(text))
        if len(chunk) == per_write:
            click.echo("\n".join(chunk), err=err, color=colour)
            chunk = []
    if chunk:
        click.echo("\n".join(chunk), err=err, color=colour)


class GatedStream:
    """A text stream whose writes pass through the gate (for messages click prints itself)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(visible(text))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def fit(text: str, width: int) -> str:
    """``text`` through the gate, then cut to ``width`` characters, an ellipsis marking the cut (gated
    before measuring; on a colour terminal ``echo`` keeps our colour codes)."""
    return fit_cells(visible(text), width)
