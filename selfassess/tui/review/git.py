"""The review screen's git side: live reload, and (when the workspace has ``allowed_signers``) a line
saying whose sign-off ``verify`` could confirm for the quarter shown, checked in a worker.

``install(screen)`` is called once from the review screen's ``on_mount``; it needs ``load(period)``,
``period`` and ``combined.districts`` of the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Static

from ...access import ALLOWED_SIGNERS
from ...errors import SelfAssessError
from ..common.live_reload import watch
from ..common.text import literal

if TYPE_CHECKING:
    from .screen import ReviewScreen

LINE_ID = "review-verified"


class Verification:
    """verify's report, recomputed in a worker when files change; the line follows the period shown."""

    def __init__(self, screen: ReviewScreen) -> None:
        self.screen = screen
        self.root = screen.workspace.root
        self.report: Any = None
        self.error: str | None = None
        self.shown: tuple[str, str] | None = None

    def refresh(self) -> None:
        self.screen.run_worker(
            self._verify, thread=True, exclusive=True, group="verify", exit_on_error=False,
            description="verify signatures",
        )  # fmt: skip

    def _verify(self) -> None:
        from ...verify import verify

        try:
            report, error = verify(self.root), None
        except SelfAssessError as failure:
            report, error = None, failure.message
        self.screen.app.call_from_thread(self._done, report, error)

    def _done(self, report: Any, error: str | None) -> None:
        self.report, self.error, self.shown = report, error, None
        self.show()

    def words(self, period: str, districts: tuple[str, ...]) -> str:
        if self.error is not None:
            return f"Sign-off not verified: {self.error}"
        if self.report is None:
            return "Sign-off: checking signatures…"
        parts = []
        for district in districts:
            path = f"assessments/{district}/{period}.toml"
            if not (self.root / path).is_file():
                continue
            state = self.report.files.get(path)
            if state is not None and state.verified:
                parts.append(f"{district} ✔ {state.signer}")
            else:
                why = next((f.why for f in reversed(self.report.findings) if f.path == path), "not signed")
                parts.append(f"{district} ⚠ {why}")
        return "Sign-off (verify): " + (" · ".join(parts) if parts else "no assessments")

    def show(self) -> None:
        combined = getattr(self.screen, "combined", None)
        found = self.screen.query(f"#{LINE_ID}")
        if combined is None or not found:
            return
        words = self.words(combined.period, tuple(combined.districts))
        key = (combined.period, words)
        if key != self.shown:
            self.shown = key
            found.first(Static).update(literal(words, "$text-muted"))


def install(screen: ReviewScreen) -> None:
    watch(screen, lambda: _reload(screen))
    if not (screen.workspace.root / ALLOWED_SIGNERS).is_file():
        return  # a workspace without signing looks exactly as before
    top = screen.query("#review-top")
    line = Static(literal("Sign-off: checking signatures…", "$text-muted"), id=LINE_ID)
    if top:
        screen.mount(line, after=top.first())
    else:
        screen.mount(line)
    verification = Verification(screen)
    screen.verification = verification
    verification.refresh()
    screen.set_interval(0.5, verification.show)  # follows [ and ] to other quarters


def _reload(screen: ReviewScreen) -> None:
    screen.load(screen.period)
    verification = getattr(screen, "verification", None)
    if verification is not None:
        verification.refresh()
