"""The one way user text reaches a widget: as literal ``Content``, never parsed as markup.

Evidence, notes, comments, names and file names can hold ``[bold]``, ``[/]`` or terminal escape
sequences; in Textual a ``[/]`` handed to a widget as a string crashes it. Every widget that shows user
text gets it through :func:`literal`.
"""

from __future__ import annotations

import re

from textual.content import Content

# C0 controls (but tab and newline), DEL and C1 controls would drive the terminal; show them instead.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, e.g. ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}"


def safe_text(text: object) -> str:
    """``text`` as a string with control characters made visible (``\\r\\n`` kept as a line break)."""
    value = "" if text is None else str(text)
    return _CONTROL.sub(_visible, value.replace("\r\n", "\n"))


def literal(text: object, style: str = "") -> Content:
    """User text as ``Content`` shown exactly as typed: no markup, no escape sequences."""
    return Content.styled(safe_text(text), style) if style else Content(safe_text(text))
