"""Width on a terminal in cells, not characters: wide characters (CJK, most emoji) take two cells,
combining marks and zero-width characters none. One ``fit`` cuts text to a width everywhere.

Standard library only (``unicodedata``'s East Asian widths), so the CLI need not import Rich.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
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


_ZWJ, _VS16 = "\u200d", "\ufe0f"


def _is_modifier(char: str) -> bool:
    """An emoji skin tone: part of the emoji before it."""
    return "\U0001f3fb" <= char <= "\U0001f3ff"


def _is_flag_half(char: str) -> bool:
    """A regional indicator: two of them make one flag."""
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def clusters(text: str) -> Iterator[tuple[str, int]]:
    """``text`` as (characters, cells) per thing a terminal draws as one: a character with what joins
    it (combining marks, skin tones, ``VS16``, a zero-width joiner and the character after it), or a
    flag's two halves. A ``VS16`` makes a one-cell symbol two cells wide, as emoji are."""
    chars: list[str] = []
    width = 0
    joined = False
    for char in text:
        if chars and (joined or _is_modifier(char) or char in (_ZWJ, _VS16) or char_cells(char) == 0):
            chars.append(char)
            joined = char == _ZWJ
            if char == _VS16:
                width = max(width, 2)
            continue
        if chars and _is_flag_half(char) and len(chars) == 1 and _is_flag_half(chars[0]):
            chars.append(char)
            continue
        if chars:
            yield "".join(chars), width
        chars, width, joined = [char], char_cells(char), False
        if _is_modifier(char):
            width = 0
    if chars:
        yield "".join(chars), width


def cell_len(text: str) -> int:
    """The cells ``text`` takes on one line."""
    if text.isascii():
        return sum(1 for c in text if " " <= c < "\x7f") if not text.isprintable() else len(text)
    return sum(width for _, width in clusters(text))


def fit(text: str, cells: int) -> str:
    """``text`` cut to at most ``cells`` cells, an ellipsis marking the cut; never splits a wide
    character or an emoji sequence (a cut that would leaves the ellipsis one cell short of the width)."""
    if cells <= 0:
        return ""
    if cell_len(text) <= cells:
        return text
    room = cells - 1
    used = 0
    out = []
    for chars, width in clusters(text):
        if used + width > room:
            break
        out.append(chars)
        used += width
    return "".join(out) + ELLIPSIS


def pad(text: str, cells: int) -> str:
    """``text`` fitted to ``cells`` and filled with spaces to exactly that many cells (a column)."""
    fitted = fit(text, cells)
    return fitted + " " * (cells - cell_len(fitted))
