"""Find the line of a key in TOML source: tomllib reports no position for a value of the wrong type."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from selfassess.formats.canonical import key

_BARE = re.compile(r"[A-Za-z0-9_-]+")
#: the usual line, ``key = value`` with a bare key: read with one match instead of character by character
_SIMPLE = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=")
_HEADER = re.compile(r"^\s*(\[\[?)")
KeyPath = tuple[str | int, ...]


def _parse_key(text: str, pos: int) -> tuple[list[str], int] | None:
    """Parse a dotted key starting at ``pos``; return its parts and the position after it."""
    parts: list[str] = []
    while True:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos >= len(text):
            return None
        char = text[pos]
        if char in "\"'":
            end = pos + 1
            while end < len(text) and text[end] != char:
                end += 2 if char == '"' and text[end] == "\\" else 1
            if end >= len(text):
                return None
            raw = text[pos + 1 : end]
            parts.append(_unescape(raw) if char == '"' else raw)
            pos = end + 1
        else:
            match = _BARE.match(text, pos)
            if not match:
                return None
            parts.append(match.group())
            pos = match.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos < len(text) and text[pos] == ".":
            pos += 1
            continue
        return parts, pos


def _unescape(raw: str) -> str:
    try:
        import tomllib

        return tomllib.loads(f'k = "{raw}"')["k"]
    except Exception:
        return raw


class KeyLines:
    """Line numbers (1-based) of keys and table headers in a TOML document."""

    def __init__(self, text: str) -> None:
        self._lines: dict[KeyPath, int] = {}
        #: keys only implied by a dotted key or a header (``apple`` of ``apple.type = …``): answer a
        #: question about that very key, never stand in for a descendant as an ancestor does
        self._implied: dict[KeyPath, int] = {}
        self._scan(text)

    def _scan(self, text: str) -> None:
        table: KeyPath = ()
        arrays: dict[KeyPath, int] = {}
        closing: str | None = None
        for number, line in enumerate(text.split("\n"), start=1):
            if closing:
                if line.count(closing) % 2 == 1:
                    closing = None
                continue
            if not line:
                continue
            header = _HEADER.match(line)
            if header:
                table = self._header(line, header, arrays, number) or table
                continue
            simple = _SIMPLE.match(line)
            if simple is not None:
                keys, after = [simple.group(1)], simple.end() - 1
            else:
                parsed = _parse_key(line, 0)
                if not parsed or parsed[1] >= len(line) or line[parsed[1]] != "=":
                    continue
                keys, after = parsed
            self._add(table + tuple(keys), number)
            value = line[after + 1 :]
            for delimiter in ('"""', "'''"):
                if value.count(delimiter) % 2 == 1:
                    closing = delimiter
                    break

    def _header(
        self, line: str, header: re.Match[str], arrays: dict[KeyPath, int], number: int
    ) -> KeyPath | None:
        parsed = _parse_key(line, header.end())
        if not parsed:
            return None
        path: KeyPath = tuple(parsed[0])
        if header.group(1) == "[[":
            index = arrays.get(path, -1) + 1
            arrays[path] = index
            path = path + (index,)
        self._add(path, number)
        return path

    def _add(self, path: KeyPath, number: int) -> None:
        """``path`` and each key it implies (``apple`` of ``apple.type = …`` or ``[apple.kind]``) is
        first written at line ``number`` unless seen before: an unknown key found only there is
        reported at its line."""
        self._lines.setdefault(path, number)
        for end in range(1, len(path)):
            self._implied.setdefault(path[:end], number)

    def has(self, *path: str | int) -> bool:
        """Whether ``path`` itself (not only an ancestor) is written in the file."""
        return tuple(path) in self._lines

    def line(self, *path: str | int) -> int:
        """The line of ``path``, or of its nearest ancestor found; 1 when nothing matches."""
        probe: KeyPath = tuple(path)
        if probe not in self._lines and probe in self._implied:
            return self._implied[probe]
        while probe:
            if probe in self._lines:
                return self._lines[probe]
            probe = probe[:-1]
        return 1


def canonical_line(text: str, *path: str | int) -> int | None:
    """The line of ``criteria.<id>``, ``criteria.<id>.<key>``, ``criteria.<id>.sample.<key>`` or
    ``criteria.<id>.actions.<n>.<key>`` found directly, as selfassess (and tomli-w) write files (each
    table header on a line of its own, ``key = value`` under it), or None whenever it cannot be sure
    (another layout, a header or key that could be inside a multi-line string): then :class:`KeyLines`
    reads the file. To ask about one text many times, use :class:`CanonicalLines`."""
    return CanonicalLines(text).line(*path)


class CanonicalLines:
    """:func:`canonical_line` for one text asked many times (every warning of a file). The text is read
    once, at the first question: its lines that start with ``[`` and where its triple quotes are. Each
    answer is then a look-up, a search within the criterion's table and a count of line breaks from the
    nearest position already counted, and is exactly what searching the whole text gives (the first
    ``"\\n" + header + "\\n"``, and the parity of the triple quotes before it as ``str.count`` reads
    them)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._usable: bool | None = None
        #: where each ``\n[`` is, in order (what ends a table's keys)
        self._starts: list[int] = []
        #: each line that starts with ``[`` and ends with a line break: where its ``\n`` before it is
        self._headers: dict[str, list[int]] = {}
        #: where each triple quote is, read from the start as ``str.count`` reads them (none overlapping)
        self._quotes: list[int] = []
        #: positions whose count of line breaks before them is known, and those counts
        self._known: list[int] = [0]
        self._breaks: list[int] = [0]

    def _read(self) -> bool:
        if self._usable is None:
            text = self._text
            self._usable = "'''" not in text and "\r" not in text
            if self._usable:  # (str.find skips to what it looks for far faster than a pattern)
                starts, headers, quotes, find = self._starts, self._headers, self._quotes, text.find
                at = find("\n[")
                while at >= 0:
                    starts.append(at)
                    end = find("\n", at + 1)
                    if end < 0:  # the last line, with no line break after it: no header
                        break
                    headers.setdefault(text[at + 1 : end], []).append(at)
                    at = find("\n[", end)
                at = find('"""')
                while at >= 0:
                    quotes.append(at)
                    at = find('"""', at + 3)
        return self._usable

    def _quotes_before(self, at: int) -> int:
        """How many triple quotes ``str.count`` finds wholly before ``at``."""
        return bisect_right(self._quotes, at - 3)

    def _line_of(self, at: int) -> int:
        """``text.count("\\n", 0, at) + 1``, counted from the nearest position already counted."""
        index = bisect_right(self._known, at) - 1
        if self._known[index] == at:
            return self._breaks[index] + 1
        breaks = self._breaks[index] + self._text.count("\n", self._known[index], at)
        self._known.insert(index + 1, at)
        self._breaks.insert(index + 1, breaks)
        return breaks + 1

    def _header(self, table: str, index: int) -> int:
        """Where the ``index``-th (from 0) ``\\n<table>\\n`` is, or -1 when there are fewer, or one of
        them up to it is inside a multi-line string."""
        found = self._headers.get(table, ())
        if len(found) <= index:
            return -1
        for at in found[: index + 1]:
            if self._quotes_before(at) % 2:
                return -1
        return found[index]

    def line(self, *path: str | int) -> int | None:
        if not 2 <= len(path) <= 5 or path[0] != "criteria" or not self._read():
            return None
        if len(path) == 5:
            if path[2] != "actions" or not isinstance(path[3], int) or path[3] < 0:
                return None
            table = f"[[criteria.{key(str(path[1]))}.actions]]"
            header = self._header(table, path[3])
        elif len(path) == 4 and path[2] != "sample":
            return None
        else:
            table = f"[criteria.{key(str(path[1]))}" + (".sample]" if len(path) == 4 else "]")
            header = self._header(table, 0)
        if header < 0:
            return None
        if len(path) == 2:
            return self._line_of(header) + 1
        name = path[-1]
        if not isinstance(name, str) or not _BARE.fullmatch(name):
            return None
        start = header + len(table) + 1  # the newline that ends the header line
        following = bisect_left(self._starts, start)
        end = self._starts[following] if following < len(self._starts) else len(self._text)
        found = self._text.find(f"\n{name} = ", start, end)
        if found < 0 or (self._quotes_before(found) - self._quotes_before(start)) % 2:
            return None
        return self._line_of(found) + 1
