"""Width on a terminal in cells, not characters: wide characters (CJK, most emoji) take two cells,
combining marks and zero-width characters none. One ``fit`` cuts text to a width everywhere.

Standard library only (``unicodedata``'s East Asian widths), so the CLI need not import Rich.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ELLIPSIS = "…"


@lru_cache(maxsize=4096)
def char_cells(char: str) -> int:
    """How many cells one character takes: 0, 1 or 2."""
    code = ord(char)
    if code < 0x300:  # Latin, the common case, without asking unicodedata
        return 0 if code < 0x20 or 0x7F <= code < 0xA0 else 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if 0x1F000 <= code <= 0x1FAFF:  # emoji and pictographs: two cells in every modern terminal
        return 2
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_len(text: str) -> int:
    """The cells ``text`` takes on one line."""
    if text.isascii():
        return sum(1 for c in text if " " <= c < "\x7f") if not text.isprintable() else len(text)
    return sum(char_cells(c) for c in text)


def fit(text: str, cells: int) -> str:
    """``text`` cut to at most ``cells`` cells, an ellipsis marking the cut; never splits a wide
    character (a cut that would leaves the ellipsis one cell short of the width)."""
    if cells <= 0:
        return ""
    if cell_len(text) <= cells:
        return text
    room = cells - 1
    used = 0
    out = []
    for char in text:
        width = char_cells(char)
        if used + width > room:
            break
        out.append(char)
        used += width
    return "".join(out) + ELLIPSIS
