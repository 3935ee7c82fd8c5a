"""Dip samples in files: the framework's ``sample`` block and the assessment's ``[criteria.<id>.sample]``
table, read strictly (refusals name the line), written canonically, round-tripping byte for byte."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from selfassess import load_assessment, save_assessment
from selfassess.core.errors import AssessmentError, FrameworkError
from selfassess.core.model import Assessment, Response, Sample
from selfassess.formats.criteria import parse_framework
from selfassess.formats.store import parse_assessment, render_assessment

from conftest import FOUR_GRADES, TODAY, framework_yaml, run_cli, sample_framework_yaml

HEAD = """\
schema = 2
framework = "test"
framework_version = "1.0"
district = "north"
period = "2026-Q4"
status = "draft"
assessor = "DCI A. Example"
updated = 2026-11-23T10:15:00Z
"""
WITH_SAMPLE = (
    HEAD
    + """
[criteria.T1C1]
rating = "amber"
evidence = "Dip sample of 20 incidents: 14 of 20 assessed each child."

[criteria.T1C1.sample]
size = 20
met = 14
from = 2026-07-01
to = 2026-09-30
source = "CATS dip sample, 20 cases chosen at random by the PPU DS"

[[criteria.T1C1.actions]]
id = "T1C1-a1"
action = "Refresher briefing"
done = false
"""
)


@pytest.fixture
def framework():
    return parse_framework(sample_framework_yaml(), "test.yaml")


def test_framework_sample_block_is_read(framework) -> None:
    rule = framework.criterion("T1C1").sample
    assert rule is not None
    assert rule.of == "incidents attended where children were present"
    assert rule.minimum == 20
    assert dict(rule.thresholds) == {"amber": 0.7, "green": 0.9}
    assert framework.criterion("T1C3").sample is None


def test_four_grade_scale_thresholds_follow_its_own_grades() -> None:
    yaml = sample_framework_yaml(FOUR_GRADES, {"requires-improvement": 0.5, "good": 0.8, "outstanding": 0.95})
    rule = parse_framework(yaml).criterion("T1C2").sample
    assert list(rule.thresholds) == ["requires-improvement", "good", "outstanding"]


@pytest.mark.parametrize(
    ("thresholds", "message"),
    [
        ({"blue": 0.5}, "thresholds key 'blue' is not a grade of the scale"),
        ({"red": 0.5, "green": 0.9}, "'red' is the worst grade, which needs no threshold"),
        ({"green": 1.5}, "thresholds.green must be a share of cases above 0 and at most 1"),
        ({"green": 0}, "thresholds.green must be a share of cases above 0 and at most 1"),
        ({"amber": 0.9, "green": 0.8}, "must rise with the grade: green (0.8) is not above amber (0.9)"),
        ({"amber": 0.9, "green": 0.9}, "must rise with the grade"),
    ],
)
def test_bad_thresholds_are_refused_at_their_line(thresholds: dict, message: str) -> None:
    yaml = sample_framework_yaml(thresholds=thresholds)
    with pytest.raises(FrameworkError) as caught:
        parse_framework(yaml, "t.yaml")
    assert message in caught.value.message
    line = caught.value.line
    assert line is not None and "thresholds" in "\n".join(yaml.splitlines()[line - 3 : line]), line


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("minimum: 20", "minimum: 0", "minimum must be a whole number of cases, at least 1"),
        ("minimum: 20", "minimum: 2.5", "minimum must be a whole number of cases, at least 1"),
        ("          of: incidents attended where children were present\n", "", "missing required key 'of'"),
        ("minimum: 20", "minimum: 20\n          size: 3", "unknown key 'size' in sample"),
    ],
    ids=["zero", "fraction", "no-of", "unknown"],
)
def test_bad_sample_blocks_are_refused(old: str, new: str, message: str) -> None:
    yaml = sample_framework_yaml().replace(old, new, 1)
    with pytest.raises(FrameworkError) as caught:
        parse_framework(yaml, "t.yaml")
    assert message in caught.value.message
    assert caught.value.line is not None and 8 < caught.value.line < 30


def test_round_trip_is_byte_identical(tmp_path: Path, framework) -> None:
    path = tmp_path / "2026-Q4.toml"
    path.write_text(WITH_SAMPLE)
    assessment = parse_assessment(WITH_SAMPLE, path, framework)
    assert assessment.responses["T1C1"].sample == Sample(
        size=20, met=14, start=date(2026, 7, 1), end=date(2026, 9, 30),
        source="CATS dip sample, 20 cases chosen at random by the PPU DS",
    )  # fmt: skip
    assert render_assessment(assessment, framework) == WITH_SAMPLE
    assert save_assessment(assessment, path, framework) is False
    assert path.read_text() == WITH_SAMPLE


def test_a_file_with_a_sample_is_written_as_schema_2_and_without_one_as_schema_1(
    tmp_path: Path, framework
) -> None:
    path = tmp_path / "2026-Q4.toml"
    assessment = Assessment(framework="test", district="north", period="2026-Q4", framework_version="1.0")
    assessment.responses["T1C1"] = Response(rating="green", sample=Sample(size=30, met=29))
    save_assessment(assessment, path, framework)
    text = path.read_text()
    assert text.startswith("schema = 2\n")
    assert "[criteria.T1C1.sample]\nsize = 30\nmet = 29\n" in text
    assert load_assessment(path).responses["T1C1"].sample == Sample(size=30, met=29)
    again = load_assessment(path)
    again.responses["T1C1"].sample = None
    save_assessment(again, path, framework)
    assert path.read_text().startswith("schema = 1\n")
    assert "sample" not in path.read_text()


def test_sample_comes_after_the_criterion_keys_and_before_its_actions(framework) -> None:
    text = render_assessment(parse_assessment(WITH_SAMPLE, "x.toml", framework), framework)
    assert text.index("evidence =") < text.index("[criteria.T1C1.sample]") < text.index("[[criteria")


def test_schema_1_files_are_still_read(framework) -> None:
    old = HEAD.replace("schema = 2", "schema = 1") + '\n[criteria.T1C1]\nrating = "red"\n'
    assert parse_assessment(old, "x.toml", framework).responses["T1C1"].rating == "red"


def test_schema_3_is_refused_as_newer(framework) -> None:
    with pytest.raises(AssessmentError, match="schema 3 was written by a newer selfassess"):
        parse_assessment(HEAD.replace("schema = 2", "schema = 3"), "x.toml", framework)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(needle))


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        ("met = 14", "met = 21", "met = ", "met (21) is more than the cases examined (size = 20)"),
        ("met = 14", "met = -1", "met = ", "met must not be negative"),
        ("size = 20", "size = 0", "size = ", "size must be at least 1"),
        ("size = 20", "size = 20.5", "size = ", "size must be a whole number"),
        ("met = 14", 'met = "14"', "met = ", "met must be a whole number"),
        ("size = 20", "size = 1000001", "size = ", "size 1000001 is over 1,000,000 cases"),
        ("from = 2026-07-01", "from = 2026-10-01", "from = ", "from (2026-10-01) is after to (2026-09-30)"),
        ("met = 14\n", "", "[criteria.T1C1.sample]", "missing required key 'met'"),
        ("source =", "sauce =", "sauce =", "unknown key 'sauce'"),
        ('rating = "amber"', 'not_applicable = "no such incidents"', "[criteria.T1C1.sample]",
         "not applicable and has a sample; keep one"),
        ("[criteria.T1C1.sample]", "[criteria.T1C1]\n[criteria.T1C3.sample]", "[criteria.T1C3.sample]",
         "defines no sample for it"),
    ],
    ids=["met-over-size", "negative", "zero-size", "fraction", "string", "huge", "from-after-to",
         "missing-met", "unknown-key", "beside-not-applicable", "no-sample-in-framework"],
)  # fmt: skip
def test_bad_samples_are_refused_at_their_line(framework, old, new, at, message) -> None:
    if old == "[criteria.T1C1.sample]":  # move the sample to a criterion the framework gives none
        text = WITH_SAMPLE.replace("[criteria.T1C1.sample]", "[criteria.T1C3.sample]")
    else:
        text = WITH_SAMPLE.replace(old, new, 1)
    with pytest.raises(AssessmentError) as caught:
        parse_assessment(text, "x.toml", framework)
    assert message in caught.value.message
    assert caught.value.line == _line_of(text, at), str(caught.value)


def test_validate_names_the_file_and_line_of_a_bad_sample(make_workspace) -> None:
    root = make_workspace()
    (root / "criteria" / "test.yaml").write_text(sample_framework_yaml())
    target = root / "assessments" / "north" / "2026-Q4.toml"
    target.parent.mkdir(parents=True)
    target.write_text(WITH_SAMPLE.replace("met = 14", "met = 21"))
    result = run_cli("validate", "--as-of", TODAY, cwd=root)
    assert result.returncode == 1
    line = _line_of(target.read_text(), "met = ")
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"assessments/north/2026-Q4.toml:{line}: error: T1C1 sample")
    assert "Traceback" not in result.stderr


def test_frameworks_without_samples_are_unchanged() -> None:
    assert all(c.sample is None for c in parse_framework(framework_yaml()).criteria)


def test_a_sample_recorded_on_an_earlier_framework_version_still_reads(make_workspace) -> None:
    """A quarter assessed on an earlier version keeps the samples that version asked for, even where the
    current version evidences the criterion otherwise (#29 with #30): validate reads it, no error."""
    root = make_workspace()
    (root / "criteria" / "test.yaml").write_text(sample_framework_yaml())
    target = root / "assessments" / "north" / "2026-Q4.toml"
    target.parent.mkdir(parents=True)
    older = WITH_SAMPLE.replace('framework_version = "1.0"', 'framework_version = "0.9"')
    target.write_text(older.replace("[criteria.T1C1.sample]", "[criteria.T1C3.sample]"))
    result = run_cli("validate", "--as-of", TODAY, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout
    kept = parse_assessment(target.read_text(), "x.toml", parse_framework(sample_framework_yaml()))
    assert kept.responses["T1C3"].sample is not None and kept.responses["T1C3"].sample.met == 14
