"""Standard output and error that never fail on a character: UTF-8, or ASCII stand-ins for our symbols.

Windows gives redirected output the legacy code page (cp1252, cp437), which has no ``▲``, ``→`` or
``…``: such output becomes UTF-8. A terminal, or an encoding the user chose (``PYTHONIOENCODING``),
keeps its encoding and shows ASCII stand-ins (``^``, ``->``, ``...``) for what it cannot encode.
The Windows console itself takes any character: Python writes to it in UTF-16.
"""

from __future__ import annotations

import codecs
import os
import sys
from typing import IO

FALLBACK = "selfassess-ascii"
#: the symbols our outputs use, and what a console without them shows instead
STAND_INS = {
    "▲": "^", "▼": "v", "→": "->", "←": "<-", "—": "--", "–": "-", "·": "*", "•": "*", "…": "...",
    "∅": "(n/a)", "○": "o", "×": "x", "✓": "v", "✗": "x", "⚠": "!", "≥": ">=", "≤": "<=", "±": "+/-",
    "‘": "'", "’": "'", "“": '"', "”": '"', "█": "#", "░": ".", "▌": "|", "─": "-", "│": "|", "␛": "^[",
}  # fmt: skip


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(STAND_INS.get(c, "?") for c in text), error.end


codecs.register_error(FALLBACK, _stand_in)


def prepare(streams: tuple[IO[str], ...] | None = None) -> None:
    """Make ``streams`` (stdout and stderr) write any text: call before the first output."""
    for stream in streams if streams is not None else (sys.stdout, sys.stderr):
        _prepare(stream)


def _prepare(stream: IO[str] | None) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    encoding = str(getattr(stream, "encoding", None) or "")
    if reconfigure is None or codecs.lookup(encoding or "ascii").name == "utf-8":
        return
    try:
        terminal = bool(stream.isatty())  # type: ignore[union-attr]
        if terminal or os.environ.get("PYTHONIOENCODING"):
            reconfigure(errors=FALLBACK)
        else:
            reconfigure(encoding="utf-8")
    except (OSError, ValueError, LookupError):  # closed, detached or unknown: leave it as it is
        return
