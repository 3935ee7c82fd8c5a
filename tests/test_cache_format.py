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
    "selfassess.logic.people",
    "selfassess.formats.store",
    "selfassess.formats.quicktoml",
    "selfassess.formats.tomlread",
    "selfassess.logic.textfacts",
    "selfassess.core.upgrades",
    "selfassess.formats.tomlsource",
    "selfassess.formats.canonical",
    "selfassess.formats.guards",
    "selfassess.logic.checks",
    "selfassess.logic.samples",
    "selfassess.logic.validate",
    "selfassess.formats.criteria",
    "selfassess.formats.settings",
    "selfassess.core.model",
    "selfassess.core.ids",
    "selfassess.core.periods",
    "selfassess.core.names",
    "selfassess.core.applicability",
)

#: (cache.FORMAT, sha256 of the producers' sources) for each format: append a line when you bump it.
FORMATS = [
    (2, "053032bf5701a911158fa0434a6aa3ff87d68c300e0847790b8f2d2800e88648"),
    (3, "5a4ad4481d27527cd0a81265b75371c2b9ba9c58561569d096e1cb886a8b140f"),  # framework 2024.1, sync
    (4, "01aac1107ae687b3c5995c068d61b8301765a6c1998a8fb10ab8b1be3c926342"),  # compiled reader, scan
    (5, "c123bfa7e4deaedf6ee0526ad1adf842ac57aa3efa1b55fa2d4ead350fc0b66a"),  # one findings entry
    (6, "192a704663b55f0d5299a6aaf476501712107d97bc52528b296922e4b788660f"),  # subpackages (#24)
    (7, "050617457997f1a47251b58b601ff1043568a274db68118de0f4606af67eecd6"),  # core/names.py (#24)
    (8, "e7643608b854de948572f2f1e12e689501bbcb3934a44c1d9a56c01a8fa43fa7"),  # duplicates, future (#25)
    (9, "391325ffdf8b8db67881ebbfeb6c99a8482e105e4f65a59d1cf078c424833c60"),  # people in narrative (#27)
    (10, "dda826f2dd0812277314d7463daacadf087c40f122ca91b503b0f28ab70e07a3"),  # inspections (#31)
    (11, "83f09cbba653ea8ed41abef650e0b4fe55145c230025f3674615659f40307cb1"),  # hostile files (#26)
    (12, "9935e4ade5adc533b204e88eb88d71ee4bfcb6f428b3713731d90dd19d52f355"),  # people, round 2 (#27)
    (13, "2e8937dc6034de94ee4c60c6e87e8eed0e323c9ad40102efd0cf59dc76a200cb"),  # dip samples (#29)
    (14, "1f8c3f3b8dd2e3da2b1717000b0bac833b73cb3323d78d75fc5f6ee47bd1026e"),  # huge integers (#26)
    (15, "aba341cbe0b7eb89543fbdc73b7730ceabd97e5dd2ee00831e220ca8e09ee5ae"),  # applies_to (#30)
    (16, "a494324b458e7afb46f6cda39661559e5d0af8b97f418d074c7ec3eeca529e0e"),  # the lazy 'updated' line
    (17, "5bc5628d550924f09657a76f0261abda22339fb7fdb94ce1b4aedc757c1cd09b"),  # action lines found directly
    (18, "27031786a754fb4d53d9351c6ace8373ce95dbe94b975f769a95aca2660bd2ee"),  # upgrades.cell (#28)
    (19, "a22325be70ed40b369456c30db23f0c2ae44d1c7ebb4ebc4937e81f4940d3a77"),  # quick scans, samples (#29)
    (20, "93ad466bea4c4057e3bb3b363edc9d746d000fab852aec4776acbbeb8c32de9d"),  # cheaper gates (#29)
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
