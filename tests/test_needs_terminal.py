"""Screen commands need a terminal (stdin and stdout): without one they say so at once, exit 2 (#13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli


@pytest.mark.parametrize(
    ("args", "command"),
    [(("review",), "selfassess review"), (("fill", "barnsley"), "selfassess fill"), ((), "selfassess")],
)
def test_screen_commands_without_a_terminal_exit_at_once(
    demo_workspace: Path, args: tuple[str, ...], command: str
) -> None:
    """``selfassess review </dev/null >/dev/null`` used to spin until killed."""
    done = run_cli(*args, "--as-of", "2026-11-23", cwd=demo_workspace, input="")
    assert done.returncode == 2
    assert done.stderr.startswith(f"{command} needs a terminal")
    assert done.stdout == ""


def test_demo_without_a_terminal_behaves_as_no_tui(tmp_path: Path) -> None:
    done = run_cli("demo", str(tmp_path / "demo"), input="")
    assert done.returncode == 0, done.stderr
    assert "Demo workspace:" in done.stdout and "needs a terminal" not in done.stderr


def test_demo_help_does_not_offer_workspace() -> None:
    shown = run_cli("demo", "--help")
    assert shown.returncode == 0
    assert "--workspace" not in shown.stdout and "--as-of" in shown.stdout
