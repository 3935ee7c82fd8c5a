"""Registering selfassess's git drivers: the diff driver (``textconv``) and the merge driver.

Git config is per clone and an unregistered merge driver silently falls back to git's line merge
(conflict markers and all), so ``sync``, ``submit`` and ``fill`` call :func:`ensure_registered`, which
sets whatever is missing in this clone only: the config, ``.git/info/attributes`` (so the drivers apply
before ``.gitattributes`` is committed) and ``.git/info/exclude`` (conflict files are never committed).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from selfassess.core.errors import GitError
from selfassess.core.names import ASSESSMENTS, CONFLICT_SUFFIX
from selfassess.formats.guards import refuse_symlink
from selfassess.git import run as gitrun
from selfassess.workspace.gitcommand import command_line, shell_path

DRIVER = "selfassess"
ATTRIBUTES_LINE = f"assessments/**/*.toml diff={DRIVER} merge={DRIVER}"
_OLD_ATTRIBUTES_LINE = f"assessments/**/*.toml diff={DRIVER}"
IGNORE_LINE = f"{ASSESSMENTS}/*/*{CONFLICT_SUFFIX}"
#: hunk headers name the nearest line at the left margin: the criterion (ids may start with a digit)
FUNCNAME = "^([[:alnum:]].*)$"


def program() -> str:
    """How git should run us: this console script by its absolute path, so no PATH is needed; written
    so git's shell runs it on any platform (forward slashes, quoted: see ``gitcommand``)."""
    script = Path(sys.argv[0])
    if script.stem == "selfassess" and script.is_file() and os.access(script, os.X_OK):
        return shell_path(script.absolute())  # selfassess, or selfassess.exe on Windows
    found = shutil.which("selfassess")
    if found:
        return shell_path(found)
    return command_line(sys.executable, "-m", "selfassess")


def settings(command: str) -> list[tuple[str, str]]:
    """The config entries, for a ``program()`` string."""
    return [
        (f"diff.{DRIVER}.textconv", f"{command} textconv"),
        (f"diff.{DRIVER}.xfuncname", FUNCNAME),
        # textconv prints only what is in the file, so git may keep its output per blob (README)
        (f"diff.{DRIVER}.cachetextconv", "true"),
        (f"merge.{DRIVER}.name", "selfassess: assessments merged criterion by criterion"),
        (f"merge.{DRIVER}.driver", f"{command} merge-driver %O %A %B %P"),
    ]


def configure_git(root: Path, global_: bool) -> list[str]:
    """Set the drivers in the repository's (or the user's global) git config; the commands run."""
    scope = ["--global"] if global_ else []
    if not global_ and not gitrun.is_repository(root):
        raise GitError(f"{root} is not a git repository: run 'git init' there first, or use --global")
    done = []
    for name, value in settings(program()):
        gitrun.run(root, "config", *scope, name, value)
        done.append(shlex.join(["git", "config", *scope, name, value]))
    return done


def add_attributes(root: Path) -> bool:
    """Add the drivers' line to ``root/.gitattributes``, keeping every other line; False if present."""
    return add_line(root / ".gitattributes", ATTRIBUTES_LINE, replaces=_OLD_ATTRIBUTES_LINE)


def add_line(path: Path, wanted: str, replaces: str | None = None) -> bool:
    refuse_symlink(path)  # a link could point outside the repository
    text = path.read_text("utf-8") if path.is_file() else ""
    lines = text.splitlines()
    if any(line.split() == wanted.split() for line in lines):
        return False
    if replaces is not None and any(line.split() == replaces.split() for line in lines):
        kept = [wanted if line.split() == replaces.split() else line for line in lines]
        path.write_text("\n".join(kept) + "\n", "utf-8", newline="\n")
        return True
    if text and not text.endswith("\n"):
        text += "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + wanted + "\n", "utf-8", newline="\n")
    return True


def ensure_registered(root: Path) -> bool:
    """Register whatever of the drivers this clone lacks; True when anything was added."""
    configured = gitrun.run(root, "config", "--get", f"merge.{DRIVER}.driver", check=False)
    changed = False
    if configured.returncode != 0 or not configured.stdout.strip():
        for name, value in settings(program()):
            gitrun.run(root, "config", name, value)
        changed = True
    # patterns in .git/info are read from the top of the repository; the workspace may be a folder in it
    prefix = gitrun.run(root, "rev-parse", "--show-prefix").stdout.strip()
    changed |= add_line(gitrun.git_dir_file(root, "info/attributes"), prefix + ATTRIBUTES_LINE)
    changed |= add_line(gitrun.git_dir_file(root, "info/exclude"), prefix + IGNORE_LINE)
    return changed


def register_quietly(root: Path) -> None:
    """:func:`ensure_registered` where ``root`` is in a git repository; any git trouble is ignored here
    (the command that needs git reports it)."""
    try:
        if gitrun.is_repository(root):
            ensure_registered(root)
    except (GitError, OSError):
        pass
