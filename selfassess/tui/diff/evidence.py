"""One criterion's changed evidence, notes, dip sample and actions: old and new side by side, changes
marked; the sample in the words of ``selfassess diff`` (:meth:`CriterionChange.sample_lines`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Static

from selfassess.core.model import Action, Framework
from selfassess.core.vocabulary import EDITED_MARK
from selfassess.logic.diff import DELETED, EQUAL, INSERTED, CriterionChange, word_diff
from selfassess.tui.common.text import literal
from selfassess.tui.diff.moves import cell_content, criterion_name

REMOVED_STYLE = "strike $text-error on $error-muted"
ADDED_STYLE = "bold $text-success on $success-muted"


def sides(old: str, new: str) -> tuple[Content, Content]:
    """``old`` with its removed words marked, and ``new`` with its added words marked."""
    before: list[Content] = []
    after: list[Content] = []
    old, new = old.removesuffix("\n"), new.removesuffix("\n")  # no blank last line in the panel
    for kind, text in word_diff(old, new):
        if kind in (EQUAL, DELETED):
            before.append(literal(text, REMOVED_STYLE if kind == DELETED else ""))
        if kind in (EQUAL, INSERTED):
            after.append(literal(text, ADDED_STYLE if kind == INSERTED else ""))
    empty = literal("(none)", "italic $text-muted")
    return (Content.assemble(*before) if old else empty), (Content.assemble(*after) if new else empty)


def _action(action: Action) -> str:
    facts = ", ".join(f for f in (action.owner, f"due {action.due}" if action.due else "") if f)
    return f"{action.id} {action.action}" + (f" ({facts})" if facts else "")


def action_lines(change: CriterionChange) -> list[str]:
    """What happened to the criterion's actions, in words."""
    actions = change.actions
    lines = [f"+ added {_action(a)}" for a in actions.added]
    lines += [f"✓ closed {a.id} (done {a.done})" for a in actions.closed]
    lines += [f"✓ completed {_action(a)} (done {a.done})" for a in actions.completed]
    lines += [
        f"↦ re-dated {new.id}: due {old.due or 'none'} → {new.due or 'none'}" for old, new in actions.redated
    ]
    lines += [f"↺ reopened {a.id}" for a in actions.reopened]
    lines += [f"{EDITED_MARK} reworded {new.id}: {new.action}" for _, new in actions.edited]
    lines += [f"× dropped {_action(a)}" for a in actions.removed]
    for action, added, removed in actions.addresses:
        said = [f"now addresses {', '.join(added)}"] if added else []
        said += [f"no longer addresses {', '.join(removed)}"] if removed else []
        lines.append(f"⇢ {action.id} {'; '.join(said)}")
    return lines


class EvidenceChange(Vertical):
    """The changed text of one criterion, under a heading with its rating then and now."""

    def __init__(
        self,
        change: CriterionChange,
        framework: Framework,
        old_name: str,
        new_name: str,
        id: str | None = None,
    ) -> None:
        super().__init__(classes="diff-change", id=id)
        self.change = change
        self.framework = framework
        self.names = old_name, new_name

    def compose(self) -> ComposeResult:
        change = self.change
        yield Static(
            Content.assemble(
                literal(criterion_name(change, 80), "bold"),
                "  ",
                cell_content(self.framework, change.old.cell),
                " → ",
                cell_content(self.framework, change.new.cell),
            ),
            classes="diff-change-title",
        )
        for name in ("evidence", "notes"):
            if name in change.changed:
                yield from self._side_by_side(name, getattr(change.old, name), getattr(change.new, name))
        facts = self._facts() + change.sample_lines() + action_lines(change)
        if facts:
            yield Static(literal("\n".join(facts)), classes="diff-facts")

    def _side_by_side(self, name: str, old: str, new: str) -> ComposeResult:
        before, after = sides(old, new)
        with Horizontal(classes="diff-sides"):
            with Vertical(classes="diff-side"):
                yield Label(literal(f"{name.capitalize()}, {self.names[0]}"), classes="diff-side-title")
                yield Static(before, classes="diff-old")
            with Vertical(classes="diff-side"):
                yield Label(literal(f"{name.capitalize()}, {self.names[1]}"), classes="diff-side-title")
                yield Static(after, classes="diff-new")

    def _facts(self) -> list[str]:
        change, lines = self.change, []
        if "as_of" in change.changed:
            lines.append(
                f"Evidence as of: {change.old.as_of or 'not given'} → {change.new.as_of or 'not given'}"
            )
        if "carried" in change.changed:
            lines.append(
                "Confirmed this period" if change.old.carried else "Carried forward, not yet confirmed"
            )
        return lines
