"""``inspections/<id>.yaml`` → :class:`~selfassess.core.inspection.Inspection`, refused like a framework:
one ``path:line:column: message`` for the first problem.

The YAML machinery (a composer that refuses tags, anchors and deep nesting, readers that keep each
node's position) is the framework reader's; this module only states the schema of an inspection.
"""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Any

from yaml.nodes import Node, ScalarNode

from selfassess.core.errors import FrameworkError, InspectionError
from selfassess.core.ids import CRITERION_RE, SLUG_RE
from selfassess.core.inspection import ITEM_KINDS, Closure, Inspection, InspectionItem, Source
from selfassess.formats.criteria import (
    _TAG,
    MAX_FRAMEWORK_BYTES,
    URL_RE,
    _compose,
    _decode,
    _describe,
    _not_blank,
    _pattern,
    _position,
    _Reader,
    _Schema,
    _string,
    _strings,
)

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ITEM_FORM = "letters, digits, '.', '_' and '-', starting with a letter or digit, at most 40 characters"
_SLUG_FORM = "lower-case letters, digits and '-', starting with a letter or digit, at most 40 characters"


class _InspectionReader(_Reader):
    def fail(self, where: Any, message: str) -> InspectionError:  # type: ignore[override]
        return InspectionError(message, self.path, *_position(where))


def _date(reader: _Reader, node: Node, label: str) -> date:
    """A date written ``YYYY-MM-DD`` (YAML reads it as a timestamp; quoted, it is a string)."""
    text = (
        node.value if isinstance(node, ScalarNode) and node.tag in (_TAG + "timestamp", _TAG + "str") else ""
    )
    if _DATE_RE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise reader.fail(node, f"{label} must be a date (YYYY-MM-DD), not {_describe(node)}")


def _one_of(choices: tuple[str, ...]) -> Any:
    def check(reader: _Reader, node: Node, value: str, label: str) -> None:
        if value not in choices:
            raise reader.fail(node, f"{label} {value!r} is not one of: {', '.join(choices)}")

    return check


def _source(reader: _Reader, node: Node, label: str) -> Source:
    return Source(**reader.read(node, _SOURCE))


def _items(reader: _Reader, node: Node, label: str) -> list[tuple[dict[str, Any], int]]:
    items = reader.items(node, label)
    if not items:
        raise reader.fail(node, f"{label} is empty: an inspection needs at least one item")
    found = []
    seen: dict[str, int] = {}
    for item in items:
        values = reader.read(item, _ITEM)
        line = _position(item)[0]
        if values["id"] in seen:
            raise reader.fail(
                item, f"duplicate item id {values['id']!r} (first at line {seen[values['id']]})"
            )
        seen[values["id"]] = line
        found.append((values, line))
    return found


def _closed(reader: _Reader, node: Node, label: str) -> list[tuple[dict[str, Any], int]]:
    return [(reader.read(item, _CLOSED), _position(item)[0]) for item in reader.items(node, label)]


_SOURCE = _Schema(
    "source",
    {"title": _string(_not_blank), "url": _string(_pattern(URL_RE, "a web address"))},
    ("title", "url"),
)
_ITEM = _Schema(
    "item",
    {
        "id": _string(_pattern(CRITERION_RE, _ITEM_FORM)),
        "kind": _string(_one_of(ITEM_KINDS)),
        "text": _string(_not_blank),
        "due": _date,
        "criteria": _strings(_pattern(CRITERION_RE, _ITEM_FORM)),
        "units": _strings(_pattern(SLUG_RE, _SLUG_FORM)),
    },
    ("id", "kind", "text"),
)
_CLOSED = _Schema(
    "closed entry",
    {"item": _string(_not_blank), "date": _date, "by": _string(_not_blank), "reason": _string(_not_blank)},
    ("item", "date", "by", "reason"),
)
_INSPECTION = _Schema(
    "inspection",
    {
        "inspection": _string(_pattern(SLUG_RE, _SLUG_FORM)),
        "title": _string(_not_blank),
        "published": _date,
        "source": _source,
        "items": _items,
        "closed": _closed,
    },
    ("inspection", "title", "items"),
)


def load_inspection(path: str | os.PathLike[str], name: str | None = None) -> Inspection:
    """Read and check ``path`` (called ``name`` in messages); raise :class:`InspectionError` on bad
    input."""
    name = name or os.fspath(path)
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_FRAMEWORK_BYTES + 1)
    except OSError as error:
        raise InspectionError(f"cannot read inspection file: {error.strerror or error}", name) from None
    return parse_inspection(data, name)


def parse_inspection(data: bytes, path: str = "<string>") -> Inspection:
    if len(data) > MAX_FRAMEWORK_BYTES:
        raise InspectionError("inspection file is larger than 1 MB", path)
    try:
        root = _compose(_decode(data, path), path)
    except FrameworkError as error:
        message = error.message.replace("framework file", "inspection file")
        raise InspectionError(message, error.path, error.line, error.column) from None
    reader = _InspectionReader(path)
    values = reader.read(root, _INSPECTION)
    inspection_id = values["inspection"]
    stem = os.path.basename(path).removesuffix(".yaml")
    if path != "<string>" and stem != inspection_id:
        raise reader.fail(root, f"inspection {inspection_id!r} does not match the file name ({stem}.yaml)")
    items = tuple(InspectionItem(inspection=inspection_id, line=line, **v) for v, line in values["items"])
    known = {item.id for item in items}
    closed = []
    for entry, line in values.get("closed", []):
        if entry["item"] not in known:
            raise InspectionError(f"closed names unknown item {entry['item']!r}", path, line)
        closed.append(Closure(line=line, **entry))
    return Inspection(
        id=inspection_id,
        title=values["title"],
        items=items,
        published=values.get("published"),
        source=values.get("source"),
        closed=tuple(closed),
        path=path,
    )
