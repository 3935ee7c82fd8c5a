"""``report --format html``: one self-contained A4 document (inline CSS and SVG, no scripts, no URLs).

Every piece of user text goes through :func:`e` (``html.escape``, control characters dropped); grade
colours reach the page only as ``#rrggbb`` parsed from the framework. Accessible to WCAG 2.2 AA: every
table captioned with scoped headers, charts described in words (``html_access``, ``describe``).
"""

from __future__ import annotations

from importlib.resources import files

from selfassess.core.colours import hex_colour, text_on
from selfassess.core.model import NOT_APPLICABLE, Criterion, Grade
from selfassess.core.vocabulary import CellKind, Movement
from selfassess.core.vocabulary import legend as marks
from selfassess.logic.combine import OpenAction
from selfassess.report.describe import movement_words, trend_sentence
from selfassess.report.html_access import e, figures_table, hidden, print_margins, table_region
from selfassess.report.html_samples import sample_section
from selfassess.report.provenance import provenance_html
from selfassess.report.recommendations import tracker_html
from selfassess.report.sources import sources_html
from selfassess.report.svg import UNRATED_FILL, trend_svg
from selfassess.report.text import district_name, long_date, plain, plural
from selfassess.report.view import Cell, Concern, ReportView, ThemeSection


def paragraphs(text: str) -> str:
    """Multi-line user text as paragraphs, one per line."""
    lines = [line.strip() for line in plain(text).strip().splitlines() if line.strip()]
    return "".join(f"<p>{e(line)}</p>" for line in lines)


def grade_css(view: ReportView) -> str:
    """One class per grade (by its number, as ids may be any text): its colour and readable text."""
    rules = []
    for grade in view.framework.scale:
        background = hex_colour(grade.colour)
        if background:
            ink = text_on(background)
            rules.append(f".grade-{grade.number} {{ background: {background}; color: {ink}; }}")
        else:
            rules.append(f".grade-{grade.number} {{ background: #fff; border: 0.8pt solid #8a939c; }}")
    rules.append(f".swatch.not-rated {{ background: {UNRATED_FILL}; }}")
    return "\n".join(rules)


def chip(grade: Grade | None, text: str) -> str:
    css = f"grade-{grade.number}" if grade else "plain"
    return f'<span class="chip {css}">{e(text)}</span>'


# -- the parts, top to bottom ---------------------------------------------------------------------


def masthead(view: ReportView) -> str:
    fw = view.framework
    start, end = view.period_dates()
    facts = [
        f"{long_date(start)} to {long_date(end)}",
        f"framework version {fw.version}",
        f"compared with {view.combined.previous_label}",
        f"actions as at {long_date(view.today)}",
    ]
    if view.stamp:
        facts.append(f"generated {view.stamp}")
    kicker = f'<p class="kicker">{e(view.force)}</p>' if view.force else ""
    points = "".join(f"<li>{e(p)}</li>" for p in view.key_points())
    return (
        f'<header class="masthead">{kicker}<h1>{e(fw.title)}</h1>'
        f'<p class="subtitle">Self-assessment position for <strong>{e(view.period)}</strong></p>'
        f'<p class="facts">{" · ".join(e(f) for f in facts)}</p></header>'
        f'<section id="key-points"><h2>Key points</h2><ul class="key-points">{points}</ul></section>'
    )


def problems(view: ReportView) -> str:
    found = view.invalid()
    if not found:
        return ""
    items = "".join(f"<li><strong>{e(district_name(d))}</strong>: {e(msg)}</li>" for d, msg in found)
    return (
        '<section class="problems"><h2>Files that could not be read</h2>'
        f"<p>These districts are shown as invalid throughout.</p><ul>{items}</ul></section>"
    )


def assessor(view: ReportView, district: str) -> str:
    assessment = view.combined.entries[district].assessment
    return assessment.assessor if assessment else ""


def districts_table(view: ReportView) -> str:
    """Districts across (as in the heat map), so any number of grades fits down the page."""
    districts, combined = view.districts, view.combined
    readable = [d for d in districts if combined.has_assessment(d)]

    def row(label: str, values: dict[str, str], css: str = "num") -> str:
        cells = "".join(f'<td class="{css}">{values.get(d, "")}</td>' for d in districts)
        return f'<tr><th scope="row">{label}</th>{cells}</tr>'

    status = {
        d: f'<span class="status-{e(combined.status(d).split()[0])}">{e(combined.status(d))}</span>'
        for d in districts
    }
    rated = {d: "{} of {}".format(*view.rated(d)) for d in readable}
    rows = [row("Status", status, "text"), row("Rated", rated)]
    for key, words in view.count_keys():
        grade = view.framework.grade(key)
        swatch = f'<span class="swatch grade-{grade.number}">&#160;</span>' if grade else ""
        rows.append(row(swatch + e(words), {d: str(combined.counts(d)[key]) for d in readable}))
    moves = {d: view.movements(d) for d in readable}
    for move, words in ((Movement.BETTER, "Better"), (Movement.WORSE, "Worse")):
        sign = f'<span aria-hidden="true">{move.sign}</span>'
        rows.append(row(f"{sign} {words}", {d: str(moves[d][move]) for d in readable}))
    actions = {d: view.action_counts(d) for d in readable}
    rows.append(row("Open actions", {d: str(actions[d][0]) for d in readable}))
    rows.append(row("of which overdue", {d: str(actions[d][1]) for d in readable}))
    head = "".join(
        f'<th scope="col" class="num" abbr="{e(district_name(d))}">{e(district_name(d))}'
        f'<span class="assessor">{e(assessor(view, d))}</span></th>'
        for d in districts
    )
    caption = f"Each district’s status, ratings, movement and open actions, {e(view.period)}"
    table = (
        f'<thead><tr><th scope="col">District and assessor</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>"
    )
    return (
        '<section id="districts"><h2>Districts</h2>'
        + table_region("districts", caption, table, "districts", "visually-hidden")
        + f'<p class="note">Rated: criteria with a grade, of those that apply. Better and worse: since '
        f"{e(combined.previous_label)}. Overdue: as at {e(long_date(view.today))}.</p></section>"
    )


def themes_table(view: ReportView) -> str:
    """Each theme's lowest grade in each district, with how many of its criteria are at that grade."""
    head = "".join(f'<th scope="col" class="district">{e(district_name(d))}</th>' for d in view.districts)
    rows = []
    for theme in view.framework.themes:
        cells = []
        for district in view.districts:
            grade, count = view.theme_worst(theme, district)
            if grade is not None:
                cells.append(f'<td class="cell grade-{grade.number}">{e(grade.label)} ({count})</td>')
            elif all(view.combined.cell(c, district) == NOT_APPLICABLE for c in theme.criteria):
                cells.append('<td class="cell na">n/a</td>')  # never asked of this unit, or all n/a
            elif view.combined.has_assessment(district):
                cells.append('<td class="cell unrated">not rated</td>')
            else:
                cells.append(f'<td class="cell missing">{e(view.combined.status(district))}</td>')
        rows.append(f'<tr><th scope="row" class="criterion">{e(theme.title)}</th>{"".join(cells)}</tr>')
    columns = '<col class="criterion">' + "<col>" * len(view.districts)
    table = (
        f'<colgroup>{columns}</colgroup><thead><tr><th scope="col">Theme</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>"
    )
    caption = f"Each theme’s lowest grade in each district, {e(view.period)}"
    return (
        '<section id="themes"><h2>Themes at a glance</h2>'
        "<p>The lowest grade in each theme, and (in brackets) how many of the theme’s criteria are at it.</p>"
        + table_region("themes", caption, table, "heat themes", "visually-hidden")
        + "</section>"
    )


def legend(view: ReportView, movement: bool = True) -> str:
    swatches = "".join(
        f'<span><span class="swatch grade-{g.number}">&#160;</span>{e(g.label)}</span>'
        for g in view.framework.scale
    )
    return (
        f'<div class="legend">{swatches}'
        '<span><span class="swatch not-rated">&#160;</span>not rated</span>'
        + (
            "".join(f"<span>{e(s)} {e(w)}</span>" for s, w in marks(cells=(CellKind.NOT_APPLICABLE,)))
            if movement
            else ""
        )
        + "</div>"
    )


def heat_cell(view: ReportView, cell: Cell, district: str) -> str:
    """The grade's label in its colour; the movement sign shown, and read out in words instead."""
    sign = cell.sign.replace("-", "−")
    words = movement_words(cell.movement, view.combined.previous_label)
    move = f'<span class="move" aria-hidden="true">{e(sign)}</span>{hidden(e(", " + words))}' if sign else ""
    if cell.grade is not None:
        return f'<td class="cell grade-{cell.grade.number}">{e(cell.grade.label)}{move}</td>'
    if cell.value is not None:  # "n/a", or an id the scale does not know
        css = "na" if cell.value == "n/a" else "unrated"
        return f'<td class="cell {css}">{e(cell.value)}{move}</td>'
    if view.combined.has_assessment(district):
        return f'<td class="cell unrated">not rated{move}</td>'
    return f'<td class="cell missing">{e(view.combined.status(district))}</td>'


def heat_map(view: ReportView) -> str:
    columns = '<col class="criterion">' + "<col>" * len(view.districts)
    # Each cell is read with its district (the column's short name: the status is in the districts
    # table), its criterion id and its theme (a group of rows): "North, S1, Inadequate, worse since ...".
    head = "".join(
        f'<th scope="col" class="district" abbr="{e(district_name(d))}">{e(district_name(d))}'
        f'<span class="status" aria-hidden="true">{e(view.combined.status(d))}</span></th>'
        for d in view.districts
    )
    groups = []
    span = len(view.districts) + 1
    for theme in view.framework.themes:
        rows = [f'<tr class="theme"><th scope="rowgroup" colspan="{span}">{e(theme.title)}</th></tr>']
        for criterion in theme.criteria:
            cells = "".join(heat_cell(view, view.cell(criterion, d), d) for d in view.districts)
            rows.append(
                f'<tr><th scope="row" class="criterion" abbr="{e(criterion.id)}"><span class="id">'
                f"{e(criterion.id)}</span>{e(criterion.title)}</th>{cells}</tr>"
            )
        groups.append(f"<tbody>{''.join(rows)}</tbody>")
    table = (
        f'<colgroup>{columns}</colgroup><thead><tr><th scope="col">Criterion</th>{head}</tr></thead>'
        + "".join(groups)
    )
    caption = (
        f"Each criterion’s rating in each district for {e(view.period)}, with movement since "
        f"{e(view.combined.previous_label)}"
    )
    return (
        '<section id="heat-map" class="new-page"><h2>Heat map</h2>'
        f"<p>{caption}.</p>{legend(view)}"
        + table_region("heat-map", caption, table, "heat", "visually-hidden")
        + "</section>"
    )


def trends(view: ReportView) -> str:
    trend = view.trend
    top = max(
        (sum(v for k, v in c.items() if k != "n/a") for counts in trend.counts.values() for c in counts if c),
        default=1,
    )
    figures = []
    for index, district in enumerate(view.districts, start=1):
        name, counts = district_name(district), trend.counts[district]
        label = f"{name}: number of criteria at each grade, {trend.periods[0]} to {trend.periods[-1]}"
        words = trend_sentence(name, view.framework, trend.periods, counts)
        svg = trend_svg(view.framework, label, trend.periods, counts, top, f"trend-{index}", words)
        figures.append(
            f'<figure class="chart"><figcaption>{e(name)} '
            f'<span class="status">{e(view.combined.status(district))}</span></figcaption>{svg}'
            f"{figures_table(name, view.framework, trend.periods, counts)}</figure>"
        )
    versions = view.versions_note()
    return (
        '<section id="trends" class="new-page">'
        f"<h2>Trend over the last {len(trend.periods)} quarters</h2>"
        "<p>Number of criteria at each grade in each quarter, worst grade at the foot of each column; "
        "criteria not applicable are left out. “none”: no readable assessment that quarter.</p>"
        f"{f'<p>{e(versions)}</p>' if versions else ''}"
        f'{legend(view, movement=False)}<div class="charts">{"".join(figures)}</div></section>'
    )


def action_item(item: OpenAction) -> str:
    action = item.action
    parts = [f'<span class="id">{e(action.id)}</span>{e(action.action)}']
    details = [f'<span class="owner">{e(action.owner)}</span>'] if action.owner else []
    if action.due:
        details.append(f"due {e(long_date(action.due))}")
    if details:
        parts.append(" — " + ", ".join(details))
    if item.overdue:
        parts.append(' <span class="overdue-tag">overdue</span>')
    return f"<li>{''.join(parts)}</li>"


def concern_block(view: ReportView, criterion: Criterion, concern: Concern) -> str:
    cell = view.cell(criterion, concern.district)
    previous = view.framework.grade(cell.previous)
    was = f" was {e(previous.label)} in {e(view.combined.previous_label)}" if previous else ""
    evidence = (
        f'<blockquote class="evidence">{e(concern.evidence)}</blockquote>'
        if concern.evidence
        else '<p class="none-recorded">No evidence recorded.</p>'
    )
    actions = (
        f'<ul class="actions">{"".join(action_item(a) for a in concern.actions)}</ul>'
        if concern.actions
        else '<p class="none-recorded">No open action recorded.</p>'
    )
    return (
        f'<div class="concern"><p class="who"><strong>{e(district_name(concern.district))}</strong>'
        f'{chip(cell.grade, cell.text)}<span class="muted">{was}</span></p>{evidence}{actions}</div>'
    )


def theme_section(view: ReportView, section: ThemeSection) -> str:
    fw = view.framework
    counts = " ".join(
        chip(fw.grade(k), f"{section.counts[k]} {w}") if fw.grade(k) else f"{section.counts[k]} {e(w)}"
        for k, w in view.count_keys()
    )
    parts = [
        f'<section class="theme"><h3>{e(section.theme.title)}</h3>',
        f'<p class="theme-counts">Across districts: {counts}</p>',
    ]
    if not section.worst:
        parts.append(f"<p>No criterion in this theme is rated {e(fw.worst.label)} in any district.</p>")
    for criterion, concerns in section.worst:
        blocks = "".join(concern_block(view, criterion, c) for c in concerns)
        parts.append(
            f'<div class="criterion-block"><h4><span class="id">{e(criterion.id)}</span>'
            f"{e(criterion.title)}</h4>{blocks}</div>"
        )
    return "".join(parts) + "</section>"


def worst_sections(view: ReportView) -> str:
    label = view.framework.worst.label
    return (
        f'<section id="worst"><h2>Criteria rated {e(label)}, theme by theme</h2>'
        f"<p>Each criterion rated {e(label)} in any district, with the district’s evidence (first "
        "lines) and its open improvement actions.</p>"
        + "".join(theme_section(view, s) for s in view.sections())
        + "</section>"
    )


def overdue_table(view: ReportView) -> str:
    overdue = view.overdue()
    heading = (
        f'<section id="overdue" class="new-page"><h2>Overdue actions as at {e(long_date(view.today))}</h2>'
    )
    if not overdue:
        return heading + "<p>No open action is past its due date.</p></section>"
    rows = "".join(
        f'<tr><td class="date">{e(a.action.due.isoformat()) if a.action.due else ""}</td>'
        f'<td class="num">{(view.today - a.action.due).days if a.action.due else ""}</td>'
        f"<td>{e(district_name(a.district))}</td><td>{e(a.criterion)}</td>"
        f'<td><span class="id">{e(a.action.id)}</span>{e(a.action.action)}</td>'
        f'<td class="owner">{e(a.action.owner)}</td></tr>'
        for a in overdue
    )
    head = '<th scope="col">Due</th><th scope="col" class="num">Days over</th>' + "".join(
        f'<th scope="col">{words}</th>' for words in ("District", "Criterion", "Action", "Owner")
    )
    caption = f"Open actions past their due date as at {e(long_date(view.today))}"
    return (
        f"{heading}<p>{e(plural(len(overdue), 'action'))} past the due date and not done.</p>"
        + table_region(
            "overdue", caption, f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>", "", "visually-hidden"
        )
        + "</section>"
    )


def reviews(view: ReportView) -> str:
    notes = view.reviews()
    parts = ['<section id="reviews"><h2>Reviewer comments</h2>']
    if not notes:
        parts.append(f"<p>No reviews recorded for {e(view.period)}.</p>")
    for note in notes:
        changed = (
            "" if note.current else '<p class="changed">The assessment has changed since this review.</p>'
        )
        parts.append(
            f'<div class="review"><h3>{e(district_name(note.district))}</h3>'
            f'<p class="by">{e(note.reviewer)}, {e(long_date(note.reviewed))}</p>'
            f"<blockquote>{paragraphs(note.comment) or '<p>(no comment)</p>'}</blockquote>{changed}</div>"
        )
    return "".join(parts) + "</section>"


def colophon(view: ReportView) -> str:
    fw = view.framework
    return (
        f'<footer class="colophon">{e(view.force)} · {e(fw.title)} ({e(fw.id)} {e(fw.version)}) · '
        f"{e(view.period)} · {plural(len(fw.criteria), 'criterion', 'criteria')}, "
        f"{plural(len(view.districts), 'district')} · produced with selfassess from the districts’ "
        "assessment files.</footer>"
    )


def render_html(view: ReportView) -> str:
    css = files("selfassess.report").joinpath("report.css").read_text(encoding="utf-8")
    title = f"{view.force} — " if view.force else ""
    body = (
        masthead(view)
        + problems(view)
        + districts_table(view)
        + themes_table(view)
        + tracker_html(view)
        + heat_map(view)
        + trends(view)
        + sample_section(view)
        + worst_sections(view)
        + overdue_table(view)
        + reviews(view)
        + sources_html(view.framework)
        + provenance_html(view)
        + colophon(view)
    )
    margins = print_margins(view.force, f"Self-assessment {view.period}")
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}self-assessment {e(view.period)}</title>\n"
        f"<style>\n{css}\n{grade_css(view)}\n{margins}\n</style>\n</head>\n"
        f'<body>\n<main class="page">\n{body}\n</main>\n</body>\n</html>\n'
    )
