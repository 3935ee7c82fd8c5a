"""``<period>.conflict.toml``: the other side's version of an assessment after a merge where both sides
changed the same fields, with ``[conflicts]`` naming those fields per criterion. Git-ignored; ``validate``
reports it as an error and ``sync`` does not push until the fill screen has resolved it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from selfassess.core.errors import AssessmentError, SelfAssessError
from selfassess.core.merge import FIELDS, field_value, set_field_value
from selfassess.core.model import Assessment, Framework
from selfassess.formats import canonical as c
from selfassess.formats.atomic import write_atomic
from selfassess.formats.store import decode, parse_assessment, read_bytes, render_assessment

SUFFIX = ".conflict.toml"
#: the fields a conflict can name (anything else is a damaged or hostile file)
CONFLICT_FIELDS = (*FIELDS, "actions")
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
    conflicts = {str(k): [str(f) for f in v] for k, v in table.items() if isinstance(v, list)}
    for fields in conflicts.values():
        unknown = next((name for name in fields if name not in CONFLICT_FIELDS), None)
        if unknown is not None:
            raise AssessmentError(f"conflict file names an unknown field {unknown!r}", path)
    theirs = parse_assessment(text[:cut] + "\n", path)
    return Conflict(path, theirs, conflicts)


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
