"""The review screen's git side: live reload, and (when the workspace has ``allowed_signers``) each
district's column marked ◆ when ``verify`` confirms its sign-off for the quarter shown, ⊘ when not, the
reason on the cell's drill-down; checked in a worker, again whenever files change.

``install(screen)`` is called once from the review screen's ``on_mount``; it needs ``load(period)``,
``period``, ``combined`` and ``heatmap`` of the screen. A workspace without ``allowed_signers`` looks
exactly as before: no worker, no marks, no line in the drill-down.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from selfassess.logic.signoff import (
    VERIFIED_MARK,
    SignOff,
    read_report,
    sign_offs,
    signs_commits,
    uncommitted,
)
from selfassess.tui.common.live_reload import watch
from selfassess.tui.common.text import literal

if TYPE_CHECKING:
    from selfassess.logic.combine import Combined
    from selfassess.logic.verify import Report
    from selfassess.tui.review.screen import ReviewScreen

CHECKING = "checking signatures…"


class Verification:
    """verify's report, recomputed in a worker when files change; the marks follow the period shown."""

    def __init__(self, screen: ReviewScreen) -> None:
        self.screen = screen
        self.root = screen.workspace.root
        self.report: Report | None = None
        self.error: str | None = None
        self.dirty: set[str] = set()
        self.done = False
        self.told: str | None = None

    def refresh(self) -> None:
        self.screen.run_worker(
            self._verify, thread=True, exclusive=True, group="verify", exit_on_error=False,
            description="verify signatures",
        )  # fmt: skip

    def _verify(self) -> None:
        report, error = read_report(self.root)
        dirty = uncommitted(self.root) if report is not None else set()
        self.screen.app.call_from_thread(self._done, report, error, dirty)

    def _done(self, report: Report | None, error: str | None, dirty: set[str]) -> None:
        self.report, self.error, self.dirty, self.done = report, error, dirty, True
        if error is not None and error != self.told:
            self.told = error
            self.screen.notify(literal(error), title="Sign-off not verified", severity="warning", timeout=10)
        self.show()

    def states(self, combined: Combined | None) -> dict[str, SignOff]:
        """Each district's sign-off for ``combined``'s quarter ({} until the worker has reported)."""
        if combined is None or not self.done:
            return {}
        report, error, dirty = self.report, self.error, self.dirty
        return sign_offs(self.root, combined.period, combined.districts, report, error, dirty)

    def marks(self, combined: Combined) -> dict[str, str]:
        """The heat map's column marks for ``combined``'s quarter (none until the worker has reported)."""
        if not self.done:
            return {}
        states = self.states(combined)
        return {district: state.mark for district, state in states.items() if state.mark}

    def show(self) -> None:
        """Rebuild the heat map with the new marks (its columns ask :meth:`marks` for them)."""
        if self.screen.is_attached and getattr(self.screen, "combined", None) is not None:
            self.screen._show()

    def detail(self, district: str) -> Content:
        """The drill-down's line: ``Sign-off: ✔ verified: signed by …`` or ``⚠ NOT verified: <why>``."""
        if not self.done:
            return literal(f"Sign-off: {CHECKING}", "$text-muted")
        state = self.states(self.screen.combined).get(district, SignOff(None))
        style = "$success" if state.verified else "$text-muted" if state.verified is None else "bold $warning"
        mark = f"{state.mark} " if state.mark else ""
        return Content.assemble(literal("Sign-off: ", "bold"), literal(f"{mark}{state.words}", style))


def name_line(district: str, width: int, mark: str) -> Content:
    """A heat-map column's first line: the district's name, bold, with its sign-off mark (✔/⚠) after it
    when the workspace signs commits."""
    room = width - 2 if mark else width
    name = literal(district if len(district) <= room else district[: room - 1] + "…", "bold")
    if not mark:
        return name
    style = "bold $success" if mark == VERIFIED_MARK else "bold $warning"
    return Content.assemble(name, literal(f" {mark}", style))


def signoff_detail(screen: ReviewScreen, district: str) -> Content | None:
    """What the cell's drill-down says of the district's sign-off; None without ``allowed_signers``."""
    verification = screen.verification
    return verification.detail(district) if verification is not None else None


def install(screen: ReviewScreen) -> None:
    watch(screen, lambda: _reload(screen))
    _start(screen)
    if screen.verification is not None:
        screen.verification.refresh()


def _start(screen: ReviewScreen) -> None:
    """Begin checking signatures, once the workspace has ``allowed_signers`` (a sync may bring it)."""
    if screen.verification is not None or not signs_commits(screen.workspace.root):
        return  # a workspace without signing looks exactly as before
    verification = Verification(screen)
    screen.verification = verification
    screen.heatmap.marks_for = verification.marks


def _reload(screen: ReviewScreen) -> None:
    screen.load(screen.period)
    _start(screen)
    if screen.verification is not None:
        screen.verification.refresh()
