"""Help pages' key tables, made from the screens' own bindings so the help cannot drift from the keys.

A binding's ``tooltip`` is what the help says it does (its ``description`` when it has none); keys
bound to the same action share a row. Keys that are not bindings (arrows, digits) are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.binding import Binding, BindingType

#: key names as a person reads them
KEY_NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "delete": "Delete",
    "home": "Home",
    "end": "End",
    "tab": "Tab",
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def key_name(key: str) -> str:
    """``F1``, ``Esc``, ``?``, ``ctrl+s``: one key as the help shows it."""
    key = key.strip()
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key[:1] == "f" and key[1:].isdigit():
        return key.upper()
    return key


def key_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) per action, in the order the bindings are listed."""
    rows: dict[str, tuple[list[str], str]] = {}
    for item in bindings:
        binding = item if isinstance(item, Binding) else Binding(*item)
        keys, does = rows.setdefault(binding.action, ([], binding.tooltip or binding.description))
        keys += [f"`{key_name(key)}`" for key in binding.key.split(",")]
    return [(", ".join(keys), does) for keys, does in rows.values()]


def key_table(
    bindings: Iterable[BindingType],
    before: Sequence[tuple[str, str]] = (),
    after: Sequence[tuple[str, str]] = (),
) -> str:
    """The Markdown table of a screen's keys: ``before`` rows, the bindings, then ``after`` rows."""
    rows = [*before, *key_rows(bindings), *after]
    return "\n".join(["| key | does |", "| --- | --- |", *(f"| {keys} | {does} |" for keys, does in rows)])


#: keys settled for features still to come (#28): screen → key → the feature it is kept for. No other
#: action may take them; the feature's own action name contains the word given.
RESERVED = {
    "fill": {"d": "sample"},  # the dip sample (its action: edit_sample)
    "review": {"p": "proportion", "u": "unsupported", "i": "recommendation"},
}


def keys_taken_against_reservation(screen: str, bindings: Iterable[BindingType]) -> list[str]:
    """The reserved keys of ``screen`` bound to an action that is not the feature they are kept for."""
    reserved = RESERVED.get(screen, {})
    wrong = []
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue
        for key in binding.key.split(","):
            word = reserved.get(key.strip())
            if word is not None and word not in binding.action:
                wrong.append(f"{key.strip()} → {binding.action}")
    return wrong
