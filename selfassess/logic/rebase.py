"""``sync``'s pull: fetch, then rebase this clone's commits onto what came in, never losing one silently.

``git pull --rebase`` drops a commit that the merge driver emptied (its change lost to one already
pushed) and exits 0. Here the rebase keeps emptied commits (``--empty=keep``); each is then kept on
``refs/selfassess/superseded/<sha>`` and taken off the branch. One whose change the merge set aside
(a conflict file now stands beside a file it changed) is reported with the commit and author that
superseded it, and ``sync`` stops before pushing. One the merge took in whole (what came in already
holds all it changed) is not a loss, nor is a commit skipped because its identical patch is upstream.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from selfassess.core.errors import GitError
from selfassess.core.names import CONFLICT_SUFFIX
from selfassess.git import run as gitrun

#: where a commit the merge emptied is kept (``git show selfassess/superseded/<sha>``)
SUPERSEDED_REFS = "refs/selfassess/superseded/"
#: how the merge driver starts a line saying it renumbered an action (``cli.mergedriver``)
RENUMBERED = "selfassess: renumbered: "


@dataclass(frozen=True)
class Superseded:
    """A commit of this clone whose change the merge emptied, and the upstream commit that did it."""

    sha: str
    subject: str
    by_sha: str = ""
    by_author: str = ""

    def sentence(self) -> str:
        by = f" by {self.by_sha[:10]} ({self.by_author})" if self.by_sha else " by what was already pushed"
        return (
            f"your change '{self.subject}' ({self.sha[:10]}) was superseded{by}; it is kept on "
            f"selfassess/superseded/{self.sha}"
        )


@dataclass
class Pulled:
    count: int = 0
    superseded: list[Superseded] = field(default_factory=list)
    #: the merge driver's one-line notes (an action renumbered)
    notes: list[str] = field(default_factory=list)


def _sha(root: Path, rev: str) -> str:
    return gitrun.run(root, "rev-parse", "--verify", "--quiet", rev, check=False).stdout.strip()


def _lines(root: Path, *args: str) -> list[str]:
    return [line for line in gitrun.run(root, *args).stdout.splitlines() if line.strip()]


def _is_empty(root: Path, sha: str) -> bool:
    """The commit changes nothing against its first parent."""
    return _sha(root, f"{sha}^{{tree}}") == _sha(root, f"{sha}^1^{{tree}}")


def _abort(root: Path, remote: str, branch: str, words: str) -> GitError:
    if (
        gitrun.git_dir_file(root, "rebase-merge").exists()
        or gitrun.git_dir_file(root, "rebase-apply").exists()
    ):
        gitrun.run(root, "rebase", "--abort", check=False)
    return GitError(
        f"could not combine your commits with {remote}/{branch} ({words}); your work is kept "
        "as it was, nothing was pushed"
    )


def pull(root: Path, remote: str, branch: str) -> Pulled:
    """Fetch ``remote``'s ``branch`` and rebase onto it; see the module docstring."""
    exists = gitrun.run(root, "ls-remote", "--heads", remote, branch)
    if not exists.stdout.strip():
        return Pulled()  # a new, empty remote: nothing to pull yet
    before = _sha(root, "HEAD")
    if not before:  # nothing committed here yet: take the remote's history as it is
        result = gitrun.run(root, "pull", "-q", "--rebase", "--autostash", remote, branch, check=False)
        if result.returncode != 0:
            raise GitError(f"git pull failed: {gitrun.one_line(result.stderr or result.stdout)}")
        return Pulled()
    fetched = gitrun.run(root, "fetch", "-q", remote, f"refs/heads/{branch}", check=False)
    if fetched.returncode != 0:
        raise GitError(f"git fetch failed: {gitrun.one_line(fetched.stderr or fetched.stdout)}")
    upstream = _sha(root, "FETCH_HEAD")
    count = int(gitrun.run(root, "rev-list", "--count", upstream, f"^{before}").stdout.strip() or 0)
    if not count:
        return Pulled()
    already = {line[2:] for line in _lines(root, "cherry", upstream, before) if line.startswith("- ")}
    replayed = [
        sha
        for sha in _lines(root, "rev-list", "--reverse", "--no-merges", before, f"^{upstream}")
        if sha not in already
    ]
    result = gitrun.run(root, "rebase", "-q", "--autostash", "--empty=keep", upstream, check=False)
    if result.returncode != 0:
        raise _abort(root, remote, branch, gitrun.one_line(result.stderr or result.stdout))
    pulled = Pulled(count, notes=_notes(result.stderr))
    rebased = _lines(root, "rev-list", "--reverse", "HEAD", f"^{upstream}")
    if len(rebased) != len(replayed):
        return pulled  # not one to one (merges in the history): nothing can be told apart safely
    emptied = [old for old, new in zip(replayed, rebased, strict=True) if _is_empty(root, new)]
    emptied = [old for old in emptied if not _is_empty(root, old)]  # one made empty on purpose stays
    if emptied:
        base = _merge_base(root, before, upstream)
        for old in emptied:
            gitrun.run(root, "update-ref", f"{SUPERSEDED_REFS}{old}", old)
            paths = _lines(root, "diff-tree", "--no-commit-id", "--name-only", "-r", old)
            if any(_conflict_beside(root, path) for path in paths):
                pulled.superseded.append(_superseded_by(root, old, paths, base, upstream))
        dropped = gitrun.run(
            root, "rebase", "-q", "--autostash", "--force-rebase", "--no-keep-empty", upstream, check=False
        )
        if dropped.returncode != 0:
            raise _abort(root, remote, branch, gitrun.one_line(dropped.stderr or dropped.stdout))
    return pulled


def _merge_base(root: Path, one: str, two: str) -> str:
    return gitrun.run(root, "merge-base", one, two, check=False).stdout.strip()


def _conflict_beside(root: Path, path: str) -> bool:
    """A conflict file beside ``path`` (the merge kept the other side of it there)."""
    prefix = gitrun.run(root, "rev-parse", "--show-prefix").stdout.strip()
    relative = path.removeprefix(prefix) if prefix and path.startswith(prefix) else path
    return path.endswith(".toml") and (root / (relative.removesuffix(".toml") + CONFLICT_SUFFIX)).exists()


def _superseded_by(root: Path, old: str, paths: list[str], base: str, upstream: str) -> Superseded:
    subject = gitrun.run(root, "log", "-1", "--format=%s", old).stdout.strip()
    since = [f"^{base}"] if base else []
    by = gitrun.run(root, "log", "-1", "--format=%H%x00%an <%ae>", upstream, *since, "--", *paths).stdout
    by_sha, _, author = by.strip().partition("\0")
    return Superseded(old, subject, by_sha, author)


def _notes(stderr: str) -> list[str]:
    return [line.split(RENUMBERED, 1)[1].strip() for line in stderr.splitlines() if RENUMBERED in line]
