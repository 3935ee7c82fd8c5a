"""``selfassess sync``: commit what changed, pull (rebase), push; and the one-file commits of ``submit``
and the review screen. Every git failure is one GitError line; nothing typed is ever thrown away.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from selfassess.core.errors import GitError, SelfAssessError
from selfassess.git import run as gitrun
from selfassess.logic.commitmessage import describe, message
from selfassess.workspace.gitsetup import ensure_registered

#: the files sync commits by default: assessments and reviews
_DISTRICT_FILE = re.compile(r"^assessments/([a-z0-9][a-z0-9-]{0,39})/(\d{4}-Q[1-4])(\.review)?\.toml$")
#: what ``--all`` adds
SHARED_PATHS = ("selfassess.toml", "criteria", ".gitattributes", ".gitignore", "allowed_signers")
CONFLICT_SUFFIX = ".conflict.toml"
#: how git says someone else pushed first (the last two: they pushed between our fetch and our push)
_REJECTED = ("[rejected]", "fetch first", "non-fast-forward", "incorrect old value", "cannot lock ref")
LAST_SYNC_KEY = "selfassess.lastsync"

Progress = Callable[[str], None]


class SyncConflict(SelfAssessError):
    """Both sides changed the same field: resolve in the fill screen, then sync again."""

    exit_code = 1


@dataclass
class SyncResult:
    committed: str | None = None
    remote: str | None = None
    pulled: int = 0
    pushed: bool = False
    #: the remote already had every commit: nothing was sent (``pushed`` stays False)
    up_to_date: bool = False
    registered: bool = False
    notes: list[str] = field(default_factory=list)


def not_a_repository(root: Path) -> GitError:
    return GitError(
        f"{root} is not a git repository: run 'git init' there (and 'git remote add origin URL' to "
        "share it), then sync again"
    )


def conflict_files(root: Path) -> list[Path]:
    return sorted((root / "assessments").glob(f"*/*{CONFLICT_SUFFIX}"))


def _resolve_hint(root: Path, path: Path) -> str:
    district, period = path.parent.name, path.name.removesuffix(CONFLICT_SUFFIX)
    return (
        f"{path.relative_to(root).as_posix()}: both sides changed the same fields; choose in "
        f"'selfassess fill {district} {period}', then sync again"
    )


def changed_paths(root: Path, include_shared: bool) -> tuple[list[str], list[str]]:
    """Assessment/review paths and (with ``include_shared``) settings/framework paths that differ from
    HEAD or are new, relative to ``root`` (which may be a folder inside the repository)."""
    specs = ["assessments", *(SHARED_PATHS if include_shared else ())]
    specs = [s for s in specs if (root / s).exists() or _tracked(root, s)]
    if not specs:
        return [], []
    has_head = gitrun.run(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode == 0
    tracked = ["diff", "--name-only", "--relative", "-z", "HEAD"] if has_head else ["ls-files", "-z"]
    output = gitrun.run(root, *tracked, "--", *specs).stdout
    output += gitrun.run(root, "ls-files", "-z", "--others", "--exclude-standard", "--", *specs).stdout
    district, shared = [], []
    for path in dict.fromkeys(p for p in output.split("\0") if p):
        if _DISTRICT_FILE.match(path):
            district.append(path)
        elif include_shared and not path.startswith("assessments/"):
            shared.append(path)
    return district, shared


def _tracked(root: Path, spec: str) -> bool:
    return bool(gitrun.run(root, "ls-files", "--", spec, check=False).stdout.strip())


def _head_blob(root: Path, path: str) -> bytes | None:
    from selfassess.git.util import read_blobs

    try:
        return read_blobs(root, [f"HEAD:{path}"])[0]
    except (GitError, ValueError):
        return None


def _line_for(root: Path, path: str) -> str:
    match = _DISTRICT_FILE.match(path)
    assert match is not None
    label = f"{match.group(1)} {match.group(2)}"
    new_path = root / path
    new = new_path.read_bytes() if new_path.is_file() else None
    return describe(label, "review" if match.group(3) else "assessment", _head_blob(root, path), new)


def commit_changes(root: Path, include_shared: bool = False) -> str | None:
    """Commit changed assessment and review files (and shared files); the subject, or None."""
    district, shared = changed_paths(root, include_shared)
    paths = district + shared
    if not paths:
        return None
    subject, body = message([_line_for(root, p) for p in district], shared)
    gitrun.run(root, "add", "-A", "--", *paths)
    args = ["commit", "-q", "--only", "-m", subject, *(["-m", body] if body else []), "--", *paths]
    _commit(root, args)
    return subject


def _commit(root: Path, args: list[str]) -> None:
    result = gitrun.run(root, *args, check=False)
    if result.returncode != 0:
        words = gitrun.one_line(result.stderr or result.stdout)
        if "sign" in words.lower() or "passphrase" in result.stderr:
            words = (
                "git could not sign the commit (a key with a passphrase and no ssh-agent?): run "
                "ssh-add, or run selfassess sync from the command line, where git can ask for it"
            )
        elif "identity" in words or "email" in words or "tell me who you are" in result.stderr:
            words = (
                "git does not know who you are: run git config --global user.name 'Your Name' and "
                "git config --global user.email you@force.example"
            )
        raise GitError(f"git commit failed: {words}")


def commit_file(root: Path, path: Path, subject: str) -> bool:
    """Commit one file (``git commit --only``), leaving anything else staged as it is; False when
    there was nothing to commit. Outside a repository: GitError."""
    if not gitrun.is_repository(root):
        raise not_a_repository(root)
    ensure_registered(root)
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    gitrun.run(root, "add", "--", relative)
    if not gitrun.run(root, "diff", "--cached", "--quiet", "--", relative, check=False).returncode:
        return False
    _commit(root, ["commit", "-q", "--only", "-m", subject, "--", relative])
    return True


def _remote(root: Path) -> tuple[str, str] | None:
    """(remote, branch) to pull from and push to; None without a remote."""
    remotes = gitrun.run(root, "remote").stdout.split()
    if not remotes:
        return None
    branch = gitrun.run(root, "symbolic-ref", "--quiet", "--short", "HEAD", check=False).stdout.strip()
    if not branch:
        raise GitError("not on a branch (a detached HEAD): run 'git switch main' first")
    configured = gitrun.run(root, "config", "--get", f"branch.{branch}.remote", check=False).stdout.strip()
    remote = configured or ("origin" if "origin" in remotes else remotes[0])
    merge = gitrun.run(root, "config", "--get", f"branch.{branch}.merge", check=False).stdout.strip()
    return remote, merge.removeprefix("refs/heads/") or branch


def _pull(root: Path, remote: str, branch: str) -> int:
    """Pull with rebase; the number of commits that came in. A failed rebase is undone."""
    exists = gitrun.run(root, "ls-remote", "--heads", remote, branch)
    if not exists.stdout.strip():
        return 0  # a new, empty remote: nothing to pull yet
    before = gitrun.run(root, "rev-parse", "HEAD", check=False).stdout.strip()
    result = gitrun.run(
        root, "pull", "-q", "--rebase", "--autostash", "--no-edit", remote, branch, check=False
    )
    if result.returncode != 0:
        words = gitrun.one_line(result.stderr or result.stdout)
        if (
            gitrun.git_dir_file(root, "rebase-merge").exists()
            or gitrun.git_dir_file(root, "rebase-apply").exists()
        ):
            gitrun.run(root, "rebase", "--abort", check=False)
            raise GitError(
                f"could not combine your commits with {remote}/{branch} ({words}); your work is kept "
                "as it was, nothing was pushed"
            )
        raise GitError(f"git pull failed: {words}")
    if not before:
        return 0
    count = gitrun.run(root, "rev-list", "--count", "FETCH_HEAD", f"^{before}", check=False).stdout.strip()
    return int(count) if count.isdigit() else 0


def _push(root: Path, remote: str, branch: str) -> bool | None:
    """Push; None when the remote already had everything (nothing sent); False when rejected because
    someone pushed first; GitError on any other failure."""
    result = gitrun.run(root, "push", "--porcelain", "-u", remote, f"HEAD:refs/heads/{branch}", check=False)
    if result.returncode == 0:
        statuses = [line.split("\t")[0] for line in result.stdout.splitlines() if "\t" in line]
        return None if statuses and all(flag == "=" for flag in statuses) else True
    if any(word in result.stderr for word in _REJECTED) and "denied" not in result.stderr:
        return False
    raise GitError(f"git push failed: {gitrun.one_line(result.stderr or result.stdout)}")


def sync(root: Path, include_shared: bool = False, progress: Progress | None = None) -> SyncResult:
    """Commit, pull (rebase, autostash) and push; see the module docstring."""
    say = progress or (lambda _: None)
    if not gitrun.is_repository(root):
        raise not_a_repository(root)
    result = SyncResult(registered=ensure_registered(root))
    say("Committing changes…")
    result.committed = commit_changes(root, include_shared)
    target = _remote(root)
    if target is None:
        result.notes.append("no remote: nothing pushed (add one with 'git remote add origin URL')")
        _record(root)
        return result
    remote, branch = target
    result.remote = f"{remote}/{branch}"
    _refuse_while_conflicted(root)
    say(f"Pulling from {remote}…")
    result.pulled = _pull(root, remote, branch)
    _refuse_while_conflicted(root)
    say(f"Pushing to {remote}…")
    pushed = _push(root, remote, branch)
    if pushed is False:
        say(f"Someone pushed first; pulling from {remote} again…")
        result.pulled += _pull(root, remote, branch)
        _refuse_while_conflicted(root)
        pushed = _push(root, remote, branch)
        if pushed is False:
            raise GitError(f"git push to {remote} was rejected twice (others are pushing); sync again")
    result.pushed = pushed is True
    result.up_to_date = pushed is None
    _record(root)
    return result


def _refuse_while_conflicted(root: Path) -> None:
    found = conflict_files(root)
    if found:
        raise SyncConflict("not pushed: " + _resolve_hint(root, found[0]))


def _record(root: Path) -> None:
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    gitrun.run(root, "config", LAST_SYNC_KEY, stamp, check=False)


def last_sync(root: Path) -> str | None:
    value = gitrun.run(root, "config", "--get", LAST_SYNC_KEY, check=False).stdout.strip()
    return value or None
