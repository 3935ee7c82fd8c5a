"""Read the canonical form selfassess writes with a few regular expressions; anything else is None.

``tomllib`` reads strings one character at a time in Python, which makes it the largest cost of reading
a workspace. Files selfassess writes have one fixed form (``canonical.py``), and this module reads that
form in bulk. It does not have to be a TOML parser, and is not one: ``store.parse_assessment`` trusts
what it returns only when rendering the result gives back the file's exact text. Rendered text always
reads back through ``tomllib`` to the same values (checked on every save and by property tests), so a
file equal to it means the same either way. Everything else (hand edits, other TOML styles, errors)
goes through ``tomllib``, so errors keep their exact message and line.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

_KEY = r"[A-Za-z0-9_-]+"
_ITEM = re.compile(
    rf"""
    (?P<key>{_KEY})\ =\ (?:
        \"\"\"\n(?P<multi>(?:[^"\\]++|\\.|"(?!""))*+)\"\"\"
      | "(?P<one>(?:[^"\\\n]++|\\.)*+)"
      | (?P<stamp>\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ)
      | (?P<day>\d{{4}}-\d\d-\d\d)
      | (?P<number>[1-9]\d{{0,8}}|0)
      | (?P<flag>true|false)
    )\n
    | \n\[criteria\.(?P<table>{_KEY})\]\n
    | \n\[\[criteria\.(?P<actions>{_KEY})\.actions\]\]\n
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\(?:([btnfr\"\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")
_SHORT = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _unescape(match: re.Match[str]) -> str:
    short, four, eight = match.groups()
    return _SHORT[short] if short else chr(int(four or eight, 16))


def _string(raw: str) -> str:
    if "\\" not in raw:
        return raw
    return _ESCAPE.sub(_unescape, raw)  # an escape TOML does not know stays, and fails the check


def _value(match: re.Match[str]) -> Any:
    kind = match.lastgroup
    raw = match.group(kind)
    if kind == "multi" or kind == "one":
        return _string(raw)
    if kind == "stamp":
        return datetime.strptime(raw, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    if kind == "day":
        return date.fromisoformat(raw)
    if kind == "number":
        return int(raw)
    return raw == "true"


def canonical_table(text: str) -> dict[str, Any] | None:
    """What ``tomllib.loads(text)`` gives, for text in the canonical form of an assessment; else None.

    May also return a wrong table for text that merely looks canonical: callers must check, as
    ``store.parse_assessment`` does, that the table renders back to ``text``.
    """
    top: dict[str, Any] = {}
    criteria: dict[str, Any] = {}
    current = top
    position = 0
    end = len(text)
    match_at = _ITEM.match
    try:
        while position < end:
            match = match_at(text, position)
            if match is None:
                return None
            position = match.end()
            name = match.group("key")
            if name is not None:
                if name in current:
                    return None
                current[name] = _value(match)
            elif match.group("table") is not None:
                name = match.group("table")
                if name in criteria:
                    return None
                current = criteria[name] = {}
            else:
                name = match.group("actions")
                table = criteria.get(name)
                if table is None or current is top:
                    return None
                actions = table.setdefault("actions", [])
                if not isinstance(actions, list):
                    return None
                current = {}
                actions.append(current)
    except (ValueError, OverflowError):  # an impossible date, a code point beyond Unicode
        return None
    if criteria:
        if "criteria" in top:
            return None
        top["criteria"] = criteria
    return top
