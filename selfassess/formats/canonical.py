"""The pieces of our canonical TOML: keys, strings, dates and times, written the same way every time.

tomli-w cannot give this form (it writes inline action tables, ``+00:00`` offsets, and its multi-line
strings turn ``\\r\\n`` into ``\\n``), so assessments and reviews are written with these few functions.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+\Z")
# Control characters TOML does not allow raw in a basic string; \t is allowed, \n handled by callers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Up to two quotes in a row are fine inside """...""", but never three, nor any at the very end. One
# pass: a run escaped once must not be escaped again (its last quote would lose its backslash).
_QUOTE_RUN = re.compile(r'"{3,}|"+\Z')
_SHORT_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def key(name: str) -> str:
    """A key, bare where TOML allows it, else a quoted basic string."""
    return name if _BARE_KEY.match(name) else basic_string(name)


def _escape_control(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _clean(text: str) -> str:
    """Lone surrogates (which cannot be stored as UTF-8, and never come from typed text) replaced,
    and control characters escaped; the checks are skipped for plain ASCII text, the usual case."""
    if text.isascii():
        if text.replace("\n", "").replace("\t", "").isprintable():
            return text
    else:
        text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub(_escape_control, text)


def storable(text: str) -> str:
    """``text`` as it will be stored: a lone surrogate (not encodable as UTF-8) becomes U+FFFD."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def basic_string(text: str) -> str:
    """A one-line ``"..."`` string."""
    text = _clean(text.replace("\\", "\\\\").replace('"', '\\"'))
    return '"' + text.replace("\n", "\\n").replace("\t", "\\t") + '"'


def _escape_quote_runs(text: str) -> str:
    if '"""' in text or text.endswith('"'):
        text = _QUOTE_RUN.sub(_escape_quotes, text)
    return text


def _escape_quotes(match: re.Match[str]) -> str:
    return '\\"' * len(match.group())


def multiline_string(text: str) -> str:
    """A ``\"\"\"`` string, one source line per text line, so a diff shows the changed line."""
    text = _clean(text.replace("\\", "\\\\"))
    return '"""\n' + _escape_quote_runs(text) + '"""'


def string(text: str) -> str:
    """A string value: multi-line when the text has line breaks."""
    return multiline_string(text) if "\n" in text else basic_string(text)


def local_date(value: date) -> str:
    return value.isoformat()


def utc_datetime(value: datetime) -> str:
    """``2026-11-23T10:15:00Z``: UTC, whole seconds."""
    return to_utc(value).replace(tzinfo=None).isoformat() + "Z"  # strftime's %Y drops leading zeros


def to_utc(value: datetime) -> datetime:
    """Any date-time as UTC with whole seconds; a local (naive) time is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0)


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def boolean(value: bool) -> str:
    return "true" if value else "false"
