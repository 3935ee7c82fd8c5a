"""The results cache's format key: a change to what produces cached results must change the key."""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

import pytest

from selfassess.formats import cache

#: Modules whose code decides what the cache holds: parsed frameworks and assessments, and findings.
PRODUCERS = (
    "selfassess.logic.privacy",
    "selfassess.formats.store",
    "selfassess.formats.quicktoml",
    "selfassess.formats.tomlread",
    "selfassess.logic.textfacts",
    "selfassess.core.upgrades",
    "selfassess.formats.tomlsource",
    "selfassess.formats.canonical",
    "selfassess.formats.guards",
    "selfassess.logic.checks",
    "selfassess.logic.validate",
    "selfassess.formats.criteria",
    "selfassess.formats.settings",
    "selfassess.core.model",
    "selfassess.core.ids",
    "selfassess.core.periods",
    "selfassess.core.applicability",
)

#: (cache.FORMAT, sha256 of the producers' sources) for each format: append a line when you bump it.
FORMATS = [
    (2, "053032bf5701a911158fa0434a6aa3ff87d68c300e0847790b8f2d2800e88648"),
    (3, "5a4ad4481d27527cd0a81265b75371c2b9ba9c58561569d096e1cb886a8b140f"),  # framework 2024.1, sync
    (4, "01aac1107ae687b3c5995c068d61b8301765a6c1998a8fb10ab8b1be3c926342"),  # compiled reader, scan
    (5, "c123bfa7e4deaedf6ee0526ad1adf842ac57aa3efa1b55fa2d4ead350fc0b66a"),  # one findings entry
    (6, "192a704663b55f0d5299a6aaf476501712107d97bc52528b296922e4b788660f"),  # subpackages (#24)
    (7, "05260362f246fc80b016aa38aa162220603222bd74ae3a59b93ae16fcb30ba62"),  # [applies_to] in settings (#30)
]


def producers_sha256() -> str:
    digest = hashlib.sha256()
    for name in PRODUCERS:
        source = Path(importlib.import_module(name).__file__ or "")
        digest.update(name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


def test_the_format_is_bumped_whenever_readers_checks_or_privacy_patterns_change() -> None:
    formats = [number for number, _ in FORMATS]
    assert formats == sorted(set(formats)), "each format once, in order"
    assert FORMATS[-1] == (cache.FORMAT, producers_sha256()), (
        "the readers, checks or personal-data patterns changed: bump "
        "selfassess.formats.cache.FORMAT and append "
        f"({cache.FORMAT + 1}, {producers_sha256()!r}) to FORMATS in this file"
    )


def test_the_format_is_part_of_every_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.make_key("findings", "a", "b")
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    assert cache.make_key("findings", "a", "b") != before
