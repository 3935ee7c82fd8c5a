"""``report --format json``: the whole combined view, a superset of ``summary --format json``.

Shape (keys in this order; ``D`` is a district id, every per-district map lists every district)::

    {"period", "previous", "framework", "districts", "criteria", "counts", "status"}   # as summary
    criteria[i] adds:  "labels":         {D: grade label | "n/a" | null}   ("samples", "pooled" as summary)
                       "movement":       {D: "better"|"worse"|"same"|"rated"|"unrated"|""}
                       "evidence":       {D: text | null}    "notes": {D: text | null}
                       "not_applicable": {D: reason | null}  "as_of": {D: "YYYY-MM-DD" | null}
                       "actions":        {D: [action, ...]}
    "force", "as_of" (the date overdue is judged on), "framework_title", "framework_version",
    "period_dates": {"start", "end"},
    "scale":  [{"id", "label", "colour", "number"}]   worst → best
    "themes": [{"id", "title", "criteria": [ids]}]
    "assessments": {D: {"status", "assessor", "updated", "path", "error"}}
    "open_actions": [action + {"district", "criterion"}]   soonest due first
    "worst":  [{"criterion", "districts"}]                  rated at the worst grade
    "reviews": {D: {"reviewer", "reviewed", "comment", "current"} | null}
    "trends": {"periods": [8 quarters, oldest first],
               "counts": {D: [counts as in "counts" | null where no readable assessment]},
               "versions": {D: [the framework version the quarter's file was assessed on | null]}}
               (a quarter on an earlier version is counted over the criteria that version asked)
    "generated": UTC time, only with --stamp

An action is ``{"id", "action", "owner", "due", "done", "overdue"}``; ``done`` is false or a date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from selfassess.core.model import Action, Criterion
from selfassess.core.textgate import json_text
from selfassess.report.view import ReportView


def when(value: date | datetime | None) -> str | None:
    """ISO 8601; UTC date-times with ``Z`` as in the assessment files."""
    if value is None:
        return None
    if isinstance(value, datetime) and value.utcoffset() == timedelta(0):
        return value.replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


def action_json(action: Action, today: date) -> dict[str, Any]:
    return {
        "id": action.id,
        "action": action.action,
        "owner": action.owner,
        "due": when(action.due),
        "done": when(action.done) if isinstance(action.done, date) else action.done,
        "overdue": action.is_overdue(today),
    }


def _criterion_extra(view: ReportView, criterion: Criterion, item: dict[str, Any]) -> None:
    labels, movement, evidence, notes, reasons, as_of, actions = {}, {}, {}, {}, {}, {}, {}
    for district in view.districts:
        cell = view.cell(criterion, district)
        labels[district] = cell.grade.label if cell.grade else cell.value
        movement[district] = cell.movement
        assessment = view.combined.entries[district].assessment
        response = assessment.get(criterion.id) if assessment else None
        evidence[district] = response.evidence if response and response.evidence else None
        notes[district] = response.notes if response and response.notes else None
        reasons[district] = response.not_applicable if response else None
        as_of[district] = when(response.as_of) if response else None
        actions[district] = [action_json(a, view.today) for a in response.actions] if response else []
    item.update(
        labels=labels,
        movement=movement,
        evidence=evidence,
        notes=notes,
        not_applicable=reasons,
        as_of=as_of,
        actions=actions,
    )


def report_json(view: ReportView) -> dict[str, Any]:
    combined, framework = view.combined, view.framework
    document = combined.to_json()
    for criterion, item in zip(framework.criteria, document["criteria"], strict=True):
        _criterion_extra(view, criterion, item)
    start, end = view.period_dates()
    document.update(
        force=view.force,
        as_of=when(view.today),
        framework_title=framework.title,
        framework_version=framework.version,
        period_dates={"start": when(start), "end": when(end)},
        scale=[
            {"id": g.id, "label": g.label, "colour": g.colour, "number": g.number} for g in framework.scale
        ],
        themes=[
            {"id": t.id, "title": t.title, "criteria": [c.id for c in t.criteria]} for t in framework.themes
        ],
        assessments={d: _assessment(view, d) for d in view.districts},
        open_actions=[
            {"district": a.district, "criterion": a.criterion, **action_json(a.action, view.today)}
            for a in view.open_actions()
        ],
        worst=[{"criterion": c.id, "districts": d} for c, d in combined.worst()],
        reviews=_reviews(view),
        trends={
            "periods": list(view.trend.periods),
            "counts": {d: list(c) for d, c in view.trend.counts.items()},
            "versions": {d: list(v) for d, v in view.trend.versions.items()},
        },
    )
    if view.signed is not None:  # only with allowed_signers: a workspace without reads as before
        document["verified"] = {district: state.verified for district, state in view.signed.items()}
        document["sign_off"] = {
            district: {"verified": state.verified, "signer": state.signer, "reasons": list(state.reasons)}
            for district, state in view.signed.items()
        }
    if view.tracker is not None:
        from selfassess.logic.recommendations import to_json

        document["recommendations"] = to_json(view.tracker, framework)
    if view.stamp:
        document["generated"] = view.stamp
    return document


def _assessment(view: ReportView, district: str) -> dict[str, Any]:
    entry = view.combined.entries[district]
    assessment = entry.assessment
    return {
        "status": entry.status,
        "assessor": assessment.assessor if assessment else None,
        "updated": when(assessment.updated) if assessment else None,
        "path": f"assessments/{district}/{view.period}.toml",
        "error": str(entry.error) if entry.error else None,
    }


def _reviews(view: ReportView) -> dict[str, Any]:
    reviews: dict[str, Any] = dict.fromkeys(view.districts)
    for note in view.reviews():
        reviews[note.district] = {
            "reviewer": note.reviewer,
            "reviewed": when(note.reviewed),
            "comment": note.comment,
            "current": note.current,
        }
    return reviews


def render_json(view: ReportView) -> str:
    return json_text(report_json(view)) + "\n"
