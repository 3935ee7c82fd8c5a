"""The report's provenance section: who submitted each district's quarter, who reviewed it, and (when
the workspace signs commits) whether ``verify`` confirms the file's last change."""

from __future__ import annotations

from .combine import Combined
from .verify import verified_units
from .workspace import Workspace


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or "–"


def provenance_markdown(workspace: Workspace, combined: Combined) -> str:
    """The section, or '' for a workspace that does not sign commits (its report stays as it was)."""
    verified = verified_units(workspace.root, combined.period, tuple(combined.districts))
    if verified is None:
        return ""
    header = ["District", "Status", "Assessor", "Reviewed by", "Signed"]
    rows = []
    for district in combined.districts:
        entry = combined.entries[district]
        assessor = entry.assessment.assessor if entry.assessment is not None else ""
        reviewer = entry.review.reviewer if entry.review is not None else ""
        row = [district, entry.status, assessor, reviewer]
        state = verified.get(district)
        row.append("–" if state is None else "verified" if state else "NOT verified")
        rows.append("| " + " | ".join(_cell(c) for c in row) + " |")
    note = "Signed: whether `selfassess verify` confirms the file was last changed by the district's lead."
    lines = ["", "## Provenance", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header), *rows]
    return "\n".join([*lines, "", note]) + "\n"
