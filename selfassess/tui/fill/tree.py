"""The fill screen's criteria tree: themes → criteria, each with its rating, each theme with progress."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from selfassess.core.vocabulary import CARRIED_MARK
from selfassess.logic.session import Session
from selfassess.tui.common.grades import tree_mark, tree_rating
from selfassess.tui.common.text import literal


def plain(text: str) -> str:
    """Framework text made safe for a Rich ``Text`` (control characters shown, never markup)."""
    return literal(text).plain


def progress_text(done: int, total: int) -> str:
    return f"{done}/{total}"


class CriteriaTree(Tree[str]):
    """Themes and their criteria; a criterion node's data is its id, a theme's is empty."""

    def __init__(self, session: Session, **kwargs: object) -> None:
        super().__init__("criteria", **kwargs)  # type: ignore[arg-type]
        self.session = session
        self.show_root = False
        self.guide_depth = 2
        self._criteria: dict[str, TreeNode[str]] = {}
        self._themes: list[tuple[TreeNode[str], str, tuple[str, ...]]] = []

    def on_mount(self) -> None:
        for theme, criteria in self.session.themes():
            node = self.root.add(Text(plain(theme.title)), expand=True)
            ids = tuple(c.id for c in criteria)
            self._themes.append((node, theme.title, ids))
            for criterion in criteria:
                self._criteria[criterion.id] = node.add_leaf(Text(criterion.id), data=criterion.id)
        self.refresh_labels()

    def criterion_label(self, criterion_id: str) -> Text:
        """``■ IR1 3·Green ↻ Title``: mark, id, rating in words, carried, title (the id stays in view)."""
        session = self.session
        response = session.get(criterion_id)
        grade = session.framework.grade(response.rating)
        return Text.assemble(
            tree_mark(grade, response),
            " ",
            (plain(criterion_id), "bold"),
            " ",
            tree_rating(grade, response),
            f" {CARRIED_MARK}" if response.carried else "",
            " ",
            (plain(session.criterion(criterion_id).title), "dim"),
        )

    def theme_label(self, title: str, ids: tuple[str, ...]) -> Text:
        done = sum(self.session.is_complete(cid) for cid in ids)
        figure = progress_text(done, len(ids))
        return Text.assemble((figure, "bold" if done == len(ids) else ""), " ", (plain(title), "bold"))

    def refresh_labels(self) -> None:
        """Redraw every rating and progress figure (cheap: a few dozen short labels)."""
        for criterion_id, node in self._criteria.items():
            node.set_label(self.criterion_label(criterion_id))
        for node, title, ids in self._themes:
            node.set_label(self.theme_label(title, ids))

    def theme_at_cursor(self) -> tuple[str, tuple[str, ...]] | None:
        """(title, criterion ids) of the theme heading under the cursor; None on a criterion."""
        node = self.cursor_node
        return next(((title, ids) for theme, title, ids in self._themes if theme is node), None)

    def select_criterion(self, criterion_id: str) -> None:
        node = self._criteria.get(criterion_id)
        if node is not None and self.cursor_node is not node:
            self.move_cursor(node)
            self.call_after_refresh(self._show_theme_of, node)

    def _show_theme_of(self, node: TreeNode[str]) -> None:
        """Scroll the criterion's theme heading into view too, when both fit (lines are known by now)."""
        theme = node.parent
        if theme is not None and 0 <= node.line - theme.line < self.scrollable_content_region.height:
            self.scroll_to_node(theme, animate=False)
