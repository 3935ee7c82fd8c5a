"""``selfassess import``: choose the sheet, find its header, read its rows, check them, and write a draft
through the normal store (canonical, atomic, locked). No existing file is replaced without ``force``;
titles matched only closely are listed and nothing is written until the user confirms them (``yes``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from selfassess.core.errors import SelfAssessError
from selfassess.core.model import Assessment, Framework
from selfassess.core.periods import Period
from selfassess.formats.lock import acquire
from selfassess.formats.store import save_assessment
from selfassess.logic import privacy
from selfassess.logic.actionids import next_action_id
from selfassess.sheets.columns import Layout, find_layout
from selfassess.sheets.grid import Sheet, SheetError, place, read_sheets
from selfassess.sheets.ratings import Scale
from selfassess.sheets.rows import ERROR, NOTE, WARNING, Draft, Finding, read_rows
from selfassess.workspace.workspace import Workspace

#: exit status when a row or value was skipped, and when nothing could be read (SPEC §5)
SKIPPED, UNREADABLE = 1, 2


@dataclass
class Outcome:
    """What the import did: the report's lines, the exit status and, when written, the draft's path."""

    findings: list[Finding] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    code: int = 0
    written: Path | None = None


def _sheet_key(district: str) -> str:
    """A district's sheet name as compared: Excel names have at most 31 characters."""
    return district.casefold()[:31]


def _candidates(sheets: list[Sheet], wanted: str | None, district: str, others: tuple[str, ...], shown: str):
    """The sheets to look in, best first: the one asked for; else one named after the district; else
    all, unless the workbook has sheets for other districts only (an exported report, say)."""
    if wanted is not None:
        named = [s for s in sheets if s.name == wanted]
        if not named:
            names = ", ".join(repr(s.name) for s in sheets)
            raise SheetError(f"no sheet named {wanted!r} (sheets: {names})", shown)
        return named
    by_key = {(s.name or "").casefold(): s for s in sheets}
    if _sheet_key(district) in by_key:
        mine = by_key[_sheet_key(district)]
        return [mine] + [s for s in sheets if s is not mine]
    theirs = [d for d in others if _sheet_key(d) in by_key and d != district]
    if theirs:
        raise SheetError(
            f"no sheet for {district}, but sheets for {', '.join(theirs)}: choose one with --sheet NAME",
            shown,
        )
    return sheets


def _choose_sheet(
    sheets: list[Sheet], wanted: str | None, district: str, others: tuple[str, ...], shown: str, scale: Scale
) -> tuple[Sheet, Layout]:
    candidates = _candidates(sheets, wanted, district, others, shown)
    found = [(s, layout) for s in candidates if (layout := find_layout(s, scale.is_rating)) is not None]
    for sheet, layout in found:  # prefer a header that names ratings, evidence or actions
        if layout.named & {"rating", "evidence", "action"}:
            return sheet, layout
    if found:
        return found[0]
    where = place(shown, candidates[0]) if wanted is not None else shown
    raise SheetError(
        "no header row found in the first 20 rows: a row naming a criterion column "
        "(id, ref, criterion, no) or a title column, and a rating, evidence or action column",
        where,
    )


def _privacy(draft: Draft, allow: tuple[str, ...]) -> list[Finding]:
    found = []
    for criterion_id, role, where, words in draft.texts:
        for match in privacy.scan(words, allow):
            found.append(
                Finding(
                    where,
                    WARNING,
                    f"{criterion_id} {role}: looks like personal data ({match.kind}): {match.text!r}",
                )
            )
    return found


def _missing(draft: Draft, applicable: list[str], where: str) -> list[Finding]:
    absent = [c for c in applicable if c not in draft.responses]
    if not absent:
        return []
    return [Finding(where, NOTE, f"{len(absent)} criteria not in the sheet, left empty: {', '.join(absent)}")]


@dataclass
class _Known:
    """The district's actions already recorded: every id (never given again), and by (criterion,
    text, owner) the id of the one an imported row is (this quarter's file first, then the latest)."""

    used: set[str] = field(default_factory=set)
    ids: dict[tuple[str, str, str], str] = field(default_factory=dict)


def _known_actions(workspace: Workspace, district: str, period: str, framework: Framework) -> _Known:
    known = _Known()
    periods = [p for p in workspace.periods(district) if p <= period]
    others = [p for p in workspace.periods(district) if p not in periods]
    for other in [period, *reversed([p for p in periods if p != period]), *others]:
        try:
            assessment = workspace.load(district, other)
        except SelfAssessError:
            continue
        if assessment is None:
            continue
        for criterion_id, action in assessment.actions():
            known.used.add(action.id)
            known.ids.setdefault(_same(framework, criterion_id, action.action, action.owner), action.id)
    return known


def _same(framework: Framework, criterion_id: str, text: str, owner: str) -> tuple[str, str, str]:
    return (framework.current_id(criterion_id), " ".join(text.split()).casefold(), owner.strip().casefold())


def _name_actions(assessment: Assessment, known: _Known, framework: Framework) -> None:
    """Keep an action id read from the sheet unless it repeats; else the id of the district's action
    with the same text and owner (the same action, so a merge joins it, #25); give the others
    ``<criterion>-a<max+1>`` over every quarter of the district (``actionids``)."""
    given: set[str] = set()
    for criterion_id, action in assessment.actions():
        if not action.id or action.id in given:
            action.id = known.ids.get(_same(framework, criterion_id, action.action, action.owner), "")
        if action.id and action.id not in given:
            given.add(action.id)
        else:
            action.id = ""
    taken = known.used | given
    for criterion_id, action in assessment.actions():
        if not action.id:
            action.id = next_action_id(framework, criterion_id, taken)
            taken.add(action.id)


@dataclass(frozen=True)
class Request:
    """One ``selfassess import``: the file, where its rows go, and the user's confirmations."""

    path: Path
    district: str
    period: str
    sheet: str | None = None
    yes: bool = False
    force: bool = False


def import_sheet(workspace: Workspace, request: Request, today: date, user: str) -> Outcome:
    """Read ``request.path`` into the draft for its district and period; see :class:`Outcome`."""
    workspace.check_district(request.district)
    period = str(Period.parse(request.period))
    target = workspace.assessment_path(request.district, period)
    if target.exists() and not request.force:
        raise SelfAssessError(
            f"{request.district} {period} already has an assessment; "
            "not replaced (use --force to replace it)",
            workspace.relative(target),
        )
    framework = workspace.framework
    shown = str(request.path)
    scale = Scale.of(framework)
    sheets = read_sheets(request.path, shown)
    sheet, layout = _choose_sheet(sheets, request.sheet, request.district, workspace.districts, shown, scale)
    applicable = framework.applicable(workspace.capabilities(request.district))
    draft = read_rows(sheet, shown, layout, framework, applicable, today, workspace.settings.quarters)
    outcome = Outcome(list(draft.findings))
    outcome.findings += [
        Finding(place(shown, sheet, row, column), NOTE, words) for row, column, words in sheet.notes
    ]
    outcome.findings += _privacy(draft, workspace.settings.privacy_allow)
    outcome.findings += _missing(draft, [c.id for c in applicable], place(shown, sheet))
    if not draft.responses:
        outcome.code = UNREADABLE
        outcome.summary.append(f"Nothing could be read from {place(shown, sheet)}; nothing written.")
        return outcome
    if draft.fuzzy and not request.yes:
        outcome.findings += draft.fuzzy
        outcome.code = SKIPPED
        outcome.summary.append(
            f"{len(draft.fuzzy)} title(s) matched only closely: check them above, then run again with --yes. "
            "Nothing written."
        )
        return outcome
    outcome.findings += draft.fuzzy
    assessment = Assessment(
        framework=framework.id,
        district=request.district,
        period=period,
        framework_version=framework.version,
        assessor=user,
        responses={cid: draft.responses[cid] for cid in framework.order() if cid in draft.responses},
    )
    _name_actions(assessment, _known_actions(workspace, request.district, period, framework), framework)
    lock = acquire(target, user)
    try:
        save_assessment(assessment, target, framework, force=request.force)
    finally:
        lock.release()
    outcome.written = target
    outcome.code = SKIPPED if draft.skipped else 0
    rated = sum(1 for r in assessment.responses.values() if r.rating is not None)
    actions = sum(1 for _ in assessment.actions())
    outcome.summary.append(
        f"Imported {draft.rows} row(s) from {place(shown, sheet)}: {len(assessment.responses)} criteria, "
        f"{rated} rated, {actions} action(s), into the draft {workspace.relative(target)}."
    )
    if draft.skipped:
        outcome.summary.append("Some rows or values were skipped (errors above): fix the sheet or the draft.")
    return outcome


__all__ = ["ERROR", "Outcome", "Request", "import_sheet"]
