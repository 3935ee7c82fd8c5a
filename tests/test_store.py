"""The canonical TOML store: exact round trips, the canonical form, atomic saves, conflicts."""

from __future__ import annotations

import os
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfassess import load_assessment, save_assessment
from selfassess.core.errors import AssessmentError, ConflictError
from selfassess.core.model import Action, Assessment, Response, Review
from selfassess.formats.atomic import remove_stale_temps, temp_path
from selfassess.formats.criteria import parse_framework
from selfassess.formats.store import (
    load_review,
    parse_assessment,
    render_assessment,
    save_review,
)

from conftest import framework_yaml

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=UTC)
HOSTILE = [
    "",
    "plain",
    "line one\nline two\n",
    "windows\r\nline endings\r\n",
    "a lone \r carriage return",
    'quotes " and "" and """ and """"',
    'ends with a quote"',
    'ends with three quotes"""',
    "back\\slash \\n not a newline \\",
    "tab\tseparated\tvalues",
    "control \x00 \x01 \x1b[31m \x7f characters",
    "emoji 👮‍♀️🧒🏽 and accents é ñ",
    "right-to-left: مرحبا بالعالم שלום",
    "[bold]markup[/] [/] [link=http://x]y[/link]",
    "\n\nstarts with blank lines",
    "ends with blank lines\n\n\n",
    "'''single''' quotes",
    "\u2028 line separator \u2029 paragraph separator \x85 next line",
]


@pytest.fixture
def framework():
    return parse_framework(framework_yaml(), "test.yaml")


def _assessment(text: str = "x") -> Assessment:
    return Assessment(
        framework="test",
        framework_version="1.0",
        district="north",
        period="2026-Q4",
        assessor=text or "DCI A. Example",
        updated=NOW,
        responses={
            "T1C1": Response(
                rating="amber",
                evidence=text,
                notes=text,
                as_of=date(2026, 10, 31),
                actions=[Action("T1C1-a1", text or "act", text, date(2027, 1, 31))],
            ),
            "T1C2": Response(not_applicable=text if text.strip() else "no suite", carried=True),
        },
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_typed_text_survives_save_and_load(tmp_path: Path, framework, text: str) -> None:
    path = tmp_path / "2026-Q4.toml"
    original = _assessment(text)
    save_assessment(original, path, framework)
    loaded = parse_assessment(path.read_bytes(), path, framework)
    assert loaded.responses["T1C1"].evidence == text
    assert loaded.responses["T1C1"].notes == text
    assert loaded.responses["T1C1"].actions[0].owner == text
    assert loaded.assessor == (text or "DCI A. Example")
    before = path.read_bytes()
    save_assessment(loaded, path, framework)
    assert path.read_bytes() == before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200))
def test_any_text_round_trips(tmp_path: Path, framework, text: str) -> None:
    path = tmp_path / "2026-Q4.toml"
    if path.exists():
        path.unlink()
    save_assessment(_assessment(text), path, framework)
    loaded = parse_assessment(path.read_bytes(), path, framework)
    assert loaded.responses["T1C1"].evidence == text
    assert loaded.responses["T1C1"].actions[0].action == (text or "act")
    assert render_assessment(loaded, framework).encode() == path.read_bytes()


def test_canonical_form(tmp_path: Path, framework) -> None:
    path = tmp_path / "2026-Q4.toml"
    assessment = _assessment("Dip sample of 20 incidents.\n17 of 20 named every child.\n")
    assessment.responses["T1C1"].actions[0].done = date(2027, 1, 20)
    save_assessment(assessment, path, framework)
    text = path.read_text()
    assert text.startswith('schema = 1\nframework = "test"\nframework_version = "1.0"\n')
    assert "updated = 2026-11-23T10:15:00Z\n" in text
    assert '\n[criteria.T1C1]\nrating = "amber"\nevidence = """\nDip sample' in text
    assert '\n[[criteria.T1C1.actions]]\nid = "T1C1-a1"\n' in text
    assert "due = 2027-01-31\ndone = 2027-01-20\n" in text
    assert text.index("[criteria.T1C1]") < text.index("[criteria.T1C2]")
    assert b"\r" not in path.read_bytes()


def test_years_before_1000_keep_four_digits() -> None:
    record = _assessment()
    record.updated = datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC)
    text = render_assessment(record)
    assert "updated = 0999-01-02T03:04:05Z" in text
    assert parse_assessment(text).updated == record.updated


def test_criteria_written_in_framework_order_and_empty_ones_omitted(tmp_path: Path, framework) -> None:
    assessment = _assessment()
    assessment.responses = {
        "T2C1": Response(rating="red"),
        "T1C3": Response(),
        "T1C1": Response(rating="green"),
    }
    text = render_assessment(assessment, framework)
    assert text.index("T1C1") < text.index("T2C1")
    assert "T1C3" not in text


def test_dotted_criterion_ids_are_quoted_keys() -> None:
    assessment = _assessment()
    assessment.responses = {"1.2": Response(rating="red")}
    text = render_assessment(assessment)
    assert '[criteria."1.2"]' in text
    assert tomllib.loads(text)["criteria"]["1.2"]["rating"] == "red"


def test_updated_moves_only_when_content_changes(tmp_path: Path, framework) -> None:
    path = tmp_path / "2026-Q4.toml"
    assessment = _assessment()
    save_assessment(assessment, path, framework)
    later = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert save_assessment(assessment, path, framework, now=later) is False
    assert assessment.updated == NOW
    assessment.responses["T1C1"].rating = "green"
    assert save_assessment(assessment, path, framework, now=later) is True
    assert "updated = 2026-12-01T09:00:00Z" in path.read_text()


def test_non_canonical_file_is_read_and_rewritten_without_moving_updated(tmp_path: Path, framework) -> None:
    path = tmp_path / "2026-Q4.toml"
    path.write_text(
        'schema = 1\nframework = "test"\ndistrict = "north"\nperiod = "2026-Q4"\n'
        "updated = 2026-11-23 11:15:00+01:00\n"
        'criteria.T1C1 = { rating = "amber", actions = [{ id = "a", action = "b", done = false }] }\n'
    )
    assessment = parse_assessment(path.read_bytes(), path, framework)
    assert assessment.updated == NOW
    assert save_assessment(assessment, path, framework, now=datetime(2027, 1, 1, tzinfo=UTC))
    assert "updated = 2026-11-23T10:15:00Z" in path.read_text()
    assert "[[criteria.T1C1.actions]]" in path.read_text()


def test_renamed_criterion_is_read_under_its_new_id(tmp_path: Path) -> None:
    yaml_text = framework_yaml().replace("      - id: T1C1\n", "      - id: T1C1\n        replaces: [OLD1]\n")
    framework = parse_framework(yaml_text, "test.yaml")
    text = render_assessment(_assessment()).replace("[criteria.T1C1]", "[criteria.OLD1]")
    text = text.replace("criteria.T1C1.actions", "criteria.OLD1.actions")
    assessment = parse_assessment(text, "x.toml", framework)
    assert "T1C1" in assessment.responses and "OLD1" not in assessment.responses
    path = tmp_path / "2026-Q4.toml"
    save_assessment(assessment, path, framework)
    assert "[criteria.T1C1]" in path.read_text()


def test_save_refuses_to_overwrite_a_file_changed_on_disk(tmp_path: Path, framework) -> None:
    path = tmp_path / "2026-Q4.toml"
    save_assessment(_assessment(), path, framework)
    mine = parse_assessment(path.read_bytes(), path, framework)
    theirs = parse_assessment(path.read_bytes(), path, framework)
    theirs.responses["T1C1"].rating = "red"
    save_assessment(theirs, path, framework)
    on_disk = path.read_bytes()
    mine.responses["T1C1"].evidence = "my new evidence"
    with pytest.raises(ConflictError):
        save_assessment(mine, path, framework)
    assert path.read_bytes() == on_disk


def test_save_refuses_to_create_over_an_existing_file(tmp_path: Path, framework) -> None:
    path = tmp_path / "2026-Q4.toml"
    path.write_text("someone else's file")
    with pytest.raises(ConflictError):
        save_assessment(_assessment(), path, framework)
    assert path.read_text() == "someone else's file"


def test_temp_files_of_dead_writers_are_removed_by_the_next_save(tmp_path: Path, framework) -> None:
    path = tmp_path / "2026-Q4.toml"
    dead = temp_path(path).with_name(temp_path(path).name.replace(f".{os.getpid()}.", ".999999999."))
    dead.write_text("torn")
    alive = temp_path(path).with_name(temp_path(path).name.replace(f".{os.getpid()}.", f".{os.getppid()}."))
    alive.write_text("in progress")
    save_assessment(_assessment(), path, framework)
    assert not dead.exists()
    assert alive.exists(), "a live writer's temporary file must be left alone"
    assert remove_stale_temps(path) == []


def test_failed_write_leaves_the_old_file(tmp_path: Path, framework, monkeypatch) -> None:
    path = tmp_path / "2026-Q4.toml"
    assessment = _assessment()
    save_assessment(assessment, path, framework)
    before = path.read_bytes()

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("selfassess.formats.atomic.os.replace", no_space)
    assessment.responses["T1C1"].evidence = "changed"
    with pytest.raises(OSError):
        save_assessment(assessment, path, framework)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["2026-Q4.toml"]


def test_review_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q4.review.toml"
    review = Review("ACC B. Example", NOW, "a" * 64, 'Good progress.\n"""[/]\r\n')
    save_review(review, path)
    loaded = load_review(path)
    assert loaded == review
    before = path.read_bytes()
    save_review(loaded, path)
    assert path.read_bytes() == before


def test_load_assessment_outside_a_workspace_uses_the_bundled_framework(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text(
        'schema = 1\nframework = "ncpi"\ndistrict = "north"\nperiod = "2026-Q4"\n\n'
        '[criteria.IR1]\nrating = "purple"\n'
    )
    with pytest.raises(AssessmentError) as caught:
        load_assessment(path)
    assert caught.value.line == 7
    assert "not in the scale" in str(caught.value)


# values of every type TOML has, some right for a key and most wrong
_ANY_VALUE = st.sampled_from(
    [
        "",
        " ",
        "red",
        "x\ny",
        True,
        False,
        -1,
        0,
        2,
        1.5,
        date(2026, 5, 1),
        datetime(2026, 5, 1, 9, 30, tzinfo=UTC),
        [],
        {},
    ]
)


def _spoilt(good: st.SearchStrategy[dict], keys: list[str]) -> st.SearchStrategy[dict]:
    """A well-formed table, half the time with one key (perhaps unknown) given any value at all."""
    spoil = st.lists(st.tuples(st.sampled_from([*keys, "colour"]), _ANY_VALUE), max_size=1)
    return st.builds(lambda table, spoils: {**table, **dict(spoils)}, good, spoil)


_ACTION = _spoilt(
    st.fixed_dictionaries(
        {"id": st.sampled_from(["A1", "A2"]), "action": st.just("Audit the files")},
        optional={
            "owner": st.just("Sam"),
            "due": st.just(date(2026, 3, 1)),
            "done": st.sampled_from([False, date(2026, 4, 1)]),
        },
    ),
    ["id", "action", "owner", "due", "done"],
)
_RESPONSE = _spoilt(
    st.fixed_dictionaries(
        {},
        optional={
            "rating": st.sampled_from(["red", "green"]),
            "evidence": st.just("An audit of 30 files."),
            "notes": st.just("Noted."),
            "as_of": st.just(date(2026, 2, 1)),
            "carried": st.booleans(),
            "actions": st.lists(_ACTION, max_size=3),
        },
    ),
    ["rating", "not_applicable", "evidence", "notes", "as_of", "carried", "actions"],
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(criteria=st.dictionaries(st.sampled_from(["a.1", "a.2"]), _RESPONSE, max_size=2))
def test_well_typed_tables_read_at_once_as_the_checks_read_them(
    criteria: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Criteria tables whose values are all of the right type are read without checking key by key:
    the assessment, or the error and its line, is exactly what the key-by-key checks give."""
    import tomli_w

    from selfassess.formats import store

    table = {"schema": 1, "framework": "ncpi", "district": "doncaster", "period": "2026-Q4"}
    text = tomli_w.dumps({**table, "criteria": criteria})

    def read() -> object:
        try:
            return store.parse_assessment(text, "x.toml")
        except AssessmentError as error:
            return (error.message, error.line)

    quick = read()
    with monkeypatch.context() as patch:
        patch.setattr(store, "_well_typed", lambda *args: False)
        assert read() == quick
