"""The dip sample under the rating: its figures, the grade it supports, how many cases would settle a
threshold it straddles, and any contradiction with the rating or the evidence, in words; or what the
evidence says, offered as the sample (one key)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from selfassess.core.model import Criterion, Framework, Response, Sample
from selfassess.tui.common.samples import sample_lines

#: the keys, as the footer and the help say them
EDIT_KEY, TAKE_KEY = "d", "D"


class SampleLine(Static):
    """Shown under the rating; hidden where the criterion has no sample."""

    def show(
        self, framework: Framework, criterion: Criterion | None, response: Response, understood: Sample | None
    ) -> None:
        none_yet = f"none recorded ({EDIT_KEY} to record one)"
        lines = (
            sample_lines(framework, criterion, response, understood, none_yet, TAKE_KEY) if criterion else []
        )
        self.display = bool(lines)
        self.update(Content("\n").join(lines))
