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


def markdown_cell(text: str) -> str:
    """File text (a grade's label or meaning) fit for a cell of a Markdown help table: through the
    text gate, on one line, with the characters that would end the cell or start code escaped."""
    escaped = visible(text).replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    escaped = escaped.replace("<", "\\<")  # a placeholder such as <RLO> is text, not an HTML tag
    return " ".join(escaped.split())
