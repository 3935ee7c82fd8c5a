"""The package's shape is enforced, not hoped for: the import-linter contracts catch an upward import."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from selfassess.core.names import DISTRICT_FILE_RE, PERIOD_RE
from selfassess.formats.access import Access

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the package copied into ``tree`` (first on the path), with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=tree, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


def test_lint_imports_fails_on_an_upward_import(tmp_path):
    """core importing the CLI breaks the layers contract, and lint-imports says which contract."""
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "selfassess", tmp_path / "selfassess", ignore=skip)
    clean = _lint_imports(tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    ids = tmp_path / "selfassess" / "core" / "ids.py"
    ids.write_text(ids.read_text(encoding="utf-8") + "\nimport selfassess.cli  # noqa\n", encoding="utf-8")
    broken = _lint_imports(tmp_path)
    assert broken.returncode != 0
    assert "Layers: cli > tui" in broken.stdout
    assert "BROKEN" in broken.stdout
    assert "selfassess.core.ids -> selfassess.cli" in broken.stdout


def _modules_calling_subprocess() -> dict[str, list[str]]:
    """Each module of the package that starts a process, with the command of each call."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "selfassess").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "subprocess"
                and node.func.attr in {"run", "Popen", "call", "check_call", "check_output"}
                and node.args
            ):
                name = path.relative_to(ROOT).as_posix()
                found.setdefault(name, []).append(ast.unparse(node.args[0]))
    return found


def test_one_module_runs_git():
    """Every git call goes through selfassess/git/run.py: no other module starts a process naming git,
    and the only other process started is ssh-keygen (making a signing key)."""
    calls = _modules_calling_subprocess()
    assert set(calls) == {"selfassess/git/run.py", "selfassess/logic/keys.py"}
    assert all("git" in command for command in calls["selfassess/git/run.py"])
    assert not any("git" in command for command in calls["selfassess/logic/keys.py"])
    importing = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "selfassess").rglob("*.py")
        if re.search(r"^\s*(import subprocess|from subprocess import)", path.read_text("utf-8"), re.M)
    }
    assert importing == {"selfassess/git/run.py", "selfassess/logic/keys.py"}
    shutil_which_git = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "selfassess").rglob("*.py")
        if 'which("git")' in path.read_text("utf-8")
    ]
    assert shutil_which_git == ["selfassess/git/run.py"]


def _occurrences(literal: str) -> list[str]:
    found = []
    for path in sorted((ROOT / "selfassess").rglob("*.py")):
        text = path.read_text("utf-8")
        found += [path.relative_to(ROOT).as_posix()] * text.count(literal)
    return found


@pytest.mark.parametrize(
    "literal",
    [
        '".conflict.toml"',
        "conflict.toml",
        '".review.toml"',
        '".unsaved"',
        '".lock"',
        '".tmp"',
        '"selfassess.toml"',
        "[a-z0-9][a-z0-9-]{0,39}",
        "-Q[1-4]",
        "16 * 1024 * 1024",
        "def plural(",
    ],
)
def test_each_name_pattern_and_limit_is_spelled_once(literal):
    """File names, id patterns and limits live in core/names.py (plural in core/vocabulary.py)."""
    assert len(_occurrences(literal)) == 1, _occurrences(literal)


def test_a_file_path_accepts_the_periods_a_period_label_accepts():
    """sync's and access's path patterns used ``\\d{4}``, which let ``0000-Q1`` through though no
    period label may say it: they now share the one period pattern."""
    assert Access(leads={"north": ("lead",)}).writers("assessments/north/2026-Q1.toml") == ("lead", "north")
    assert Access(leads={"north": ("lead",)}).writers("assessments/north/0000-Q1.toml") == ("reviewer", "")
    assert DISTRICT_FILE_RE.match("assessments/north/2026-Q4.review.toml")
    for label in ("0000-Q1", "9999-Q4", "2026-Q5"):
        assert not PERIOD_RE.match(label)
        assert not DISTRICT_FILE_RE.match(f"assessments/north/{label}.toml")


def test_the_command_offers_every_report_format():
    """The CLI spells the formats so that --help imports no report code; they are the report's."""
    from selfassess.cli.commands import report as command
    from selfassess.report import FORMATS

    assert command.FORMATS == FORMATS
    assert "xlsx" in FORMATS


def test_the_wheel_carries_the_licence_and_installs_without_the_fast_extra(tmp_path):
    """The licence is declared (an SPDX expression) and shipped; ahocorasick-rs is only the `fast` extra."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path),
         str(ROOT)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("selfassess-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode("utf-8")
        licence = [n for n in archive.namelist() if n.endswith("licenses/LICENSE")]
        assert licence and archive.read(licence[0]).startswith(b"MIT License")
    assert "License-Expression: MIT" in text.splitlines()
    requires = [line for line in text.splitlines() if line.startswith("Requires-Dist: ahocorasick")]
    assert requires and all('extra == "fast"' in line for line in requires)
