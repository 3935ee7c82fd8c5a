"""``selfassess verify``: was each change to a workspace file signed by someone allowed to make it?

Every commit after the one that first added ``allowed_signers`` (the root of trust) is judged against
``allowed_signers`` and ``[access]`` as they stood at its first parent (judging against HEAD would be
circular: a lead adding their own key under a reviewer's name would vouch for themselves). Signatures are
checked by git, one ``git log`` per version of ``allowed_signers``; a merge commit is judged only on
files whose merged content differs from every parent.
"""

from __future__ import annotations

import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.core.errors import SelfAssessError
from selfassess.formats.access import ALLOWED_SIGNERS, Access, access_from_table, signers_by_key
from selfassess.formats.settings import SETTINGS_FILE
from selfassess.git import run as gitrun
from selfassess.git.util import read_blobs, revision_exists

_SEP, _END = "\x1f", "\x1e"


class CannotVerify(SelfAssessError):
    """verify cannot run: not a repository, no allowed_signers, an unknown revision."""


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
    commit: str
    signer: str | None
    verified: bool
    #: (commit, signer) of the file's last change that verified, when the last change did not
    last_verified: tuple[str, str | None] | None = None


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
                    "commit": s.commit,
                    "signer": s.signer,
                    "verified": s.verified,
                    "last_verified": _last_verified(s),
                }
                for path, s in sorted(self.files.items())
            },
        }


def _last_verified(state: FileState) -> dict[str, str | None] | None:
    """The file's last change that verified: this one, an earlier one, or None (never, since the root)."""
    found = (state.commit, state.signer) if state.verified else state.last_verified
    return {"commit": found[0], "signer": found[1]} if found else None


@dataclass
class _Commit:
    sha: str
    first_parent: str | None
    paths: list[str]


def verify(root: Path, from_revision: str | None = None) -> Report:
    if not gitrun.is_repository(root):
        raise CannotVerify(f"{root} is not a git repository: nothing to verify")
    prefix = gitrun.run(root, "rev-parse", "--show-prefix").stdout.strip()
    added = gitrun.run(
        root, "log", "--diff-filter=A", "--format=%H", "--reverse", "--", ALLOWED_SIGNERS, check=False
    ).stdout.split()
    if not added:
        raise CannotVerify(
            f"no {ALLOWED_SIGNERS} committed in {root}: add the signers' keys there first "
            "(selfassess keys prints each person's line)"
        )
    root_commit = added[0]
    if from_revision is not None and not revision_exists(root, from_revision):
        raise CannotVerify(f"revision {from_revision!r} does not exist")
    commits = _commits(root, prefix, root_commit, from_revision)
    report = Report(root_commit, commits=len(commits))
    settings_at, signers_at = _versions_at_parents(root, prefix, commits)
    signatures = _signatures(root, commits, signers_at)
    access_cache: dict[str, Access] = {}
    for commit in commits:
        parent = commit.first_parent or ""
        access = _access(access_cache, settings_at.get(parent))
        keys = signers_by_key(signers_at.get(parent) or "")
        status, key, first_principal = signatures.get(commit.sha, ("N", "", ""))
        principals = keys.get(key, {first_principal} if first_principal else set())
        signer = ", ".join(sorted(principals)) or None
        for path in commit.paths:
            why = _why(status, key, principals if status == "G" else set(), access, path, key in keys)
            if why is None:
                report.files[path] = FileState(commit.sha[:7], signer, True)
                continue
            what = f"changed by {signer}" if signer and status == "G" else "changed"
            report.findings.append(Finding(path, commit.sha, what, why))
            before = report.files.get(path)
            last = (
                (before.commit, before.signer)
                if before and before.verified
                else before and before.last_verified
            )
            report.files[path] = FileState(commit.sha[:7], signer, False, last or None)
    return report


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


def _commits(root: Path, prefix: str, root_commit: str, from_revision: str | None) -> list[_Commit]:
    """The commits to judge, oldest first, with the judged files each changed (relative to the
    workspace); merges list only files that differ from every parent (``-c``)."""
    start = f"{from_revision}..HEAD" if from_revision else "HEAD"
    output = gitrun.run(
        root, "log", "--reverse", "-c", "--name-only", "--no-renames", f"--format={_END}%H{_SEP}%P",
        start, f"^{root_commit}", "--", ".",
    ).stdout  # fmt: skip
    commits = []
    for record in output.split(_END)[1:]:
        header, _, names = record.partition("\n")
        sha, _, parents = header.partition(_SEP)
        paths = [n.removeprefix(prefix) for n in names.splitlines() if n.strip()]
        judged = list(dict.fromkeys(paths))  # every path in the workspace: a unit's by its leads, any other
        # (settings, frameworks, reviews, allowed_signers, .gitattributes ...) by reviewers
        if judged:
            commits.append(_Commit(sha, parents.split()[0] if parents.split() else None, judged))
    return commits


def _versions_at_parents(
    root: Path, prefix: str, commits: list[_Commit]
) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """The settings and allowed_signers text at each first parent (None where absent), read in one
    ``git cat-file --batch``."""
    parents = sorted({c.first_parent for c in commits if c.first_parent})
    names = [f"{p}:{prefix}{name}" for p in parents for name in (SETTINGS_FILE, ALLOWED_SIGNERS)]
    blobs = read_blobs(root, names) if names else []
    settings, signers = {}, {}
    for index, parent in enumerate(parents):
        pair = blobs[2 * index : 2 * index + 2]
        settings[parent] = pair[0].decode("utf-8", "replace") if pair[0] is not None else None
        signers[parent] = pair[1].decode("utf-8", "replace") if pair[1] is not None else None
    return settings, signers


def _access(cache: dict[str, Access], text: str | None) -> Access:
    if text is None:
        return Access()
    if text not in cache:
        try:
            cache[text] = access_from_table(tomllib.loads(text).get("access"))
        except tomllib.TOMLDecodeError:
            cache[text] = Access()
    return cache[text]


def _signatures(
    root: Path, commits: list[_Commit], signers_at: dict[str, str | None]
) -> dict[str, tuple[str, str, str]]:
    """Commit → (git's %G?, key fingerprint, first principal), checked by git against the
    allowed_signers each commit's first parent had: one ``git log`` per version of that file."""
    groups: dict[str, list[str]] = {}
    for commit in commits:
        groups.setdefault(signers_at.get(commit.first_parent or "") or "", []).append(commit.sha)
    found: dict[str, tuple[str, str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="selfassess-verify-") as scratch:
        for index, (text, shas) in enumerate(groups.items()):
            signers = Path(scratch) / f"allowed_signers_{index}"
            signers.write_text(text, "utf-8", newline="\n")
            output = gitrun.run(
                root, "-c", f"gpg.ssh.allowedSignersFile={signers}", "log", "--no-walk=unsorted",
                f"--format=%H{_SEP}%G?{_SEP}%GF{_SEP}%GS", *shas,
            ).stdout  # fmt: skip
            for line in output.splitlines():
                parts = line.split(_SEP)
                if len(parts) == 4:
                    found[parts[0]] = (parts[1], parts[2], parts[3])
    return found
