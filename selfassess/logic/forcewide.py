"""The force-wide unit in the settings: at most one, and one where the framework asks force-level criteria."""

from __future__ import annotations

from selfassess.core.model import FORCE_WIDE
from selfassess.formats.settings import SETTINGS_FILE
from selfassess.formats.tomlsource import KeyLines
from selfassess.logic.checks import ERROR, WARNING, Finding
from selfassess.workspace.workspace import Workspace


def force_unit_findings(workspace: Workspace) -> list[Finding]:
    """An error for two force-wide units; a warning when force-level criteria have nobody to answer them."""
    units = [d for d in workspace.districts if FORCE_WIDE in workspace.capabilities(d)]
    asked = [c.id for c in workspace.framework.criteria if FORCE_WIDE in c.applies_to]
    try:
        lines = KeyLines((workspace.root / SETTINGS_FILE).read_text(encoding="utf-8", errors="replace"))
    except OSError:
        lines = KeyLines("")
    if len(units) > 1:
        message = f"{len(units)} units have the capability {FORCE_WIDE!r} ({', '.join(units)}); list only one"
        return [Finding(SETTINGS_FILE, lines.line("capabilities", units[1]), ERROR, message)]
    if asked and not units:
        message = (
            f"framework {workspace.framework.id!r} asks {len(asked)} criteria of a force-wide unit "
            f"({', '.join(asked)}) but no unit has the capability {FORCE_WIDE!r}; add one to districts "
            f'and [capabilities], e.g. force = ["{FORCE_WIDE}"] (selfassess init --force-unit force)'
        )
        return [Finding(SETTINGS_FILE, lines.line("districts"), WARNING, message)]
    return []
