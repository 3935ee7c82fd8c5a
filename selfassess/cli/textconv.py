"""git's diff driver for assessments: any assessment or review file as readable text
(``selfassess textconv FILE``).

The output depends only on the file's bytes (ids, grade ids, evidence, actions; no titles or labels
from a framework), so git may cache it per blob (``diff.selfassess.cachetextconv``) and a warm
``git log -p`` starts no process at all. It imports only the standard library: ``cli.main`` runs it
before click is imported. It never fails on a file it cannot fully interpret: text that is not TOML is
printed as it is. Criterion headings start at the left margin and details are indented, so git's hunk
headers name the criterion a change belongs to.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from selfassess.core.errors import SelfAssessError
from selfassess.core.names import MAX_FILE_BYTES, megabytes
from selfassess.core.textgate import visible
from selfassess.formats.guards import check_depth

#: git hands over whole blobs; a larger file (or /dev/zero) is named in one line instead
MAX_BYTES = MAX_FILE_BYTES
_REVIEW_KEYS = {"reviewer", "reviewed", "assessment_sha256"}
_ASSESSMENT_KEYS = {"district", "period", "criteria", "framework"}


def render_bytes(data: bytes) -> str:
    """The file as readable text: an assessment, a review, or (failing both) the text as it is."""
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    try:
        check_depth(text, "")  # nesting tomllib would recurse through
        table = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, SelfAssessError, RecursionError):
        return text
    if _REVIEW_KEYS & table.keys() and not _ASSESSMENT_KEYS & table.keys():
        return render_review(table)
    if _ASSESSMENT_KEYS & table.keys():
        return render_assessment(table)
    return text


def main(argv: list[str]) -> int:
    """``selfassess textconv FILE``, without click: print the file, or one line and exit 2."""
    if len(argv) != 1 or argv[0].startswith("-"):
        return -1  # not the plain form git uses: let click parse it
    from selfassess.formats.safeio import read_regular

    try:  # bounded, and only a regular file: /dev/zero or a FIFO must not fill memory or hang
        data = read_regular(argv[0], MAX_BYTES)
    except OSError as error:
        print(f"selfassess: {visible(argv[0])}: cannot read: {error.strerror or error}", file=sys.stderr)
        return 2
    if len(data) > MAX_BYTES:  # git shows this line as the file's text, and goes on
        shown = f"{visible(argv[0])}: larger than {megabytes(MAX_BYTES)} MB; not shown\n"
    else:
        shown = visible(render_bytes(data))  # no escape sequence from a file reaches the terminal
    out = sys.stdout
    try:
        out.buffer.write(shown.encode("utf-8", "surrogateescape"))
        out.flush()
    except BrokenPipeError:
        pass
    return 0


def utc_datetime(value: datetime) -> str:
    """As the canonical writer spells it: ``2026-11-23T10:15:00Z``."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def _text(value: Any) -> str:
    """Any value as one printable string: dates as written, control characters made visible."""
    if isinstance(value, datetime):
        try:
            return utc_datetime(value)
        except (OverflowError, ValueError):  # 0001-01-01T00:00:00+23:59 has no UTC form
            return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return _text(str(value))


def _block(value: Any, indent: str) -> list[str]:
    return [indent + line if line else "" for line in _text(value).splitlines()] or [indent]


def render_assessment(table: dict[str, Any]) -> str:
    """An assessment's header, then each recorded criterion, in the file's order."""
    lines = [
        f"Assessment: {_text(table.get('district', '?'))} {_text(table.get('period', '?'))}",
        f"Status: {_text(table.get('status', 'draft'))}",
    ]
    if "assessor" in table:
        lines.append(f"Assessor: {_text(table['assessor'])}")
    lines.append(
        "Framework: " + " ".join(_text(table[k]) for k in ("framework", "framework_version") if k in table)
    )
    if "updated" in table:
        lines.append(f"Updated: {_text(table['updated'])}")
    criteria = table.get("criteria", {})
    if not isinstance(criteria, dict):
        return "\n".join([*lines, "", f"criteria: {_text(criteria)}"]) + "\n"
    for criterion_id, response in criteria.items():
        lines += ["", *_criterion(criterion_id, response)]
    return "\n".join(lines) + "\n"


def _criterion(criterion_id: str, response: Any) -> list[str]:
    if not isinstance(response, dict):
        return [_text(criterion_id), f"  {_text(response)}"]
    return [_text(criterion_id), *_details(response)]


def _details(response: dict[str, Any]) -> list[str]:
    lines = []
    if "rating" in response:
        lines.append(f"  Rating: {_text(response['rating'])}")
    if "not_applicable" in response:
        lines.append(f"  Not applicable: {_text(response['not_applicable'])}")
    if "rating" not in response and "not_applicable" not in response:
        lines.append("  Not rated")
    if response.get("carried"):
        lines.append("  Carried forward from last period (not yet confirmed)")
    if "evidence" in response:
        as_of = f" (as of {_text(response['as_of'])})" if "as_of" in response else ""
        lines += [f"  Evidence{as_of}:", *_block(response["evidence"], "    ")]
    elif "as_of" in response:
        lines.append(f"  Evidence as of: {_text(response['as_of'])}")
    if "notes" in response:
        lines += ["  Notes:", *_block(response["notes"], "    ")]
    if "sample" in response:
        lines += _sample(response["sample"])
    actions = response.get("actions", [])
    for action in actions if isinstance(actions, list) else [actions]:
        lines += _action(action)
    known = {"rating", "not_applicable", "carried", "evidence", "as_of", "notes", "sample", "actions"}
    lines += [f"  {_text(k)}: {_text(v)}" for k, v in response.items() if k not in known]
    return lines


def _sample(sample: Any) -> list[str]:
    """``Sample: 14 of 20 met the standard (70%)``, its dates and source; any other shape as it is."""
    if not isinstance(sample, dict):
        return [f"  Sample: {_text(sample)}"]
    size, met = sample.get("size"), sample.get("met")
    counts = isinstance(size, int) and isinstance(met, int) and 0 <= met <= size and size > 0
    share = f" ({_share(met, size)}%)" if counts and isinstance(size, int) and isinstance(met, int) else ""
    lines = [f"  Sample: {_text(met)} of {_text(size)} met the standard{share}"]
    if "from" in sample or "to" in sample:
        lines.append(f"    cases from {_text(sample.get('from', '?'))} to {_text(sample.get('to', '?'))}")
    if "source" in sample:
        lines.append(f"    source: {_text(sample['source'])}")
    known = ("size", "met", "from", "to", "source")
    lines += [f"    {_text(k)}: {_text(v)}" for k, v in sample.items() if k not in known]
    return lines


def _share(met: int, size: int) -> int:
    """The percentage rounded down, as everywhere (logic.samples.percent, not imported: see above);
    never 0 or 100 unless exactly."""
    return min(max(100 * met // size, 1 if met else 0), 99 if met < size else 100)


def _action(action: Any) -> list[str]:
    if not isinstance(action, dict):
        return [f"  Action: {_text(action)}"]
    lines = [f"  Action {_text(action.get('id', '?'))}: {_text(action.get('action', ''))}"]
    done = action.get("done", False)
    state = "open" if done is False else f"done {_text(done)}" if not isinstance(done, bool) else "done"
    facts = [f"owner {_text(action['owner'])}" if action.get("owner") else "", state]
    if "due" in action:
        facts.insert(1, f"due {_text(action['due'])}")
    lines.append("    " + ", ".join(f for f in facts if f))
    addresses = action.get("addresses")
    if isinstance(addresses, list) and addresses:
        lines.append("    addresses " + ", ".join(_text(a) for a in addresses))
    elif addresses is not None:
        lines.append(f"    addresses {_text(addresses)}")
    return lines


def render_review(table: dict[str, Any]) -> str:
    lines = ["Review"]
    lines += _pairs(
        table,
        (("reviewer", "Reviewer"), ("reviewed", "Reviewed"), ("assessment_sha256", "Assessment sha256")),
    )
    if "comment" in table:
        lines += ["Comment:", *_block(table["comment"], "  ")]
    return "\n".join(lines) + "\n"


def _pairs(table: dict[str, Any], names: Iterable[tuple[str, str]]) -> list[str]:
    return [f"{label}: {_text(table[key])}" for key, label in names if key in table]
