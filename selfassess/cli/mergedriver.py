"""``selfassess merge-driver %O %A %B %P``: what git runs to merge an assessment or review file.

It writes the merged file to ``%A`` and exits 0, also when both sides changed the same field: then the
other side's values go to the conflict file beside ``%P`` (a non-zero exit would halt
``git pull --rebase`` and leave a lead mid-rebase). A review changed differently on both sides keeps
``%A`` (in sync's rebase: the version already pushed) and the other goes whole to the review's
conflict file; no side is ever chosen by a date typed in the file. Actions both sides minted under one
id are both kept; the renumbering is said on stderr in one line, which ``sync`` passes on. It exits 1
(git then reports a conflict, with no
markers written) only when a side cannot be read at all. Run by ``cli.main`` before click is imported.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from selfassess.core.errors import SelfAssessError
from selfassess.core.model import Framework
from selfassess.core.names import ASSESSMENT_SUFFIX, PERIOD, REVIEW_SUFFIX
from selfassess.formats.atomic import write_atomic
from selfassess.logic.rebase import RENUMBERED

_ACTION_ID = re.compile(rb'^id = "([^"\\]+)"$', re.MULTILINE)


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print("selfassess merge-driver: usage: merge-driver BASE OURS THEIRS [PATH]", file=sys.stderr)
        return 2
    base_file, ours_file, theirs_file = argv[:3]
    shown = argv[3] if len(argv) > 3 else ours_file
    try:
        if shown.endswith(REVIEW_SUFFIX):
            return _merge_reviews(base_file, ours_file, theirs_file, Path(shown))
        return _merge_assessments(base_file, ours_file, theirs_file, Path(shown))
    except (SelfAssessError, OSError) as error:
        print(f"selfassess merge-driver: {shown}: cannot merge: {error}", file=sys.stderr)
        return 1


def _merge_reviews(base_file: str, ours_file: str, theirs_file: str, shown: Path) -> int:
    from selfassess.formats import conflictfile
    from selfassess.formats.store import parse_review

    base, ours, theirs = _read(base_file), _read(ours_file), _read(theirs_file)
    ours_review, theirs_review = parse_review(ours, shown), parse_review(theirs, shown)
    if ours_review == theirs_review or theirs == base:
        return 0
    if ours == base:
        write_atomic(Path(ours_file), theirs)
        return 0
    target = conflictfile.conflict_path(shown)
    conflictfile.write_review(target, theirs)
    print(
        f"selfassess: {shown}: both sides changed the review; the other side is in {target}",
        file=sys.stderr,
    )
    return 0


def _merge_assessments(base_file: str, ours_file: str, theirs_file: str, shown: Path) -> int:
    from selfassess.core.merge import merge_assessments
    from selfassess.formats import conflictfile
    from selfassess.formats.store import parse_assessment, render_assessment

    base_bytes = _read(base_file)
    base = parse_assessment(base_bytes, shown) if base_bytes.strip() else None
    ours = parse_assessment(_read(ours_file), shown)
    theirs = parse_assessment(_read(theirs_file), shown)
    used, known = _district_actions(shown)
    result = merge_assessments(base, ours, theirs, used, known)
    framework = _framework(shown, ours.framework)
    write_atomic(Path(ours_file), render_assessment(result.merged, framework).encode("utf-8"))
    if result.conflicts:
        target = conflictfile.conflict_path(shown)
        conflictfile.write(target, theirs, dict(result.conflicts), framework)
        named = ", ".join(f"{cid} ({', '.join(f)})" for cid, f in result.conflicts.items())
        print(
            f"selfassess: {shown}: both sides changed {named}; the other side is in {target}", file=sys.stderr
        )
    for old, new in result.renumbered:
        print(
            f"{RENUMBERED}{shown}: both sides added action {old}; the one merged in is now {new}",
            file=sys.stderr,
        )
    return 0


def _district_actions(shown: Path) -> tuple[set[str], dict]:
    """Action ids in the district's files in the working tree (a renumbered action never reuses one),
    and the actions of its other quarters by id, latest quarter last (a carried action's base)."""
    from selfassess.formats.store import parse_assessment

    used: set[str] = set()
    known: dict = {}
    folder = shown.parent
    if not folder.is_dir():
        return used, known
    for path in sorted(folder.glob("*.toml")):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        used.update(m.decode("utf-8", "replace") for m in _ACTION_ID.findall(data))
        if path.name == shown.name or not _QUARTER.match(path.name) or path.name > shown.name:
            continue
        try:
            known.update({action.id: action for _, action in parse_assessment(data, path).actions()})
        except SelfAssessError:
            continue
    return used, known


#: a quarter's assessment file, ``2026-Q4.toml``
_QUARTER = re.compile(rf"^{PERIOD}{re.escape(ASSESSMENT_SUFFIX)}$")


def _framework(shown: Path, framework_id: str) -> Framework | None:
    """The workspace's framework, for canonical criterion order; None when there is none here."""
    try:
        from selfassess.workspace.workspace import Workspace, find_workspace

        return Workspace(find_workspace(shown.resolve().parent)).find_framework(framework_id)
    except SelfAssessError:
        return None
