"""The guide: its generated parts are current (the command reference from click, a picture of every
screen), every page is in the navigation, and ``selfassess docs`` says where it is."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, run_cli

DOCS = REPO / "docs"


def nav_pages(node: object) -> list[str]:
    if isinstance(node, str):
        return [node] if node.endswith(".md") else []
    if isinstance(node, list):
        return [page for item in node for page in nav_pages(item)]
    if isinstance(node, dict):
        return [page for value in node.values() for page in nav_pages(value)]
    return []


def test_every_page_is_in_the_navigation_and_every_nav_entry_exists() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = set(nav_pages(config["nav"]))
    present = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
    assert listed == present
    assert config["theme"]["font"] is False  # builds offline


def test_every_picture_a_page_shows_exists() -> None:
    for page in DOCS.rglob("*.md"):
        for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).resolve().is_file(), (page, target)


def test_the_generated_reference_and_screen_pictures_are_current() -> None:
    """scripts/make_docs.py --check regenerates every generated file in memory and compares bytes."""
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_docs.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_the_reference_holds_every_commands_help_word_for_word() -> None:
    from selfassess.cli.main import COMMANDS

    reference = (DOCS / "reference" / "commands.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        shown = f"## selfassess {command.name}\n" in reference
        assert shown != command.hidden, command.name  # git's hidden driver entry is not for people
    help_text = run_cli("summary", "--help", env={"COLUMNS": "100"}).stdout
    first = help_text.strip().splitlines()[0]
    assert first in reference


def test_selfassess_docs_names_the_guide_and_each_section(tmp_path: Path) -> None:
    result = run_cli("docs", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    index = Path(lines[0].removeprefix("The guide: "))
    assert index.is_file() and index.name == "index.md"
    for section in ("lead", "acc", "it", "framework", "reference"):
        assert any(
            line.endswith(f"{section}/index.md") and Path(line.split(": ", 1)[1]).is_file() for line in lines
        )
