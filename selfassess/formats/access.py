"""Who may write what: ``[access]`` in the settings, the keys in ``allowed_signers``, and the rule
``verify`` applies to each changed file (a unit's assessments: its leads; anything else: reviewers).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from selfassess.core.names import ASSESSMENTS, PERIOD, SLUG

ALLOWED_SIGNERS = "allowed_signers"
_UNIT_FILE = re.compile(rf"^{ASSESSMENTS}/({SLUG})/{PERIOD}\.toml$")
_KEY_TYPE = re.compile(r"^(ssh-|ecdsa-|sk-)")


@dataclass(frozen=True)
class Access:
    """``[access]``: reviewers' principals, and each unit's leads."""

    reviewers: tuple[str, ...] = ()
    leads: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def writers(self, path: str) -> tuple[str, str]:
        """Who may write ``path`` (relative to the workspace): (kind, unit) — ("lead", unit) for a unit's
        assessment, ("reviewer", "") for everything else (reviews, settings, frameworks, keys)."""
        match = _UNIT_FILE.match(path)
        return ("lead", match.group(1)) if match else ("reviewer", "")

    def may_write(self, path: str, principals: set[str]) -> bool:
        kind, unit = self.writers(path)
        allowed = self.leads.get(unit, ()) if kind == "lead" else self.reviewers
        return bool(principals & set(allowed))

    def why_not(self, path: str) -> str:
        kind, unit = self.writers(path)
        return f"not a lead of {unit}" if kind == "lead" else "not a reviewer"


def access_from_table(table: Any) -> Access:
    """A lenient reading of ``[access]`` (for old versions of the settings): anything malformed counts as
    nobody allowed, so a broken file never grants anything."""
    if not isinstance(table, dict):
        return Access()
    reviewers = table.get("reviewers", [])
    leads = table.get("leads", {})
    return Access(
        reviewers=tuple(r for r in reviewers if isinstance(r, str)) if isinstance(reviewers, list) else (),
        leads=MappingProxyType(
            {
                unit: tuple(p for p in names if isinstance(p, str))
                for unit, names in (leads.items() if isinstance(leads, dict) else ())
                if isinstance(names, list)
            }
        ),
    )


def fingerprint(base64_key: str) -> str | None:
    """``SHA256:...`` as git's ``%GF`` and ``ssh-keygen -l`` print it; None for a malformed key."""
    try:
        blob = base64.b64decode(base64_key, validate=True)
    except (binascii.Error, ValueError):
        return None
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def signers_by_key(text: str) -> dict[str, set[str]]:
    """Key fingerprint → every principal listed with that key (git's ``%GS`` names only the first)."""
    found: dict[str, set[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line)
        except ValueError:
            continue
        key_at = next((i for i, w in enumerate(words) if _KEY_TYPE.match(w) and i > 0), None)
        if key_at is None or key_at + 1 >= len(words):
            continue
        key = fingerprint(words[key_at + 1])
        if key is not None:
            found.setdefault(key, set()).update(p for p in words[0].split(",") if p)
    return found
