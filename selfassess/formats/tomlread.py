"""Reading any TOML file of ours: bytes with a size limit, UTF-8 text, no merge-conflict markers, then TOML
with the line of the first error. Assessments, reviews and settings all read through here.
"""

from __future__ import annotations

import os
import re
import tomllib
from typing import Any

from selfassess.core.errors import AssessmentError
from selfassess.core.names import MAX_FILE_BYTES, megabytes
from selfassess.formats.guards import check_depth, nesting_bound
from selfassess.formats.quicktoml import loads as quick_loads
from selfassess.formats.safeio import read_regular

MAX_ASSESSMENT_BYTES = MAX_FILE_BYTES
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(\s|$)", re.MULTILINE)
_MARKERS = ("<" * 7, "=" * 7, ">" * 7)  # a cheap test before the search for them at a line start
_LONG_NUMERAL = re.compile(r"[0-9_]{4300,}")
_TOML_POSITION = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)\s*$")


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_ASSESSMENT_BYTES) -> bytes:
    """The file's bytes, refusing missing, unreadable and oversized files with a clear message."""
    try:  # non-blocking and fstat-ed first: a FIFO or device is refused before any read
        data = read_regular(path, limit)
    except FileNotFoundError:
        raise AssessmentError("no such file", path) from None
    except IsADirectoryError:
        raise AssessmentError("is a folder, not a file", path) from None
    except OSError as error:
        raise AssessmentError(f"cannot read: {error.strerror}", path) from None
    if len(data) > limit:
        raise AssessmentError(f"file is larger than {megabytes(limit)} MB", path, 1)
    return data


def decode(data: bytes, path: str) -> str:
    """UTF-8 text (a BOM is dropped); invalid bytes are refused with their line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise AssessmentError("not valid UTF-8 text", path, line) from None
    return text.removeprefix("\ufeff")


def check_text(text: str, path: str, bound: int | None = None) -> None:
    """Refuse an empty file, and one with git's conflict markers, before reading it as TOML.
    ``bound`` is ``guards.nesting_bound(text)`` when the caller has it."""
    if not text.strip():
        raise AssessmentError("empty file", path, 1)
    check_depth(text, path, AssessmentError, bound)  # before tomllib, which recurses through nesting
    if not any(marker in text for marker in _MARKERS):
        return
    conflict = _CONFLICT.search(text)
    if conflict:
        line = text.count("\n", 0, conflict.start()) + 1
        raise AssessmentError(
            "unresolved git merge conflict marker; resolve the conflict, then run validate",
            path,
            line,
        )


def parse_toml(text: str, path: str) -> dict[str, Any]:
    """The TOML table in ``text``: read by the compiled reader when it can, else (and for every error)
    by ``tomllib``, the reference (see ``quicktoml``)."""
    bound = nesting_bound(text)  # once, for the depth check and the compiled reader
    check_text(text, path, bound)
    table = quick_loads(text, bound)
    return table if table is not None else _tomllib(text, path)


def parse_with_tomllib(text: str, path: str) -> dict[str, Any]:
    """The TOML table in ``text`` read by ``tomllib`` alone; its errors name the file and line."""
    check_text(text, path)
    return _tomllib(text, path)


def _tomllib(text: str, path: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        line = None
        if position:
            line = int(position.group(1)) if position.group(1) else text.count("\n") + 1
        message = _TOML_POSITION.sub("", message)
        raise AssessmentError(f"not valid TOML: {message}", path, line) from None
    except ValueError:  # an integer of more than 4,300 digits: Python refuses to convert it
        long = _LONG_NUMERAL.search(text)
        line = text.count("\n", 0, long.start()) + 1 if long else None
        raise AssessmentError("not valid TOML: a number with more than 4,300 digits", path, line) from None
