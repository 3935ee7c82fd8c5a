"""A commit message written from what changed: "rotherham 2026-Q4: 3 ratings changed, 2 actions added"."""

from __future__ import annotations

from selfassess.core.errors import SelfAssessError
from selfassess.core.model import Assessment, Response
from selfassess.core.vocabulary import plural
from selfassess.formats.store import parse_assessment, parse_review

_PLURALS = {"criterion": "criteria"}


def _count(number: int, noun: str, verb: str) -> str:
    """``3 ratings changed``; empty for none."""
    if not number:
        return ""
    return f"{plural(number, noun, _PLURALS.get(noun))} {verb}"


def assessment_change(old: Assessment | None, new: Assessment) -> str:
    """What changed from ``old`` (None: a new file) to ``new``, in a few words."""
    if old is None:
        rated = sum(1 for r in new.responses.values() if r.cell is not None and r.not_applicable is None)
        excluded = sum(1 for r in new.responses.values() if r.not_applicable is not None)
        parts = [
            f"started, {_count(rated, 'criterion', 'rated') or 'nothing rated yet'}",
            f"{excluded} not applicable" if excluded else "",
        ]
    else:
        ids = set(old.responses) | set(new.responses)
        before = {cid: old.responses.get(cid) for cid in ids}
        after = {cid: new.responses.get(cid) for cid in ids}
        actions_old = {a.id: a for _, a in old.actions()}
        actions_new = {a.id: a for _, a in new.actions()}
        parts = [
            _count(sum(1 for c in ids if _cell(before[c]) != _cell(after[c])), "rating", "changed"),
            _count(sum(1 for c in ids if _text(before[c]) != _text(after[c])), "evidence", "edited").replace(
                "evidences", "evidence texts"
            ),
            _count(len(actions_new.keys() - actions_old.keys()), "action", "added"),
            _count(
                sum(1 for k in actions_new.keys() & actions_old.keys() if actions_new[k] != actions_old[k]),
                "action",
                "updated",
            ),
        ]
    words = ", ".join(p for p in parts if p)
    if new.is_submitted and (old is None or not old.is_submitted):
        words = f"{words}; submitted" if words else "submitted"
    elif old is not None and old.is_submitted and not new.is_submitted:
        words = f"{words}; reopened" if words else "reopened"
    return words or "edited"


def _cell(response: Response | None) -> str | None:
    return response.cell if response is not None else None


def _text(response: Response | None) -> tuple[str, str]:
    return (response.evidence, response.notes) if response is not None else ("", "")


def describe(label: str, kind: str, old: bytes | None, new: bytes | None) -> str:
    """One line for one file: ``label`` is "district period"; ``kind`` "assessment" or "review"."""
    if new is None:
        return f"{label}: {kind} removed"
    try:
        if kind == "review":
            review = parse_review(new)
            return f"{label}: reviewed by {review.reviewer}"
        before = parse_assessment(old) if old is not None else None
        return f"{label}: {assessment_change(before, parse_assessment(new))}"
    except SelfAssessError:
        return f"{label}: {kind} changed"


def message(lines: list[str], others: list[str]) -> tuple[str, str]:
    """The subject and body for a commit of these file lines and other (settings, framework) paths."""
    everything = lines + ([f"settings and frameworks: {', '.join(others)}"] if others else [])
    if len(everything) <= 2:
        return "; ".join(everything), ""
    return f"{len(everything)} files: " + ", ".join(line.split(":")[0] for line in everything), "\n".join(
        everything
    )
