"""Read TOML with a compiled parser when it is safe to, so that ``tomllib`` decides only what is hard.

``tomllib`` reads strings one character at a time in Python and is the largest cost of reading a
workspace. ``toml_rs`` (the Rust ``toml`` crate behind a thin binding) reads the same files about 30
times faster. ``tomllib`` stays the reference (SPEC §4: TOML 1.0 as ``tomllib`` reads it):

- the compiled reader is asked for TOML 1.0, never 1.1 (``\\e``, ``\\x41``, multi-line inline tables,
  trailing commas and times without seconds are refused by both);
- anything it refuses, or any surprise at all, returns None and the caller reads the text with
  ``tomllib``, so an error keeps ``tomllib``'s exact message and line;
- text that could nest deeper than :data:`MAX_NESTING` is left to ``tomllib`` (a compiled parser
  recurses on the C stack: about 300 levels overflow a 512 KB thread stack and kill the process);
- ``tests/test_toml_reader.py`` checks, on random documents (TOML 1.1 syntax and CRLF included on
  purpose), edits of canonical files and the corpus, that whatever this returns is exactly what
  ``tomllib`` gives: same types, values, key order, and the same accept/reject.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from selfassess.core.names import MAX_TOML_DEPTH


def _compiled() -> Callable[..., dict[str, Any]] | None:
    """toml-rs's reader, or None: a missing or broken wheel only costs speed."""
    try:
        from toml_rs import loads
    except Exception:  # pragma: no cover - depends on the platform's wheels
        return None
    return loads


_compiled_loads = _compiled()

#: openers ``[`` and ``{`` outside table headers above which the text is left to tomllib
MAX_NESTING = MAX_TOML_DEPTH

# A table header on a line of its own with no bracket or brace in its name: its one or two openers
# close on the same line, so they can never enclose anything below them.
_HEADER = re.compile(r"^[ \t]*(\[\[?)[^\[\]{}\n]*\]\]?[ \t]*(?:#[^\n]*)?$", re.MULTILINE)


def nesting_bound(text: str) -> int:
    """An upper bound on how deep arrays and inline tables nest in ``text`` (strings not excluded)."""
    openers = text.count("[") + text.count("{")
    if openers <= MAX_NESTING:
        return openers
    in_headers = sum(len(m.group(1)) for m in _HEADER.finditer(text))
    return openers - in_headers + 2  # a header line itself nests at most two deep


def loads(text: str, strict_bound: int | None = None) -> dict[str, Any] | None:
    """What ``tomllib.loads(text)`` gives, read by the compiled parser; None: ask ``tomllib``.

    ``strict_bound`` is ``guards.nesting_bound(text)`` when the caller has it: it counts fewer headers
    than :func:`nesting_bound`, so it is never lower, and when it is within the limit this one is too."""
    if _compiled_loads is None or text.startswith("\ufeff"):
        return None  # (the compiled parser skips a byte order mark, which tomllib refuses)
    if (strict_bound is None or strict_bound > MAX_NESTING) and nesting_bound(text) > MAX_NESTING:
        return None
    try:
        table = _compiled_loads(text, toml_version="1.0.0")
    except Exception:  # refused (or anything else): tomllib decides, with its own message
        return None
    return table if type(table) is dict else None
