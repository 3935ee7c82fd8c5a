"""The one gate for text on its way to a person: characters that would drive a terminal are made visible.

A file arrives by ``git pull`` from somebody else, so any byte in it may be hostile: an evidence line
holding ``ESC ] 0 ; … BEL`` retitles the terminal, ``ESC [ 2 J`` clears it, U+009B is a one-character
CSI, and bidi overrides reorder what is read. Every human-readable output (command output, errors,
reports, screens) passes its text through :func:`visible`, whether it goes to a terminal or a pipe.
JSON output uses :func:`json_text` (``\\uXXXX`` escapes); CSV and xlsx keep the data as it is.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides and isolates (SPEC §6).
GATED = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_GATED = re.compile(f"[{GATED}]")
# The codes our own styling writes (terminal.style through click.style): reset, bold, dim, a named or
# 24-bit foreground colour. Kept when colour is on; any other sequence (conceal, clear, title) is not.
_OUR_SGR = re.compile(r"\x1b\[(?:[012]|3[0-7]|9[0-7]|38;2;[0-9]{1,3};[0-9]{1,3};[0-9]{1,3})m")
_NAMES = {0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO"}
_NAMES.update({0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI"})


def placeholder(char: str) -> str:
    """The visible stand-in for one gated character: ␛ for ESC, ␡ for DEL, ``\\x9b``, ``<RLO>``."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode Control Pictures: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return f"<{_NAMES[code]}>"


def _replace(match: re.Match[str]) -> str:
    return placeholder(match.group())


def has_gated(text: str) -> bool:
    """Whether ``text`` holds anything :func:`visible` would change (``\\r\\n`` aside)."""
    return _GATED.search(text.replace("\r\n", "\n")) is not None


def visible(text: object) -> str:
    """``text`` as a string safe to show: ``\\r\\n`` as a line break, every gated character visible."""
    value = "" if text is None else str(text)
    if value.isascii() and value.isprintable():
        return value  # the usual case, checked cheaply
    return _GATED.sub(_replace, value.replace("\r\n", "\n"))


def visible_styled(text: str) -> str:
    """Like :func:`visible`, but keeping colour codes (``ESC [ … m``) that our own styling wrote.

    Only for whole lines built by our renderers, whose user-text parts have already been through
    :func:`visible` (so an escape left in them here can only be ours).
    """
    pieces = _OUR_SGR.split(text)
    codes = _OUR_SGR.findall(text)
    out = [visible(pieces[0])]
    for code, piece in zip(codes, pieces[1:], strict=True):
        out += [code, visible(piece)]
    return "".join(out)


def json_text(value: Any, indent: int | None = 2) -> str:
    """``value`` as JSON with every gated character written as a ``\\uXXXX`` escape (data unchanged)."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return _GATED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def for_editor(text: str) -> str:
    """What an editor widget shows of ``text``: the text itself, or with gated characters visible.

    An editor measures and draws its own text, so placeholders cannot be drawn over the characters:
    such text is loaded with its placeholders, and :func:`from_editor` maps it back.
    """
    return visible(text) if has_gated(text) else text


def from_editor(shown: str, original: str) -> str:
    """What to save from an editor that was loaded with ``for_editor(original)`` and now shows
    ``shown``: the original characters while unedited, else what it shows (SPEC §6)."""
    return original if shown == for_editor(original) else shown
