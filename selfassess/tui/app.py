"""The Textual application: opens one of the screens and lets them open each other.

Screens are imported when first opened, so starting on the fill screen never loads the review code.
"""

from __future__ import annotations

import importlib
import sys
from datetime import date
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.content import Content
from textual.screen import Screen

from selfassess.core.textgate import visible
from selfassess.tui.common.typeahead import GATED, KeyGate
from selfassess.workspace.workspace import Workspace

HERE = Path(__file__).parent
#: screen name → "module:Class" under selfassess.tui (one folder per feature)
SCREENS_BY_NAME = {
    "home": "home.screen:HomeScreen",
    "fill": "fill.screen:FillScreen",
    "review": "review.screen:ReviewScreen",
    "diff": "diff.screen:DiffScreen",
}


class SelfAssessApp(App[int]):
    """One workspace, one person, one date: everything a screen needs is on the app."""

    CSS_PATH = sorted(HERE.glob("*/*.tcss"))
    TITLE = "selfassess"

    def __init__(
        self, workspace: Workspace, today: date, user: str, screen: str = "home", **arguments: Any
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.today = today
        self.user = user
        self._first = (screen, arguments)
        #: said on standard error once the screen is gone (where unsaved text was kept)
        self.farewell: str | None = None
        force = workspace.settings.force
        self.sub_title = force
        self._keys = KeyGate(self, super().on_event)

    @property
    def keys_held(self) -> int:
        """Keys typed ahead and not yet handled (each waits until the previous one has settled)."""
        return len(self._keys)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, GATED) and not event.is_forwarded:
            self._keys.take(event)  # handed on to Textual in order, each on the state the last left
            return
        await super().on_event(event)

    async def action_quit(self) -> None:
        """ctrl+q: a screen holding text it could not save asks first (``confirm_quit``)."""
        ask = getattr(self.screen, "confirm_quit", None)
        if ask is not None and ask():
            return
        self.exit()

    def format_title(self, title: str, sub_title: str) -> Content:
        """Every screen's title bar, through the text gate (a force name may hold an escape)."""
        return super().format_title(visible(title), visible(sub_title))

    def _fatal_error(self) -> None:
        """Textual's crash report, but without local variables: they can hold evidence (personal data)
        and would be printed to the terminal (Textual shows them by default)."""
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None)
        self._exit_renderables.append(Segments(self.console.render(traceback, self.console.options)))
        self._close_messages_no_wait()

    def on_mount(self) -> None:
        name, arguments = self._first
        self._keys.install()
        self.open_screen(name, **arguments)
        self._keys.open()  # keys typed while it opens wait until it has settled, then act on it

    def make_screen(self, name: str, **arguments: Any) -> Screen[Any]:
        module_name, class_name = SCREENS_BY_NAME[name].split(":")
        module = importlib.import_module(f"selfassess.tui.{module_name}")
        return getattr(module, class_name)(**arguments)

    def open_screen(self, name: str, **arguments: Any) -> None:
        """Push screen ``name`` (home, fill, review, diff) built with ``arguments``."""
        self.push_screen(self.make_screen(name, **arguments))


def run(workspace: Workspace, today: date, user: str, screen: str = "home", **arguments: Any) -> int:
    """Run the app until the user quits; the exit status for the command line."""
    app = SelfAssessApp(workspace, today, user, screen, **arguments)
    result = app.run()
    if app.farewell:
        sys.stderr.write(visible(app.farewell) + "\n")
    return result if isinstance(result, int) else app.return_code or 0  # 143 after SIGTERM, 129 after SIGHUP
