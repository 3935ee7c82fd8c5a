"""The report's provenance section: who submitted each district's quarter, who reviewed it, who signed
the commits, and whether ``verify`` confirms them, laid out from the view's rows (``ReportView.provenance``).
Only a workspace with ``allowed_signers`` has one: the report of a workspace that does not sign commits
stays exactly as it was.
"""

from __future__ import annotations

from selfassess.report.view import ReportView

HEADER = ("District", "Status", "Assessor", "Reviewed by", "Signed by", "Verified")
NOTE = (
    "Verified: whether selfassess verify confirms that the content the district's assessment (and "
    "review, if any) holds now was introduced by a signed commit of someone allowed to write it: the "
    "district's lead (a reviewer for the review), by the keys in allowed_signers as reviewers adopted them."
)


def provenance_markdown(view: ReportView) -> list[str]:
    """The section's lines, or none for a workspace that does not sign commits."""
    from selfassess.report.markdown import md

    rows = view.provenance()
    if rows is None:
        return []
    body = ["| " + " | ".join(md(c) or "none" for c in row) + " |" for row in rows]
    lines = ["", "## Provenance", "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER), *body]
    return [*lines, "", NOTE]


def provenance_html(view: ReportView) -> str:
    """The section (a captioned table, header cells scoped), or '' for a workspace that does not sign."""
    from selfassess.report.html_access import e, table_region

    rows = view.provenance()
    if rows is None:
        return ""
    head = "".join(f'<th scope="col">{e(words)}</th>' for words in HEADER)
    body = "".join(
        f'<tr><th scope="row">{e(first)}</th>' + "".join(f"<td>{e(c) or 'none'}</td>" for c in rest) + "</tr>"
        for first, *rest in rows
    )
    table = f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
    caption = f"Who submitted and reviewed each district's {e(view.period)}, and whether it verifies"
    return (
        f'<section id="provenance"><h2>Provenance</h2><p>{e(NOTE)}</p>'
        + table_region("provenance", caption, table, "", "visually-hidden")
        + "</section>"
    )
