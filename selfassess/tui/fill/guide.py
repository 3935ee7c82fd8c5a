"""What the framework says about the current criterion: guidance (Markdown) and what each grade means."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Collapsible, Markdown, Static

from selfassess.core.model import Criterion, Framework
from selfassess.core.references import references_text
from selfassess.tui.common.grades import chip_style, grade_name
from selfassess.tui.common.text import literal


def levels_content(framework: Framework, criterion: Criterion) -> Content:
    """Each grade, worst first, with this criterion's level text or else the scale's meaning."""
    lines = []
    for grade in framework.scale:
        text = criterion.levels.get(grade.id) or grade.meaning
        lines.append(
            Content.assemble(literal(f" {grade_name(grade)} ", chip_style(grade)), " ", literal(text))
        )
    return Content("\n").join(lines)


class CriterionGuide(Collapsible):
    """Guidance and grade levels of one criterion, collapsible so the editor stays in view."""

    def __init__(self, framework: Framework, **kwargs: str) -> None:
        super().__init__(
            Markdown(id="guidance"),
            Static(id="levels"),
            Static(id="references"),
            title="Guidance and what each grade means",
            collapsed=False,
            **kwargs,  # type: ignore[arg-type]
        )
        self.framework = framework

    def show(self, criterion: Criterion) -> None:
        guidance = self.query_one("#guidance", Markdown)
        guidance.display = bool(criterion.guidance.strip())
        guidance.update(criterion.guidance)
        self.query_one("#levels", Static).update(levels_content(self.framework, criterion))
        sources = self.query_one("#references", Static)
        sources.display = bool(criterion.references)
        sources.update(literal(references_text(criterion)))
