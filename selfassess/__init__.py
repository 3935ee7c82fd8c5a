"""selfassess: quarterly child protection inspection self-assessment, kept as TOML files in git.

The API for scripts and tests::

    from selfassess import load_framework, load_assessment, save_assessment, open_workspace
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfassess.core.errors import SelfAssessError

if TYPE_CHECKING:
    from selfassess.core.model import Assessment, Framework
    from selfassess.formats.store import save_assessment
    from selfassess.workspace.workspace import open_workspace

#: imported on first use, so ``selfassess --help`` does not pay for the store and workspace
_LAZY = {"save_assessment": "formats.store", "open_workspace": "workspace.workspace"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"selfassess.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'selfassess' has no attribute {name!r}")


__all__ = [
    "SelfAssessError",
    "load_assessment",
    "load_framework",
    "open_workspace",
    "save_assessment",
]


def load_framework(path: str | os.PathLike[str]) -> Framework:
    """A criteria framework from YAML; raises :class:`SelfAssessError` on bad input."""
    from selfassess.formats.criteria import load_framework as load

    return load(path)


def load_assessment(path: str | os.PathLike[str]) -> Assessment:
    """An assessment file, checked against its framework: from the workspace the file is in, else the
    bundled framework of that id, else (no framework found) checked for form only."""
    from selfassess.core.errors import WorkspaceNotFoundError
    from selfassess.formats.bundled import load_bundled_framework
    from selfassess.formats.store import check_place, parse_assessment
    from selfassess.formats.tomlread import read_bytes
    from selfassess.workspace.workspace import Workspace, find_workspace

    data = read_bytes(path)
    try:
        workspace: Workspace | None = Workspace(find_workspace(Path(path).resolve().parent))
    except WorkspaceNotFoundError:
        workspace = None
    if workspace is not None and Path(path).resolve().is_relative_to(workspace.root / "assessments"):
        return workspace.parse(data, Path(path))
    assessment = parse_assessment(data, path)
    framework = (workspace.find_framework if workspace else load_bundled_framework)(assessment.framework)
    if framework is not None:
        assessment = parse_assessment(data, path, framework)
    check_place(assessment, path)
    return assessment
