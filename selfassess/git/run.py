"""The one git runner: every git call in selfassess goes through this module, for people who have never
used git: never a prompt, every failure one line.

git is found with ``shutil.which`` (by full path: on Windows a bare "git" is looked for first in the
current folder, which is the workspace, a folder that arrives by pull) and run with ``GIT_TERMINAL_PROMPT=0``
and ssh in batch mode (a password prompt would hang the TUI), stdin from the null device, messages in
English (``LC_ALL=C``) so a rejected push can be recognised, output decoded as UTF-8. A failure is a
``GitError`` with one line of git's words. ``selfassess.git.util`` builds the small questions on this.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from selfassess.core.errors import GitError

#: no prompt, ever: a missing credential fails at once with git's own message
QUIET_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_SSH_COMMAND": "ssh -o BatchMode=yes",
    "LC_ALL": "C",
}
#: set by the screens: git (and the ssh-keygen it runs to sign) gets no terminal, so a passphrase
#: prompt can never draw over Textual; signing with a locked key then fails with one clear line
DETACH_FROM_TERMINAL = False
#: how git words a failure, most useful first: the line to show is the first that starts so
_FAILURE_STARTS = ("fatal:", "error:", "hint:")


def have_git() -> bool:
    return shutil.which("git") is not None


def git_executable() -> str:
    found = shutil.which("git")
    if found is None:
        raise GitError("git is not installed: install git (https://git-scm.com) to sync")
    return found


def run(
    root: str | os.PathLike[str],
    *args: str,
    check: bool = True,
    timeout: float = 120,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``git args`` in ``root``; with ``check``, a failure raises GitError with one line of git's words.
    ``env`` adds variables (a commit date, say) to the one environment."""
    result = _spawn(root, args, None, timeout, env)
    decoded = subprocess.CompletedProcess(
        result.args, result.returncode, _text(result.stdout), _text(result.stderr)
    )
    if check and result.returncode != 0:
        raise GitError(f"git {args[0]} failed: {one_line(decoded.stderr or decoded.stdout)}")
    return decoded


def run_bytes(root: str | os.PathLike[str], *args: str, input: bytes, timeout: float = 120) -> bytes:
    """``git args`` in ``root`` fed ``input``; its output as bytes (blobs are not text). A failure raises
    GitError with one line of git's words."""
    result = _spawn(root, args, input, timeout, None)
    if result.returncode != 0:
        raise GitError(f"git {args[0]} failed: {one_line(_text(result.stderr))}")
    return result.stdout


def _text(output: bytes) -> str:
    """UTF-8, newlines as text mode reads them (``\r\n`` and ``\r`` become ``\n``)."""
    return output.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")


def _spawn(
    root: str | os.PathLike[str],
    args: tuple[str, ...],
    input: bytes | None,
    timeout: float,
    env: dict[str, str] | None,
) -> subprocess.CompletedProcess[bytes]:
    """The one place git is started: its full path, the one environment, no terminal to prompt on."""
    try:
        return subprocess.run(
            [git_executable(), *args],
            cwd=root,
            input=input,
            capture_output=True,
            env={**os.environ, **(env or {}), **QUIET_ENV},
            stdin=subprocess.DEVNULL if input is None else None,
            start_new_session=DETACH_FROM_TERMINAL,
            check=False,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {int(timeout)} s (no network?); stopped") from None
    except OSError as error:
        raise GitError(f"git {args[0]} could not start: {error.strerror or error}") from None


def run_input(root: str | os.PathLike[str], text: str, *args: str, timeout: float = 120) -> str:
    """``git args`` in ``root`` reading ``text`` on stdin (``diff-tree --stdin``, ``cat-file --batch-check``);
    its stdout, or GitError with one line of git's words."""
    try:
        result = subprocess.run(
            [git_executable(), *args], cwd=root, input=text, capture_output=True, text=True,
            encoding="utf-8", errors="replace", env={**os.environ, **QUIET_ENV},
            start_new_session=DETACH_FROM_TERMINAL, check=False, timeout=timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {int(timeout)} s; stopped") from None
    except OSError as error:
        raise GitError(f"git {args[0]} could not start: {error.strerror or error}") from None
    if result.returncode != 0:
        raise GitError(f"git {args[0]} failed: {one_line(result.stderr or result.stdout)}")
    return result.stdout


def one_line(output: str) -> str:
    """git's most telling line: the first ``fatal:``/``error:`` line, else the last line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for start in _FAILURE_STARTS:
        for line in lines:
            if line.startswith(start):
                return line.removeprefix(start).strip()
    return lines[-1] if lines else "no message"


def is_repository(root: str | os.PathLike[str]) -> bool:
    if not have_git():
        return False
    try:
        result = run(root, "rev-parse", "--is-inside-work-tree", check=False)
    except GitError:  # the folder is gone, say
        return False
    return result.returncode == 0 and result.stdout.strip() == "true"


def git_dir_file(root: Path, name: str) -> Path:
    """A file inside this clone's git folder (``.git/NAME``), not part of any commit."""
    path = Path(run(root, "rev-parse", "--git-path", name).stdout.strip())
    return path if path.is_absolute() else root / path
