"""The root of trust ``verify`` starts from, pinned in ``git config selfassess.trustRoot``, and the one
revision ``verify --from`` may name.

Left to itself the root would be whichever commit first added ``allowed_signers`` — which a branch with its
own history (an orphan) merged in could forge. So the first ``keys`` or ``verify`` in a clone records it:
the commit on HEAD's first-parent line that first added ``allowed_signers``; from then on that commit is the
root whatever history arrives, and a root that is not an ancestor of HEAD is a finding.
"""

from __future__ import annotations

import re
from pathlib import Path

from selfassess.core.errors import SelfAssessError
from selfassess.formats.access import ALLOWED_SIGNERS
from selfassess.git import run as gitrun

CONFIG = "selfassess.trustRoot"
_HEX = re.compile(r"^[0-9a-fA-F]{4,64}$")
#: where git looks for a name before taking it as an object id (git rev-parse's own order)
_REF_PLACES = ("{}", "refs/{}", "refs/tags/{}", "refs/heads/{}", "refs/remotes/{}", "refs/remotes/{}/HEAD")


class CannotVerify(SelfAssessError):
    """verify cannot run: not a repository, no allowed_signers, an unknown or ambiguous revision."""


def pinned(root: Path) -> str | None:
    """The recorded root of trust, as recorded (None when this clone has none yet)."""
    found = gitrun.run(root, "config", "--get", CONFIG, check=False).stdout.strip()
    return found or None


def first_signers_commit(root: Path) -> str | None:
    """The commit on HEAD's first-parent line that first added ``allowed_signers`` (None: none did)."""
    added = gitrun.run(
        root, "log", "--first-parent", "--diff-filter=A", "--format=%H", "--reverse", "--", ALLOWED_SIGNERS,
        check=False,
    ).stdout.split()  # fmt: skip
    return added[0] if added else None


def trust_root(root: Path, record: bool) -> str:
    """The root of trust: the pinned one, else the first commit adding ``allowed_signers`` (recorded in
    ``git config`` when ``record``)."""
    found = pinned(root)
    if found is not None:
        return found
    first = first_signers_commit(root)
    if first is None:
        raise CannotVerify(
            f"no {ALLOWED_SIGNERS} committed in {root}: add the signers' keys there first "
            "(selfassess keys prints each person's line)"
        )
    if record:
        gitrun.run(root, "config", CONFIG, first)
    return first


def record_if_unset(root: Path) -> str | None:
    """``keys``: pin the root of trust when this clone has none and ``allowed_signers`` is committed."""
    if pinned(root) is not None:
        return pinned(root)
    first = first_signers_commit(root)
    if first is not None:
        gitrun.run(root, "config", CONFIG, first)
    return first


def commit_of(root: Path, revision: str) -> str | None:
    """``revision``'s full commit id, or None when it names no commit."""
    if revision.startswith("-"):
        return None
    result = gitrun.run(
        root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}", check=False
    )
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


def is_ancestor(root: Path, older: str, newer: str = "HEAD") -> bool:
    return gitrun.run(root, "merge-base", "--is-ancestor", older, newer, check=False).returncode == 0


def resolve_from(root: Path, revision: str) -> str:
    """``--from REV`` as one commit that is an ancestor of HEAD; CannotVerify (one line) otherwise —
    including a REV that names both a ref and an object (git would silently take the ref)."""
    full = len(revision) in (40, 64)  # git takes a full id as the object, whatever refs say
    if (
        _HEX.match(revision)
        and not full
        and _names_a_ref(root, revision)
        and _objects_with_prefix(root, revision)
    ):
        raise CannotVerify(
            f"revision {revision!r} names both a ref and an object id: give the full commit id, or the "
            "ref's full name (refs/tags/…)"
        )
    commit = commit_of(root, revision)
    if commit is None:
        raise CannotVerify(f"revision {revision!r} is not a commit here (or is ambiguous)")
    if not is_ancestor(root, commit):
        raise CannotVerify(
            f"revision {revision!r} ({commit[:7]}) is not an ancestor of HEAD: nothing to check"
        )
    return commit


def _names_a_ref(root: Path, name: str) -> bool:
    names = {place.format(name) for place in _REF_PLACES}
    listed = gitrun.run(root, "for-each-ref", "--format=%(refname)", check=False).stdout.split()
    return bool(names & set(listed))


def _objects_with_prefix(root: Path, prefix: str) -> list[str]:
    result = gitrun.run(root, "rev-parse", f"--disambiguate={prefix.lower()}", check=False)
    return result.stdout.split() if result.returncode == 0 else []
