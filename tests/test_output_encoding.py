"""Human-readable output never fails on a character, whatever the console's code page.

Windows gives redirected output its legacy code page (cp437, cp1252); here a POSIX locale (``C``) and
an explicit ``PYTHONIOENCODING`` stand in for it. PYTHONIOENCODING is never needed by a user.
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest

from selfassess.cli import streams

from conftest import SELFASSESS, TODAY

COMMANDS = [
    ["summary", "2026-Q4"],
    ["diff", "rotherham@2026-Q3", "rotherham@2026-Q4"],
    ["history", "rotherham"],
    ["validate"],
]
LEGACY_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def _run(root: Path, args: list[str], env: dict[str, str]):
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    return subprocess.run(
        [SELFASSESS, *args, "--as-of", TODAY],
        cwd=root,
        capture_output=True,
        env={**clean, **env},
        timeout=120,
    )


def _as_code_page_shows(text: str, encoding: str) -> str:
    """``text`` with what ``encoding`` lacks replaced by its stand-in."""

    def shown(c: str) -> str:
        try:
            c.encode(encoding)
        except UnicodeEncodeError:
            return streams.STAND_INS.get(c, "?")
        return c

    return "".join(map(shown, text))


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_a_code_page_without_the_symbols_gets_ascii_stand_ins(demo_workspace: Path, args: list[str]) -> None:
    utf8 = _run(demo_workspace, args, {})
    result = _run(demo_workspace, args, {"PYTHONIOENCODING": "cp437"})
    assert result.returncode == utf8.returncode, result.stderr
    assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr
    assert result.stdout.decode("cp437") == _as_code_page_shows(utf8.stdout.decode("utf-8"), "cp437")
    assert result.stdout.strip()


def test_the_stand_ins_are_readable(demo_workspace: Path) -> None:
    diff = _run(demo_workspace, COMMANDS[1], {"PYTHONIOENCODING": "cp437"}).stdout.decode("cp437")
    assert "->" in diff
    summary = _run(demo_workspace, COMMANDS[0], {"PYTHONIOENCODING": "cp437"}).stdout.decode("cp437")
    assert " -- " in summary.splitlines()[0]  # the title's em dashes


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_redirected_output_is_utf8_whatever_the_locale(demo_workspace: Path, args: list[str]) -> None:
    utf8 = _run(demo_workspace, args, {})
    legacy = _run(demo_workspace, args, LEGACY_LOCALE)
    assert legacy.returncode == utf8.returncode
    assert legacy.stdout == utf8.stdout
    legacy.stdout.decode("utf-8")


class Console(io.TextIOWrapper):
    """A terminal on a legacy code page."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_keeps_its_code_page_and_shows_stand_ins() -> None:
    raw = io.BytesIO()
    console = Console(raw, encoding="cp1252")
    streams.prepare((console,))
    console.write("▲ better → Good … Zoë\n")
    console.flush()
    assert raw.getvalue() == "^ better -> Good … Zoë\n".encode("cp1252")  # cp1252 has …


def test_a_redirected_stream_becomes_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    raw = io.BytesIO()
    redirected = io.TextIOWrapper(raw, encoding="cp1252")
    streams.prepare((redirected,))
    redirected.write("▲ → …\n")
    redirected.flush()
    assert raw.getvalue() == "▲ → …\n".encode()
