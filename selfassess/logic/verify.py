"""``selfassess verify``: was each change to a workspace file signed by someone allowed to make it, and
does each file's current content come from such a change?

Trust moves only through verified commits. Starting from the pinned root of trust (:mod:`trustroot`), the
commits are walked in topological order (parents first, never by date). Each commit is judged against the
trust state it inherits — ``allowed_signers`` and ``[access]`` as last *adopted* — from its first parent
(a merge: from the first parent whose trust files equal its own). A change to either file is adopted only
when a reviewer of the inherited state signs it; otherwise it is a finding and the inherited state stays,
so every commit relying on the change fails too. Commits not descended from the root are judged on
nothing and pass nothing.

A file's verdict is that of the commit that introduced the content it holds now (:mod:`origins`: traced
through merges to the side it came from); a merge that wrote content no parent had is judged as a change
by the merge's signer. Signatures are checked by git, one ``git log`` per adopted ``allowed_signers``.
"""

from __future__ import annotations

import json
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.formats.access import ALLOWED_SIGNERS, Access, access_from_table, signers_by_key
from selfassess.formats.settings import SETTINGS_FILE
from selfassess.git import run as gitrun
from selfassess.git.util import read_blobs
from selfassess.logic.origins import History, head_files, origins, read_history
from selfassess.logic.trustroot import CannotVerify, commit_of, is_ancestor, resolve_from, trust_root

__all__ = ["CannotVerify", "FileState", "Finding", "Report", "verify"]

_SEP = "\x1f"
TRUST_FILES = (ALLOWED_SIGNERS, SETTINGS_FILE)


@dataclass
class Finding:
    path: str
    commit: str
    what: str
    why: str

    def __str__(self) -> str:
        return f"{self.path}: error: {self.commit[:7]} {self.what} — {self.why}"


@dataclass
class FileState:
    """A file's verdict: that of ``commit``, which introduced its content (the root of trust when the
    content is the root's or older, never verified)."""

    commit: str
    signer: str | None
    verified: bool
    #: why not: ``changed by … — <reason>``, as the finding says (None when verified)
    why: str | None = None


@dataclass
class Report:
    root_of_trust: str
    commits: int = 0
    findings: list[Finding] = field(default_factory=list)
    files: dict[str, FileState] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "root_of_trust": self.root_of_trust,
            "commits": self.commits,
            "findings": [
                {"path": f.path, "commit": f.commit, "what": f.what, "why": f.why} for f in self.findings
            ],
            "files": {
                path: {
                    "origin": {"commit": s.commit, "signer": s.signer},
                    "verified": s.verified,
                    "why": s.why,
                }
                for path, s in sorted(self.files.items())
            },
        }


@dataclass(frozen=True)
class _Trust:
    """An adopted trust state: ``allowed_signers``' text and ``[access]``."""

    signers: str
    access: Access


def verify(root: Path, from_revision: str | None = None, record_root: bool = False) -> Report:
    """The report; ``record_root``: pin the root of trust in git config if this clone has none yet."""
    if not gitrun.is_repository(root):
        raise CannotVerify(f"{root} is not a git repository: nothing to verify")
    base_name = trust_root(root, record_root)
    start = resolve_from(root, from_revision) if from_revision is not None else None
    base = commit_of(root, base_name)
    if base is None or not is_ancestor(root, base):
        return _rootless(root, base_name, base)
    history = read_history(root, base)
    judge = _Judge(root, history)
    judge.walk()
    reported = _range(root, history, start)
    report = Report(base)
    for commit in history.order:
        if commit not in reported or not judge.judged.get(commit):
            continue
        report.commits += 1
        for path in judge.judged[commit]:
            why, what, _signer = judge.verdicts[(commit, path)]
            if why is not None:
                report.findings.append(Finding(path, commit, what, why))
    for path, origin in origins(history).items():
        if origin == base:
            report.files[path] = FileState(
                base, None, False, f"not changed since the root of trust {base[:7]}"
            )
            continue
        why, what, signer = judge.verdicts.get((origin, path), ("not judged", "changed", None))
        report.files[path] = FileState(
            origin, signer, why is None, None if why is None else f"{what} — {why}"
        )
    return report


def _rootless(root: Path, name: str, base: str | None) -> Report:
    """The pinned root is not a commit here or not an ancestor of HEAD: one finding, nothing verified."""
    why = "is not a commit in this repository" if base is None else "is not an ancestor of HEAD"
    finding = Finding(
        ALLOWED_SIGNERS,
        base or name,
        "root of trust (git config selfassess.trustRoot)",
        f"{why}: nothing verifies",
    )
    report = Report(base or name, findings=[finding])
    for path in head_files(root):
        report.files[path] = FileState(base or name, None, False, f"not verified: the root of trust {why}")
    return report


def _range(root: Path, history: History, start: str | None) -> set[str]:
    if start is None:
        return set(history.order)
    return set(gitrun.run(root, "rev-list", "HEAD", f"^{start}").stdout.split())


class _Judge:
    """The walk: each commit's inherited trust, its verdict on each path it wrote, and what it adopts."""

    def __init__(self, root: Path, history: History) -> None:
        self.root, self.history = root, history
        self.blobs = _trust_blobs(root, [history.base, *history.order, *self._outside()])
        self.texts = _texts(root, {b for pair in self.blobs.values() for b in pair if b})
        self.accesses: dict[str, Access] = {}
        self.signatures: dict[str, dict[str, tuple[str, str, str]]] = {}
        self.keys: dict[str, dict[str, set[str]]] = {}
        self.state: dict[str, _Trust | None] = {history.base: self._trust_of(history.base)}
        #: (commit, path) → (why not or None, what, signer)
        self.verdicts: dict[tuple[str, str], tuple[str | None, str, str | None]] = {}
        self.judged: dict[str, list[str]] = {}

    def _outside(self) -> list[str]:
        walked = set(self.history.order)
        return sorted({p for ps in self.history.parents.values() for p in ps if p not in walked})

    def _trust_of(self, commit: str) -> _Trust:
        signers, settings = self.blobs.get(commit, ("", ""))
        return _Trust(self.texts.get(signers, ""), self._access(settings))

    def _access(self, blob: str) -> Access:
        if blob not in self.accesses:
            try:
                table = tomllib.loads(self.texts.get(blob, "")).get("access")
            except tomllib.TOMLDecodeError:
                table = None
            self.accesses[blob] = access_from_table(table)
        return self.accesses[blob]

    def _files(self, commit: str) -> tuple[str, str]:
        """The commit's trust files as compared: allowed_signers' blob and [access] (canonical)."""
        signers, settings = self.blobs.get(commit, ("", ""))
        access = self._access(settings)
        return signers, json.dumps([access.reviewers, dict(access.leads)], sort_keys=True)

    def walk(self) -> None:
        history = self.history
        base_name = history.base[:7]
        for commit in history.order:
            parents = history.parents[commit]
            inherited, changed = self._inherit(commit, parents)
            paths = history.changed(commit)
            if changed and len(parents) > 1:  # a merge making new trust files answers for them
                moved = {p for p, b in self._blob_pair(commit) if b != self._blob_at(parents[0], p)}
                paths = sorted(set(paths) | moved)
            self.judged[commit] = paths
            for path in paths:
                self.verdicts[(commit, path)] = self._verdict(commit, path, inherited, base_name)
            adopted = False
            if changed and inherited is not None:  # adopted only when a reviewer signed it
                why, _what, _signer = self._verdict(commit, ALLOWED_SIGNERS, inherited, base_name)
                adopted = why is None
            self.state[commit] = self._trust_of(commit) if adopted else inherited

    def _inherit(self, commit: str, parents: list[str]) -> tuple[_Trust | None, bool]:
        """The trust state ``commit`` is judged by, and whether it changes the trust files: a parent's
        adopted state when the commit's trust files equal that parent's (the first such parent); else
        its first parent's (a merge: its first parent with a state), and a change."""
        states = [self.state.get(p) for p in parents]
        mine = self._files(commit)
        for parent, state in zip(parents, states, strict=True):
            if state is not None and self._files(parent) == mine:
                return state, False
        if len(parents) == 1:
            return states[0], self._files(parents[0]) != mine
        return next((s for s in states if s is not None), None), True

    def _blob_pair(self, commit: str) -> list[tuple[str, str]]:
        return list(zip(TRUST_FILES, self.blobs.get(commit, ("", "")), strict=True))

    def _blob_at(self, commit: str, path: str) -> str:
        return dict(self._blob_pair(commit)).get(path, "")

    def _verdict(
        self, commit: str, path: str, trust: _Trust | None, base_name: str
    ) -> tuple[str | None, str, str | None]:
        if trust is None:
            return f"not descended from the root of trust {base_name}", "changed", None
        status, key, first = self._signature(trust.signers, commit)
        if trust.signers not in self.keys:
            self.keys[trust.signers] = signers_by_key(trust.signers)
        keys = self.keys[trust.signers]
        principals = keys.get(key, {first} if first else set())
        signer = ", ".join(sorted(principals)) or None
        why = _why(status, key, principals if status == "G" else set(), trust.access, path, key in keys)
        what = f"changed by {signer}" if signer and status == "G" else "changed"
        return why, what, signer if status == "G" else None

    def _signature(self, signers: str, commit: str) -> tuple[str, str, str]:
        if signers not in self.signatures:
            self.signatures[signers] = _signatures(self.root, self.history.order, signers)
        return self.signatures[signers].get(commit, ("N", "", ""))


def _why(status: str, key: str, principals: set[str], access: Access, path: str, listed: bool) -> str | None:
    if status == "N":
        return "unsigned"
    if status == "B":
        return "bad signature"
    if status in ("X", "Y"):
        return "signed with an expired key"
    if status == "R":
        return "signed with a revoked key"
    if status != "G" and listed:  # git found no principal for a key the file lists: its options
        return (
            f"signed with a key {ALLOWED_SIGNERS} does not accept at the commit's date (valid-before/after)"
        )
    if status != "G" or not principals:
        return f"signed by a key not in {ALLOWED_SIGNERS}" + (f" ({key})" if key else "")
    if not access.may_write(path, principals):
        return access.why_not(path)
    return None


def _trust_blobs(root: Path, commits: list[str]) -> dict[str, tuple[str, str]]:
    """Each commit's allowed_signers and settings blob ids ('' where absent), in one ``cat-file``."""
    prefix = gitrun.run(root, "rev-parse", "--show-prefix").stdout.strip()
    unique = list(dict.fromkeys(commits))
    request = "".join(f"{c}:{prefix}{name}\n" for c in unique for name in TRUST_FILES)
    top = gitrun.run(root, "rev-parse", "--show-toplevel").stdout.strip()
    output = gitrun.run_input(top, request, "cat-file", "--batch-check").splitlines()
    ids = [_blob_id(line.split()) for line in output]
    return {c: (ids[2 * i], ids[2 * i + 1]) for i, c in enumerate(unique)}


def _blob_id(words: list[str]) -> str:
    return words[0] if len(words) == 3 and words[1] == "blob" and words[2].isdigit() else ""


def _texts(root: Path, blobs: set[str]) -> dict[str, str]:
    ordered = sorted(blobs)
    return {
        blob: (data or b"").decode("utf-8", "replace")
        for blob, data in zip(ordered, read_blobs(root, ordered), strict=True)
    }


def _signatures(root: Path, commits: list[str], signers: str) -> dict[str, tuple[str, str, str]]:
    """Commit → (git's %G?, key fingerprint, first principal), checked by git against ``signers``."""
    found: dict[str, tuple[str, str, str]] = {}
    if not commits:
        return found
    with tempfile.TemporaryDirectory(prefix="selfassess-verify-") as scratch:
        path = Path(scratch) / "allowed_signers"
        path.write_text(signers, "utf-8", newline="\n")
        output = gitrun.run_input(
            root, "".join(f"{c}\n" for c in commits), "-c", f"gpg.ssh.allowedSignersFile={path}", "log",
            "--stdin", "--no-walk=unsorted", f"--format=%H{_SEP}%G?{_SEP}%GF{_SEP}%GS",
        )  # fmt: skip
        for line in output.splitlines():
            parts = line.split(_SEP)
            if len(parts) == 4:
                found[parts[0]] = (parts[1], parts[2], parts[3])
    return found
