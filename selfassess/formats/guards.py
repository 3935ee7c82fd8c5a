"""Limits every reader applies before and after parsing: nesting depth, date-time range, file size.

Parsers recurse (tomllib and PyYAML raise RecursionError somewhere between 1,000 and 5,000 levels, and
so may any faster reader), and a date-time near year 1 or 9999 overflows when moved to UTC. Each limit
here turns such a file into one ``path:line: message`` error, like any other wrong value (SPEC §4).
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

from selfassess.core.errors import SelfAssessError
from selfassess.core.names import MAX_TOML_DEPTH

MAX_DEPTH = MAX_TOML_DEPTH
# Strings and comments, where brackets are text: TOML's four string forms (YAML's two quoted forms are
# among them) and # comments. Not a parser: it only has to find brackets outside text.
_TEXT = re.compile(
    r'"""(?:\\[\s\S]|[^\\])*?"""(?!")'
    r"|'''[\s\S]*?'''(?!')"
    r'|"(?:\\.|[^"\\\n])*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
# A table header on a line of its own, ``[name]`` or ``[[name]]`` closed as it opened, the name free of
# brackets, braces, quotes and ``#``: no string or comment can begin or end inside it, so its openers are
# either all inside a string (not brackets at all) or all outside and closed on the same line.
_HEADER_LINE = re.compile(
    r"\n[ \t]*(?:(\[)[^\[\]{}\n\"'#]*\]|(\[\[)[^\[\]{}\n\"'#]*\]\])[ \t]*(?:#[^\n]*)?(?=\n|\Z)"
)
_BRACKET = re.compile(r"[\[\]{}]")


def _max_depth(brackets: str) -> int:
    depth = deepest = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return deepest


def nesting_bound(text: str) -> int:
    """An upper bound on how deep arrays and tables nest in ``text``, as :func:`check_depth` counts
    (brackets outside strings and comments) and as any TOML parser nests: every ``[`` and ``{`` except
    those of table headers on lines of their own, which close where they open (plus the two of one
    header). Far cheaper than walking the brackets: one count, and one search when there are many."""
    openers = text.count("[") + text.count("{")
    if openers <= MAX_DEPTH:
        return openers
    in_headers = sum(len(one) + len(two) for one, two in _HEADER_LINE.findall(text))
    return openers - in_headers + 2


def check_depth(
    text: str, path: str, error: type[SelfAssessError] = SelfAssessError, bound: int | None = None
) -> None:
    """Refuse ``text`` whose arrays and tables nest deeper than :data:`MAX_DEPTH`, naming the line.

    Done before any parse, cheaply: only the brackets outside strings and comments are walked, and only
    when :func:`nesting_bound` (``bound``, when the caller has it already) allows more than the limit.
    """
    if (nesting_bound(text) if bound is None else bound) <= MAX_DEPTH:
        return
    outside = _TEXT.sub(_blank, text)
    if _max_depth(_NOT_BRACKET.sub("", outside)) <= MAX_DEPTH:
        return
    depth = 0
    for match in _BRACKET.finditer(outside):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            line = outside.count("\n", 0, match.start()) + 1
            raise error(f"arrays or tables nested more than {MAX_DEPTH} deep", path, line)


def _blank(match: re.Match[str]) -> str:
    """A string or comment replaced by its line breaks alone, so positions keep their line."""
    return "\n" * match.group().count("\n")


def utc_or_none(value: datetime) -> datetime | None:
    """``value`` in UTC (a local time taken as UTC), or None when that falls outside years 1–9999."""
    try:
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


#: the message for a date-time :func:`utc_or_none` refuses
OUT_OF_RANGE = "is out of range: in UTC it falls outside the years 1 to 9999"


def refuse_symlink(path: Path) -> None:
    """Refuse to write a repository file (``.gitattributes``, ``.gitignore``) that is a symbolic link:
    writing through it would change a file elsewhere, perhaps outside the repository."""
    if path.is_symlink():
        raise SelfAssessError(
            f"is a symbolic link (to {os.readlink(path)}); not written through. "
            "Replace it with a plain file, then run this again",
            path,
        )


#: the hint for an unknown key that a newer version might define
NEWER = "written for a newer selfassess? upgrade"
_KEY_SHAPE = re.compile(r"[a-z][a-z0-9_]*\Z")


def newer_hint(key: object) -> str:
    """``; written for a newer selfassess? upgrade`` for an unknown key shaped like one of ours
    (``[a-z][a-z0-9_]*``); nothing for junk (``''``, ``'arr'`` with quotes, ``Ünïcode``) that no
    version defines."""
    return f"; {NEWER}" if isinstance(key, str) and _KEY_SHAPE.match(key) else ""
