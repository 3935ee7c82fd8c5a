"""What a dip sample evidences: Wilson intervals against published values, the grade supported at and
around every threshold, contradictions between the rating, the evidence and the sample, the cases
needed to settle a straddled threshold, and the force-wide pooled figure."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfassess.core.model import Response, Sample
from selfassess.formats.criteria import parse_framework
from selfassess.logic.samples import (
    ABSOLUTE_CLAIM,
    BELOW_MINIMUM,
    NOT_SUPPORTED,
    OTHER_FIGURE,
    TOO_SMALL,
    Z95,
    cases_to_decide,
    contradictions,
    figures,
    percent,
    pooled,
    supported_grade,
    understood_sample,
    wilson,
)

from conftest import FOUR_GRADES, sample_framework_yaml

FRAMEWORK = parse_framework(sample_framework_yaml(minimum=10))
IR = FRAMEWORK.criterion("T1C1")
FOUR = parse_framework(
    sample_framework_yaml(FOUR_GRADES, {"requires-improvement": 0.5, "good": 0.8, "outstanding": 0.95}, 1)
)


# Published Wilson score intervals (Newcombe 1998, Table I, method 3; Brown, Cai & DasGupta 2001) to 4 places.
@pytest.mark.parametrize(
    ("met", "size", "low", "high"),
    [
        (14, 20, 0.4810, 0.8545),
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (1, 1000, 0.0002, 0.0056),
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
    ],
)
def test_wilson_interval_matches_published_values(met: int, size: int, low: float, high: float) -> None:
    got = wilson(met, size)
    assert got[0] == pytest.approx(low, abs=5e-5)
    assert got[1] == pytest.approx(high, abs=5e-5)


def test_bounds_are_exact_at_none_and_all() -> None:
    assert wilson(0, 10)[0] == 0.0  # computed naively: 2.8e-17
    assert wilson(10, 10)[1] == 1.0
    assert pytest.approx(1.959963984540054, abs=1e-12) == Z95


@pytest.mark.parametrize(("met", "size"), [(-1, 10), (11, 10), (0, 0)])
def test_impossible_counts_have_no_interval(met: int, size: int) -> None:
    with pytest.raises(ValueError):
        wilson(met, size)


@pytest.mark.parametrize(
    ("met", "size", "grade"),
    [
        (18, 20, "green"),  # exactly 0.9: 0.9 as written, not the float just above it
        (17, 20, "amber"),
        (19, 20, "green"),
        (14, 20, "amber"),  # exactly 0.7
        (13, 20, "red"),
        (0, 20, "red"),
        (20, 20, "green"),
        (63, 90, "amber"),  # 0.7 exactly, where 63/90 in floats is 0.7000000000000001
        (62, 90, "red"),
        (81, 90, "green"),
        (80, 90, "amber"),
        (9, 9, TOO_SMALL),  # below the minimum of 10
        (7, 10, "amber"),
    ],
)
def test_supported_grade_at_and_around_every_threshold(met: int, size: int, grade: str) -> None:
    assert supported_grade(FRAMEWORK, IR, Sample(size=size, met=met)) == grade


@pytest.mark.parametrize(
    ("met", "size", "grade"),
    [(49, 100, "inadequate"), (50, 100, "requires-improvement"), (79, 100, "requires-improvement"),
     (80, 100, "good"), (94, 100, "good"), (95, 100, "outstanding"), (100, 100, "outstanding")],
)  # fmt: skip
def test_supported_grade_on_a_four_grade_scale(met: int, size: int, grade: str) -> None:
    assert supported_grade(FOUR, FOUR.criterion("T1C1"), Sample(size=size, met=met)) == grade


def test_a_grade_without_a_threshold_is_never_supported() -> None:
    framework = parse_framework(sample_framework_yaml(thresholds={"amber": 0.6}, minimum=1))
    assert supported_grade(framework, framework.criterion("T1C1"), Sample(size=10, met=10)) == "amber"


@given(size=st.integers(1, 400), data=st.data())
def test_supported_grade_never_rises_when_met_falls(size: int, data: st.DataObject) -> None:
    met = data.draw(st.integers(0, size))
    fewer = data.draw(st.integers(0, met))
    for framework in (FRAMEWORK, FOUR):
        criterion = framework.criterion("T1C1")
        higher = supported_grade(framework, criterion, Sample(size=size, met=met))
        lower = supported_grade(framework, criterion, Sample(size=size, met=fewer))
        if TOO_SMALL in (higher, lower):
            assert higher == lower == TOO_SMALL
        else:
            assert framework.rank(lower) <= framework.rank(higher)


@given(size=st.integers(1, 10_000), data=st.data())
def test_interval_holds_the_share_and_stays_in_0_1(size: int, data: st.DataObject) -> None:
    met = data.draw(st.integers(0, size))
    low, high = wilson(met, size)
    assert 0.0 <= low <= met / size <= high <= 1.0


def test_words_say_the_share_interval_and_grade() -> None:
    shown = figures(FRAMEWORK, IR, Sample(size=20, met=14))
    assert shown.words(FRAMEWORK) == "14 of 20, 70%, 95% CI 48–85%, supports Amber"
    assert shown.as_json() == {
        "size": 20, "met": 14, "proportion": 0.7, "ci": [0.481, 0.8545], "supports": "amber",
    }  # fmt: skip


def test_percentages_never_round_to_0_or_100_unless_exact() -> None:
    assert (percent(999 / 1000), percent(1 / 1000), percent(1.0), percent(0.0)) == ("99%", "1%", "100%", "0%")


def test_cases_to_decide_a_straddled_threshold() -> None:
    shown = figures(FRAMEWORK, IR, Sample(size=20, met=16))  # 80%: CI 58–92% holds 0.7 and 0.9
    assert [(s.lower, s.higher) for s in shown.straddles] == [("red", "amber"), ("amber", "green")]
    needed = cases_to_decide(16, 20, 0.9)
    assert needed is not None
    from selfassess.logic.samples import _interval_at  # the smallest n, checked both sides

    assert _interval_at(0.8, needed, Z95)[1] < 0.9 <= _interval_at(0.8, needed - 1, Z95)[1]


def test_no_number_of_cases_decides_a_share_equal_to_the_threshold() -> None:
    assert cases_to_decide(18, 20, 0.9) is None
    assert cases_to_decide(14, 20, 0.9) is None  # already decided: the interval excludes 0.9


def test_pooled_is_sum_of_met_over_sum_of_cases() -> None:
    force = pooled(FRAMEWORK, IR, [Sample(size=20, met=14), Sample(size=30, met=29), Sample(size=10, met=10)])
    assert (force.met, force.size) == (53, 60)
    assert (force.low, force.high) == wilson(53, 60)
    assert pooled(FRAMEWORK, IR, []) is None


def _kinds(response: Response) -> list[str]:
    return [c.kind for c in contradictions(FRAMEWORK, IR, response)]


def test_rating_better_than_the_sample_supports() -> None:
    found = contradictions(FRAMEWORK, IR, Response(rating="green", sample=Sample(size=20, met=17)))
    assert [c.kind for c in found] == [NOT_SUPPORTED]
    assert found[0].message == (
        "T1C1 is rated Green but its sample (17 of 20, 85%, 95% CI 64–95%) supports Amber"
    )
    assert _kinds(Response(rating="amber", sample=Sample(size=20, met=17))) == []
    assert _kinds(Response(rating="red", sample=Sample(size=20, met=20))) == []  # worse is allowed


def test_sample_below_minimum() -> None:
    assert _kinds(Response(rating="green", sample=Sample(size=5, met=5))) == [BELOW_MINIMUM]


@pytest.mark.parametrize(
    "evidence",
    ["Every child was assessed.", "No overdue visits.", "Risk assessed in all cases.",
     "Supervisors always check.", "None were missed at the scene."],
)  # fmt: skip
def test_absolute_claims_beside_a_sample_with_failures(evidence: str) -> None:
    response = Response(rating="amber", evidence=evidence, sample=Sample(size=20, met=19))
    assert _kinds(response) == [ABSOLUTE_CLAIM]
    # the same words are true when every sampled case met the standard
    assert _kinds(Response(rating="green", evidence=evidence, sample=Sample(size=20, met=20))) == []


@pytest.mark.parametrize(
    ("evidence", "contradicts"),
    [("18 of 20 assessed.", True), ("18/20 assessed.", True), ("14 out of 20 assessed.", False),
     ("Assessed in 93% of cases.", True), ("Assessed in 70% of cases.", False),
     ("14 of 20 (70%); target 95%.", False), ("3 of 4 teams briefed; 14 of 20 assessed.", False),
     ("Meeting on 1/10/2026.", False)],
)  # fmt: skip
def test_other_figures_in_the_evidence(evidence: str, contradicts: bool) -> None:
    response = Response(rating="amber", evidence=evidence, sample=Sample(size=20, met=14))
    assert (_kinds(response) == [OTHER_FIGURE]) is contradicts


@pytest.mark.parametrize(
    "evidence",
    ["Adult present in all but 1 of 20.", "Both held for nearly every child.",
     "All 20 incidents reviewed: 19 of 20 met the standard.", "19 of 20 records named every child.",
     "1 of 20 had no plan recorded."],
)  # fmt: skip
def test_words_that_are_no_absolute_claim(evidence: str) -> None:
    assert _kinds(Response(rating="green", evidence=evidence, sample=Sample(size=20, met=19))) == []


def test_no_sample_no_contradictions() -> None:
    assert _kinds(Response(rating="green", evidence="Every case, 1 of 20.")) == []


@pytest.mark.parametrize(
    ("text", "understood"),
    [("Dip sample: 14 of 20 met.", (14, 20)), ("14/20 met, and 14 of 20 again", (14, 20)),
     ("No figures here", None), ("3 of 4 teams; 14 of 20 cases", None)],
)  # fmt: skip
def test_understood_sample(text: str, understood) -> None:
    assert understood_sample(text) == understood
