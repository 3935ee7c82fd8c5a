"""Criteria name their sources (`references`); unknown keys suggest an upgrade; the force-wide unit."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from selfassess.core.errors import FrameworkError
from selfassess.core.model import Criterion
from selfassess.formats.criteria import parse_framework

HEAD = """\
framework: test
title: Test
version: "1"
scale:
  - id: low
    label: Low
  - id: high
    label: High
themes:
  - id: one
    title: One
    criteria:
      - id: A1
        title: First
"""


def framework_with(extra: str):
    return parse_framework(HEAD + extra, "fw.yaml")


def test_references_are_read_with_their_optional_section() -> None:
    fw = framework_with(
        "        references:\n"
        "          - title: Assessment criteria\n"
        "            url: https://example.org/criteria\n"
        "            section: Leadership\n"
        "          - title: Methodology\n"
        "            url: http://example.org/method\n"
    )
    refs = fw.criterion("A1").references
    assert [(r.title, r.url, r.section) for r in refs] == [
        ("Assessment criteria", "https://example.org/criteria", "Leadership"),
        ("Methodology", "http://example.org/method", ""),
    ]


def test_a_framework_without_references_stays_valid() -> None:
    assert framework_with("").criterion("A1").references == ()


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        ("          - url: https://example.org/x\n", 16, "reference is missing required key 'title'"),
        ("          - title: No address\n", 16, "reference is missing required key 'url'"),
        (
            "          - title: Local file\n            url: file:///etc/passwd\n",
            17,
            "is not valid: an http:// or https:// address",
        ),
        (
            "          - title: Script\n            url: javascript:alert(1)\n",
            17,
            "an http:// or https:// address",
        ),
        ("          - title: Blank\n            url: https://\n", 17, "an http:// or https:// address"),
        ("          - Just a title\n", 16, "a reference must be a mapping"),
    ],
)
def test_a_bad_reference_is_refused_with_its_line(entry: str, line: int, message: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        framework_with("        references:\n" + entry)
    assert message in caught.value.message
    assert caught.value.line == line, str(caught.value)


def test_an_unknown_key_that_is_no_typo_suggests_a_newer_selfassess() -> None:
    with pytest.raises(FrameworkError) as caught:
        framework_with("        sources_of_truth: []\n")
    assert "written for a newer selfassess? upgrade" in caught.value.message
    with pytest.raises(FrameworkError) as typo:
        framework_with("        guidence: x\n")
    assert "did you mean 'guidance'?" in typo.value.message
    assert "newer" not in typo.value.message


def test_unknown_setting_and_assessment_key_suggest_an_upgrade(make_workspace, cli) -> None:
    root = make_workspace(extra_settings="[retention]\nyears = 7\n")  # a table no version knows
    result = cli("validate", "--workspace", str(root))
    assert result.returncode in (1, 2)
    assert "unknown setting 'retention'" in result.stdout + result.stderr
    assert "written for a newer selfassess? upgrade" in result.stdout + result.stderr


def test_the_force_wide_unit_is_asked_only_force_level_criteria() -> None:
    district = Criterion("D1", "District", "t")
    custody = Criterion("C1", "Custody", "t", applies_to=("custody",))
    force = Criterion("F1", "Force", "t", applies_to=("force-wide",))
    assert [c.applies(()) for c in (district, custody, force)] == [True, False, False]
    assert [c.applies(("custody",)) for c in (district, custody, force)] == [True, True, False]
    assert [c.applies(("force-wide",)) for c in (district, custody, force)] == [False, False, True]


def test_init_adds_a_force_wide_unit(tmp_path: Path, cli) -> None:
    root = tmp_path / "ws"
    result = cli("init", str(root), "--districts", "north,south", "--force-unit", "force")
    assert result.returncode == 0, result.stderr
    settings = tomllib.loads((root / "selfassess.toml").read_text())
    assert settings["districts"] == ["north", "south", "force"]
    assert settings["capabilities"] == {"force": ["force-wide"]}
    check = cli("validate", "--workspace", str(root))
    assert check.returncode == 0, check.stdout + check.stderr


def test_init_refuses_a_force_unit_that_is_not_an_id(tmp_path: Path, cli) -> None:
    result = cli("init", str(tmp_path / "ws"), "--force-unit", "Force HQ")
    assert result.returncode == 2
    assert "'Force HQ' is not a district id" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_warns_when_force_level_criteria_have_no_force_wide_unit(tmp_path: Path, cli) -> None:
    root = tmp_path / "ws"
    assert cli("init", str(root), "--districts", "north,south").returncode == 0
    result = cli("validate", "--workspace", str(root))
    assert result.returncode == 0, result.stdout
    assert "selfassess.toml:" in result.stdout and "warning: framework 'ncpi' asks" in result.stdout
    assert "no unit has the capability 'force-wide'" in result.stdout


def test_validate_refuses_two_force_wide_units(tmp_path: Path, cli) -> None:
    root = tmp_path / "ws"
    assert cli("init", str(root), "--districts", "north", "--force-unit", "force").returncode == 0
    settings = root / "selfassess.toml"
    text = settings.read_text().replace('"force",', '"force", "hq",')
    settings.write_text(text + 'hq = ["force-wide"]\n')
    result = cli("validate", "--workspace", str(root))
    assert result.returncode == 1, result.stdout
    assert "2 units have the capability 'force-wide' (force, hq); list only one" in result.stdout
