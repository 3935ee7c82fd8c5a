"""The one way user text reaches a widget: as literal ``Content``, never parsed as markup.

Evidence, notes, comments, names and file names can hold ``[bold]``, ``[/]`` or terminal escape
sequences; in Textual a ``[/]`` handed to a widget as a string crashes it. Every widget that shows user
text gets it through :func:`literal`.
"""

from __future__ import annotations

from textual.content import Content

from selfassess.core.textgate import visible


def literal(text: object, style: str = "") -> Content:
    """User text as ``Content`` shown exactly as typed: no markup, no escape sequences."""
    return Content.styled(visible(text), style) if style else Content(visible(text))


#: kept for callers that want the string: the text gate (``selfassess.core.textgate.visible``)
safe_text = visible
