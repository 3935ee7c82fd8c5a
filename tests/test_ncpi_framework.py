"""The bundled default framework: the inspectorate's 2024 topics, primary sources, and history kept."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from yamllint import linter
from yamllint.config import YamlLintConfig

from selfassess.core.model import FORCE_WIDE
from selfassess.formats.criteria import load_framework

ROOT = Path(__file__).resolve().parent.parent
NCPI = ROOT / "criteria" / "ncpi.yaml"
#: earlier versions, kept so that the demo (and a force's own files) can be regenerated on them
OLD_VERSIONS = {v: ROOT / "scripts" / "demo" / f"ncpi-{v}.yaml" for v in ("2015.2", "2024.1")}
#: every criterion id of the 2015.2 framework, which the demo's early quarters and forces' files use
OLD_IDS = [f"{prefix}{n}" for prefix in ("IR", "CC", "CH", "RP", "PW") for n in range(1, 7)] + ["IR0"]
INSPECTORATE_TOPICS = [
    "Leadership",
    "Partnership working",
    "Initial response",
    "Risk assessment and referral",
    "Investigation",
]
#: where the primary text of a statutory, APP or inspectorate claim lives: legislation, GOV.UK statutory
#: guidance, the College of Policing's APP and HMICFRS. A host matches a domain or is a subdomain of it.
PRIMARY_DOMAINS = ("legislation.gov.uk", "college.police.uk", "justiceinspectorates.gov.uk")
#: GOV.UK itself, but not every *.gov.uk site (a council or a PCC is not a primary source)
PRIMARY_HOSTS = ("www.gov.uk", "gov.uk")
#: addresses the subject-matter review of 2024.1 could not find, or found wrong (issue #30)
REMOVED_URLS = (
    "wirralsafeguarding.co.uk/?p=5854",
    "thurrocklscp.org.uk",
    "victimsupport.org.uk/help-and-support/your-rights/victims-code",
    "stopitnow.org.uk/stop-it-now-wales",
    "safeguardingcambspeterborough.org.uk",
    "leedsscp.org.uk",
    "hcrlaw.com",
)
#: words no dip sample can show, and judgments of what might have been
UNSHOWABLE = re.compile(
    r"\b(every|always|never)\b|alternatives were available|often criminalised|misunderstood", re.IGNORECASE
)


def is_primary(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in PRIMARY_HOSTS or any(host == d or host.endswith("." + d) for d in PRIMARY_DOMAINS)


@pytest.fixture(scope="module")
def framework():
    return load_framework(NCPI)


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "criteria").glob("*.yaml")) + sorted((ROOT / "scripts" / "demo").glob("*.yaml")),
    ids=lambda p: p.name,
)
def test_criteria_files_pass_yamllint_relaxed(path: Path) -> None:
    config = YamlLintConfig("{extends: relaxed, rules: {line-length: disable}}")
    problems = list(linter.run(path.read_text(encoding="utf-8"), config, str(path)))
    assert not problems, "\n".join(f"{path.name}:{p.line}:{p.column}: {p.message}" for p in problems)


def test_themes_name_the_five_inspectorate_topics_and_the_design_areas(framework) -> None:
    titles = [theme.title for theme in framework.themes]
    assert all(topic in titles for topic in INSPECTORATE_TOPICS), titles
    ids = {theme.id for theme in framework.themes}
    assert {"initial-response", "custody", "care-homes", "recording", "partnership", "domestic-abuse"} <= ids
    assert framework.version == "2024.2"
    assert [grade.id for grade in framework.scale] == ["red", "amber", "green"]


def test_older_versions_stay_loadable_with_their_own_version() -> None:
    for version, path in OLD_VERSIONS.items():
        assert load_framework(path).version == version


def test_every_reference_is_https_and_every_criterion_cites_a_primary_source(framework) -> None:
    for criterion in framework.criteria:
        assert criterion.references, criterion.id
        for reference in criterion.references:
            assert reference.title.strip(), criterion.id
            assert urlsplit(reference.url).scheme == "https", (criterion.id, reference.url)
            assert not any(gone in reference.url for gone in REMOVED_URLS), (criterion.id, reference.url)
        primary = [r.url for r in criterion.references if is_primary(r.url)]
        assert primary, f"{criterion.id} cites no primary source"


def test_the_domain_list_tells_primary_from_secondary() -> None:
    assert is_primary("https://www.legislation.gov.uk/ukpga/2024/21/section/20/enacted")
    assert is_primary("https://hmicfrs.justiceinspectorates.gov.uk/publication-html/x/")
    assert is_primary("https://www.app.college.police.uk/app-content/x/")
    assert is_primary("https://www.gov.uk/government/publications/x")
    assert not is_primary("https://www.sussex-pcc.gov.uk/x")  # a PCC's page is not GOV.UK
    assert not is_primary("https://yjlc.uk/resources/x")
    assert not is_primary("https://legislation.gov.uk.example.org/x")


def test_overall_assessment_is_cited_only_where_it_holds_the_content(framework) -> None:
    # the 2020 overall assessment names domestic abuse, sexual and violent offenders and missing children
    cited = {c.id for c in framework.criteria for r in c.references if r.section == "Overall assessment"}
    assert cited <= {"IR8", "OM1", "CH7"}, cited


def test_the_corrected_facts_read_as_the_primary_texts_say(framework) -> None:
    pw10 = framework.criterion("PW10")
    assert "7 November 2025" in pw10.guidance and "since 2024" not in pw10.guidance
    assert "s.49A" in pw10.guidance
    assert any("uksi/2025/1168" in r.url for r in pw10.references)
    cc8 = framework.criterion("CC8")
    assert "paragraph 1.7A" in cc8.guidance and any(r.section.endswith("1.7A") for r in cc8.references)
    assert "cannot act as the appropriate adult" in cc8.guidance
    custody = ("CC3", "CC5", "CC7", "CC8")
    sections = {cid: [r.section for r in framework.criterion(cid).references] for cid in custody}
    assert not any("paragraph 1.5" in s for ss in sections.values() for s in ss), sections
    assert "s.38(6)" in sections["CC3"] and "16.7" in framework.criterion("CC3").guidance
    assert "Annex A paragraph 11" in framework.criterion("CC7").guidance
    ch4 = framework.criterion("CH4")
    assert "no apparent risk (absent)" in ch4.guidance and "missing or absent" not in ch4.question
    om1 = framework.criterion("OM1")
    assert "category 1" in om1.guidance and "level 2 or 3" in om1.question
    in5 = framework.criterion("IN5")
    assert "s.5" in in5.guidance and any("uksi/2025/95" in r.url for r in in5.references)
    for cid in ("IR7", "IN1"):
        assert "2022" in framework.criterion(cid).guidance, cid


def test_every_2015_and_2024_1_criterion_is_kept_replaced_or_retired(framework) -> None:
    ids_2024_1 = [c.id for c in load_framework(OLD_VERSIONS["2024.1"]).criteria]
    assert len(ids_2024_1) == 40
    for old in OLD_IDS + ids_2024_1:
        assert framework.is_known(old), old
    successors = [framework.current_id(old) for old in OLD_IDS if framework.criterion(old)]
    assert len(successors) == len(set(successors)), successors
    assert framework.retired_criterion("CH6").retired_in == "2024.1"


def test_force_level_questions_are_asked_of_the_force_wide_unit_only(framework) -> None:
    force = {c.id for c in framework.applicable([FORCE_WIDE])}
    district = {c.id for c in framework.applicable(["custody"])}
    for old in ("CC4", "CC6", "RP5", "PW4", "PW6"):
        assert framework.current_id(old) in force, old
    # issue #30: run centrally in most forces
    assert {"RP2", "IN3", "IN4", "OM1", "OM2", "PW10", "IR9"} <= force
    assert force and not force & district
    # strip searches happen in every setting: asked of districts without a custody suite too
    no_suite = {c.id for c in framework.applicable([])}
    assert "CC7" in no_suite
    assert not {"CC1", "CC3", "CC5"} & no_suite and {"CC1", "CC3", "CC5"} <= district


def test_numbers_in_levels_are_called_a_local_standard(framework) -> None:
    for criterion in framework.criteria:
        if any(re.search(r"\d", text) for text in criterion.levels.values()):
            assert "local" in criterion.guidance, criterion.id


def test_level_descriptors_say_what_a_sample_or_document_can_show(framework) -> None:
    for criterion in framework.criteria:
        for grade, text in criterion.levels.items():
            assert not UNSHOWABLE.search(text), f"{criterion.id}.{grade}: {text}"


def test_the_readme_coverage_table_names_every_criterion_once(framework) -> None:
    readme = (ROOT / "docs" / "framework" / "default.md").read_text(encoding="utf-8")  # moved there (#28)
    table = readme.split("| Area | Criteria |", 1)[1].split("\n\n", 1)[0]
    named = re.findall(r"\b[A-Z]{2}\d+\b", table)
    assert sorted(named) == sorted(c.id for c in framework.criteria)
    areas = ("Call handling", "section 47", "Domestic abuse", "LADO", "not in care", "Supported")
    for area in areas:
        assert area in table, area


def test_sampled_criteria_state_their_thresholds_in_their_levels(framework) -> None:
    """Needs the `sample` support of issue #29 in the loader (this test and the blocks merge after it)."""
    sampled = [c for c in framework.criteria if getattr(c, "sample", None)]
    assert len(sampled) >= 15  # issue #29: where a dip sample is how the inspectorate evidences the criterion
    for criterion in sampled:
        rule = criterion.sample
        assert rule.thresholds["green"] > rule.thresholds["amber"], criterion.id
        levels = " ".join(criterion.levels.values())
        assert f"of {rule.minimum}" in levels or " in 10" in levels, criterion.id
        assert "local" in criterion.guidance, criterion.id
