"""What ``validate`` and ``submit`` find in an assessment: blockers to submitting, and warnings
(personal data, stale evidence, overdue actions, claims a dip sample contradicts). The fill screen
shows the same findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from selfassess.core.model import Assessment, Criterion, Framework, Response
from selfassess.core.upgrades import on_other_version
from selfassess.formats.tomlsource import CanonicalLines, KeyLines
from selfassess.workspace.workspace import Workspace

if TYPE_CHECKING:
    from selfassess.logic.privacy import Match
    from selfassess.logic.samples import Contradiction

ERROR = "error"
WARNING = "warning"
TEXT_FIELDS = ("evidence", "notes")


@dataclass(frozen=True)
class Finding:
    """One problem, printed as ``path:line: severity: message``."""

    path: str
    line: int | None
    severity: str
    message: str
    criterion: str | None = None
    kind: str = ""

    def __str__(self) -> str:
        # a line break in a file or folder name must not split one finding into two (a planted one)
        path = self.path.replace("\r", "\u240d").replace("\n", "\u2424")
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.severity}: {self.message}"

    def strict(self) -> Finding:
        """This finding as an error (``--strict``)."""
        return Finding(self.path, self.line, ERROR, self.message, self.criterion, self.kind)


class _Locator:
    """Lines of criteria and their fields in an assessment's file, read only when first needed."""

    def __init__(self, assessment: Assessment, text: str | None, framework: Framework | None = None) -> None:
        self._text = text
        self._path = assessment.path
        self._lines: KeyLines | None = None
        self._quick: CanonicalLines | None = None
        self._framework = framework

    def _source(self) -> str:
        if self._text is None:
            self._text = ""
            if self._path:
                try:
                    with open(self._path, encoding="utf-8", errors="replace") as handle:
                        self._text = handle.read()
                except OSError:
                    pass
        return self._text

    def line(self, *where: str | int) -> int:
        if self._lines is None:
            if self._quick is None:
                self._quick = CanonicalLines(self._source())
            quick = self._quick.line(*where)  # most files are canonical: no full read
            if quick is not None:
                return quick
            self._lines = KeyLines(self._source())
        lines = self._lines
        if (
            not lines.has(*where[:2])
            and self._framework is not None
            and len(where) >= 2
            and where[0] == "criteria"
        ):
            # the file may still use an id the criterion has since replaced (read under the new id)
            criterion = self._framework.criterion(str(where[1]))
            for old in criterion.replaces if criterion else ():
                if lines.has("criteria", old):
                    return lines.line("criteria", old, *where[2:])
        return lines.line(*where)


def _label(framework: Framework, grade_id: str | None) -> str:
    grade = framework.grade(grade_id)
    return grade.label if grade else str(grade_id)


def submit_blockers(workspace: Workspace, assessment: Assessment, text: str | None = None) -> list[Finding]:
    """Everything that stops this assessment being submitted, in framework order."""
    framework = workspace.load_framework(assessment.framework)
    locate = _Locator(assessment, text)
    path = workspace.relative(assessment.path) if assessment.path else "<assessment>"
    findings = []
    for criterion in framework.applicable(workspace.capabilities(assessment.district)):
        response = assessment.get(criterion.id) or Response()
        for message in blockers(framework, criterion.id, response):
            findings.append(
                Finding(path, locate.line("criteria", criterion.id), ERROR, message, criterion.id, "blocker")
            )
    return findings


def blockers(framework: Framework, criterion_id: str, response: Response) -> Iterator[str]:
    """What stops one criterion being submitted, in words (the rule for done: :mod:`logic.done`)."""
    if response.rating is None and response.not_applicable is None:
        yield f"{criterion_id} is not rated"
    elif response.rating is not None and not response.evidence.strip():
        yield f"{criterion_id} is rated {_label(framework, response.rating)} but has no evidence"
    if response.carried:
        yield f"{criterion_id} was carried forward from last period and is not yet confirmed"
    if framework.needs_action(response.rating) and not response.open_actions():
        yield (
            f"{criterion_id} is rated {_label(framework, response.rating)}, below "
            f"{_label(framework, framework.actions_required_below)}, and has no open improvement action"
        )


def assessment_warnings(
    workspace: Workspace,
    assessment: Assessment,
    today: date,
    text: str | None = None,
    overdue: bool = True,
    relative: str | None = None,
) -> list[Finding]:
    """Likely personal data, stale evidence, overdue actions, and criteria that do not apply here.

    ``relative`` is ``workspace.relative(assessment.path)`` when the caller already knows it."""
    from selfassess.logic.privacy import scan  # here: a warm ``validate`` does not compile its patterns

    framework = workspace.load_framework(assessment.framework)
    locate = _Locator(assessment, text, framework)
    if relative is not None and assessment.path:
        path = relative
    else:
        path = workspace.relative(assessment.path) if assessment.path else "<assessment>"
    period_end = workspace.period_end(assessment.period)
    stale_days = workspace.settings.stale_after_days
    capabilities = workspace.capabilities(assessment.district)
    allow = workspace.settings.privacy_allow
    earlier = on_other_version(framework, assessment)
    findings: list[Finding] = []
    for criterion_id, response in assessment.responses.items():
        criterion = framework.criterion(criterion_id)
        # an earlier version asked it here (it has since moved to force level or elsewhere): accepted
        if criterion is not None and not criterion.applies(capabilities) and not earlier:
            findings.append(
                Finding(
                    path,
                    locate.line("criteria", criterion_id),
                    ERROR,
                    f"{criterion_id} does not apply to {assessment.district} "
                    f"(it needs: {', '.join(criterion.applies_to)}); remove it",
                    criterion_id,
                    "applies_to",
                )
            )
        findings += _privacy(path, locate, criterion_id, response, allow, scan)
        if response.as_of is not None and (period_end - response.as_of).days > stale_days:
            findings.append(
                Finding(
                    path,
                    locate.line("criteria", criterion_id, "as_of"),
                    WARNING,
                    f"{criterion_id}: evidence as of {response.as_of} is stale "
                    f"(more than {stale_days} days before {assessment.period} ends)",
                    criterion_id,
                    "stale",
                )
            )
        if overdue:
            findings += _overdue(path, locate, criterion_id, response, today)
        if response.sample is not None and criterion is not None and criterion.sample is not None:
            findings += sample_findings(path, locate, framework, criterion, response)
    findings += _duplicates(path, locate, assessment)
    # the line is looked for only when there is a finding: finding it reads the whole file
    findings += future_stamp(path, lambda: locate.line("updated"), "updated", assessment.updated, today)
    return findings


def future_stamp(
    path: str, line: int | None | Callable[[], int], key: str, stamp: datetime | None, today: date
) -> list[Finding]:
    """An ``updated``/``reviewed`` time more than a day after today is an error: dates are typed by
    whoever writes the file, and one far ahead would look newest for ever. Today is ``--as-of``, or the
    clock's date when that is later (a file saved now is not "in the future" of an earlier as-of)."""
    latest = max(today, datetime.now(UTC).date())
    if stamp is None or (stamp.date() - latest).days <= 1:
        return []
    where = line() if callable(line) else line
    return [Finding(path, where, ERROR, f"{key} {stamp.date()} is more than a day after today ({latest})")]


def _duplicates(path: str, locate: _Locator, assessment: Assessment) -> list[Finding]:
    """The same action (text, owner and due) under two ids in one file: likely a merge's duplicate."""
    seen: dict[tuple[str, str, date | None], str] = {}
    findings = []
    for criterion_id, response in assessment.responses.items():
        for index, action in enumerate(response.actions):
            key = (" ".join(action.action.split()).casefold(), action.owner.strip().casefold(), action.due)
            first = seen.setdefault(key, action.id)
            if first != action.id:
                findings.append(
                    Finding(
                        path,
                        locate.line("criteria", criterion_id, "actions", index, "id"),
                        WARNING,
                        f"{criterion_id}: action {action.id} duplicates {first} (same text, owner and due "
                        "date); delete one in the fill screen",
                        criterion_id,
                        "duplicate",
                    )
                )
    return findings


def _contradictions() -> Callable[[Framework, Criterion, Response], list[Contradiction]]:
    """``samples.contradictions``, imported when first needed (only files with a sample need it), then
    kept: it is asked for once per criterion with a sample."""
    global _CONTRADICTIONS
    if _CONTRADICTIONS is None:
        from selfassess.logic.samples import contradictions

        _CONTRADICTIONS = contradictions
    return _CONTRADICTIONS


_CONTRADICTIONS: Callable[[Framework, Criterion, Response], list[Contradiction]] | None = None

#: where in the file each kind of contradiction points: the key the person should look at
_SAMPLE_KEY = {"rating": ("rating",), "evidence": ("evidence",), "sample": ("sample", "size")}


def sample_findings(
    path: str, locate: _Locator, framework: Framework, criterion: Criterion, response: Response
) -> list[Finding]:
    """Where the rating or the evidence claims more than the recorded dip sample shows (warnings)."""
    contradictions = _contradictions()
    return [
        Finding(
            path,
            locate.line("criteria", criterion.id, *_SAMPLE_KEY[found.field]),
            WARNING,
            found.message,
            criterion.id,
            found.kind,
        )
        for found in contradictions(framework, criterion, response)
    ]


def _privacy(
    path: str,
    locate: _Locator,
    criterion_id: str,
    response: Response,
    allow: tuple[str, ...],
    scan: Callable[[str, tuple[str, ...]], list[Match]],
) -> list[Finding]:
    texts: list[tuple[tuple[str | int, ...], str]] = [((f,), getattr(response, f)) for f in TEXT_FIELDS]
    for index, action in enumerate(response.actions):
        texts.append((("actions", index, "action"), action.action))
    findings = []
    for where, text in texts:
        if not text:
            continue
        for match in scan(text, allow):
            key_line = locate.line("criteria", criterion_id, *where)
            line = key_line + match.line if "\n" in text else key_line
            field = where[0] if len(where) == 1 else "action"
            findings.append(
                Finding(
                    path,
                    line,
                    WARNING,
                    f"{criterion_id} {field}: looks like personal data ({match.kind}): {match.text!r}",
                    criterion_id,
                    "privacy",
                )
            )
    return findings


def _overdue(
    path: str, locate: _Locator, criterion_id: str, response: Response, today: date
) -> list[Finding]:
    return [
        Finding(
            path,
            locate.line("criteria", criterion_id, "actions", index, "due"),
            WARNING,
            f"{criterion_id}: action {action.id} was due {action.due} and is not done (overdue)",
            criterion_id,
            "overdue",
        )
        for index, action in enumerate(response.actions)
        if action.is_overdue(today)
    ]
