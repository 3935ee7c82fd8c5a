"""``selfassess merge-driver %O %A %B %P``: what git runs to merge an assessment or review file.

It writes the merged file to ``%A`` and exits 0, also when both sides changed the same field: then the
other side's values go to the conflict file beside ``%P`` (a non-zero exit would halt
``git pull --rebase`` and leave a lead mid-rebase). It exits 1 (git then reports a conflict, with no
markers written) only when a side cannot be read at all. Run by ``cli.main`` before click is imported.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from selfassess.core.errors import SelfAssessError
from selfassess.core.model import Framework
from selfassess.core.names import REVIEW_SUFFIX
from selfassess.formats.atomic import write_atomic

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
            return _merge_reviews(ours_file, theirs_file)
        return _merge_assessments(base_file, ours_file, theirs_file, Path(shown))
    except (SelfAssessError, OSError) as error:
        print(f"selfassess merge-driver: {shown}: cannot merge: {error}", file=sys.stderr)
        return 1


def _merge_reviews(ours_file: str, theirs_file: str) -> int:
    from selfassess.core.merge import merge_reviews
    from selfassess.formats.store import parse_review

    ours, theirs = parse_review(_read(ours_file)), parse_review(_read(theirs_file))
    if merge_reviews(ours, theirs) is theirs:
        write_atomic(Path(ours_file), _read(theirs_file))
    return 0


def _merge_assessments(base_file: str, ours_file: str, theirs_file: str, shown: Path) -> int:
    from selfassess.core.merge import merge_assessments
    from selfassess.formats import conflictfile
    from selfassess.formats.store import parse_assessment, render_assessment

    base_bytes = _read(base_file)
    base = parse_assessment(base_bytes, shown) if base_bytes.strip() else None
    ours = parse_assessment(_read(ours_file), shown)
    theirs = parse_assessment(_read(theirs_file), shown)
    used = _used_action_ids(shown)
    result = merge_assessments(base, ours, theirs, used)
    framework = _framework(shown, ours.framework)
    write_atomic(Path(ours_file), render_assessment(result.merged, framework).encode("utf-8"))
    if result.conflicts:
        target = conflictfile.conflict_path(shown)
        conflictfile.write(target, theirs, dict(result.conflicts), framework)
        named = ", ".join(f"{cid} ({', '.join(f)})" for cid, f in result.conflicts.items())
        print(
            f"selfassess: {shown}: both sides changed {named}; the other side is in {target}", file=sys.stderr
        )
    return 0


def _used_action_ids(shown: Path) -> set[str]:
    """Action ids in the district's files in the working tree: a renumbered action never reuses one."""
    used: set[str] = set()
    folder = shown.parent
    if folder.is_dir():
        for path in folder.glob("*.toml"):
            try:
                used.update(m.decode("utf-8", "replace") for m in _ACTION_ID.findall(path.read_bytes()))
            except OSError:
                continue
    return used


def _framework(shown: Path, framework_id: str) -> Framework | None:
    """The workspace's framework, for canonical criterion order; None when there is none here."""
    try:
        from selfassess.workspace.workspace import Workspace, find_workspace

        return Workspace(find_workspace(shown.resolve().parent)).find_framework(framework_id)
    except SelfAssessError:
        return None
