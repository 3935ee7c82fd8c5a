"""Where a workspace stands with its git remote, in words for the home screen: uncommitted files,
commits not pushed, commits to pull (after a fetch) and the last sync."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from selfassess.core.errors import GitError
from selfassess.core.vocabulary import plural
from selfassess.git import run as gitrun
from selfassess.logic.sync import changed_paths, conflict_files, last_failure, last_sync


@dataclass
class RepoStatus:
    in_git: bool
    uncommitted: int = 0
    remote: str | None = None
    unpushed: int | None = None
    to_pull: int | None = None
    fetch_failed: str | None = None
    last_sync: str | None = None
    conflicts: int = 0
    #: why the last sync stopped (none has gone through since)
    sync_failed: str | None = None


def _count(root: Path, spec: str) -> int | None:
    result = gitrun.run(root, "rev-list", "--count", spec, check=False)
    return int(result.stdout) if result.returncode == 0 and result.stdout.strip().isdigit() else None


def read_status(root: Path, fetch: bool = False) -> RepoStatus:
    """The workspace's standing; ``fetch`` asks the remote first (network: call it off the UI thread)."""
    if not gitrun.is_repository(root):
        return RepoStatus(in_git=False)
    district, _ = changed_paths(root, include_shared=False)
    status = RepoStatus(True, len(district), last_sync=last_sync(root), conflicts=len(conflict_files(root)))
    status.sync_failed = last_failure(root)
    upstream = gitrun.run(root, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}", check=False)
    if upstream.returncode != 0:
        if gitrun.run(root, "remote").stdout.strip():
            status.remote = "(not pushed yet)"
            status.unpushed = _count(root, "HEAD")
        return status
    status.remote = upstream.stdout.strip()
    if fetch:
        try:
            gitrun.run(root, "fetch", "-q", timeout=30)
        except GitError as error:
            status.fetch_failed = error.message
    status.unpushed = _count(root, "@{u}..HEAD")
    status.to_pull = _count(root, "HEAD..@{u}")
    return status


def describe(status: RepoStatus) -> str:
    """One line: ``git: 2 files not committed · 1 commit not pushed · nothing to pull · last sync …``."""
    if not status.in_git:
        return "Not a git repository: 'git init' here (and add a remote) to share with 'selfassess sync'."
    parts = [f"{plural(status.uncommitted, 'file')} not committed" if status.uncommitted else "all committed"]
    if status.conflicts:
        parts.insert(0, f"{plural(status.conflicts, 'merge conflict')} to resolve (fill screen)")
    if status.remote is None:
        parts.append("no remote")
    else:
        if status.unpushed:
            parts.append(f"{plural(status.unpushed, 'commit')} not pushed")
        if status.fetch_failed:
            parts.append(f"could not fetch ({status.fetch_failed})")
        elif status.to_pull:
            parts.append(f"{plural(status.to_pull, 'commit')} to pull")
        elif status.to_pull == 0 and not status.unpushed:
            parts.append(f"up to date with {status.remote}")
    parts.append(f"last sync {status.last_sync.replace('T', ' ')}" if status.last_sync else "never synced")
    if status.sync_failed:
        parts.insert(0, f"LAST SYNC FAILED: {status.sync_failed}")
    return "git: " + " · ".join(parts) + " · s: sync"
