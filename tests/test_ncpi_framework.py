"""The bundled default framework: the inspectorate's 2024 topics, sources, and history from 2015.2 kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from yamllint import linter
from yamllint.config import YamlLintConfig

from selfassess.core.model import FORCE_WIDE
from selfassess.formats.criteria import load_framework

ROOT = Path(__file__).resolve().parent.parent
NCPI = ROOT / "criteria" / "ncpi.yaml"
#: every criterion id of the 2015.2 framework, which the demo's early quarters and forces' files use
OLD_IDS = [f"{prefix}{n}" for prefix in ("IR", "CC", "CH", "RP", "PW") for n in range(1, 7)] + ["IR0"]
INSPECTORATE_TOPICS = [
    "Leadership",
    "Partnership working",
    "Initial response",
    "Risk assessment and referral",
    "Investigation",
]


@pytest.mark.parametrize("path", sorted((ROOT / "criteria").glob("*.yaml")), ids=lambda p: p.name)
def test_criteria_files_pass_yamllint_relaxed(path: Path) -> None:
    config = YamlLintConfig("{extends: relaxed, rules: {line-length: disable}}")
    problems = list(linter.run(path.read_text(encoding="utf-8"), config, str(path)))
    assert not problems, "\n".join(f"{path.name}:{p.line}:{p.column}: {p.message}" for p in problems)


def test_themes_name_the_five_inspectorate_topics_and_the_design_areas() -> None:
    framework = load_framework(NCPI)
    titles = [theme.title for theme in framework.themes]
    assert all(topic in titles for topic in INSPECTORATE_TOPICS), titles
    ids = {theme.id for theme in framework.themes}
    assert {"initial-response", "custody", "care-homes", "recording", "partnership"} <= ids
    assert framework.version == "2024.1"
    assert [grade.id for grade in framework.scale] == ["red", "amber", "green"]


def test_every_criterion_names_its_sources() -> None:
    framework = load_framework(NCPI)
    for criterion in framework.criteria:
        assert criterion.references, criterion.id
        for reference in criterion.references:
            assert reference.title.strip() and re.match(r"https?://", reference.url), criterion.id


def test_every_2015_criterion_is_kept_replaced_or_retired_and_replaces_is_one_to_one() -> None:
    framework = load_framework(NCPI)
    for old in OLD_IDS:
        assert framework.is_known(old), old
    successors = [framework.current_id(old) for old in OLD_IDS if framework.criterion(old)]
    assert len(successors) == len(set(successors)), successors
    assert framework.retired_criterion("CH6").retired_in == "2024.1"


def test_force_level_questions_are_asked_of_the_force_wide_unit_only() -> None:
    framework = load_framework(NCPI)
    force = {c.id for c in framework.applicable([FORCE_WIDE])}
    district = {c.id for c in framework.applicable(["custody"])}
    # the force-level questions, through their successors
    for old in ("CC4", "CC6", "RP5", "PW4", "PW6"):
        assert framework.current_id(old) in force, old
    assert force and not force & district
    # strip searches happen in every setting: asked of districts without a custody suite too
    assert "CC7" in {c.id for c in framework.applicable([])}


def test_numbers_in_levels_are_called_a_local_standard() -> None:
    framework = load_framework(NCPI)
    for criterion in framework.criteria:
        if any(re.search(r"\d", text) for text in criterion.levels.values()):
            assert "local" in criterion.guidance, criterion.id
