"""A diff as text for a terminal: header, rating moves, changed evidence and notes, then actions.

Comparing is :mod:`selfassess.logic.diff`'s job; this only lays its result out.
"""

from __future__ import annotations

from selfassess.cli.terminal import colour_enabled, style
from selfassess.core.model import Action, Framework
from selfassess.core.textgate import visible
from selfassess.core.vocabulary import DIRECTION_SIGNS, DIRECTION_WORDS, cell_text
from selfassess.logic.diff import DELETED, EQUAL, INSERTED, CriterionChange, Diff, word_diff


def cell_label(framework: Framework, cell: str | None) -> tuple[str, str | None]:
    """A rating cell as its label and colour: the grade's label, ``n/a`` or not rated."""
    text, colour = cell_text(framework, cell, has_assessment=True)
    return text, colour or None


def render_text(diff: Diff) -> str:
    """The diff for a terminal: header, rating moves, changed evidence and notes, then actions."""
    lines = _header(diff)
    moves = diff.moves()
    if moves:
        lines += ["", style("Ratings", bold=True)]
        lines += [_move_line(diff.framework, change) for change in moves]
    texts = [c for c in diff.criteria if c.text_changed]
    if texts:
        lines += ["", style("Evidence and notes", bold=True)]
        for change in texts:
            lines += _text_lines(change)
    sampled = [c for c in diff.criteria if "sample" in c.changed]
    if sampled:
        lines += ["", style("Dip samples", bold=True)]
        for change in sampled:
            first, *details = change.sample_lines()
            lines += [visible(f"  {change.id} {first}"), *(visible(f"    {line}") for line in details)]
    acted = [c for c in diff.criteria if c.actions]
    if acted:
        lines += ["", style("Actions", bold=True)]
        for change in acted:
            lines += _action_lines(change)
    if diff.renames:
        lines += ["", style("Renamed", bold=True)]
        lines += [f"  {old} is now {new}" for old, new in diff.renames]
    if diff.is_empty:
        lines += ["", "No changes."]
    return "\n".join(lines)


def _header(diff: Diff) -> list[str]:
    old, new = diff.old.assessment, diff.new.assessment
    if (old.district, old.period) == (new.district, new.period):
        title = f"{new.district} {new.period}"
    elif old.district == new.district:
        title = f"{new.district}: {old.period} → {new.period}"
    else:
        title = f"{old.district} {old.period} → {new.district} {new.period}"
    lines = [style(title, bold=True), visible(f"  {diff.old.source} → {diff.new.source}")]
    if old.status != new.status:
        lines.append(f"  Status: {old.status} → {new.status}")
    else:
        lines.append(f"  Status: {new.status} (unchanged)")
    if diff.old.review != diff.new.review:
        lines.append(f"  Review: {diff.old.review or 'none'} → {diff.new.review or 'none'}")
    return lines


def _criterion_name(change: CriterionChange) -> str:
    renamed = f" (was {change.renamed_from})" if change.renamed_from else ""
    return visible(f"{change.id}{renamed} {change.title}".rstrip())


def _move_line(framework: Framework, change: CriterionChange) -> str:
    old_label, old_colour = cell_label(framework, change.old.cell)
    new_label, new_colour = cell_label(framework, change.new.cell)
    sign = DIRECTION_SIGNS.get(change.direction, "") or " "
    words = DIRECTION_WORDS[change.direction]
    return (
        f"  {sign} {_criterion_name(change)}: {style(old_label, old_colour)} → "
        f"{style(new_label, new_colour, bold=True)}  ({words})"
    )


def _text_lines(change: CriterionChange) -> list[str]:
    lines = [f"  {_criterion_name(change)}"]
    for name in ("evidence", "notes"):
        if name in change.changed:
            lines.append(f"    {name}:")
            body = render_words(word_diff(getattr(change.old, name), getattr(change.new, name)))
            lines += ["      " + line for line in body.splitlines() or [""]]
    if "as_of" in change.changed:
        lines.append(f"    as of: {change.old.as_of or 'not given'} → {change.new.as_of or 'not given'}")
    if "carried" in change.changed:
        lines.append(
            "    now confirmed (no longer carried forward)"
            if change.old.carried
            else "    carried forward from last period, not yet confirmed"
        )
    return lines


def render_words(segments: list[tuple[str, str]]) -> str:
    """Word-diff segments inline: coloured on a terminal, else ``[-removed-]{+added+}``."""
    colour = colour_enabled()
    parts = []
    for kind, text in segments:
        if kind == EQUAL:
            parts.append(visible(text))  # gated here too: on a colour terminal echo keeps colour codes
        elif colour:
            parts.append(style(text, "red" if kind == DELETED else "green", bold=kind == INSERTED))
        else:
            parts.append(f"[-{text}-]" if kind == DELETED else f"{{+{text}+}}")
    return "".join(parts)


def _describe(action: Action) -> str:
    details = [action.owner, f"due {action.due}" if action.due else ""]
    extra = ", ".join(d for d in details if d)
    return f"{action.id} {action.action!r}" + (f" ({extra})" if extra else "")


def _action_lines(change: CriterionChange) -> list[str]:
    actions = change.actions
    lines = [f"  {_criterion_name(change)}"]
    lines += [f"    added {_describe(a)}" for a in actions.added]
    lines += [f"    closed {a.id} (done {a.done})" for a in actions.closed]
    lines += [f"    completed {_describe(a)} (done {a.done})" for a in actions.completed]
    lines += [
        f"    re-dated {new.id}: due {old.due or 'none'} → {new.due or 'none'}"
        for old, new in actions.redated
    ]
    lines += [f"    reopened {a.id}" for a in actions.reopened]
    lines += [f"    reworded {new.id}: {_describe(old)} → {_describe(new)}" for old, new in actions.edited]
    lines += [f"    dropped {_describe(a)}" for a in actions.removed]
    lines += [f"    {a.id} {addressing_words(added, removed)}" for a, added, removed in actions.addresses]
    return lines


def addressing_words(added: tuple[str, ...], removed: tuple[str, ...]) -> str:
    """What changed in the inspection items an action addresses: "now addresses ncpi-2014/R1"."""
    said = []
    if added:
        said.append(f"now addresses {', '.join(added)}")
    if removed:
        said.append(f"no longer addresses {', '.join(removed)}")
    return "; ".join(said)
