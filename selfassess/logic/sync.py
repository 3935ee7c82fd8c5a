"""``selfassess sync``: commit what changed, fetch and rebase (``logic.rebase``: no commit dropped
silently), push; and the one-file commits of ``submit`` and the review screen. Every git failure is one
GitError line; nothing typed is ever thrown away, and a failed commit leaves nothing newly staged.
Only this clone's own (untracked) conflict files stop a push.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from selfassess.core.errors import GitError, SelfAssessError
from selfassess.core.names import CONFLICT_SUFFIX, CRITERIA, DISTRICT_FILE_RE, INSPECTIONS, SETTINGS_FILE
from selfassess.git import run as gitrun
from selfassess.logic import rebase
from selfassess.logic.commitmessage import describe, message
from selfassess.workspace.gitsetup import ensure_registered

#: the files sync commits by default: assessments and reviews
_DISTRICT_FILE = DISTRICT_FILE_RE
#: what ``--all`` adds
SHARED_PATHS = (SETTINGS_FILE, CRITERIA, INSPECTIONS, ".gitattributes", ".gitignore", "allowed_signers")
#: how git says someone else pushed first (the last two: they pushed between our fetch and our push)
_REJECTED = ("[rejected]", "fetch first", "non-fast-forward", "incorrect old value", "cannot lock ref")
LAST_SYNC_KEY = "selfassess.lastsync"
#: why the last sync stopped (cleared by one that pushes): the screens' status lines show it
LAST_FAILURE_KEY = "selfassess.lastsyncfailure"

Progress = Callable[[str], None]


class SyncConflict(SelfAssessError):
    """Both sides changed the same field, or a commit was superseded: sync stopped before pushing.
    ``notes``: what the pull had to say before it stopped (an action renumbered)."""

    exit_code = 1

    def __init__(self, message: str, notes: list[str] | None = None) -> None:
        super().__init__(message)
        self.notes = list(notes or ())


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
    if period.endswith(".review"):
        return (
            f"{path.relative_to(root).as_posix()}: both sides changed the review; choose in the review "
            f"screen ('selfassess review', {district} {period.removesuffix('.review')}), then sync again"
        )
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
    staged = set(gitrun.run(root, "diff", "--cached", "--name-only", "-z", "--relative").stdout.split("\0"))
    gitrun.run(root, "add", "-A", "--", *paths)
    args = ["commit", "-q", "--only", "-m", subject, *(["-m", body] if body else []), "--", *paths]
    try:
        _commit(root, args)
    except GitError:
        _unstage(root, [p for p in paths if p not in staged])  # nothing left staged that was not
        raise
    return subject


def _unstage(root: Path, paths: list[str]) -> None:
    if not paths:
        return
    if gitrun.run(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode == 0:
        gitrun.run(root, "reset", "-q", "HEAD", "--", *paths, check=False)
    else:
        gitrun.run(root, "rm", "-q", "--cached", "--ignore-unmatch", "--", *paths, check=False)


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


def _pull(root: Path, remote: str, branch: str, result: SyncResult) -> None:
    """Fetch and rebase (``logic.rebase``); a commit the merge emptied stops sync before it pushes."""
    pulled = rebase.pull(root, remote, branch)
    result.pulled += pulled.count
    result.notes += [note for note in pulled.notes if note not in result.notes]
    if pulled.superseded:
        words = "; ".join(s.sentence() for s in pulled.superseded)
        found = _unresolved(root)
        tail = f"; {_resolve_hint(root, found[0])}" if found else ""
        raise SyncConflict(f"not pushed: {words}{tail}", notes=result.notes)


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
    """Commit, pull (rebase, autostash) and push; see the module docstring. Why it stopped is kept
    (:func:`last_failure`) until a sync goes through."""
    if not gitrun.is_repository(root):
        raise not_a_repository(root)
    try:
        result = _sync(root, include_shared, progress)
    except SelfAssessError as error:
        gitrun.run(root, "config", LAST_FAILURE_KEY, gitrun.one_line(str(error)), check=False)
        raise
    gitrun.run(root, "config", "--unset", LAST_FAILURE_KEY, check=False)
    return result


def last_failure(root: Path) -> str | None:
    """Why the last sync stopped, if it did (and none has gone through since)."""
    value = gitrun.run(root, "config", "--get", LAST_FAILURE_KEY, check=False).stdout.strip()
    return value or None


def _sync(root: Path, include_shared: bool, progress: Progress | None) -> SyncResult:
    say = progress or (lambda _: None)
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
    _pull(root, remote, branch, result)
    _refuse_while_conflicted(root, result.notes)
    say(f"Pushing to {remote}…")
    pushed = _push(root, remote, branch)
    if pushed is False:
        say(f"Someone pushed first; pulling from {remote} again…")
        _pull(root, remote, branch, result)
        _refuse_while_conflicted(root, result.notes)
        pushed = _push(root, remote, branch)
        if pushed is False:
            raise GitError(f"git push to {remote} was rejected twice (others are pushing); sync again")
    result.pushed = pushed is True
    result.up_to_date = pushed is None
    _record(root)
    return result


def _unresolved(root: Path) -> list[Path]:
    """This clone's own conflict files: untracked ones (a committed one is someone's mistake that
    ``validate`` reports with its commit; it blocks no one's push)."""
    found = conflict_files(root)
    if not found:
        return []
    tracked = set(gitrun.run(root, "ls-files", "-z", "--", "assessments").stdout.split("\0"))
    return [path for path in found if path.relative_to(root).as_posix() not in tracked]


def _refuse_while_conflicted(root: Path, notes: list[str] | None = None) -> None:
    found = _unresolved(root)
    if found:
        raise SyncConflict("not pushed: " + _resolve_hint(root, found[0]), notes=notes)


def _record(root: Path) -> None:
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    gitrun.run(root, "config", LAST_SYNC_KEY, stamp, check=False)


def last_sync(root: Path) -> str | None:
    value = gitrun.run(root, "config", "--get", LAST_SYNC_KEY, check=False).stdout.strip()
    return value or None
