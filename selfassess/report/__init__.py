"""Reports for the Police and Crime Commissioner and the inspectorate: Markdown, CSV, JSON, HTML, xlsx.

``build`` makes the format-neutral view of one period (sign-off and provenance included); ``render``
and ``render_bytes`` lay it out in one format. The
same files and the same date give byte-identical output (no timestamp unless one is passed).
"""

from __future__ import annotations

from datetime import date

from selfassess.core.textgate import visible
from selfassess.logic.combine import Combined
from selfassess.logic.signoff import for_workspace
from selfassess.logic.trend import load_trend
from selfassess.report.view import ReportView, SampleLine, TrendCounts
from selfassess.workspace.workspace import Workspace

FORMATS = ("md", "csv", "json", "html", "xlsx")
#: the formats :func:`render` gives as text (xlsx is a zip of XML: bytes only)
TEXT_FORMATS = ("md", "csv", "json", "html")


def build(workspace: Workspace, combined: Combined, today: date, stamp: str | None = None) -> ReportView:
    """The report view of ``combined``, with the last eight quarters read from the workspace (the two
    quarters ``combined`` holds are not read again)."""
    trend = load_trend(workspace, combined.period, combined.districts, known=combined.assessments())
    tracker = None
    if workspace.inspection_files():
        from selfassess.logic.recommendations import track

        tracker = track(workspace, combined.period, today)
    return ReportView(
        signed=for_workspace(workspace.root, combined.period, combined.districts),
        combined=combined,
        force=workspace.settings.force,
        today=today,
        trend=TrendCounts.of(trend, combined.districts),
        quarters=workspace.settings.quarters,
        stamp=stamp,
        tracker=tracker,
        samples=SampleLine.all_of(trend, combined),
    )


def render(view: ReportView, fmt: str, excel: bool = False) -> str:
    """The report as text in ``fmt`` (one of :data:`TEXT_FORMATS`)."""
    if fmt == "csv":
        from selfassess.report.csvreport import render_csv

        return render_csv(view, excel=excel)
    if fmt == "json":
        from selfassess.report.jsonreport import render_json

        return render_json(view)
    if fmt == "html":
        from selfassess.report.html import render_html

        return render_html(view)
    from selfassess.report.markdown import render_markdown

    return render_markdown(view)


def render_bytes(view: ReportView, fmt: str, excel: bool = False) -> tuple[bytes, list[str]]:
    """The report as a file's bytes in ``fmt`` (one of :data:`FORMATS`), and notes for the user."""
    if fmt == "xlsx":
        from selfassess.report.xlsx import render_xlsx

        return render_xlsx(view)
    text = render(view, fmt, excel=excel)
    # Markdown is read by people: the gate. CSV keeps the data; JSON and HTML escape it themselves.
    return (visible(text) if fmt == "md" else text).encode("utf-8"), []
