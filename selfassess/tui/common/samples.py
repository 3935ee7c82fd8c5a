"""A dip sample in words for the screens: its figures, the grade it supports, how many cases would settle
a threshold it straddles, and any contradiction with the rating or the evidence (fill and review)."""

from __future__ import annotations

from textual.content import Content

from selfassess.core.model import Criterion, Framework, Response, Sample
from selfassess.logic.samples import contradictions, figures, grade_words, sample_text
from selfassess.tui.common.text import literal


def sample_lines(
    framework: Framework,
    criterion: Criterion,
    response: Response,
    understood: Sample | None = None,
    none_yet: str = "none recorded",
    take_key: str = "D",
    edit_hint: str = "",
) -> list[Content]:
    """The sample in lines (nothing for a criterion the framework evidences by no sample); ``understood``:
    a "k of n" in the evidence, offered as the sample with ``take_key``; ``edit_hint`` after the figures."""
    if criterion.sample is None or response.not_applicable is not None:
        return []
    lines: list[Content] = []
    sample = response.sample
    if sample is None:
        lines.append(literal(f"Dip sample: {none_yet}", "italic"))
    else:
        shown = figures(framework, criterion, sample)
        lines.append(
            Content.assemble(
                literal("Dip sample: ", "bold"),
                literal(shown.words(framework)),
                literal(edit_hint, "$text-muted"),
            )
        )
        for straddle in shown.straddles:
            could = f"; about {straddle.cases} could" if straddle.cases else ""
            lines.append(
                literal(
                    f"  {sample.size} cases cannot tell {grade_words(framework, straddle.lower)} from "
                    f"{grade_words(framework, straddle.higher)}{could}",
                    "$text-muted",
                )
            )
        lines += [
            literal(f"  ⚠ {found.message}", "$warning")
            for found in contradictions(framework, criterion, response)
        ]
    if understood is not None:
        lines.append(
            literal(
                f"  The evidence says {sample_text(understood)}: {take_key} records it as the sample",
                "$accent",
            )
        )
    return lines
