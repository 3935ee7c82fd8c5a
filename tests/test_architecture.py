"""The package's shape is enforced, not hoped for: the import-linter contracts catch an upward import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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
