"""The one footer of every screen and dialog: the keys that fit whole, the most needed first.

At 80 columns it shows at most 8 keys (one per 10 columns: more on a wider terminal), never one cut
off at the right edge. Which keys stay is decided here, in one place, by rank: Help and the way out
(Quit, Back, Done, Cancel) always; then the screen's ``footer_first`` (bare action names, most
needed first; a property where it depends on the mode); then the rest in the order they are bound.
Bindings of one action with different arguments (the grade keys ``rate(1)`` … ``rate(n)``) stay or go
together. A key left out still works, and every screen's F1 help lists it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

#: columns per key: 8 keys at 80 columns, 12 at 120
COLUMNS_PER_KEY = 10
#: always shown first, in this order, wherever they are bound: help, then the ways out
ALWAYS = ("help", "leave_editor", "back", "home", "cancel", "close", "later", "answer", "quit", "quit_letter")


def bare(action: str) -> str:
    """``rate`` for ``rate(2)``, ``quit`` for ``app.quit``: the name without namespace or arguments."""
    return action.split("(", 1)[0].rsplit(".", 1)[-1]


@dataclass
class Entry:
    """One place in the footer: a key with its words, or a group of keys sharing one word (``[ ]``)."""

    bindings: list[tuple[Binding, bool, str]]  # (binding, enabled, tooltip), one per key shown
    keys: list[str]  # how each key is shown (``^s``, ``⏎``)
    description: str
    order: int  # where it is bound (the footer keeps this order)
    grouped: bool = False
    rank: tuple[int, int] = field(default=(0, 0))

    @property
    def width(self) -> int:
        """Cells taken, with the gap after it: ``^s Submit `` (a group: ``[] Quarter ``)."""
        return sum(cell_len(key) for key in self.keys) + 1 + cell_len(self.description) + 1

    @property
    def action(self) -> str:
        return bare(self.bindings[0][0].action)


def entries(shown: Iterable[tuple[Binding, bool, str]], key_display: Callable[[Binding], str]) -> list[Entry]:
    """The footer's places from the shown bindings (first key of each action), groups as one place."""
    by_action: dict[str, tuple[Binding, bool, str]] = {}
    for binding, enabled, tooltip in shown:
        by_action.setdefault(binding.action, (binding, enabled, tooltip))
    found: list[Entry] = []
    for group, members in groupby(by_action.values(), lambda item: item[0].group):
        items = list(members)
        if group is not None and len(items) > 1:
            keys = [key_display(binding) for binding, _, _ in items]
            found.append(Entry(items, keys, group.description, len(found), grouped=True))
        else:
            found += [
                Entry([item], [key_display(item[0])], item[0].description, len(found) + n)
                for n, item in enumerate(items)
            ]
    return found


def choose(places: Sequence[Entry], width: int, first: Sequence[str] = ()) -> list[Entry]:
    """The places that fit in ``width`` columns, at most one per ``COLUMNS_PER_KEY``, by rank (an
    action bound with several arguments all or none), shown in the order they are bound."""
    ranked = [*ALWAYS, *first]

    def rank(place: Entry) -> tuple[int, int]:
        action = place.action
        return (ranked.index(action) if action in ranked else len(ranked), place.order)

    units: dict[str, list[Entry]] = {}
    for place in sorted(places, key=rank):
        units.setdefault(place.action if not place.grouped else f"group:{place.order}", []).append(place)
    most = max(1, width // COLUMNS_PER_KEY)
    chosen: list[Entry] = []
    used = 0
    for unit in units.values():
        needs = sum(place.width for place in unit)
        if len(chosen) + len(unit) <= most and used + needs <= width:
            chosen += unit
            used += needs
    return sorted(chosen, key=lambda place: place.order)


class KeyFooter(Footer):
    """Textual's footer, compact, without the palette key, showing only the keys :func:`choose` keeps."""

    DEFAULT_CSS = """
    KeyFooter.-compact {
        FooterKey { margin: 0 1 0 0; }
        KeyGroup.-compact { margin: 0; padding: 0; }
        KeyGroup.-compact FooterKey.-grouped { margin: 0; }
        FooterLabel { margin: 0 1 0 1; }
    }
    """

    def __init__(self, **kwargs: str) -> None:
        super().__init__(compact=True, show_command_palette=False, **kwargs)  # type: ignore[arg-type]
        self._width = 0

    def footer_width(self) -> int:
        return self.size.width or self.screen.size.width or self.app.size.width

    def shown_places(self) -> list[Entry]:
        """The places shown at the footer's width now (what the footer draws)."""
        screen = self.screen
        shown = [
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        ]
        first = getattr(screen, "footer_first", ())
        return choose(entries(shown, self.app.get_key_display), self.footer_width(), first)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._width = self.footer_width()
        for place in self.shown_places():
            if place.grouped:
                with KeyGroup(classes="-compact"):
                    for (binding, enabled, tooltip), key in zip(place.bindings, place.keys, strict=True):
                        yield FooterKey(
                            binding.key,
                            key,
                            "",
                            binding.action,
                            disabled=not enabled,
                            tooltip=tooltip or binding.description,
                            classes="-grouped",
                        ).data_bind(compact=Footer.compact)
                yield FooterLabel(place.description)
                continue
            (binding, enabled, tooltip), key = place.bindings[0], place.keys[0]
            yield FooterKey(
                binding.key, key, binding.description, binding.action, disabled=not enabled, tooltip=tooltip
            ).data_bind(compact=Footer.compact)

    def on_resize(self) -> None:
        """A wider or narrower terminal shows more or fewer keys."""
        if self._bindings_ready and self.size.width != self._width:
            self.call_after_refresh(self.recompose)
