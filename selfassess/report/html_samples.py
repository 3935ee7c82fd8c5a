"""The HTML report's dip-sample section: for each criterion evidenced by a sample, a chart of the
force-wide share meeting the standard over the quarters with its 95% interval as a band, and the
figures in tables (every quarter pooled; each district this quarter, with what its sample supports)."""

from __future__ import annotations

from selfassess.core.model import Framework
from selfassess.logic.samples import SampleFigures, grade_words, percent
from selfassess.report.html_access import e
from selfassess.report.svg import sample_svg
from selfassess.report.text import district_name
from selfassess.report.view import ReportView, SampleLine


def _figures(framework: Framework, shown: SampleFigures) -> str:
    return (
        f'<td class="num">{shown.met}</td><td class="num">{shown.size}</td>'
        f'<td class="num">{percent(shown.proportion, floor=True)}</td>'
        f'<td class="num">{percent(shown.low, sign=False)}–{percent(shown.high)}</td>'
        f"<td>{e(grade_words(framework, shown.supports))}</td>"
    )


_HEAD = (
    '<th scope="col" class="num">Met</th><th scope="col" class="num">Cases</th>'
    '<th scope="col" class="num">Share</th><th scope="col" class="num">95% interval</th>'
    '<th scope="col">Supports</th>'
)


def _tables(view: ReportView, line: SampleLine) -> str:
    framework, title = view.framework, f"{line.criterion.id} {line.criterion.title}"
    quarters = []
    for period, shown in zip(line.periods, line.pooled, strict=True):
        cells = _figures(framework, shown) if shown else '<td colspan="5">no sample recorded</td>'
        quarters.append(f'<tr><th scope="row">{e(period)}</th>{cells}</tr>')
    districts = [
        f'<tr><th scope="row">{e(district_name(d))}</th>{_figures(framework, shown)}</tr>'
        for d, shown in line.districts.items()
    ]
    by_district = (
        f"<table><caption>{e(title)}: each district in {e(view.period)}</caption>"
        f'<thead><tr><th scope="col">District</th>{_HEAD}</tr></thead>'
        f"<tbody>{''.join(districts)}</tbody></table>"
        if districts
        else ""
    )
    return (
        f'<details class="figures"><summary>{e(line.criterion.id)}: the figures</summary>'
        f"<table><caption>{e(title)}: all districts pooled, by quarter</caption>"
        f'<thead><tr><th scope="col">Quarter</th>{_HEAD}</tr></thead>'
        f"<tbody>{''.join(quarters)}</tbody></table>"
        f"{by_district}</details>"
    )


def _description(view: ReportView, line: SampleLine) -> str:
    taken = [(p, f) for p, f in zip(line.periods, line.pooled, strict=True) if f is not None]
    said = "; ".join(
        f"{p}: {f.short()}, supports {grade_words(view.framework, f.supports)}" for p, f in taken
    )
    return f"Share of sampled cases meeting the standard, all districts pooled. {said}."


def sample_section(view: ReportView) -> str:
    """The section, or nothing when no criterion's sample was recorded in the quarters shown."""
    if not view.samples:
        return ""
    framework, figures = view.framework, []
    for index, line in enumerate(view.samples, start=1):
        rule = line.criterion.sample
        thresholds = tuple(
            (grade_words(framework, grade), share)
            for grade, share in (rule.thresholds.items() if rule else ())
        )
        shares = tuple((f.proportion, f.low, f.high) if f else None for f in line.pooled)
        span = f"{line.periods[0]} to {line.periods[-1]}"
        label = f"{line.criterion.id}: share of sampled cases meeting the standard, {span}"
        svg = sample_svg(label, line.periods, shares, thresholds, f"sample-{index}", _description(view, line))
        meets = f'<p class="meets">A case meets the standard when: {e(rule.meets)}.</p>' if rule else ""
        figures.append(
            f'<figure class="chart"><figcaption>{e(line.criterion.id)} {e(line.criterion.title)}</figcaption>'
            f"{svg}{meets}{_tables(view, line)}</figure>"
        )
    return (
        '<section id="samples" class="new-page"><h2>Dip samples</h2>'
        "<p>The share of sampled cases that met each criterion’s standard, every district’s sample pooled, "
        "with its 95% interval (Wilson) as a shaded band; dashed lines mark the share each grade needs. "
        "“none”: no district recorded a sample that quarter.</p>"
        f'<div class="charts">{"".join(figures)}</div></section>'
    )
