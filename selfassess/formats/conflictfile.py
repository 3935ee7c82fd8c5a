"""The conflict files. ``<period>`` + ``core.names.CONFLICT_SUFFIX``: the other side's version of an
assessment after a merge where both sides changed the same fields, with ``[conflicts]`` naming those
fields per criterion; and ``<period>`` + ``core.names.REVIEW_CONFLICT_SUFFIX``: the other side's whole
review when both changed it differently. Git-ignored; ``validate`` reports either as an error and
``sync`` does not push until the fill (or review) screen has resolved it.

A conflict file is untrusted input like any other: :func:`read` checks every criterion and field it
names and refuses a bad one as one ``path:line`` error, never anything else.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from selfassess.core.errors import AssessmentError, SelfAssessError
from selfassess.core.merge import FIELDS, field_value, set_field_value
from selfassess.core.model import Assessment, Framework, Review
from selfassess.core.names import CONFLICT_SUFFIX, REVIEW_CONFLICT_SUFFIX
from selfassess.formats import canonical as c
from selfassess.formats.atomic import write_atomic
from selfassess.formats.store import decode, parse_assessment, parse_review, read_bytes, render_assessment

SUFFIX = CONFLICT_SUFFIX
REVIEW_SUFFIX = REVIEW_CONFLICT_SUFFIX
#: the fields ``[conflicts]`` may name
KNOWN_FIELDS = (*FIELDS, "actions")
_REVIEW_HEADER = (
    "# selfassess: both sides of a merge changed this review differently. The review beside this file\n"
    "# kept one side's; this file holds the other side's whole. Choose one in the review screen\n"
    "# ('selfassess review'), which then removes this file.\n"
)
_TABLE = "\n[conflicts]\n"
_HEADER = (
    "# selfassess: both sides of a merge changed the fields named in [conflicts] below. The assessment\n"
    "# beside this file kept one side's values; this file holds the other side's. Choose per criterion in\n"
    "# 'selfassess fill', which then removes this file.\n"
)


@dataclass
class Conflict:
    path: Path
    theirs: Assessment
    conflicts: dict[str, list[str]]


def conflict_path(assessment_path: Path) -> Path:
    return assessment_path.with_name(assessment_path.name.removesuffix(".toml") + SUFFIX)


def render(theirs: Assessment, conflicts: dict[str, list[str]], framework: Framework | None = None) -> str:
    table = "".join(
        f"{c.key(cid)} = [{', '.join(c.basic_string(f) for f in fs)}]\n" for cid, fs in conflicts.items()
    )
    return _HEADER + render_assessment(theirs, framework) + _TABLE + table


def read(path: Path) -> Conflict:
    """The conflict file at ``path``; AssessmentError when it cannot be read."""
    text = decode(read_bytes(path), str(path))
    cut = text.rfind(_TABLE)
    if cut < 0:
        raise AssessmentError("conflict file without its [conflicts] table", path)
    try:
        table = tomllib.loads(text[cut:])["conflicts"]
    except (tomllib.TOMLDecodeError, KeyError):
        raise AssessmentError("conflict file whose [conflicts] table cannot be read", path) from None
    line = text.count("\n", 0, cut) + 2
    if not isinstance(table, dict) or not table:
        raise AssessmentError("conflict file whose [conflicts] table names no criterion", path, line)
    theirs = parse_assessment(text[:cut] + "\n", path)
    conflicts: dict[str, list[str]] = {}
    for offset, (criterion_id, fields) in enumerate(table.items(), start=1):
        where = _line_of(text, cut, criterion_id, line + offset)
        if not isinstance(fields, list) or not fields or not all(isinstance(f, str) for f in fields):
            raise AssessmentError(f"[conflicts] {criterion_id}: expected a list of field names", path, where)
        unknown = [f for f in fields if f not in KNOWN_FIELDS]
        if unknown:
            raise AssessmentError(
                f"[conflicts] {criterion_id}: unknown field {unknown[0]!r} "
                f"(expected one of: {', '.join(KNOWN_FIELDS)})",
                path,
                where,
            )
        conflicts[str(criterion_id)] = list(dict.fromkeys(fields))
    return Conflict(path, theirs, conflicts)


def _line_of(text: str, cut: int, key: str, guess: int) -> int:
    """The line of ``key = [...]`` in the ``[conflicts]`` table (``guess`` when not found plainly)."""
    for number, line in enumerate(text[cut:].splitlines(), start=text.count("\n", 0, cut) + 1):
        name = line.split("=", 1)[0].strip().strip('"').strip("'")
        if name == key and "=" in line:
            return number
    return guess


def is_review_conflict(path: Path) -> bool:
    return path.name.endswith(REVIEW_SUFFIX)


def write_review(path: Path, theirs: bytes) -> None:
    """Keep the other side's review beside the one the merge kept. One already there that cannot be
    read is moved aside (``.broken``), never overwritten."""
    if path.exists():
        try:
            read_review(path)
        except SelfAssessError:
            move_aside(path)
    write_atomic(path, _REVIEW_HEADER.encode("utf-8") + theirs)


def read_review(path: Path) -> Review:
    """The other side's review in a review conflict file; AssessmentError when it cannot be read."""
    return parse_review(read_bytes(path), path)


def move_aside(path: Path) -> Path:
    """Rename an unreadable conflict file out of the way (``<name>.broken``, ``.broken2``, …); the new
    path. Nothing is deleted."""
    number = 1
    while True:
        target = path.with_name(f"{path.name}.broken{number if number > 1 else ''}")
        if not target.exists():
            path.rename(target)
            return target
        number += 1


def write(
    path: Path, theirs: Assessment, conflicts: dict[str, list[str]], framework: Framework | None
) -> None:
    """Write the conflict file, keeping the unresolved fields of one already there (a rebase replays
    several commits; an earlier one's conflict must not be forgotten)."""
    if path.exists():
        try:
            earlier = read(path)
        except SelfAssessError:
            earlier = None
            move_aside(path)  # never overwritten: what it held may be someone's words
        if earlier is not None:
            for criterion_id, fields in earlier.conflicts.items():
                if criterion_id not in conflicts:
                    conflicts[criterion_id] = fields
                    if criterion_id in earlier.theirs.responses:
                        theirs.responses[criterion_id] = earlier.theirs.responses[criterion_id]
                    else:
                        theirs.responses.pop(criterion_id, None)
    write_atomic(path, render(theirs, conflicts, framework).encode("utf-8"))


def take_theirs(assessment: Assessment, conflict: Conflict, criterion_id: str) -> None:
    """Put the other side's values of ``criterion_id``'s conflicting fields into ``assessment``."""
    theirs = conflict.theirs.responses.get(criterion_id)
    mine = assessment.response(criterion_id)
    for name in conflict.conflicts.get(criterion_id, []):
        if name == "actions":
            mine.actions = list(theirs.actions) if theirs else []
        elif theirs is None:
            set_field_value(mine, name, (None, None) if name == "rating" else field_value(type(mine)(), name))
        else:
            set_field_value(mine, name, field_value(theirs, name))
