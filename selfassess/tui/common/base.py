"""The typed base of every screen: the workspace, today and the user, as the app holds them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from selfassess.workspace.workspace import Workspace

if TYPE_CHECKING:
    from selfassess.tui.app import SelfAssessApp


class AppScreen(Screen[None]):
    """A full screen of selfassess; ``self.workspace``, ``self.today`` and ``self.user`` are typed."""

    #: the screen's watcher of files changed on disk (``common.live_reload``), where it has one
    live_reload: Any = None

    @property
    def selfassess(self) -> SelfAssessApp:
        from selfassess.tui.app import (
            SelfAssessApp,  # the app imports screens lazily; this keeps it one-way at load
        )

        app = self.app
        if not isinstance(app, SelfAssessApp):
            raise TypeError(f"{type(self).__name__} runs only inside SelfAssessApp")
        return app

    @property
    def workspace(self) -> Workspace:
        return self.selfassess.workspace

    @property
    def today(self) -> date:
        return self.selfassess.today

    @property
    def user(self) -> str:
        return self.selfassess.user

    def open_screen(self, name: str, **arguments: Any) -> None:
        """Push screen ``name`` (home, fill, review, diff) built with ``arguments``."""
        self.selfassess.open_screen(name, **arguments)
