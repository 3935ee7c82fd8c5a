"""Small, safe questions to git, built on the one runner (``selfassess.git.run``): is it there, is this a
repository, what changed, read a file at a revision."""

from __future__ import annotations

import os
from pathlib import Path

from selfassess.core.errors import GitError
from selfassess.git.run import is_repository, run, run_bytes


def git(root: str | os.PathLike[str], *args: str, env: dict[str, str] | None = None) -> str:
    """``git args`` in ``root`` through the one runner; its output; GitError with git's own words."""
    return run(root, *args, env=env, timeout=60).stdout


def has_uncommitted(root: str | os.PathLike[str], pathspec: str = ".") -> bool | None:
    """Whether files under ``pathspec`` differ from HEAD (None outside git)."""
    if not is_repository(root):
        return None
    try:
        return bool(git(root, "status", "--porcelain", "--", pathspec).strip())
    except GitError:
        return None


def toplevel(root: str | os.PathLike[str]) -> Path:
    """The top folder of the repository holding ``root``."""
    return Path(git(root, "rev-parse", "--show-toplevel").strip()).resolve()


def repository_path(root: str | os.PathLike[str], path: str | os.PathLike[str]) -> str:
    """``path`` (absolute, or relative to ``root``) as git names it: relative to the top, with ``/``."""
    top = toplevel(root)
    absolute = Path(os.path.abspath(Path(root).resolve() / path))
    try:
        return absolute.resolve().relative_to(top).as_posix()
    except ValueError:
        raise GitError(f"{path} is outside the git repository at {top}") from None


def revision_exists(root: str | os.PathLike[str], revision: str) -> bool:
    """Whether ``revision`` names a commit (a branch, tag, sha, ``HEAD~2`` ...)."""
    if revision.startswith("-"):
        return False
    try:
        git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    except GitError:
        return False
    return True


def file_log(root: str | os.PathLike[str], path: str) -> list[tuple[str, str, str]]:
    """Commits that changed ``path`` (relative to the top), newest first: (sha, short sha, date).

    The date is the committer date as git prints it (ISO 8601 with the committer's offset).
    """
    top = toplevel(root)
    output = git(top, "log", "--format=%H %h %cI", "--", path)
    return [tuple(line.split(" ", 2)) for line in output.splitlines() if line.strip()]  # type: ignore[misc]


def read_blobs(root: str | os.PathLike[str], names: list[str]) -> list[bytes | None]:
    """Many ``REV:PATH`` blobs through one ``git cat-file --batch``; None where one does not exist."""
    if not names:
        return []
    request = "".join(f"{name}\n" for name in names).encode("utf-8")
    output = run_bytes(toplevel(root), "cat-file", "--batch", input=request)
    blobs: list[bytes | None] = []
    position = 0
    for _ in names:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3:  # "<name> missing" or "<name> ambiguous"
            blobs.append(None)
            continue
        size = int(header[2])
        blobs.append(output[position : position + size] if header[1] == b"blob" else None)
        position += size + 1
    return blobs
