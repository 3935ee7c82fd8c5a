"""``report --format md``: the quarter's position as Markdown (GitHub-flavoured tables).

Every piece of user text passes through :func:`md` (one line) or :func:`md_lines` (a quoted block), so
nothing a district types can become a link, a heading, HTML or a broken table.
"""

from __future__ import annotations

import re

from selfassess.core.model import NOT_APPLICABLE
from selfassess.core.vocabulary import CellKind, Movement, legend_text
from selfassess.logic.combine import OpenAction
from selfassess.logic.samples import grade_words
from selfassess.report.describe import trend_sentence
from selfassess.report.provenance import provenance_markdown
from selfassess.report.recommendations import tracker_markdown
from selfassess.report.sources import sources_markdown
from selfassess.report.text import district_name, long_date, one_line, plain, plural
from selfassess.report.view import ReportView, ThemeSection

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&!$])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def md(text: str, line_start: bool = False) -> str:
    """User text as one inert line: Markdown punctuation escaped, table pipes included.

    ``line_start``: the text begins a line, where ``-``, ``+``, ``=`` or ``1.`` would start a list
    or underline a heading, so those are escaped too.
    """
    escaped = _SPECIAL.sub(r"\\\1", one_line(text))
    if not line_start:
        return escaped
    escaped = _ORDERED.sub(r"\1\\\2", escaped)
    return "\\" + escaped if escaped[:1] in ("-", "+", "=") else escaped


def md_lines(text: str, prefix: str = "> ") -> list[str]:
    """Multi-line user text as a quoted block, line breaks kept (a trailing backslash breaks the line)."""
    lines = [line.strip() for line in plain(text).strip().splitlines()] or [""]
    quoted = []
    for i, line in enumerate(lines):
        follows = i + 1 < len(lines) and lines[i + 1]
        quoted.append(
            prefix + md(line, line_start=True) + ("\\" if line and follows else "")
            if line
            else prefix.rstrip()
        )
    return quoted


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _heading(view: ReportView) -> list[str]:
    fw = view.framework
    start, end = view.period_dates()
    title = f"{view.force} — {fw.title}" if view.force else fw.title
    lines = [
        f"# {md(title)}",
        "",
        f"**Self-assessment position, {view.period}** ({long_date(start)} to {long_date(end)})  ",
        f"Framework: {md(fw.title)}, version {md(fw.version)} ({md(fw.id)}). "
        f"Movement is shown since {view.combined.previous_label}; actions are overdue as at "
        f"{view.today.isoformat()}.",
    ]
    if view.stamp:
        lines.append(f"Generated {view.stamp}.")
    return lines + ["", "## Key points", ""] + [f"- {md(point)}" for point in view.key_points()]


def _districts(view: ReportView) -> list[str]:
    keys = view.count_keys()
    header = ["District", "Status", "Assessor", "Rated"] + [md(words) for _, words in keys]
    header += ["Better", "Worse", "Open actions", "Overdue"]
    rows = []
    for district in view.districts:
        entry = view.combined.entries[district]
        row = [md(district_name(district)), md(entry.status)]
        if entry.assessment is None:
            rows.append(row + [""] * (len(header) - 2))
            continue
        rated, asked = view.rated(district)
        counts, moves = view.combined.counts(district), view.movements(district)
        row += [md(entry.assessment.assessor), f"{rated} of {asked}"]
        row += [str(counts[key]) for key, _ in keys] + [
            str(moves[Movement.BETTER]),
            str(moves[Movement.WORSE]),
        ]
        row += [str(n) for n in view.action_counts(district)]
        rows.append(row)
    return ["", "## Districts", "", *table(header, rows)]


def _themes(view: ReportView) -> list[str]:
    header = ["Theme"] + [md(district_name(d)) for d in view.districts]
    rows = []
    for theme in view.framework.themes:
        cells = []
        for district in view.districts:
            grade, count = view.theme_worst(theme, district)
            has = view.combined.has_assessment(district)
            kind = CellKind.NOT_RATED if has else CellKind.NO_ASSESSMENT
            cells.append(f"{md(grade.label)} ({count})" if grade else kind.mark)
        rows.append([md(theme.title), *cells])
    note = "The lowest grade in each theme, and (in brackets) how many of the theme's criteria are at it."
    return ["", "## Themes at a glance", "", note, "", *table(header, rows)]


def _heat_map(view: ReportView) -> list[str]:
    header = ["Criterion"] + [md(district_name(d)) for d in view.districts]
    rows = []
    for theme in view.framework.themes:
        rows.append([f"**{md(theme.title)}**"] + [""] * len(view.districts))
        for criterion in theme.criteria:
            cells = [view.cell(criterion, d) for d in view.districts]
            shown = [md(c.text) + (f" {c.sign}" if c.sign else "") for c in cells]
            rows.append([f"{md(criterion.id)} {md(criterion.title)}", *shown])
    legend = (
        f"{legend_text(', ', cells=())} (since {view.combined.previous_label}); "
        f"{legend_text('; ', movement=False)}."
    )
    return ["", "## Heat map", "", *table(header, rows), "", md(legend)]


def _trend(view: ReportView) -> list[str]:
    trend = view.trend
    header = ["District"] + list(trend.periods)
    rows = []
    graded = [key for key, _ in view.count_keys() if key != NOT_APPLICABLE]
    for district in view.districts:
        cells = []
        for counts in trend.counts[district]:
            if counts is None:
                cells.append(CellKind.NO_ASSESSMENT.mark)
            else:
                cells.append(" / ".join(str(counts[key]) for key in graded))
        rows.append([md(district_name(district)), *cells])
    order = " / ".join(md(words) for key, words in view.count_keys() if key != NOT_APPLICABLE)
    versions = view.versions_note()
    return [
        "",
        f"## Trend over the last {len(trend.periods)} quarters",
        "",
        f"Number of criteria at each grade: {order}. {CellKind.NO_ASSESSMENT.mark} no readable assessment.",
        *(["", md(versions)] if versions else []),
        "",
        *table(header, rows),
        "",
        *(f"- {md(sentence)}" for sentence in _trend_words(view)),
    ]


def _samples(view: ReportView) -> list[str]:
    """Each sampled criterion: every district's met of cases this quarter, and all of them pooled."""
    if not view.samples:
        return []
    header = ["Criterion", *(md(district_name(d)) for d in view.districts), "Pooled"]
    rows = []
    for line in view.samples:
        pooled = line.pooled[-1]
        cells = [
            f"{line.districts[d].met}/{line.districts[d].size}" if d in line.districts else ""
            for d in view.districts
        ]
        said = (
            f"{pooled.short()}, supports {md(grade_words(view.framework, pooled.supports))}" if pooled else ""
        )
        rows.append([f"{md(line.criterion.id)} {md(line.criterion.title)}", *cells, said])
    note = (
        "Cases meeting the standard of those sampled this quarter; pooled: every district's sample together."
    )
    return ["", "## Dip samples", "", note, "", *table(header, rows)]


def _trend_words(view: ReportView) -> list[str]:
    """What each district's chart in the HTML report shows, in words (``describe.trend_sentence``)."""
    trend = view.trend
    return [
        trend_sentence(district_name(d), view.framework, trend.periods, trend.counts[d])
        for d in view.districts
    ]


def _action(item: OpenAction) -> str:
    action = item.action
    details = [md(action.owner)] if action.owner else []
    if action.due:
        details.append(f"due {action.due.isoformat()}" + (" — **overdue**" if item.overdue else ""))
    suffix = f" ({', '.join(details)})" if details else ""
    return f"{md(action.id)}: {md(action.action)}{suffix}"


def _section(view: ReportView, section: ThemeSection) -> list[str]:
    worst = view.framework.worst
    totals = ", ".join(f"{section.counts[key]} {md(words)}" for key, words in view.count_keys())
    lines = ["", f"### {md(section.theme.title)}", "", f"Across districts: {totals}.", ""]
    if not section.worst:
        return lines + [f"No criterion in this theme is rated {md(worst.label)} in any district."]
    for criterion, concerns in section.worst:
        lines += [f"#### {md(criterion.id)} {md(criterion.title)}", ""]
        for concern in concerns:
            lines.append(f"- **{md(district_name(concern.district))}**")
            if concern.evidence:
                lines += ["", f"  > {md(concern.evidence, line_start=True)}", ""]
            else:
                lines += ["", "  No evidence recorded.", ""]
            lines += [f"  - Action {_action(a)}" for a in concern.actions] or ["  - No open action recorded."]
        lines.append("")
    return lines[:-1]


def _overdue(view: ReportView) -> list[str]:
    overdue = view.overdue()
    lines = ["", f"## Overdue actions (as at {view.today.isoformat()})", ""]
    if not overdue:
        return lines + ["No open action is past its due date."]
    rows = [
        [
            a.action.due.isoformat() if a.action.due else "",
            md(district_name(a.district)),
            md(a.criterion),
            f"{md(a.action.id)}: {md(a.action.action)}",
            md(a.action.owner),
        ]
        for a in overdue
    ]
    return lines + table(["Due", "District", "Criterion", "Action", "Owner"], rows)


def _reviews(view: ReportView) -> list[str]:
    notes = view.reviews()
    lines = ["", "## Reviewer comments", ""]
    if not notes:
        return lines + [f"No reviews recorded for {view.period}."]
    for note in notes:
        lines += [
            f"### {md(district_name(note.district))} — {md(note.reviewer)}, {long_date(note.reviewed)}",
            "",
            *md_lines(note.comment or "(no comment)"),
        ]
        if not note.current:
            lines += ["", "*The assessment has changed since this review.*"]
        lines.append("")
    return lines[:-1]


def render_markdown(view: ReportView) -> str:
    worst = view.framework.worst
    lines = _heading(view)
    problems = view.invalid()
    if problems:
        lines += ["", "## Could not be read", ""]
        lines += [f"- {md(district_name(d))}: {md(message)}" for d, message in problems]
    lines += _districts(view) + _themes(view) + tracker_markdown(view) + _heat_map(view) + _trend(view)
    lines += _samples(view)
    lines += ["", f"## Criteria rated {md(worst.label)}, theme by theme"]
    for section in view.sections():
        lines += _section(view, section)
    lines += _overdue(view) + _reviews(view) + sources_markdown(view.framework)
    count = plural(len(view.framework.criteria), "criterion", "criteria")
    lines += ["", "---", "", f"{count}, {plural(len(view.districts), 'district')}. Produced by selfassess."]
    return "\n".join(lines + provenance_markdown(view)) + "\n"
