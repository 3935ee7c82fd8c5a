"""Which row is the header, and what each column holds: names matched case- and punctuation-insensitively
against documented synonyms, and a rating column told from its content when no header names one."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from selfassess.sheets.grid import Sheet

#: rows searched for the header
HEADER_ROWS = 20

#: role -> the header words that name it (normalised: lower case, letters and digits only). ``status``
#: is deliberately absent: a sheet's status column is as often "submitted" or "open" as a rating.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "criterion": ("id", "ref", "reference", "criterion", "criterionid", "criterionref", "no", "number"),
    "title": ("title", "criteriontitle", "criterionname", "standard", "question"),
    "rating": ("rating", "rag", "grade", "ragrating", "ragstatus", "ragrade"),
    "evidence": ("evidence", "evidencesummary", "supportingevidence", "commentary"),
    "notes": ("notes", "note", "comments", "comment"),
    "as_of": ("asof", "asat", "asofdate", "evidencedate", "evidenceasof", "date"),
    "action_id": ("actionid", "actionref"),
    "action": ("action", "actions", "improvementaction", "actionrequired", "improvementactions"),
    "owner": ("owner", "actionowner", "lead", "responsible"),
    "due": ("due", "duedate", "deadline", "targetdate", "dueby"),
    "done": ("done", "completed", "complete", "datecompleted", "donedate"),
    "addresses": ("addresses", "recommendation", "recommendations", "inspectionitem", "inspectionitems"),
    # a dip sample: the cases examined and how many met the standard, or both in one cell ("14 of 20")
    "sample": ("sample", "samplesize", "cases", "casessampled", "casesexamined", "dipsample", "sampled"),
    "met": ("met", "casesmet", "metstandard", "compliant", "meetingstandard"),
    "counts": ("nn", "kn", "metn", "metofsample", "sampleresult", "dipsampleresult", "result"),
    # the period the sample's cases come from (dates or a quarter, 2026-Q3) and how they were chosen
    "sample_from": ("samplefrom", "samplestart", "casesfrom", "sampleperiodfrom", "sampledfrom"),
    "sample_to": ("sampleto", "sampleend", "casesto", "sampleperiodto", "sampledto"),
    "sample_source": ("samplesource", "sourceofsample", "sourceofcases", "casessource", "howsampled"),
}
_LOOKUP = {word: role for role, words in SYNONYMS.items() for word in words}
_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: object) -> str:
    """Lower case, letters and digits only: ``"Criterion Ref."`` -> ``criterionref``."""
    return _NOT_WORD.sub("", str(text).casefold())


@dataclass
class Layout:
    """The header's 0-based row and each role's 0-based column."""

    header: int
    columns: dict[str, int]
    names: dict[int, str]
    #: the roles the header names (a rating column may also be told from content)
    named: frozenset[str] = frozenset()

    def has(self, role: str) -> bool:
        return role in self.columns


def _roles(sheet: Sheet, row: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for column, cell in enumerate(sheet.rows[row] if row < len(sheet.rows) else []):
        if isinstance(cell.value, str):
            role = _LOOKUP.get(normalise(cell.value))
            if role == "criterion" and role in found and "title" not in found:
                role = "title"  # "Ref | Criterion": the second names the criterion in words
            if role is not None and role not in found:
                found[role] = column
    return found


def find_layout(sheet: Sheet, is_rating: Callable[[object], bool]) -> Layout | None:
    """The header row (the first of the best in the first 20 rows that names a criterion or title
    column and at least one other), and its columns; None when the sheet has no such row."""
    best: tuple[int, int, dict[str, int]] | None = None
    for row in range(min(HEADER_ROWS, len(sheet.rows))):
        roles = _roles(sheet, row)
        if not ({"criterion", "title"} & roles.keys()) or len(roles) < 2:
            continue
        if best is None or len(roles) > best[1]:
            best = (row, len(roles), roles)
    if best is None:
        return None
    row, _, roles = best
    names = {column: str(cell.value) for column, cell in enumerate(sheet.rows[row]) if cell.value is not None}
    layout = Layout(row, dict(roles), names, frozenset(roles))
    if "rating" not in roles:
        column = _rating_by_content(sheet, layout, is_rating)
        if column is not None:
            layout.columns["rating"] = column
    return layout


def _rating_by_content(sheet: Sheet, layout: Layout, is_rating: Callable[[object], bool]) -> int | None:
    """An unnamed column whose filled cells all read as grades (a column of R/A/G, say)."""
    taken = set(layout.columns.values())
    width = max((len(r) for r in sheet.rows[layout.header :]), default=0)
    for column in range(width):
        if column in taken:
            continue
        values = [
            sheet.cell(row, column).value
            for row in range(layout.header + 1, len(sheet.rows))
            if sheet.cell(row, column).value is not None
        ]
        if len(values) >= 2 and all(is_rating(v) for v in values):
            return column
    return None
