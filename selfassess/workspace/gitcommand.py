"""Commands written into git config (the diff driver, merge drivers): a form git runs on any platform.

git runs such commands through its shell (``sh``, which Git for Windows ships), so a Windows path like
``C:\\Users\\Jo Bloggs\\...\\selfassess.exe`` must be written with forward slashes and quoted: the
backslashes are escapes to the shell and the space splits the words.
"""

from __future__ import annotations

import os
import shlex

from selfassess.formats import portable


def shell_path(path: str | os.PathLike[str], windows: bool | None = None) -> str:
    """``path`` as git's shell reads it: forward slashes on Windows, always in single quotes."""
    text = os.fspath(path)
    if portable.WINDOWS if windows is None else windows:
        text = text.replace("\\", "/")
    return "'" + text.replace("'", "'\"'\"'") + "'"


def command_line(program: str | os.PathLike[str], *arguments: str, windows: bool | None = None) -> str:
    """``program arguments`` for git config; git's placeholders (``%O``, ``%A``) stay as they are."""
    return " ".join([shell_path(program, windows), *(shlex.quote(a) for a in arguments)])
