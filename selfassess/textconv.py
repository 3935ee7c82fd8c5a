"""git's diff driver for assessments: any assessment or review file as readable text
(``selfassess textconv``), and registering the driver with git (``selfassess git-setup``).

It never fails on a file it cannot fully interpret: text that is not TOML is printed as it is, and
every value is shown as well as it can be. Criterion headings start at the left margin and details are
indented, so git's hunk headers name the criterion a change belongs to.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import tomllib
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .canonical import utc_datetime
from .errors import GitError, SelfAssessError
from .guards import check_depth, refuse_symlink, utc_or_none
from .model import Framework
from .textgate import visible
from .workspace import Workspace

_REVIEW_KEYS = {"reviewer", "reviewed", "assessment_sha256"}
_ASSESSMENT_KEYS = {"district", "period", "criteria", "framework"}
DRIVER = "selfassess"
ATTRIBUTES_LINE = f"assessments/**/*.toml diff={DRIVER}"
#: hunk headers name the nearest line at the left margin: the criterion (ids may start with a digit)
FUNCNAME = "^([[:alnum:]].*)$"


def render_bytes(data: bytes, workspace: Workspace | None = None) -> str:
    """The file as readable text: an assessment, a review, or (failing both) the text as it is."""
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    try:
        check_depth(text, "")
        table = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, SelfAssessError, RecursionError):
        return visible(text)
    if _REVIEW_KEYS & table.keys() and not _ASSESSMENT_KEYS & table.keys():
        return render_review(table)
    if _ASSESSMENT_KEYS & table.keys():
        return render_assessment(table, _framework(workspace, table.get("framework")))
    return text


def _framework(workspace: Workspace | None, framework_id: Any) -> Framework | None:
    if not isinstance(framework_id, str):
        return None
    from .history import find_framework

    try:
        return find_framework(workspace, framework_id)
    except SelfAssessError:
        return None


def _text(value: Any) -> str:
    """Any value as one printable string: dates as written, control characters made visible."""
    if isinstance(value, datetime):
        return utc_datetime(value) if utc_or_none(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):  # the gate, with a CR before a line break shown too (a diff must see it)
        return visible(value.replace("\r\n", "\u240d\n"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return _text(str(value))


def _block(value: Any, indent: str) -> list[str]:
    return [indent + line if line else "" for line in _text(value).splitlines()] or [indent]


def render_assessment(table: dict[str, Any], framework: Framework | None) -> str:
    """An assessment's header, then each recorded criterion under its theme, in framework order."""
    lines = [
        f"Assessment: {_text(table.get('district', '?'))} {_text(table.get('period', '?'))}",
        f"Status: {_text(table.get('status', 'draft'))}",
    ]
    if "assessor" in table:
        lines.append(f"Assessor: {_text(table['assessor'])}")
    named = " ".join(_text(table[k]) for k in ("framework", "framework_version") if k in table)
    lines.append(f"Framework: {named}" + (f" ({_text(framework.title)})" if framework else ""))
    if "updated" in table:
        lines.append(f"Updated: {_text(table['updated'])}")
    criteria = table.get("criteria", {})
    if not isinstance(criteria, dict):
        return "\n".join([*lines, "", f"criteria: {_text(criteria)}"]) + "\n"
    theme = None
    for written_id in _in_order(criteria, framework):
        current = _theme_title(framework, written_id)
        if current and current != theme:
            lines += ["", f"== {current} =="]
            theme = current
        lines += ["", *_criterion(written_id, criteria[written_id], framework)]
    return "\n".join(lines) + "\n"


def _in_order(criteria: dict[str, Any], framework: Framework | None) -> list[str]:
    if framework is None:
        return list(criteria)
    order = framework.order()
    position = {cid: i for i, cid in enumerate(criteria)}
    return sorted(criteria, key=lambda cid: (order.get(framework.current_id(cid), len(order)), position[cid]))


def _theme_title(framework: Framework | None, criterion_id: str) -> str | None:
    theme = framework.theme_of(criterion_id) if framework else None
    return theme.title if theme else None


def _criterion(written_id: str, response: Any, framework: Framework | None) -> list[str]:
    heading = _text(written_id)
    if framework is not None:
        current = framework.current_id(written_id)
        known = framework.criterion(written_id) or framework.retired_criterion(written_id)
        heading = _text(current) + (f" {_text(known.title)}" if known else "")
        if current != written_id:
            heading += f" (written as {_text(written_id)})"
        elif framework.is_retired(written_id):
            heading += " (retired)"
    if not isinstance(response, dict):
        return [heading, f"  {_text(response)}"]
    return [heading, *_details(response, framework)]


def _grade(framework: Framework | None, rating: Any) -> str:
    grade = framework.grade(rating) if framework and isinstance(rating, str) else None
    return _text(grade.label) if grade else _text(rating)


def _details(response: dict[str, Any], framework: Framework | None) -> list[str]:
    lines = []
    if "rating" in response:
        lines.append(f"  Rating: {_grade(framework, response['rating'])}")
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
    actions = response.get("actions", [])
    for action in actions if isinstance(actions, list) else [actions]:
        lines += _action(action)
    known = {"rating", "not_applicable", "carried", "evidence", "as_of", "notes", "actions"}
    lines += [f"  {_text(k)}: {_text(v)}" for k, v in response.items() if k not in known]
    return lines


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


# -- registering the driver with git ---------------------------------------------------------------


def driver_command() -> str:
    """How git should run us: this console script by its absolute path, so no PATH is needed."""
    script = Path(sys.argv[0])
    if script.name == "selfassess" and script.is_file() and os.access(script, os.X_OK):
        return f"{shlex.quote(str(script.absolute()))} textconv"
    found = shutil.which("selfassess")
    if found:
        return f"{shlex.quote(found)} textconv"
    return f"{shlex.quote(sys.executable)} -m selfassess textconv"


def add_attributes(root: Path) -> bool:
    """Add the driver's line to ``root/.gitattributes``, keeping every other line; False if present."""
    path = root / ".gitattributes"
    refuse_symlink(path)
    text = path.read_text("utf-8") if path.is_file() else ""
    if any(line.split() == ATTRIBUTES_LINE.split() for line in text.splitlines()):
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + ATTRIBUTES_LINE + "\n", "utf-8")
    return True


def configure_git(root: Path, command: str, global_: bool) -> list[str]:
    """Set ``diff.selfassess.*`` in the repository's (or the user's global) git config."""
    from . import gitutil

    scope = ["--global"] if global_ else []
    if not global_ and not gitutil.is_repository(root):
        raise GitError(f"{root} is not a git repository: run 'git init' there first, or use --global")
    settings = [(f"diff.{DRIVER}.textconv", command), (f"diff.{DRIVER}.xfuncname", FUNCNAME)]
    for name, value in settings:
        gitutil.git(root, "config", *scope, name, value)
    return [shlex.join(["git", "config", *scope, name, value]) for name, value in settings]
