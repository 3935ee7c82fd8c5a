"""The dip sample under the rating: its figures, the grade it supports, how many cases would settle a
threshold it straddles, and any contradiction with the rating or the evidence, in words; or what the
evidence says, offered as the sample (one key)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from selfassess.core.model import Criterion, Framework, Response, Sample
from selfassess.logic.samples import contradictions, figures, grade_words, sample_text
from selfassess.tui.common.text import literal

#: the keys, as the footer and the help say them
EDIT_KEY, TAKE_KEY = "d", "D"


def sample_lines(
    framework: Framework, criterion: Criterion, response: Response, understood: Sample | None
) -> list[Content]:
    """What the sample line shows (nothing for a criterion the framework evidences by no sample)."""
    if criterion.sample is None or response.not_applicable is not None:
        return []
    lines: list[Content] = []
    sample = response.sample
    if sample is None:
        lines.append(literal(f"Dip sample: none recorded ({EDIT_KEY} to record one)", "italic"))
    else:
        shown = figures(framework, criterion, sample)
        lines.append(Content.assemble(literal("Dip sample: ", "bold"), literal(shown.words(framework))))
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
                f"  The evidence says {sample_text(understood)}: {TAKE_KEY} records it as the sample",
                "$accent",
            )
        )
    return lines


class SampleLine(Static):
    """Shown under the rating; hidden where the criterion has no sample."""

    def show(
        self, framework: Framework, criterion: Criterion | None, response: Response, understood: Sample | None
    ) -> None:
        lines = sample_lines(framework, criterion, response, understood) if criterion else []
        self.display = bool(lines)
        self.update(Content("\n").join(lines))
