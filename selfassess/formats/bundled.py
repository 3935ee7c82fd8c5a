"""Where the bundled default framework and demo workspace are: in the installed package, or the checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.core.names import SETTINGS_FILE

if TYPE_CHECKING:
    from selfassess.core.model import Framework

#: the ``selfassess`` package folder (this module is in ``selfassess/formats``)
_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_root() -> Path:
    """A folder holding ``selfassess.toml``, ``criteria/`` and ``assessments/`` of the demo workspace.

    A wheel carries them in ``selfassess/bundled`` (copied there at build time from the repository
    root, the one source of truth); an editable install or a checkout reads the repository root.
    """
    packaged = _PACKAGE / "bundled"
    if (packaged / SETTINGS_FILE).is_file():
        return packaged
    return _PACKAGE.parent


def bundled_framework(framework_id: str) -> Path | None:
    path = bundled_root() / "criteria" / f"{framework_id}.yaml"
    return path if path.is_file() else None


@cache
def load_bundled_framework(framework_id: str) -> Framework | None:
    """The bundled framework of that id, parsed once; None when none is bundled."""
    from selfassess.formats.criteria import load_framework  # YAML is imported only when a framework is read

    path = bundled_framework(framework_id)
    return load_framework(path) if path else None


def guide_folder() -> Path | None:
    """The guide's pages (``docs/``): bundled in a wheel, or the checkout's own."""
    folder = bundled_root() / "docs"
    return folder if (folder / "index.md").is_file() else None
