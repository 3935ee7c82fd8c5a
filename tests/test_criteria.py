"""Loading criteria frameworks: each refusal in the corpus, the size limit, valid files."""

from __future__ import annotations

import csv
import hashlib
import time
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.core.errors import FrameworkError
from selfassess.formats.criteria import MAX_FRAMEWORK_BYTES, load_framework, parse_framework

CORPUS = Path(__file__).parent / "corpus" / "frameworks"
NCPI = Path(__file__).parent.parent / "criteria" / "ncpi.yaml"
VALID = {"bom.yaml", "dotted_ids.yaml", "four_grades.yaml", "full.yaml"}


def expected_refusals() -> list[tuple[str, int, str]]:
    with open(CORPUS / "expected.tsv", encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["file"], int(row["line"]), row["message_substring"]) for row in rows]


REFUSALS = expected_refusals()


@pytest.mark.parametrize(("name", "line", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_corpus_file_is_refused_at_its_line(name: str, line: int, message: str) -> None:
    path = CORPUS / name
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    error = caught.value
    assert message in error.message
    assert error.line == line, str(error)
    assert str(error).startswith(f"{path}:{line}:")


def test_every_corpus_file_is_either_expected_to_fail_or_valid() -> None:
    files = {p.name for p in CORPUS.glob("*.yaml")}
    refused = {name for name, _, _ in REFUSALS}
    assert files == refused | VALID
    assert not refused & VALID


def test_unquoted_version_points_at_the_value() -> None:
    with pytest.raises(FrameworkError) as caught:
        load_framework(CORPUS / "unquoted_version.yaml")
    assert (caught.value.line, caught.value.column) == (3, 10)


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    started = time.perf_counter()
    with pytest.raises(FrameworkError, match="anchors and aliases"):
        load_framework(CORPUS / "alias_bomb.yaml")
    assert time.perf_counter() - started < 1


def test_file_over_one_megabyte_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes((CORPUS / "four_grades.yaml").read_bytes() + b"#" * MAX_FRAMEWORK_BYTES)
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert caught.value.message == "framework file is larger than 1 MB"
    assert str(caught.value).startswith(str(path))


def test_text_over_one_megabyte_is_refused() -> None:
    with pytest.raises(FrameworkError, match="larger than 1 MB"):
        parse_framework("#" * (MAX_FRAMEWORK_BYTES + 1))


def test_file_of_exactly_one_megabyte_loads(tmp_path: Path) -> None:
    data = (CORPUS / "four_grades.yaml").read_bytes()
    path = tmp_path / "padded.yaml"
    path.write_bytes(data + b"#" * (MAX_FRAMEWORK_BYTES - len(data) - 1) + b"\n")
    assert path.stat().st_size == MAX_FRAMEWORK_BYTES
    assert load_framework(path).id == "peel"


def test_missing_file_is_a_framework_error(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="cannot read framework file") as caught:
        load_framework(tmp_path / "absent.yaml")
    assert str(caught.value).startswith(str(tmp_path / "absent.yaml"))


def test_four_grade_scale_is_ordered_worst_first() -> None:
    framework = load_framework(CORPUS / "four_grades.yaml")
    ids = [grade.id for grade in framework.scale]
    assert ids == ["inadequate", "requires-improvement", "good", "outstanding"]
    assert [grade.number for grade in framework.scale] == [1, 2, 3, 4]
    assert framework.worst.label == "Inadequate"
    assert framework.grade("outstanding").meaning == "Exceptional, and an example to others."
    assert framework.grade("requires-improvement").colour == "#ffbf00"
    assert framework.actions_required_below == "good"
    assert framework.needs_action("requires-improvement")
    assert not framework.needs_action("good")
    assert framework.movement("inadequate", "outstanding") == "better"


def test_dotted_ids_and_quoted_version_load() -> None:
    framework = load_framework(CORPUS / "dotted_ids.yaml")
    assert framework.version == "1.10"
    assert [c.id for c in framework.criteria] == ["1.1", "1.2", "V1.1a"]
    assert framework.current_id("V1.1") == "V1.1a"
    assert framework.criterion("1.0").id == "V1.1a"


def test_every_field_is_read() -> None:
    path = CORPUS / "full.yaml"
    framework = load_framework(path)
    assert framework.path == str(path)
    assert framework.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [t.id for t in framework.themes] == ["initial-response", "custody"]
    assert framework.themes[0].description.startswith("How officers")
    ir1 = framework.criterion("IR1")
    assert ir1.theme == "initial-response"
    assert ir1.line == 21
    assert ir1.question == "Do attending officers identify children present?"
    assert ir1.guidance == "Look for *recorded* risk assessments.\n"
    assert ir1.evidence == ("Dip sample of domestic abuse incidents", "No-further-action decisions")
    assert ir1.replaces == ("IR-01", "IR-1")
    assert ir1.weight == 2
    assert isinstance(ir1.levels, MappingProxyType)
    assert dict(ir1.levels) == {
        "red": "Children present are not identified.",
        "green": "Risk to every child present is assessed at the scene.",
    }
    assert framework.current_id("IR-01") == "IR1"
    assert framework.theme_of("IR-1").id == "initial-response"
    assert framework.criterion("IR2").weight == 0.5
    assert framework.criterion("IR2").levels == {}
    cc1 = framework.criterion("CC1")
    assert cc1.applies_to == ("custody", "custody-suite-2")
    assert [c.id for c in framework.applicable([])] == ["IR1", "IR2"]
    assert [c.id for c in framework.applicable(["custody"])] == ["IR1", "IR2", "CC1"]
    assert [r.id for r in framework.retired] == ["IR0", "CC0"]
    assert framework.retired_criterion("IR0").retired_in == "2015.2"
    assert framework.retired_criterion("CC0").retired_in == ""
    assert framework.is_known("IR0") and not framework.is_known("IR3")
    assert framework.grade("amber").colour == "#FFBF00"


def test_bom_is_stripped_but_hashed() -> None:
    path = CORPUS / "bom.yaml"
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    framework = load_framework(path)
    assert framework.id == "bom"
    assert framework.sha256 == hashlib.sha256(data).hexdigest()


def test_parse_accepts_text_or_bytes() -> None:
    text = (CORPUS / "full.yaml").read_text(encoding="utf-8")
    from_text = parse_framework(text)
    from_bytes = parse_framework(text.encode("utf-8"), path="elsewhere.yaml")
    assert from_text.path == "<string>"
    assert from_bytes.path == "elsewhere.yaml"
    assert from_text.sha256 == from_bytes.sha256
    assert from_text.themes == from_bytes.themes


def test_parse_errors_name_the_given_path() -> None:
    with pytest.raises(FrameworkError) as caught:
        parse_framework("framework: demo\nframework: again\n", path="mine.yaml")
    assert str(caught.value).startswith("mine.yaml:2:1: duplicate key 'framework'")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_any_input_gives_a_framework_or_a_framework_error(text_or_bytes: str | bytes) -> None:
    try:
        parse_framework(text_or_bytes)
    except FrameworkError as error:
        assert error.line is None or error.line >= 1
        assert error.column is None or error.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_edited_framework_gives_a_framework_or_a_framework_error(data: st.DataObject) -> None:
    lines = (CORPUS / "full.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    index = data.draw(st.integers(0, len(lines) - 1))
    pieces = st.sampled_from(["&a ", "*a", "!!str ", "- ", ": ", "[", "{", "yes", "1.10", "~", "#"])
    column = data.draw(st.integers(0, len(lines[index])))
    lines[index] = lines[index][:column] + data.draw(pieces) + lines[index][column:]
    try:
        parse_framework("".join(lines))
    except FrameworkError as error:
        assert error.line is not None and error.line >= 1


@pytest.mark.skipif(not NCPI.exists(), reason="criteria/ncpi.yaml not written yet")
def test_bundled_ncpi_framework_loads() -> None:
    framework = load_framework(NCPI)
    assert framework.id == "ncpi"
    assert len(framework.themes) >= 5
    assert len(framework.criteria) >= 25
    assert all(len(theme.criteria) >= 2 for theme in framework.themes)
