"""The report's provenance section: who submitted each district's quarter, who reviewed it, who signed
the commits, and whether ``verify`` confirms them. Only a workspace with ``allowed_signers`` has one: the
report of a workspace that does not sign commits stays exactly as it was.
"""

from __future__ import annotations

from selfassess.logic.combine import Combined
from selfassess.logic.signoff import SignOff, for_workspace
from selfassess.report.text import district_name
from selfassess.workspace.workspace import Workspace

HEADER = ("District", "Status", "Assessor", "Reviewed by", "Signed by", "Verified")
NOTE = (
    "Verified: whether selfassess verify confirms that the district's assessment (and review, if any) "
    "was last changed by a signed commit of someone allowed to write it: the district's lead (a reviewer "
    "for the review), by the keys in allowed_signers."
)
#: where the HTML section goes: before the colophon, at the end of the report
HTML_ANCHOR = '<footer class="colophon">'


def rows(combined: Combined, signed: dict[str, SignOff]) -> list[tuple[str, ...]]:
    found = []
    for district in combined.districts:
        entry = combined.entries[district]
        state = signed[district]
        verified = "yes" if state.verified else "NO: " + "; ".join(state.reasons)
        found.append(
            (
                district_name(district),  # named as every other section of the report names it (#28)
                str(entry.status),
                entry.assessment.assessor if entry.assessment is not None else "",
                entry.review.reviewer if entry.review is not None else "",
                state.signer or "",
                "" if state.verified is None else verified,
            )
        )
    return found


def _signed(workspace: Workspace, combined: Combined) -> dict[str, SignOff] | None:
    return for_workspace(workspace.root, combined.period, combined.districts)


def provenance_markdown(workspace: Workspace, combined: Combined) -> str:
    """The section, or '' for a workspace that does not sign commits."""
    from selfassess.report.markdown import md

    signed = _signed(workspace, combined)
    if signed is None:
        return ""
    body = ["| " + " | ".join(md(c) or "none" for c in row) + " |" for row in rows(combined, signed)]
    lines = ["", "## Provenance", "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER), *body]
    return "\n".join([*lines, "", NOTE]) + "\n"


def provenance_html(workspace: Workspace, combined: Combined) -> str:
    """The section (a captioned table, header cells scoped), or '' for a workspace that does not sign."""
    from selfassess.report.html_access import e, table_region

    signed = _signed(workspace, combined)
    if signed is None:
        return ""
    head = "".join(f'<th scope="col">{e(words)}</th>' for words in HEADER)
    body = "".join(
        f'<tr><th scope="row">{e(first)}</th>' + "".join(f"<td>{e(c) or 'none'}</td>" for c in rest) + "</tr>"
        for first, *rest in rows(combined, signed)
    )
    table = f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
    caption = f"Who submitted and reviewed each district's {e(combined.period)}, and whether it verifies"
    return (
        f'<section id="provenance"><h2>Provenance</h2><p>{e(NOTE)}</p>'
        + table_region("provenance", caption, table, "", "visually-hidden")
        + "</section>"
    )


def with_provenance_html(page: str, workspace: Workspace, combined: Combined) -> str:
    """The HTML report with the section placed before its colophon (unchanged without one)."""
    section = provenance_html(workspace, combined)
    if not section or HTML_ANCHOR not in page:
        return page
    return page.replace(HTML_ANCHOR, section + HTML_ANCHOR, 1)
