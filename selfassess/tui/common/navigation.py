"""Where Esc leads: back to the screen underneath, or to the home screen when there is none. Never quits."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


def go_home(screen: Screen[Any]) -> None:
    """Leave ``screen``: pop it when a screen of ours is below, else put the home screen in its place."""
    app = screen.app
    if len(app.screen_stack) > 2:  # the first is Textual's default screen
        app.pop_screen()
        return
    from selfassess.tui.app import (
        SelfAssessApp,  # the app imports screens lazily; this keeps it one-way at load
    )

    if isinstance(app, SelfAssessApp):
        app.switch_screen(app.make_screen("home"))
