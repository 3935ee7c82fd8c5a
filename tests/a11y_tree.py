"""A small element tree of an HTML page, and what a screen reader announces for a table cell.

Enough of the HTML accessibility mappings for the report: ``aria-hidden`` removes text, ``abbr`` on a
header cell is its short name, ``scope`` says which cells a header names, ``aria-labelledby`` and
``aria-describedby`` name and describe an element by ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def iter(self, tag: str | None = None):
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter(tag)

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def text(self, spoken: bool = False) -> str:
        """The text content; ``spoken``: without what ``aria-hidden="true"`` hides."""
        if spoken and self.attrs.get("aria-hidden") == "true":
            return ""
        return "".join(c if isinstance(c, str) else c.text(spoken) for c in self.children)

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def by_id(root: Node, ident: str) -> Node:
    found = [n for n in root.iter() if n.attrs.get("id") == ident]
    assert len(found) == 1, f"id {ident!r} found {len(found)} times"
    return found[0]


def header_name(th: Node) -> str:
    return th.attrs.get("abbr") or " ".join(th.text(spoken=True).split())


def announce(table: Node) -> dict[tuple[str, str], str]:
    """{(column header, row header): "Column, Row, cell text"} for every data cell of ``table``."""
    columns: list[str] = []
    for row in table.iter("tr"):
        if row.parent is not None and row.parent.tag == "thead":
            columns = [header_name(c) for c in row.elements() if c.attrs.get("scope") == "col"]
    spoken: dict[tuple[str, str], str] = {}
    for body in table.iter("tbody"):
        for row in body.iter("tr"):
            cells = row.elements()
            heads = [c for c in cells if c.tag == "th" and c.attrs.get("scope") == "row"]
            data = [c for c in cells if c.tag == "td"]
            if not heads or not data:
                continue
            row_name = header_name(heads[0])
            # the first column header names the row headers' column; the data cells follow it
            for column, cell in zip(columns[1:], data, strict=True):
                text = " ".join(cell.text(spoken=True).split())
                spoken[(column, row_name)] = f"{column}, {row_name}, {text}"
    return spoken
