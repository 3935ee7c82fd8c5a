"""YAML → Framework, with positions kept for error messages."""

from __future__ import annotations

import codecs
import difflib
import hashlib
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from selfassess.core.cells import fit
from selfassess.core.errors import FrameworkError
from selfassess.core.ids import CRITERION_RE, GRADE_RE, SLUG_RE
from selfassess.core.model import (
    UNRATED,
    Criterion,
    Framework,
    Grade,
    Reference,
    RetiredCriterion,
    SampleRule,
    Theme,
)
from selfassess.core.names import MAX_FRAMEWORK_BYTES, MAX_FRAMEWORK_DEPTH
from selfassess.formats.guards import newer_hint
from selfassess.formats.safeio import read_regular

MIN_GRADES, MAX_GRADES = 2, 9
#: a framework is six levels deep; anything far deeper is a mistake or an attack on the composer
MAX_DEPTH = MAX_FRAMEWORK_DEPTH
COLOUR_RE = re.compile(r"[A-Za-z]+|#[0-9A-Fa-f]{6}")
#: a reference's address: a web page, nothing a browser would run or open locally
URL_RE = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)
#: said of an unknown key that is no typo: the file may come from a later version of the tool
NEWER = "written for a newer selfassess? upgrade"

_TAG = "tag:yaml.org,2002:"
#: a criterion's weight is above 0 and at most this
MAX_WEIGHT = 100
#: the longest numeral converted to a number (longer ones are refused before conversion)
MAX_NUMERAL = 32
_STR = _TAG + "str"
_NULL = _TAG + "null"
#: what YAML 1.1 made of a plain scalar, for "X was read as ..." (numbers and booleans are shown)
_READ_AS = {"null": "null (nothing)", "timestamp": "a date", "merge": "a merge key"}
_AT_MOST_40 = "starting with a letter or digit, at most 40 characters"
_SLUG_FORM = f"lower-case letters, digits and '-', {_AT_MOST_40}"
_GRADE_FORM = "lower-case letters, digits and '-', starting with a letter"
_CRITERION_FORM = f"letters, digits, '.', '_' and '-', {_AT_MOST_40}"
_COLOUR_FORM = 'a colour name (letters only) or "#rrggbb"'
_EMPTY_HINT = {"colour": ' (a "#" starts a YAML comment: quote it, as in colour: "#ffbf00")'}

Position = tuple[int, int]


def load_framework(path: str | os.PathLike[str]) -> Framework:
    """Read and check the framework file at ``path``; raise :class:`FrameworkError` on bad input."""
    name = os.fspath(path)
    try:  # non-blocking and fstat-ed first: a FIFO or device is refused before any read
        data = read_regular(name, MAX_FRAMEWORK_BYTES)
    except OSError as error:
        reason = error.strerror or error
        raise FrameworkError(f"cannot read framework file: {reason}", name) from None
    return parse_framework(data, name)


def parse_framework(text_or_bytes: str | bytes, path: str = "<string>") -> Framework:
    """Check YAML text (or UTF-8 bytes) and build the :class:`Framework` it describes."""
    if isinstance(text_or_bytes, str):
        data = text_or_bytes.encode("utf-8", "surrogatepass")
    else:
        data = bytes(text_or_bytes)
    if len(data) > MAX_FRAMEWORK_BYTES:
        raise _too_large(path)
    root = _compose(_decode(data, path), path)
    values = _Reader(path).read(root, _FRAMEWORK)
    sha256 = hashlib.sha256(data).hexdigest()
    return Framework(id=values.pop("framework"), **values, path=path, sha256=sha256)


# -- bytes → text → nodes ---------------------------------------------------------------------


def _too_large(path: str) -> FrameworkError:
    return FrameworkError("framework file is larger than 1 MB", path)


def _decode(data: bytes, path: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FrameworkError("the file is UTF-16 text; save it as UTF-8", path, 1, 1)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[start : error.start].decode("utf-8", "replace")) + 1
        bad = data[error.start]
        message = f"the file is not valid UTF-8 (byte 0x{bad:02x}); save it as UTF-8"
        raise FrameworkError(message, path, line, column) from None


class _Refused(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _Composer(yaml.SafeLoader):
    """Builds the node tree only, refusing tags, anchors and deep nesting before anything else."""

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if event.anchor is not None:
            raise _Refused(event.start_mark, "anchors and aliases are not allowed")
        if getattr(event, "tag", None) is not None:
            tag = event.tag.replace(_TAG, "!!")
            raise _Refused(event.start_mark, f"YAML tags are not allowed (found {tag})")
        if self.depth >= MAX_DEPTH:
            raise _Refused(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(text: str, path: str) -> Node:
    try:
        composer = _Composer(text)
        composer.get_event()  # the stream start
        root = None if composer.check_event(yaml.StreamEndEvent) else composer.compose_document()
        if not composer.check_event(yaml.StreamEndEvent):
            mark = composer.peek_event().start_mark
            raise _Refused(mark, "more than one YAML document: a framework file holds one")
    except _Refused as error:
        raise FrameworkError(error.message, path, *_position(error.mark)) from None
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, path) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - text.rfind("\n", 0, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        message = f"character {code:#06x} is not allowed in YAML"
        raise FrameworkError(message, path, line, column) from None
    if root is None or _is_blank(root):
        raise FrameworkError("empty framework file", path, 1, 1)
    return root


def _syntax_error(error: yaml.MarkedYAMLError, path: str) -> FrameworkError:
    mark = error.problem_mark or error.context_mark
    message = f"YAML syntax error: {error.problem or error.context}"
    if error.problem and error.context and error.context_mark:
        message += f" ({error.context} at line {error.context_mark.line + 1})"
    return FrameworkError(message, path, *(_position(mark) if mark else (None, None)))


# -- describing nodes -------------------------------------------------------------------------


def _position(where: Node | yaml.Mark) -> Position:
    mark = getattr(where, "start_mark", where)
    return mark.line + 1, mark.column + 1


def _is_blank(node: Node) -> bool:
    """An empty value (``key:`` with nothing after it)."""
    return isinstance(node, ScalarNode) and node.tag == _NULL and node.value == ""


def _value(node: ScalarNode) -> Any:
    """What YAML 1.1 makes of a scalar (only for messages and numbers: nothing else is built).

    A numeral longer than :data:`MAX_NUMERAL` stays its text: no number a framework holds is that long,
    and converting one (``1`` and 400 zeros, ``0x`` and 2,000 ``f``) overflows a float or Python's
    limit on digits."""
    if node.tag in (_TAG + "int", _TAG + "float") and len(node.value) > MAX_NUMERAL:
        return node.value
    try:
        return SafeConstructor().construct_object(node)
    except (yaml.YAMLError, ValueError):
        return node.value


def _quoted(text: str, limit: int = 60) -> str:
    text = fit(text, limit)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _read_as(node: ScalarNode) -> str:
    kind = node.tag.removeprefix(_TAG)
    if kind == "bool":
        return f"{node.value} was read as {'true' if _value(node) else 'false'}"
    if kind in ("int", "float"):
        return f"{_value(node)} was read as a number"
    return f"{node.value} was read as {_READ_AS.get(kind, kind)}"


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if _is_blank(node):
        return "nothing"
    return f"the string {_quoted(node.value)}" if node.tag == _STR else _quoted(node.value)[1:-1]


# -- nodes → values ---------------------------------------------------------------------------


class _Reader:
    """Turns checked nodes into values, remembering ids and grades for the checks across fields."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.grades: tuple[str, ...] = ()
        self.claimed: dict[tuple[str, str], tuple[Node, str]] = {}

    def fail(self, where: Node | yaml.Mark, message: str) -> FrameworkError:
        return FrameworkError(message, self.path, *_position(where))

    def text(self, node: Node, label: str, key: str | None = None) -> str:
        """The string in ``node``; anything YAML read as another type is refused with advice."""
        if isinstance(node, ScalarNode) and node.tag == _STR:
            return node.value
        if not isinstance(node, ScalarNode):
            raise self.fail(node, f"{label} must be a string, not {_describe(node)}")
        if _is_blank(node):
            hint = _EMPTY_HINT.get(label, "")
            raise self.fail(node, f"{label} must be a string, but it is empty{hint}")
        written = f"{key}: {_quoted(node.value)}" if key else _quoted(node.value)
        raise self.fail(node, f"{label} must be a string: {_read_as(node)}; quote it: {written}")

    def items(self, node: Node, label: str) -> list[Node]:
        if _is_blank(node):
            return []
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{label} must be a list, not {_describe(node)}")
        return node.value

    def pairs(
        self,
        node: Node,
        expected: str,
        blank_ok: bool = False,
    ) -> dict[str, tuple[Node, Node]]:
        """Key → (key node, value node); refuses a non-mapping and duplicate or non-string keys."""
        if blank_ok and _is_blank(node):
            return {}
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{expected}; found {_describe(node)}")
        pairs: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = self.text(key_node, "a key")
            if key in pairs:
                first = _position(pairs[key][0])[0]
                raise self.fail(key_node, f"duplicate key {key!r} (first at line {first})")
            pairs[key] = (key_node, value_node)
        return pairs

    def read(self, node: Node, schema: _Schema) -> dict[str, Any]:
        """The fields of the mapping ``node``, checked and converted in the schema's order."""
        allowed = ", ".join(schema.fields)
        pairs = self.pairs(node, f"a {schema.noun} must be a mapping with keys {allowed}")
        for key, (key_node, _) in pairs.items():
            if key not in schema.fields:
                close = difflib.get_close_matches(key, schema.fields, n=1)
                guess = f"did you mean {close[0]!r}? " if close else ""
                newer = "" if close or not newer_hint(key) else f" ({NEWER})"
                message = f"unknown key {key!r} in {schema.noun}; {guess}allowed: {allowed}{newer}"
                raise self.fail(key_node, message)
        for name in schema.required:
            if name not in pairs:
                raise self.fail(node, f"{schema.noun} is missing required key {name!r}")
        return {
            name: convert(self, pairs[name][1], f"{schema.noun} id" if name == "id" else name)
            for name, convert in schema.fields.items()
            if name in pairs
        }

    def claim(self, namespace: str, value: str, node: Node, what: str) -> None:
        """Refuse a second use of ``value`` among ids of one kind, at the later of the two."""
        first = self.claimed.setdefault((namespace, value), (node, what))
        if first[0] is node:
            return
        earlier, later = sorted((first, (node, what)), key=lambda claim: _position(claim[0]))
        line = _position(earlier[0])[0]
        raise self.fail(later[0], f"duplicate {later[1]} {value!r} (first at line {line})")


# -- field converters: (reader, value node, field name) → value, built from small checks -------

_Convert = Callable[[_Reader, Node, str], Any]
_Check = Callable[[_Reader, Node, str, str], None]


def _string(*checks: _Check) -> _Convert:
    def convert(reader: _Reader, node: Node, label: str) -> str:
        value = reader.text(node, label, key=label.split()[-1])
        for check in checks:
            check(reader, node, value, label)
        return value

    return convert


def _strings(*checks: _Check) -> _Convert:
    def convert(reader: _Reader, node: Node, label: str) -> tuple[str, ...]:
        values = []
        for item in reader.items(node, label):
            value = reader.text(item, f"{label} item")
            for check in checks:
                check(reader, item, value, f"{label} item")
            values.append(value)
        return tuple(values)

    return convert


def _pattern(regex: re.Pattern[str], form: str) -> _Check:
    def check(reader: _Reader, node: Node, value: str, label: str) -> None:
        if not regex.fullmatch(value):
            raise reader.fail(node, f"{label} {_quoted(value)} is not valid: {form}")

    return check


def _claim(namespace: str, what: str) -> _Check:
    def check(reader: _Reader, node: Node, value: str, label: str) -> None:
        reader.claim(namespace, value, node, what)

    return check


def _not_blank(reader: _Reader, node: Node, value: str, label: str) -> None:
    if not value.strip():
        raise reader.fail(node, f"{label} must not be empty")


def _not_unrated(reader: _Reader, node: Node, value: str, label: str) -> None:
    if value == UNRATED:
        raise reader.fail(node, f"{label} {value!r} is reserved: it means not yet rated")


def _in_scale(reader: _Reader, node: Node, value: str, label: str) -> None:
    if value not in reader.grades:
        grades = ", ".join(reader.grades)
        raise reader.fail(node, f"{label} {value!r} is not a grade of the scale ({grades})")


def _weight(reader: _Reader, node: Node, label: str) -> float:
    number = isinstance(node, ScalarNode) and node.tag in (_TAG + "int", _TAG + "float")
    value = _value(node) if number else None  # a numeral too long to be a weight stays a string
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= MAX_WEIGHT:
        raise reader.fail(
            node, f"{label} must be a number above 0 and at most {MAX_WEIGHT}, not {_describe(node)}"
        )
    return value


def _levels(reader: _Reader, node: Node, label: str) -> MappingProxyType[str, str]:
    levels = {}
    pairs = reader.pairs(node, f"{label} must be a mapping of grade ids to texts", blank_ok=True)
    for grade, (key_node, value_node) in pairs.items():
        _in_scale(reader, key_node, grade, f"{label} key")
        levels[grade] = reader.text(value_node, f"{label}.{grade}", key=grade)
    return MappingProxyType(levels)


def _minimum(reader: _Reader, node: Node, label: str) -> int:
    value = _value(node) if isinstance(node, ScalarNode) and node.tag == _TAG + "int" else None
    if value is None or value < 1:
        raise reader.fail(node, f"{label} must be a whole number of cases, at least 1, not {_describe(node)}")
    return int(value)


def _share(reader: _Reader, node: Node, label: str) -> float:
    number = isinstance(node, ScalarNode) and node.tag in (_TAG + "int", _TAG + "float")
    value = _value(node) if number else None
    if value is None or not math.isfinite(value) or not 0 < value <= 1:
        within = "above 0 and at most 1 (0.9 for 90%)"
        raise reader.fail(node, f"{label} must be a share of cases {within}, not {_describe(node)}")
    return float(value)


def _thresholds(reader: _Reader, node: Node, label: str) -> MappingProxyType[str, float]:
    """Grade id → share of cases; the worst grade needs none, and each better grade needs more."""
    pairs = reader.pairs(node, f"{label} must be a mapping of grade ids to shares of cases")
    if not pairs:
        raise reader.fail(node, f"{label} is empty: name the share each grade better than the worst needs")
    shares: dict[str, tuple[float, Node]] = {}
    for grade, (key_node, value_node) in pairs.items():
        _in_scale(reader, key_node, grade, f"{label} key")
        if grade == reader.grades[0]:
            raise reader.fail(key_node, f"{label}: {grade!r} is the worst grade, which needs no threshold")
        shares[grade] = (_share(reader, value_node, f"{label}.{grade}"), value_node)
    ordered = [g for g in reader.grades if g in shares]
    for lower, higher in zip(ordered, ordered[1:], strict=False):
        if shares[higher][0] <= shares[lower][0]:
            raise reader.fail(
                shares[higher][1],
                f"{label} must rise with the grade: {higher} ({shares[higher][0]:g}) "
                f"is not above {lower} ({shares[lower][0]:g})",
            )
    return MappingProxyType({g: shares[g][0] for g in ordered})


def _sample(reader: _Reader, node: Node, label: str) -> SampleRule:
    return SampleRule(**reader.read(node, _SAMPLE))


def _scale(reader: _Reader, node: Node, label: str) -> tuple[Grade, ...]:
    items = reader.items(node, label)
    if not MIN_GRADES <= len(items) <= MAX_GRADES:
        found = "it is empty" if not items else f"it has {len(items)}"
        raise reader.fail(node, f"a scale needs {MIN_GRADES} to {MAX_GRADES} grades; {found}")
    fields = [reader.read(item, _GRADE) for item in items]
    grades = tuple(Grade(number=number, **f) for number, f in enumerate(fields, 1))
    reader.grades = tuple(grade.id for grade in grades)
    return grades


def _themes(reader: _Reader, node: Node, label: str) -> tuple[Theme, ...]:
    items = reader.items(node, label)
    if not items:
        raise reader.fail(node, f"{label} is empty: a framework needs at least one theme")
    return tuple(_theme(reader, item) for item in items)


def _theme(reader: _Reader, node: Node) -> Theme:
    values = reader.read(node, _THEME)
    criteria = tuple(Criterion(theme=values["id"], **c) for c in values.pop("criteria"))
    return Theme(criteria=criteria, **values)


def _criteria(reader: _Reader, node: Node, label: str) -> list[dict[str, Any]]:
    items = reader.items(node, label)
    if not items:
        raise reader.fail(node, f"{label} is empty: a theme needs at least one criterion")
    return [dict(reader.read(item, _CRITERION), line=_position(item)[0]) for item in items]


def _references(reader: _Reader, node: Node, label: str) -> tuple[Reference, ...]:
    return tuple(Reference(**reader.read(item, _REFERENCE)) for item in reader.items(node, label))


def _retired(reader: _Reader, node: Node, label: str) -> tuple[RetiredCriterion, ...]:
    items = reader.items(node, label)
    return tuple(RetiredCriterion(**reader.read(item, _RETIRED)) for item in items)


# -- the schema: each mapping's fields in the order they are checked ----------------------------


@dataclass(frozen=True)
class _Schema:
    noun: str
    fields: dict[str, _Convert]
    required: tuple[str, ...]


_criterion_id = _pattern(CRITERION_RE, _CRITERION_FORM)
_title = _string(_not_blank)

_REFERENCE = _Schema(
    "reference",
    {
        "title": _title,
        "url": _string(_pattern(URL_RE, "an http:// or https:// address")),
        "section": _string(),
    },
    ("title", "url"),
)

_GRADE = _Schema(
    "grade",
    {
        "id": _string(_pattern(GRADE_RE, _GRADE_FORM), _not_unrated, _claim("grade", "grade id")),
        "label": _title,
        "colour": _string(_pattern(COLOUR_RE, _COLOUR_FORM)),
        "meaning": _string(),
    },
    ("id", "label"),
)
_CRITERION = _Schema(
    "criterion",
    {
        "id": _string(_criterion_id, _claim("criterion", "criterion id")),
        "title": _title,
        "question": _string(),
        "guidance": _string(),
        "evidence": _strings(),
        "replaces": _strings(_criterion_id, _claim("criterion", "replaces id")),
        "weight": _weight,
        "levels": _levels,
        "applies_to": _strings(_pattern(SLUG_RE, _SLUG_FORM)),
        "references": _references,
        "sample": _sample,
    },
    ("id", "title"),
)
_SAMPLE = _Schema(
    "sample",
    {"of": _title, "meets": _title, "minimum": _minimum, "thresholds": _thresholds},
    ("of", "meets", "thresholds"),
)
_THEME = _Schema(
    "theme",
    {
        "id": _string(_pattern(SLUG_RE, _SLUG_FORM), _claim("theme", "theme id")),
        "title": _title,
        "description": _string(),
        "criteria": _criteria,
    },
    ("id", "title", "criteria"),
)
_RETIRED = _Schema(
    "retired criterion",
    {
        "id": _string(_criterion_id, _claim("criterion", "retired criterion id")),
        "title": _title,
        "retired_in": _string(),
    },
    ("id", "title"),
)
#: ``scale`` comes before ``actions_required_below`` and ``themes``, which name its grades
_FRAMEWORK = _Schema(
    "framework",
    {
        "framework": _string(_pattern(SLUG_RE, _SLUG_FORM)),
        "title": _title,
        "version": _string(_not_blank),
        "scale": _scale,
        "actions_required_below": _string(_in_scale),
        "themes": _themes,
        "retired": _retired,
    },
    ("framework", "title", "version", "scale", "themes"),
)
