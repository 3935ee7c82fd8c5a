"""Fixtures shared by every test: isolated git identity and caches, workspaces in tmp_path, the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

try:  # POSIX only: elsewhere demo_at runs without its lock
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"
SELFASSESS = str(Path(sys.executable).with_name("selfassess"))

FOUR_GRADES = [
    ("inadequate", "Inadequate", "#c0392b"),
    ("requires-improvement", "Requires improvement", "#e67e22"),
    ("good", "Good", "#27ae60"),
    ("outstanding", "Outstanding", "#1f618d"),
]


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user config, no real cache, a fixed git identity, no colour, no workspace from outside."""
    home = tmp_path_factory.mktemp("home")
    gitconfig = home / ".gitconfig"
    gitconfig.write_text("[user]\n\tname = Test User\n\temail = test@example.invalid\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SELFASSESS_WORKSPACE", raising=False)
    monkeypatch.delenv("SELFASSESS_TODAY", raising=False)


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursors that do not blink, so screens and snapshots are the same on every run (as Harlequin's)."""
    from textual.widgets import Input, TextArea

    for widget in (Input, TextArea):
        monkeypatch.setattr(widget.__dict__["cursor_blink"], "_default", False)


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None):
    """Run the real console script; returns the CompletedProcess (text mode)."""
    return subprocess.run(
        [SELFASSESS, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=input,
        timeout=120,
    )


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_cli


@pytest.fixture
def demo_workspace(tmp_path: Path) -> Path:
    """A copy of the repository's demo workspace (settings, criteria, assessments), not under git."""
    root = tmp_path / "demo"
    root.mkdir()
    shutil.copyfile(REPO / "selfassess.toml", root / "selfassess.toml")
    shutil.copytree(REPO / "criteria", root / "criteria")
    shutil.copytree(REPO / "assessments", root / "assessments", ignore=shutil.ignore_patterns(".*"))
    return root


def demo_at(demo_workspace: Path, root: Path) -> Iterator[Path]:
    """The demo at a fixed path (snapshots show it), fresh for each test and removed after it.

    The path is the same for every test worker (``-n``) and every run on the machine, so the test holds
    an exclusive lock on ``<folder>.lock`` from the copy to the removal: without it one worker removed
    or recopied the folder under another's open screen, which reloaded mid-snapshot."""
    lock_path = root.parent.with_name(root.parent.name + ".lock")
    with open(lock_path, "a+b") as lock:
        if fcntl is not None:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            shutil.rmtree(root.parent, ignore_errors=True)
            shutil.copytree(demo_workspace, root)
            yield root
            shutil.rmtree(root.parent, ignore_errors=True)
        finally:
            if fcntl is not None:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def framework_yaml(
    grades: list[tuple[str, str, str]] | None = None,
    themes: int = 2,
    per_theme: int = 3,
    threshold: str | None = None,
    framework_id: str = "test",
) -> str:
    """A small framework in YAML: ``themes`` themes of ``per_theme`` criteria T1C1, T1C2, ..."""
    grades = grades or [("red", "Red", "red"), ("amber", "Amber", "#ffbf00"), ("green", "Green", "green")]
    lines = [f"framework: {framework_id}", "title: Test framework", 'version: "1.0"', "scale:"]
    for grade_id, label, colour in grades:
        lines += [f"  - id: {grade_id}", f"    label: {label}", f'    colour: "{colour}"']
    if threshold:
        lines.append(f"actions_required_below: {threshold}")
    lines.append("themes:")
    for t in range(1, themes + 1):
        lines += [f"  - id: theme-{t}", f"    title: Theme {t}", "    criteria:"]
        for n in range(1, per_theme + 1):
            lines += [f"      - id: T{t}C{n}", f"        title: Criterion {t}.{n}"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def make_workspace(tmp_path: Path) -> Callable[..., Path]:
    """Build a workspace: ``make_workspace(districts=[...], grades=[...], themes=2, per_theme=3, ...)``."""

    def build(
        districts: tuple[str, ...] = ("north", "south"),
        grades: list[tuple[str, str, str]] | None = None,
        themes: int = 2,
        per_theme: int = 3,
        threshold: str | None = None,
        extra_settings: str = "",
        name: str = "ws",
    ) -> Path:
        root = tmp_path / name
        (root / "criteria").mkdir(parents=True)
        (root / "assessments").mkdir()
        (root / "criteria" / "test.yaml").write_text(framework_yaml(grades, themes, per_theme, threshold))
        quoted = ", ".join(f'"{d}"' for d in districts)
        (root / "selfassess.toml").write_text(
            f'force = "Test Force"\nframework = "test"\ndistricts = [{quoted}]\n{extra_settings}'
        )
        return root

    return build


@pytest.fixture
def git_repo() -> Callable[[Path], Path]:
    """Make a folder a git repository with everything in it committed."""

    def init(root: Path, message: str = "initial") -> Path:
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
        commit_all(root, message)
        return root

    return init


def commit_all(root: Path, message: str, date: str | None = None) -> None:
    env = {**os.environ}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


def sample_framework_yaml(
    grades: list[tuple[str, str, str]] | None = None,
    thresholds: dict[str, float] | None = None,
    minimum: int = 20,
    themes: int = 2,
    per_theme: int = 3,
) -> str:
    """``framework_yaml()`` with a ``sample`` block on T1C1 and T1C2 (T1C3 and theme 2 have none)."""
    thresholds = thresholds if thresholds is not None else {"amber": 0.7, "green": 0.9}
    block = ["        sample:", "          of: incidents attended where children were present",
             "          meets: risk to each child assessed at the scene", f"          minimum: {minimum}",
             "          thresholds:"]  # fmt: skip
    block += [f"            {grade}: {share}" for grade, share in thresholds.items()]
    lines = framework_yaml(grades, themes, per_theme).splitlines()
    out = []
    for line in lines:
        out.append(line)
        if line.strip() in ("title: Criterion 1.1", "title: Criterion 1.2"):
            out += block
    return "\n".join(out) + "\n"
