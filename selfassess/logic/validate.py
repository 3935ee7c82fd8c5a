"""``selfassess validate``: check settings, frameworks, assessments and reviews, file by file."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from selfassess.core.errors import SelfAssessError, SettingsError
from selfassess.core.names import CONFLICT_SUFFIX
from selfassess.core.periods import PERIOD_RE
from selfassess.formats import cache
from selfassess.formats.atomic import sha256_bytes
from selfassess.formats.settings import SETTINGS_FILE, load_settings
from selfassess.formats.store import parse_review
from selfassess.formats.tomlread import decode, read_bytes
from selfassess.formats.tomlsource import KeyLines
from selfassess.logic.checks import ERROR, WARNING, Finding, assessment_warnings, future_stamp
from selfassess.logic.forcewide import force_unit_findings
from selfassess.workspace.workspace import (
    ASSESSMENTS,
    INSPECTIONS,
    REVIEW_SUFFIX,
    Workspace,
    case_twin_message,
)

#: the findings of this run's assessment files, kept in one cache entry (see cache.Batch)
_BATCH: cache.Batch | None = None


@contextlib.contextmanager
def _one_cache_entry(workspace: Workspace) -> Iterator[None]:
    """Findings read from and written to one cache entry for the workspace, written once at the end."""
    global _BATCH
    if _BATCH is not None:
        yield
        return
    _BATCH = cache.Batch(cache.make_key("findings-of", str(workspace.root.resolve())))
    try:
        yield
        _BATCH.save()
    finally:
        _BATCH = None


def conflict_finding(workspace: Workspace, path: Path) -> Finding:
    """An unresolved merge conflict is an error (the district cannot be submitted), never a stray file.
    A conflict file is untrusted: one that cannot be read is one ``path:line`` finding; one committed
    to git (one clone's unfinished merge pushed by mistake) names its commit."""
    from selfassess.formats import conflictfile

    relative = workspace.relative(path)
    committed = committed_in(workspace.root, path)
    if committed:
        return Finding(
            relative,
            None,
            ERROR,
            f"a conflict file committed to git in {committed}; it is one clone's unfinished merge, "
            f"not shared work: remove it with 'git rm --cached {relative}' and commit",
        )
    review = conflictfile.is_review_conflict(path)
    district, period = path.parent.name, path.name.removesuffix(CONFLICT_SUFFIX).removesuffix(".review")
    where = (
        f"the review screen ('selfassess review {period}')"
        if review
        else f"'selfassess fill {district} {period}'"
    )
    try:
        if review:
            conflictfile.read_review(path)
            return Finding(
                relative,
                None,
                ERROR,
                f"unresolved merge conflict: both sides changed {district}'s review; choose in {where}",
            )
        conflicts = conflictfile.read(path).conflicts
    except SelfAssessError as error:
        return Finding(
            relative,
            error.line,
            ERROR,
            f"unresolved merge conflict whose file cannot be read: {error.message}; discard it in {where}",
        )
    named = "; ".join(f"{cid} ({', '.join(fields)})" for cid, fields in conflicts.items())
    return Finding(
        relative, None, ERROR, f"unresolved merge conflict: both sides changed {named}; choose in {where}"
    )


def committed_in(root: Path, path: Path) -> str | None:
    """``<short sha> by <author>`` of the commit that added ``path`` when git tracks it; else None."""
    from selfassess.git import run as gitrun

    try:
        tracked = gitrun.run(root, "ls-files", "--", str(path), check=False)
        if tracked.returncode != 0 or not tracked.stdout.strip():
            return None
        found = gitrun.run(
            root, "log", "-1", "--diff-filter=A", "--format=%h by %an", "--", str(path), check=False
        ).stdout.strip()
    except SelfAssessError:
        return None
    return found or "a commit not yet made (it is staged)"


def _error(error: SelfAssessError, severity: str = ERROR) -> Finding:
    return Finding(error.path or "", error.line, severity, error.message)


def validate_workspace(workspace: Workspace, today: date) -> list[Finding]:
    with _one_cache_entry(workspace):
        return _validate_workspace(workspace, today)


def _validate_workspace(workspace: Workspace, today: date) -> list[Finding]:
    findings: list[Finding] = []
    for path in workspace.framework_files():
        findings += validate_framework(workspace, path)
    try:
        _ = workspace.framework
    except SelfAssessError as error:
        if not any(f.message == error.message for f in findings):  # else already listed, with its file
            findings.append(_error(error))
        return findings
    findings += force_unit_findings(workspace)
    findings += validate_assessments_folder(workspace, today)
    if workspace.inspection_files():
        from selfassess.logic.inspectionchecks import inspection_findings

        findings += inspection_findings(workspace, today)
    return findings


def validate_framework(workspace: Workspace, path: Path) -> list[Finding]:
    try:
        if path.stem == workspace.settings.framework and path == workspace.framework_path(path.stem):
            _ = workspace.framework  # loaded once, and kept for the assessments
        else:
            from selfassess.formats.criteria import (
                load_framework,  # not needed (nor its YAML parser) for a cached one
            )

            load_framework(path)
    except SettingsError as error:  # the settings' [applies_to] does not fit this framework: their line
        return [Finding(workspace.relative(error.path or SETTINGS_FILE), error.line, ERROR, error.message)]
    except SelfAssessError as error:
        located = _error(error)
        return [Finding(workspace.relative(path), located.line, ERROR, error.message)]
    return []


def validate_assessments_folder(workspace: Workspace, today: date) -> list[Finding]:
    root = workspace.root / ASSESSMENTS
    findings: list[Finding] = []
    if not root.is_dir():
        return findings
    for folder in sorted(root.iterdir(), key=lambda p: p.name):
        if folder.name.startswith("."):
            continue
        if not folder.is_dir():
            findings.append(_stray(workspace, folder))
        elif folder.name not in workspace.districts:
            twin = next((d for d in workspace.districts if d.casefold() == folder.name.casefold()), None)
            message = (
                case_twin_message(folder.name, twin)
                if twin
                else f"folder for district {folder.name!r}, which is not listed in {SETTINGS_FILE}"
            )
            findings.append(Finding(workspace.relative(folder), None, ERROR, message))
        else:
            findings += validate_district(workspace, folder.name, today)
    return findings


def _stray(workspace: Workspace, path: Path) -> Finding:
    return Finding(
        workspace.relative(path),
        None,
        WARNING,
        "not an assessment or review file (expected YYYY-Qn.toml or YYYY-Qn.review.toml)",
    )


def validate_district(workspace: Workspace, district: str, today: date) -> list[Finding]:
    folder = workspace.root / ASSESSMENTS / district
    base = workspace.relative_folder(folder)
    with os.scandir(folder) as scan:
        entries = list(scan)
    names = sorted(e.name for e in entries)
    links = {e.name for e in entries if e.is_symlink()}
    periods = [n.removesuffix(".toml") for n in names if PERIOD_RE.match(n.removesuffix(".toml"))]
    latest = periods[-1] if periods else None
    findings: list[Finding] = []
    for name in names:
        path = folder / name
        stem = name.removesuffix(REVIEW_SUFFIX) if name.endswith(REVIEW_SUFFIX) else None
        if name.startswith("."):
            continue
        if name.endswith(CONFLICT_SUFFIX):
            findings.append(conflict_finding(workspace, path))
        elif stem is not None and PERIOD_RE.match(stem):
            findings += validate_review(workspace, path, assessment_exists=stem in periods, today=today)
        elif name.removesuffix(".toml") in periods:
            # a file that is not a link is where its folder is: no need to resolve its path again
            relative = str(Path(base, name)) if base is not None and name not in links else None
            findings += validate_assessment(
                workspace, path, today, overdue=name == f"{latest}.toml", relative=relative
            )
        else:
            findings.append(_stray(workspace, path))
    return findings


def validate_assessment(
    workspace: Workspace, path: Path, today: date, overdue: bool = True, relative: str | None = None
) -> list[Finding]:
    """Findings for one assessment file, served from the cache when nothing they depend on changed.

    ``relative`` is ``workspace.relative(path)`` when the caller already knows it."""
    if relative is None:
        relative = workspace.relative(path)
    try:
        data = read_bytes(path)
    except SelfAssessError as error:
        return [Finding(relative, error.line, ERROR, error.message)]
    digest = sha256_bytes(data)
    key = cache.make_key(
        "findings",
        digest,
        relative,
        workspace.settings_sha256,
        workspace.frameworks_sha256(),
        today.isoformat(),
        datetime.now(UTC).date().isoformat(),  # an ``updated`` ahead of the clock (checks.future_stamp)
        str(overdue),
    )
    batch = _BATCH
    cached = batch.get(relative, key) if batch is not None else cache.get(key)
    if isinstance(cached, list):
        return cached
    try:
        # its findings are cached instead: reading each file once needs no parsed copy kept
        assessment = workspace.parse(data, path, cached=False, relative=relative, sha256=digest)
        text = decode(data, str(path))
        findings = assessment_warnings(
            workspace, assessment, today, text=text, overdue=overdue, relative=relative
        )
    except SelfAssessError as error:
        findings = [Finding(relative, error.line, ERROR, error.message)]
    if batch is not None:
        batch.put(relative, key, findings)
    else:
        cache.put(key, findings)
    return findings


def validate_review(
    workspace: Workspace, path: Path, assessment_exists: bool, today: date | None = None
) -> list[Finding]:
    relative = workspace.relative(path)
    try:
        data = read_bytes(path)
        review = parse_review(data, relative)
    except SelfAssessError as error:
        return [Finding(relative, error.line, ERROR, error.message)]
    if not assessment_exists:
        return [Finding(relative, None, ERROR, "a review with no assessment beside it")]
    if today is None:
        return []
    line = KeyLines(decode(data, relative)).line("reviewed")
    return future_stamp(relative, line, "reviewed", review.reviewed, today)


def validate_paths(workspace: Workspace, paths: Iterable[str], today: date) -> list[Finding]:
    """Validate the named files and folders (a folder: everything in it that selfassess reads)."""
    with _one_cache_entry(workspace):
        return _validate_paths(workspace, paths, today)


def _validate_paths(workspace: Workspace, paths: Iterable[str], today: date) -> list[Finding]:
    findings: list[Finding] = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            raise SelfAssessError("no such file or folder", name)
        findings += _validate_path(workspace, path.resolve(), today)
    return findings


def _validate_path(workspace: Workspace, path: Path, today: date) -> list[Finding]:
    if path.is_dir():
        if path == workspace.root.resolve():
            return validate_workspace(workspace, today)
        findings: list[Finding] = []
        for child in sorted(path.rglob("*")):
            if child.is_file() and not child.name.startswith("."):
                findings += _validate_path(workspace, child, today)
        return findings
    if path.name == SETTINGS_FILE:
        try:
            load_settings(path)
        except SelfAssessError as error:
            return [_error(error)]
        return []
    if path.suffix == ".yaml" and path.parent.name == INSPECTIONS:
        from selfassess.formats.inspections import load_inspection

        try:
            load_inspection(path, workspace.relative(path))
        except SelfAssessError as error:
            return [_error(error)]
        return []
    if path.suffix in (".yaml", ".yml"):
        return validate_framework(workspace, path)
    if path.name.endswith(CONFLICT_SUFFIX):
        return [conflict_finding(workspace, path)]
    if path.name.endswith(REVIEW_SUFFIX):
        stem = path.name.removesuffix(REVIEW_SUFFIX)
        return validate_review(workspace, path, (path.parent / f"{stem}.toml").exists(), today)
    if path.suffix == ".toml":
        return validate_assessment(workspace, path, today)
    return [_stray(workspace, path)]
