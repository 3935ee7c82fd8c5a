"""New workspaces: ``init``'s files, and the demo copy with one git commit per quarter."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import tomli_w

from selfassess.core.errors import SelfAssessError
from selfassess.core.ids import check_district
from selfassess.core.model import FORCE_WIDE
from selfassess.core.names import (
    ASSESSMENTS,
    CONFLICT_SUFFIX,
    CRITERIA,
    INSPECTIONS,
    LOCK_PREFIX,
    LOCK_SUFFIX,
    REVIEW_SUFFIX,
    TEMP_SUFFIX,
    UNSAVED_SUFFIX,
)
from selfassess.core.periods import PERIOD_RE, Period
from selfassess.formats.bundled import bundled_root
from selfassess.formats.guards import refuse_symlink
from selfassess.formats.safeio import refuse_symlinked_folders
from selfassess.formats.settings import SETTINGS_FILE
from selfassess.git.run import have_git, is_repository
from selfassess.git.util import git

GITIGNORE = (
    "# selfassess: edit locks, temporary files of interrupted saves, text kept when a save failed\n"
    f"{LOCK_PREFIX}*{LOCK_SUFFIX}\n.*{TEMP_SUFFIX}\n.*{UNSAVED_SUFFIX}\n"
    "# the other side of a merge conflict, kept until it is resolved in the fill screen\n"
    f"{ASSESSMENTS}/*/*{CONFLICT_SUFFIX}\n"
)
GITATTRIBUTES = "# every checkout keeps assessments byte for byte as written\n*.toml text eol=lf\n"
DEFAULT_FRAMEWORK = "ncpi"
DEMO_AUTHOR = ("selfassess demo", "demo@selfassess.invalid")


def write_support_files(root: Path) -> None:
    for name, text in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
        path = root / name
        refuse_symlink(path)
        if not path.exists():
            path.write_text(text, encoding="utf-8", newline="\n")


def init_workspace(root: Path, force_name: str, districts: list[str], force_unit: str | None = None) -> bool:
    """Write settings, the default framework and git files; ``git init`` when git is present.

    ``force_unit`` adds a force-wide unit after the districts, asked only the force-level criteria.
    Returns whether a git repository was created.
    """
    districts = [*districts, force_unit] if force_unit else list(districts)
    if (root / SETTINGS_FILE).exists():
        raise SelfAssessError(f"{SETTINGS_FILE} already exists here; this is already a workspace", root)
    for district in districts:
        check_district(district)
    if len(set(districts)) != len(districts):
        raise SelfAssessError("a district is listed twice")
    root.mkdir(parents=True, exist_ok=True)
    for folder in (CRITERIA, ASSESSMENTS):  # never written through: the files would land elsewhere
        refuse_symlinked_folders(root, root / folder)
    settings = {
        "force": force_name,
        "framework": DEFAULT_FRAMEWORK,
        "districts": districts,
        "quarters": "calendar",
        "stale_after_days": 183,
    }
    if force_unit:
        settings["capabilities"] = {force_unit: [FORCE_WIDE]}
    header = "# selfassess workspace settings: see the README for every key\n"
    (root / SETTINGS_FILE).write_text(header + tomli_w.dumps(settings), encoding="utf-8", newline="\n")
    (root / CRITERIA).mkdir(exist_ok=True)
    framework = root / CRITERIA / f"{DEFAULT_FRAMEWORK}.yaml"
    if not framework.exists():
        shutil.copyfile(bundled_root() / CRITERIA / f"{DEFAULT_FRAMEWORK}.yaml", framework)
    (root / ASSESSMENTS).mkdir(exist_ok=True)
    write_support_files(root)
    if have_git() and not is_repository(root):
        git(root, "init", "-q")
        return True
    return False


def copy_demo(target: Path) -> None:
    """Copy the bundled demo workspace into ``target`` (which must be new or empty)."""
    if target.exists() and any(target.iterdir()):
        raise SelfAssessError("folder is not empty; choose a new folder for the demo", target)
    source = bundled_root()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / SETTINGS_FILE, target / SETTINGS_FILE)
    shutil.copytree(source / CRITERIA, target / CRITERIA)
    shutil.copytree(source / ASSESSMENTS, target / ASSESSMENTS, ignore=shutil.ignore_patterns(".*"))
    if (source / INSPECTIONS).is_dir():
        shutil.copytree(source / INSPECTIONS, target / INSPECTIONS)
    write_support_files(target)


def _period_of(path: Path) -> str | None:
    stem = path.name.removesuffix(REVIEW_SUFFIX).removesuffix(".toml")
    return stem if PERIOD_RE.match(stem) else None


def commit_demo_history(root: Path, now: datetime | None = None) -> int:
    """Make ``root`` a git repository with one commit per quarter; return the number of commits."""
    now = now or datetime.now(UTC)
    git(root, "init", "-q")
    name, email = DEMO_AUTHOR
    identity = ["-c", f"user.name={name}", "-c", f"user.email={email}", "-c", "commit.gpgsign=false"]
    files = sorted((root / ASSESSMENTS).rglob("*.toml"))
    periods = sorted({p for p in map(_period_of, files) if p})
    git(root, "add", SETTINGS_FILE, CRITERIA, ".gitignore", ".gitattributes")
    if (root / INSPECTIONS).is_dir():
        git(root, "add", INSPECTIONS)
    for period in periods:
        paths = [str(f.relative_to(root)) for f in files if _period_of(f) == period]
        git(root, "add", "--", *paths)
        when = min(datetime.combine(Period.parse(period).end(), datetime.min.time(), UTC), now)
        stamp = (when - timedelta(hours=14)).strftime("%Y-%m-%dT%H:%M:%SZ")
        env = {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        git(root, *identity, "commit", "-q", "-m", f"Assessments for {period}", env=env)
    return len(periods)
