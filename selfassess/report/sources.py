"""The "Sources of the criteria" section of the HTML and Markdown reports: each criterion's references.

The HTML report is self-contained and fetches nothing, so an address is printed as text without its
scheme (``example.org/page``): a reader can type or paste it, and no link points out of the page.
"""

from __future__ import annotations

import re

from selfassess.core.model import Criterion, Framework, Reference

_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
INTRO = "The published documents each criterion's standard is drawn from, as named in the framework."


def address(reference: Reference) -> str:
    """The reference's address without ``http(s)://``."""
    return _SCHEME.sub("", reference.url)


def _sourced(framework: Framework) -> list[Criterion]:
    return [c for c in framework.criteria if c.references]


def _name(reference: Reference) -> str:
    return f"{reference.title}, {reference.section}" if reference.section else reference.title


def sources_html(framework: Framework) -> str:
    """A section listing each criterion's references; '' when the framework names none."""
    criteria = _sourced(framework)
    if not criteria:
        return ""

    from selfassess.report.html_access import e, table_region

    rows = "".join(
        f'<tr><th scope="row"><span class="id">{e(c.id)}</span>{e(c.title)}</th><td><ul>'
        + "".join(f'<li>{e(_name(r))} <span class="owner">{e(address(r))}</span></li>' for r in c.references)
        + "</ul></td></tr>"
        for c in criteria
    )
    table = (
        '<thead><tr><th scope="col">Criterion</th><th scope="col">Sources</th></tr></thead>'
        f"<tbody>{rows}</tbody>"
    )
    caption = "Sources of each criterion's standard"
    return (
        f'<section id="sources" class="new-page"><h2>Sources of the criteria</h2><p>{e(INTRO)}</p>'
        + table_region("sources", caption, table, "sources", "visually-hidden")
        + "</section>"
    )


def sources_markdown(framework: Framework) -> list[str]:
    """Lines of a Markdown section listing each criterion's references; [] when there are none."""
    from selfassess.report.markdown import md

    criteria = _sourced(framework)
    if not criteria:
        return []
    lines = ["", "## Sources of the criteria", "", INTRO, ""]
    for criterion in criteria:
        lines.append(f"- **{md(criterion.id)}** {md(criterion.title)}")
        for reference in criterion.references:
            url = reference.url.replace("<", "%3C").replace(">", "%3E")
            lines.append(f"  - {md(_name(reference))}: <{url}>")
    return lines
