"""Small, safe calls to git: is it there, is this a repository, what changed, read a file at a revision."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .errors import GitError


def have_git() -> bool:
    return shutil.which("git") is not None


def git(root: str | os.PathLike[str], *args: str, env: dict[str, str] | None = None) -> str:
    """Run ``git args`` in ``root`` and return stdout; raise GitError with git's own message."""
    if not have_git():
        raise GitError("git is not installed")
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {})},
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise GitError(f"git {args[0]} failed: {error}") from None
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()
        raise GitError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return result.stdout


def is_repository(root: str | os.PathLike[str]) -> bool:
    if not have_git():
        return False
    try:
        return git(root, "rev-parse", "--is-inside-work-tree").strip() == "true"
    except GitError:
        return False


def has_uncommitted(root: str | os.PathLike[str], pathspec: str = ".") -> bool | None:
    """Whether files under ``pathspec`` differ from HEAD (None outside git)."""
    if not is_repository(root):
        return None
    try:
        return bool(git(root, "status", "--porcelain", "--", pathspec).strip())
    except GitError:
        return None


def show(root: str | os.PathLike[str], revision: str, path: str | os.PathLike[str]) -> bytes:
    """A file's bytes at a revision, read through git without touching the working tree."""
    top = Path(git(root, "rev-parse", "--show-toplevel").strip())
    relative = Path(os.path.abspath(Path(root) / path)).relative_to(top).as_posix()
    if not have_git():
        raise GitError("git is not installed")
    result = subprocess.run(
        ["git", "cat-file", "blob", f"{revision}:{relative}"],
        cwd=root,
        capture_output=True,
        check=False,
        timeout=60,
    )
    if result.returncode != 0:
        raise GitError(f"{revision}:{relative} does not exist in git")
    return result.stdout
