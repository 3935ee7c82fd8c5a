"""What ``validate`` finds in inspections and the actions that address them: items naming unknown
criteria or units, actions addressing unknown items or working outside an item's units, and closed
items that still have open actions."""

from __future__ import annotations

from datetime import date

from selfassess.core.errors import SelfAssessError
from selfassess.core.inspection import Inspection
from selfassess.formats.tomlread import decode, read_bytes
from selfassess.formats.tomlsource import KeyLines
from selfassess.logic.checks import ERROR, WARNING, Finding
from selfassess.logic.recommendations import item_units
from selfassess.workspace.workspace import Workspace

#: bytes every file holding an ``addresses`` has: files without it are not parsed again
_MARK = b"addresses"


def inspection_findings(workspace: Workspace, today: date) -> list[Finding]:
    inspections, errors = workspace.inspections()
    findings = [Finding(e.path or "", e.line, ERROR, e.message) for e in errors]
    for inspection in inspections:
        findings += _item_findings(workspace, inspection)
    findings += _action_findings(workspace, inspections, today)
    return findings


def _item_findings(workspace: Workspace, inspection: Inspection) -> list[Finding]:
    framework = workspace.framework
    relative = workspace.relative(inspection.path) if inspection.path else ""
    findings = []
    for item in inspection.items:
        for criterion in item.criteria:
            if framework.criterion(criterion) is None:
                message = f"item {item.id} names criterion {criterion!r}, which framework "
                message += f"{framework.id!r} {framework.version} does not have"
                findings.append(Finding(relative, item.line, ERROR, message))
        for unit in item.units:
            if unit not in workspace.districts:
                message = f"item {item.id} names unit {unit!r}, which is not a district in selfassess.toml"
                findings.append(Finding(relative, item.line, ERROR, message))
    return findings


def _action_findings(workspace: Workspace, inspections: list[Inspection], today: date) -> list[Finding]:
    items = {item.ref: (inspection, item) for inspection in inspections for item in inspection.items}
    latest = {d: periods[-1] if (periods := workspace.periods(d)) else None for d in workspace.districts}
    findings: list[Finding] = []
    open_in_latest: dict[str, list[str]] = {}
    for district in workspace.districts:
        for period in workspace.periods(district):
            path = workspace.assessment_path(district, period)
            try:
                data = read_bytes(path)
                if _MARK not in data:
                    continue
                assessment = workspace.parse(data, path)
            except SelfAssessError:
                continue  # the assessment's own findings say why
            relative = workspace.relative(path)
            lines = KeyLines(decode(data, relative))
            for cid, response in assessment.responses.items():
                for index, action in enumerate(response.actions):
                    where = ("criteria", cid, "actions", index, "addresses")
                    for ref in action.addresses:
                        found = items.get(ref)
                        if found is None:
                            message = f"action {action.id} addresses {ref!r}, which no inspections/ file has"
                            findings.append(Finding(relative, lines.line(*where), ERROR, message))
                            continue
                        units = item_units(found[1], workspace)
                        if district not in units:
                            message = (
                                f"action {action.id} addresses {ref}, which is not for {district} "
                                f"(its units: {', '.join(units)}); it does not count"
                            )
                            findings.append(Finding(relative, lines.line(*where), WARNING, message))
                        elif period == latest[district] and action.is_open:
                            open_in_latest.setdefault(ref, []).append(f"{district} {action.id}")
    for ref, open_actions in open_in_latest.items():
        inspection, item = items[ref]
        closure = inspection.closure(item.id)
        if closure is not None and closure.date <= today:
            relative = workspace.relative(inspection.path) if inspection.path else ""
            message = (
                f"item {item.id} was closed on {closure.date.isoformat()} but still has open actions: "
                + ", ".join(open_actions)
            )
            findings.append(Finding(relative, closure.line, WARNING, message))
    return findings
