"""The history ``verify`` judges, read in one pass, and where each file's current content came from.

:func:`read_history` lists the commits after the root of trust in topological order (parents before
children, never by date) with every commit's changes against each of its parents (one ``git rev-list`` and
one ``git diff-tree --stdin``, however many files and commits). :func:`origins` then walks back from HEAD
once for all files: a file's content was introduced by the nearest commit that changed it from every
parent; a merge that took the file from one side leads to that side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from selfassess.git import run as gitrun

#: what a parentless commit is compared with, and a deleted file's blob
NOTHING = ""


@dataclass
class History:
    """The commits after ``base`` (the root of trust) up to HEAD."""

    base: str
    #: parents before children: git's topological order, never dates
    order: list[str] = field(default_factory=list)
    parents: dict[str, list[str]] = field(default_factory=dict)
    #: commit → one dict per parent (one against nothing for a parentless commit): path → blob now
    #: (NOTHING when the commit deleted it) for each path that differs from that parent
    changes: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    #: path (relative to the workspace) → blob, at HEAD
    head: dict[str, str] = field(default_factory=dict)

    def changed(self, commit: str) -> list[str]:
        """The paths ``commit`` wrote (or deleted) so that no parent has it so (a merge: different from
        every parent)."""
        per_parent = self.changes.get(commit, [])
        if not per_parent:
            return []
        common = set(per_parent[0])
        for diff in per_parent[1:]:
            common &= set(diff)
        return sorted(common)


def read_history(root: Path, base: str) -> History:
    history = History(base)
    listing = gitrun.run(root, "rev-list", "--topo-order", "--reverse", "--parents", "HEAD", f"^{base}")
    for line in listing.stdout.splitlines():
        sha, *parents = line.split()
        history.order.append(sha)
        history.parents[sha] = parents
    pairs = [(c, p) for c in history.order for p in history.parents[c] or [NOTHING]]
    if pairs:
        request = "".join(f"{c} {p}\n" if p else f"{c}\n" for c, p in pairs)
        output = gitrun.run_input(
            root, request, "diff-tree", "--stdin", "--always", "-r", "-z", "--raw", "--no-renames",
            "--no-abbrev", "--root", "--relative",
        )  # fmt: skip
        diffs = _parse_diff_tree(output)
        for (commit, _parent), diff in zip(pairs, diffs, strict=True):
            history.changes.setdefault(commit, []).append(diff)
    history.head = head_files(root)
    return history


def head_files(root: Path) -> dict[str, str]:
    """Each file at HEAD under the workspace (relative to it) → its blob."""
    found = {}
    tree = gitrun.run(root, "ls-tree", "-r", "-z", "HEAD").stdout
    for entry in tree.split("\0"):
        meta, _, path = entry.partition("\t")
        words = meta.split()
        if path and len(words) == 3 and words[1] == "blob":
            found[path] = words[2]
    return found


def _parse_diff_tree(output: str) -> list[dict[str, str]]:
    """``diff-tree --stdin --always -z --raw``: a header per input line, then ``:meta`` and path pairs."""
    diffs: list[dict[str, str]] = []
    tokens = iter(output.split("\0"))
    for token in tokens:
        if token.startswith(":"):
            path = next(tokens, "")
            words = token.split()
            diffs[-1][path] = NOTHING if words[4].startswith("D") else words[3]
        elif token.strip():
            diffs.append({})
    return diffs


def origins(history: History) -> dict[str, str]:
    """Each file at HEAD → the commit that introduced its content (``history.base`` when the content is
    the root's, or older), traced back through merges to the side it came from, in one walk."""
    found: dict[str, str] = {}
    if not history.order:
        return dict.fromkeys(history.head, history.base)
    pending: dict[str, dict[str, str]] = {history.order[-1]: dict(history.head)}
    walked = set(history.order)
    for commit in reversed(history.order):
        files = pending.pop(commit, None)
        if not files:
            continue
        parents = history.parents[commit]
        per_parent = history.changes.get(commit, [])
        for path, blob in files.items():
            source = next((p for p, diff in zip(parents, per_parent, strict=False) if path not in diff), None)
            if source is None:
                found[path] = commit  # different from every parent: this commit wrote it
            elif source in walked:
                pending.setdefault(source, {})[path] = blob
            else:
                found[path] = history.base  # the root's content, or older
    return found
