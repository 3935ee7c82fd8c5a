"""Assessments and reviews ↔ canonical TOML: strict reading with file and line, atomic canonical writing.

Reading accepts any valid TOML of the schema (inline tables, other date-time forms); writing always gives
the one canonical form, re-parsed before it replaces the old file, so ``save(load(f))`` is byte-identical.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from selfassess.core.errors import AssessmentError, ConflictError, SelfAssessError
from selfassess.core.ids import SLUG_RE
from selfassess.core.inspection import ADDRESS_RE
from selfassess.core.model import (
    BASE_SCHEMA,
    MAX_SAMPLE_SIZE,
    SCHEMA,
    Action,
    Assessment,
    Framework,
    Response,
    Review,
    Sample,
)
from selfassess.core.periods import PERIOD_RE
from selfassess.core.vocabulary import FILE_STATUSES
from selfassess.formats import canonical as c
from selfassess.formats.atomic import file_sha256, sha256_bytes, write_atomic
from selfassess.formats.guards import OUT_OF_RANGE, newer_hint, utc_or_none
from selfassess.formats.tomlread import decode, parse_toml, parse_with_tomllib, read_bytes
from selfassess.formats.tomlsource import KeyLines

TOP_KEYS = (
    "schema", "framework", "framework_version", "district", "period", "status", "assessor",
    "updated", "criteria",
)  # fmt: skip
RESPONSE_KEYS = (
    "rating", "not_applicable", "evidence", "notes", "as_of", "carried", "sample", "actions",
)  # fmt: skip
SAMPLE_KEYS = ("size", "met", "from", "to", "source")
ACTION_KEYS = ("id", "action", "owner", "due", "done", "addresses")
REVIEW_KEYS = ("schema", "reviewer", "reviewed", "assessment_sha256", "comment")


# -- typed reading with positions ----------------------------------------------------------------


class _Reader:
    """Checks values against the schema, raising errors that name the key's line."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._lines: KeyLines | None = None

    def fail(self, message: str, *where: str | int) -> AssessmentError:
        if self._lines is None:
            self._lines = KeyLines(self.text)
        return AssessmentError(message, self.path, self._lines.line(*where))

    def expect(self, value: Any, kind: type | tuple[type, ...], name: str, *where: str | int) -> Any:
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            ok = False
        elif kind is date:
            ok = isinstance(value, date) and not isinstance(value, datetime)
        else:
            ok = isinstance(value, kind)
        if not ok:
            raise self.fail(f"{name} must be {_kind_name(kind)}, not {_kind_name(type(value))}", *where)
        return value

    def unknown_keys(self, table: dict[str, Any], allowed: tuple[str, ...], *where: str | int) -> None:
        for name in table:
            if name not in allowed:
                raise self.fail(
                    f"unknown key {name!r} (expected one of: {', '.join(allowed)}){newer_hint(name)}",
                    *where,
                    name,
                )

    def optional(
        self, table: dict[str, Any], name: str, kind: type | tuple[type, ...], *where: str | int
    ) -> Any:
        if name not in table:
            return None
        return self.expect(table[name], kind, name, *where, name)

    def required(
        self, table: dict[str, Any], name: str, kind: type | tuple[type, ...], *where: str | int
    ) -> Any:
        if name not in table:
            raise self.fail(f"missing required key {name!r}", *where)
        return self.expect(table[name], kind, name, *where, name)

    def updated(self, table: dict[str, Any], name: str) -> datetime | None:
        value = table.get(name)
        if value is None:
            return None
        utc = utc_or_none(self.expect(value, datetime, name, name))
        if utc is None:
            raise self.fail(f"{name} {OUT_OF_RANGE}", name)
        return c.to_utc(utc)

    def schema(self, table: dict[str, Any], newest: int = SCHEMA) -> int:
        schema = self.required(table, "schema", int)
        if not -(10**6) <= schema <= 10**6:  # no schema will ever be this; a huge int cannot be printed
            raise self.fail("schema is not a schema version (out of range)", "schema")
        if schema > newest:
            raise self.fail(
                f"schema {schema} was written by a newer selfassess; upgrade selfassess to read it",
                "schema",
            )
        if schema < 1:
            raise self.fail(f"schema {schema} is not a schema version", "schema")
        return schema


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "a string", int: "a whole number", float: "a number", bool: "true or false",
        date: "a date (YYYY-MM-DD)", datetime: "a date-time", dict: "a table", list: "an array",
    }  # fmt: skip
    if isinstance(kind, tuple):
        return " or ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)


# The exact type of each key's value in a well-formed table (what every TOML reader gives). A table that
# has only known keys, each of its exact type, passes the checks below one by one: it is read at once,
# and any other table takes the checks one by one, which find the same first error as ever.
_RESPONSE_TYPES = {
    "rating": str, "not_applicable": str, "evidence": str, "notes": str, "as_of": date, "carried": bool,
    "sample": dict, "actions": list,
}  # fmt: skip
_ACTION_TYPES = {"id": str, "action": str, "owner": str, "due": date}  # "done": False or a date
_SAMPLE_TYPES = {"size": int, "met": int, "from": date, "to": date, "source": str}


def _well_typed(table: dict[str, Any], types: dict[str, type], checked: str = "") -> bool:
    """Whether every key of ``table`` is in ``types`` with a value of exactly that type (``checked``,
    if given, is a key the caller checks itself)."""
    get = types.get
    return all(get(name) is type(value) or name == checked for name, value in table.items())


def _parse_action(reader: _Reader, table: Any, criterion_id: str, index: int) -> Action:
    if type(table) is dict and "id" in table and "action" in table:
        done = table.get("done", False)
        if (done is False or type(done) is date) and _well_typed(table, _ACTION_TYPES, "done"):
            return Action(
                id=table["id"],
                action=table["action"],
                owner=table.get("owner") or "",
                due=table.get("due"),
                done=done,
            )
    where = ("criteria", criterion_id, "actions", index)
    reader.expect(table, dict, "an action", *where)
    reader.unknown_keys(table, ACTION_KEYS, *where)
    done = table.get("done", False)
    if done is True or isinstance(done, datetime) or not isinstance(done, bool | date):
        raise reader.fail("done must be false or the date it was done", *where, "done")
    return Action(
        id=reader.required(table, "id", str, *where),
        action=reader.required(table, "action", str, *where),
        owner=reader.optional(table, "owner", str, *where) or "",
        due=reader.optional(table, "due", date, *where),
        done=done,
        addresses=_addresses(reader, table, *where),
    )


def _addresses(reader: _Reader, table: dict[str, Any], *where: str | int) -> tuple[str, ...]:
    """An action's ``addresses``: distinct ``<inspection>/<item>`` strings, kept in their order."""
    values = reader.optional(table, "addresses", list, *where) or []
    for index, value in enumerate(values):
        reader.expect(value, str, "an addresses entry", *where, "addresses")
        if not ADDRESS_RE.fullmatch(value):
            raise reader.fail(
                f'addresses entry {value!r} is not <inspection>/<item> (as in "ncpi-2014/R1")',
                *where,
                "addresses",
            )
        if value in values[:index]:
            raise reader.fail(f"addresses names {value!r} twice", *where, "addresses")
    return tuple(values)


def _parse_sample(reader: _Reader, table: Any, criterion_id: str) -> Sample:
    """A ``[criteria.<id>.sample]`` table: counts that can be true of a dip sample, or a refusal."""
    if type(table) is dict and _well_typed(table, _SAMPLE_TYPES):  # the usual, well-formed table: at once
        size, met = table.get("size"), table.get("met")
        start, end = table.get("from"), table.get("to")
        if (
            size is not None
            and met is not None
            and 1 <= size <= MAX_SAMPLE_SIZE
            and 0 <= met <= size
            and (start is None or end is None or start <= end)
        ):
            return Sample(size=size, met=met, start=start, end=end, source=table.get("source") or "")
    where = ("criteria", criterion_id, "sample")
    reader.expect(table, dict, f"the sample of {criterion_id}", *where)
    reader.unknown_keys(table, SAMPLE_KEYS, *where)
    size = reader.required(table, "size", int, *where)
    met = reader.required(table, "met", int, *where)
    if size < 1:
        raise reader.fail(f"{criterion_id} sample: size must be at least 1, not {size}", *where, "size")
    if size > MAX_SAMPLE_SIZE:
        raise reader.fail(
            f"{criterion_id} sample: size {size} is over {MAX_SAMPLE_SIZE:,} cases", *where, "size"
        )
    if met < 0:
        raise reader.fail(f"{criterion_id} sample: met must not be negative, not {met}", *where, "met")
    if met > size:
        raise reader.fail(
            f"{criterion_id} sample: met ({met}) is more than the cases examined (size = {size})",
            *where,
            "met",
        )
    start = reader.optional(table, "from", date, *where)
    end = reader.optional(table, "to", date, *where)
    if start is not None and end is not None and start > end:
        raise reader.fail(f"{criterion_id} sample: from ({start}) is after to ({end})", *where, "from")
    source = reader.optional(table, "source", str, *where) or ""
    return Sample(size=size, met=met, start=start, end=end, source=source)


def _parse_response(reader: _Reader, table: Any, criterion_id: str) -> Response:
    where = ("criteria", criterion_id)
    if type(table) is dict and _well_typed(table, _RESPONSE_TYPES):
        get = table.get
        response = Response(
            rating=get("rating"),
            not_applicable=get("not_applicable"),
            evidence=get("evidence") or "",
            notes=get("notes") or "",
            as_of=get("as_of"),
            carried=bool(get("carried")),
        )
    else:
        reader.expect(table, dict, f"criterion {criterion_id}", *where)
        reader.unknown_keys(table, RESPONSE_KEYS, *where)
        response = Response(
            rating=reader.optional(table, "rating", str, *where),
            not_applicable=reader.optional(table, "not_applicable", str, *where),
            evidence=reader.optional(table, "evidence", str, *where) or "",
            notes=reader.optional(table, "notes", str, *where) or "",
            as_of=reader.optional(table, "as_of", date, *where),
            carried=bool(reader.optional(table, "carried", bool, *where)),
        )
    if response.rating is not None and response.not_applicable is not None:
        raise reader.fail(f"criterion {criterion_id} has both a rating and not_applicable; keep one", *where)
    if response.not_applicable is not None and not response.not_applicable.strip():
        raise reader.fail(
            f"criterion {criterion_id}: not_applicable needs a reason", *where, "not_applicable"
        )
    sample = table.get("sample")
    if sample is not None:
        response.sample = _parse_sample(reader, sample, criterion_id)
        if response.not_applicable is not None:
            raise reader.fail(
                f"criterion {criterion_id} is not applicable and has a sample; keep one",
                *where,
                "sample",
            )
    actions = reader.optional(table, "actions", list, *where) or []
    response.actions = [_parse_action(reader, a, criterion_id, i) for i, a in enumerate(actions)]
    seen: set[str] = set()
    for index, action in enumerate(response.actions):
        if action.id in seen:
            raise reader.fail(f"action id {action.id!r} is used twice", *where, "actions", index, "id")
        seen.add(action.id)
    return response


def _check_against_framework(
    reader: _Reader, responses: dict[str, Response], framework: Framework, version: str = ""
) -> dict[str, Response]:
    """Follow renames and refuse criteria and ratings the framework does not know.

    A sample on a criterion the framework evidences by none is refused only in a file on the
    framework's own version (``version``): an earlier version may have asked for it."""
    result: dict[str, Response] = {}
    for criterion_id, response in responses.items():
        if not framework.is_known(criterion_id):
            raise reader.fail(
                f"criterion {criterion_id!r} is not in framework {framework.id!r} "
                f"(version {framework.version})",
                "criteria",
                criterion_id,
            )
        current = framework.current_id(criterion_id)
        if current in result:
            raise reader.fail(
                f"criterion {criterion_id!r} is recorded twice (it was renamed to {current!r})",
                "criteria",
                criterion_id,
            )
        if response.rating is not None and framework.grade(response.rating) is None:
            grades = ", ".join(g.id for g in framework.scale)
            raise reader.fail(
                f"rating {response.rating!r} of {criterion_id} is not in the scale ({grades})",
                "criteria",
                criterion_id,
                "rating",
            )
        if response.sample is not None:
            criterion = framework.criterion(criterion_id)
            same_version = version in ("", framework.version)
            if same_version and (criterion is None or criterion.sample is None):
                raise reader.fail(
                    f"criterion {criterion_id} has a sample, but framework {framework.id!r} "
                    f"(version {framework.version}) defines no sample for it",
                    "criteria",
                    criterion_id,
                    "sample",
                )
        result[current] = response
    return result


def parse_assessment(
    data: bytes | str,
    path: str | os.PathLike[str] = "<string>",
    framework: Framework | Callable[[str], Framework | None] | None = None,
    sha256: str | None = None,
) -> Assessment:
    """An :class:`Assessment` from TOML text; with a framework, criteria and ratings are checked.

    ``framework`` may be a function from the file's framework id to the framework (None: unknown).
    ``sha256`` is that of ``data`` (bytes) when the caller has already computed it.
    """
    path = str(path)
    text = decode(data, path) if isinstance(data, bytes) else data
    assessment = _read_assessment(parse_toml(text, path), text, path)
    if callable(framework):
        framework_id = assessment.framework
        framework = framework(framework_id)
        if framework is None:
            message = f"framework {framework_id!r} is not known here (no criteria/{framework_id}.yaml)"
            raise _Reader(path, text).fail(message, "framework")
    if framework is not None:
        reader = _Reader(path, text)
        if assessment.framework != framework.id:
            message = f"framework {assessment.framework!r} does not match {framework.id!r}"
            raise reader.fail(message, "framework")
        assessment.responses = _check_against_framework(
            reader, assessment.responses, framework, assessment.framework_version
        )
    if sha256 is None or isinstance(data, str):
        sha256 = sha256_bytes(text.encode("utf-8") if isinstance(data, str) else data)
    assessment.source_sha256 = sha256
    return assessment


def read_with_tomllib(text: str, path: str | os.PathLike[str] = "<string>") -> Assessment:
    """The assessment in ``text`` read by tomllib alone (no framework checks): the reference reading
    the compiled one must agree with, used to verify each save."""
    path = str(path)
    return _read_assessment(parse_with_tomllib(text, path), text, path)


def _read_assessment(table: dict[str, Any], text: str, path: str) -> Assessment:
    """The assessment in a TOML table, checked against the schema (not yet against its framework)."""
    reader = _Reader(path, text)
    reader.unknown_keys(table, TOP_KEYS)
    schema = reader.schema(table)
    status = reader.optional(table, "status", str) or "draft"
    if status not in FILE_STATUSES:
        raise reader.fail(f"status {status!r} is not one of: {', '.join(FILE_STATUSES)}", "status")
    district = reader.required(table, "district", str)
    if not SLUG_RE.match(district):
        raise reader.fail(f"district {district!r} is not a district id", "district")
    period = reader.required(table, "period", str)
    if not PERIOD_RE.match(period):
        raise reader.fail(f"period {period!r} is not a quarter label like 2026-Q4", "period")
    criteria = reader.optional(table, "criteria", dict) or {}
    responses = {cid: _parse_response(reader, t, cid) for cid, t in criteria.items()}
    return Assessment(
        schema=schema,
        framework=reader.required(table, "framework", str),
        framework_version=reader.optional(table, "framework_version", str) or "",
        district=district,
        period=period,
        status=status,
        assessor=reader.optional(table, "assessor", str) or "",
        updated=reader.updated(table, "updated"),
        responses=responses,
        path=path,
    )


def check_place(assessment: Assessment, path: str | os.PathLike[str], text: str | None = None) -> None:
    """Refuse a file whose district or period does not match ``assessments/<district>/<period>.toml``."""
    place = Path(path)
    stem = place.name.removesuffix(".toml")
    problem = None
    if PERIOD_RE.match(stem) and assessment.period != stem:
        problem = "period", f"period {assessment.period!r} does not match the file name ({stem})"
    elif place.parent.parent.name == "assessments" and assessment.district != place.parent.name:
        problem = (
            "district",
            f"district {assessment.district!r} does not match the folder ({place.parent.name})",
        )
    if problem is not None:
        lines = KeyLines(text if text is not None else read_text_quietly(place))
        raise AssessmentError(problem[1], assessment.path or place, lines.line(problem[0]))


def read_text_quietly(path: Path) -> str:
    try:
        return path.read_text("utf-8", errors="replace")
    except OSError:
        return ""


def parse_review(data: bytes | str, path: str | os.PathLike[str] = "<string>") -> Review:
    path = str(path)
    text = decode(data, path) if isinstance(data, bytes) else data
    table = parse_toml(text, path)
    reader = _Reader(path, text)
    reader.unknown_keys(table, REVIEW_KEYS)
    schema = reader.schema(table, BASE_SCHEMA)
    digest = reader.required(table, "assessment_sha256", str)
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise reader.fail("assessment_sha256 must be 64 lower-case hex digits", "assessment_sha256")
    reviewed = reader.updated(table, "reviewed")
    if reviewed is None:
        raise reader.fail("missing required key 'reviewed'")
    return Review(
        schema=schema,
        reviewer=reader.required(table, "reviewer", str),
        reviewed=reviewed,
        assessment_sha256=digest,
        comment=reader.optional(table, "comment", str) or "",
        path=path,
        source_sha256=sha256_bytes(text.encode("utf-8") if isinstance(data, str) else data),
    )


# -- canonical writing ---------------------------------------------------------------------------


def _criterion_order(assessment: Assessment, framework: Framework | None) -> list[str]:
    if framework is None:
        return list(assessment.responses)
    order = framework.order()
    position = {cid: i for i, cid in enumerate(assessment.responses)}
    return sorted(assessment.responses, key=lambda cid: (order.get(cid, len(order)), position[cid]))


def _render_action(lines: list[str], criterion_key: str, action: Action) -> None:
    lines += ["", f"[[criteria.{criterion_key}.actions]]"]
    lines.append(f"id = {c.string(action.id)}")
    lines.append(f"action = {c.string(action.action)}")
    if action.owner:
        lines.append(f"owner = {c.string(action.owner)}")
    if action.due is not None:
        lines.append(f"due = {c.local_date(action.due)}")
    done = c.boolean(False) if action.done is False else c.local_date(action.done)  # type: ignore[arg-type]
    lines.append(f"done = {done}")
    if action.addresses:
        lines.append(f"addresses = [{', '.join(c.string(item) for item in sorted(action.addresses))}]")


def _render_sample(lines: list[str], criterion_key: str, sample: Sample) -> None:
    lines += ["", f"[criteria.{criterion_key}.sample]", f"size = {sample.size}", f"met = {sample.met}"]
    if sample.start is not None:
        lines.append(f"from = {c.local_date(sample.start)}")
    if sample.end is not None:
        lines.append(f"to = {c.local_date(sample.end)}")
    if sample.source:
        lines.append(f"source = {c.string(sample.source)}")


def _render_response(lines: list[str], criterion_id: str, response: Response) -> None:
    criterion_key = c.key(criterion_id)
    lines += ["", f"[criteria.{criterion_key}]"]
    if response.rating is not None:
        lines.append(f"rating = {c.string(response.rating)}")
    if response.not_applicable is not None:
        lines.append(f"not_applicable = {c.string(response.not_applicable)}")
    if response.evidence:
        lines.append(f"evidence = {c.string(response.evidence)}")
    if response.notes:
        lines.append(f"notes = {c.string(response.notes)}")
    if response.as_of is not None:
        lines.append(f"as_of = {c.local_date(response.as_of)}")
    if response.carried:
        lines.append("carried = true")
    if response.sample is not None:
        _render_sample(lines, criterion_key, response.sample)
    for action in response.actions:
        _render_action(lines, criterion_key, action)


def render_assessment(assessment: Assessment, framework: Framework | None = None) -> str:
    """The canonical TOML text of an assessment (criteria in framework order, empty ones left out)."""
    lines = [
        f"schema = {assessment.needed_schema()}",
        f"framework = {c.string(assessment.framework)}",
        f"framework_version = {c.string(assessment.framework_version)}",
        f"district = {c.string(assessment.district)}",
        f"period = {c.string(assessment.period)}",
        f"status = {c.string(assessment.status)}",
        f"assessor = {c.string(assessment.assessor)}",
    ]
    if assessment.updated is not None:
        lines.append(f"updated = {c.utc_datetime(assessment.updated)}")
    for criterion_id in _criterion_order(assessment, framework):
        response = assessment.responses[criterion_id]
        if not response.is_empty():
            _render_response(lines, criterion_id, response)
    return "\n".join(lines) + "\n"


def render_review(review: Review) -> str:
    lines = [
        f"schema = {review.schema}",
        f"reviewer = {c.string(review.reviewer)}",
        f"reviewed = {c.utc_datetime(review.reviewed)}",
        f"assessment_sha256 = {c.string(review.assessment_sha256)}",
    ]
    if review.comment:
        lines.append(f"comment = {c.string(review.comment)}")
    return "\n".join(lines) + "\n"


# -- saving --------------------------------------------------------------------------------------


def _same_file(a: str | None, b: Path) -> bool:
    return a is not None and os.path.abspath(a) == os.path.abspath(b)


def check_unchanged(target: Path, loaded_path: str | None, loaded_sha256: str | None) -> bytes | None:
    """The bytes on disk, after checking they are what was loaded; raise ConflictError if not."""
    try:
        current = target.read_bytes()
    except FileNotFoundError:
        current = None
    expected = loaded_sha256 if _same_file(loaded_path, target) else None
    if current is not None and sha256_bytes(current) != expected:
        raise ConflictError(
            "changed on disk since it was opened (a git pull or another session?); not overwritten",
            target,
        )
    if current is None and expected is not None:
        raise ConflictError("was deleted or moved since it was opened; not recreated", target)
    return current


def _verify(text: str, original: Any, parse: Callable[[str], Any], path: Path) -> None:
    """Re-read what we are about to write; it must give back exactly what we meant to save."""
    try:
        again = parse(text)
    except SelfAssessError as error:
        raise SelfAssessError(f"internal error: canonical form did not re-read: {error}", path) from None
    if again != original:
        raise SelfAssessError("internal error: canonical form did not round-trip; not saved", path)


def save_assessment(
    assessment: Assessment,
    path: str | os.PathLike[str] | None = None,
    framework: Framework | None = None,
    now: datetime | None = None,
    force: bool = False,
) -> bool:
    """Write ``assessment`` canonically and atomically; return whether the file changed.

    Refuses (ConflictError) when the file on disk is not the one this assessment was loaded from,
    unless ``force``. ``updated`` moves only when something other than the form changed.
    """
    target = Path(path if path is not None else assessment.path or "")
    if not target.name:
        raise SelfAssessError("no file to save the assessment to")
    if force:
        current = target.read_bytes() if target.exists() else None
    else:
        current = check_unchanged(target, assessment.path, assessment.source_sha256)
    _storable(assessment)
    assessment.schema = assessment.needed_schema()  # what the file will say, so the re-read matches
    text = render_assessment(assessment, framework)
    if current is not None and text.encode("utf-8") != current:
        if not _same_content(current, target, assessment, framework, text):
            assessment.updated = now or c.now_utc()
            text = render_assessment(assessment, framework)
    elif current is None and (assessment.updated is None or path is None):
        assessment.updated = now or c.now_utc()
        text = render_assessment(assessment, framework)
    data = text.encode("utf-8")
    if current == data:
        _adopt(assessment, target, data)
        return False
    _verify(text, _comparable(assessment), lambda t: _comparable(read_with_tomllib(t, target)), target)
    write_atomic(target, data)
    _adopt(assessment, target, data)
    return True


def _same_content(
    current: bytes, target: Path, assessment: Assessment, framework: Framework | None, text: str
) -> bool:
    """Whether the file on disk says the same as ``text`` but for its form (then ``updated`` stays)."""
    try:
        on_disk = parse_assessment(current, target)
    except SelfAssessError:  # an unreadable file (overwritten only with force): content did change
        return False
    on_disk.updated = assessment.updated
    return render_assessment(on_disk, framework) == text


def _storable(assessment: Assessment) -> None:
    """Lone surrogates in any text become U+FFFD in the assessment itself, as they will be stored, so
    what is saved reads back equal to it (SPEC §4)."""
    s = c.storable
    assessment.assessor = s(assessment.assessor)
    for response in assessment.responses.values():
        response.evidence, response.notes = s(response.evidence), s(response.notes)
        if response.not_applicable is not None:
            response.not_applicable = s(response.not_applicable)
        for action in response.actions:
            action.action, action.owner = s(action.action), s(action.owner)
        if response.sample is not None and response.sample.source != s(response.sample.source):
            response.sample = replace(response.sample, source=s(response.sample.source))


def _comparable(assessment: Assessment) -> Assessment:
    copy = Assessment(**{**assessment.__dict__})
    copy.responses = {k: v for k, v in assessment.responses.items() if not v.is_empty()}
    return copy


def _adopt(record: Assessment | Review, target: Path, data: bytes) -> None:
    record.path = str(target)
    record.source_sha256 = sha256_bytes(data)


def save_review(review: Review, path: str | os.PathLike[str], force: bool = False) -> bool:
    target = Path(path)
    current = None if force else check_unchanged(target, review.path, review.source_sha256)
    review.reviewer, review.comment = c.storable(review.reviewer), c.storable(review.comment)
    text = render_review(review)
    data = text.encode("utf-8")
    if current == data:
        _adopt(review, target, data)
        return False
    _verify(text, review, lambda t: parse_review(t, target), target)
    write_atomic(target, data)
    _adopt(review, target, data)
    return True


def load_review(path: str | os.PathLike[str]) -> Review:
    return parse_review(read_bytes(path), path)


def assessment_sha256(path: str | os.PathLike[str]) -> str | None:
    return file_sha256(path)
