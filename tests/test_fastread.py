"""The quick reader of canonical files never changes what a file means nor the error it gives."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfassess import store
from selfassess.errors import SelfAssessError
from selfassess.fastread import canonical_table
from selfassess.model import Action, Assessment, Response
from selfassess.store import parse_assessment, read_with_tomllib, render_assessment

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus" / "assessments"

text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=80)
lines = st.lists(text, max_size=4).map("\n".join)
day = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
action = st.builds(
    Action,
    id=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,8}", fullmatch=True),
    action=text.filter(str.strip),
    owner=text,
    due=st.none() | day,
    done=st.just(False) | day,
)
response = st.builds(
    Response,
    rating=st.none() | st.sampled_from(["red", "amber", "green", "Outstanding", 'a "b"']),
    evidence=lines,
    notes=lines,
    as_of=st.none() | day,
    carried=st.booleans(),
    actions=st.lists(action, max_size=3, unique_by=lambda a: a.id),
)
assessment = st.builds(
    Assessment,
    framework=st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
    framework_version=text,
    district=st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
    period=st.sampled_from(["2025-Q4", "2026-Q1", "1999-Q3"]),
    status=st.sampled_from(["draft", "submitted"]),
    assessor=text,
    updated=st.none() | st.datetimes(timezones=st.just(UTC)).map(lambda d: d.replace(microsecond=0)),
    responses=st.dictionaries(st.from_regex(r"[A-Za-z0-9_.-]{1,8}", fullmatch=True), response, max_size=4),
)


def _outcome(read, text: str) -> object:
    """The assessment ``read`` gives, or the error's message and line."""
    try:
        return read(text)
    except SelfAssessError as error:
        return (error.message, error.line)


def _slow(text: str) -> object:
    return _outcome(lambda t: read_with_tomllib(t, "a.toml"), text)


def _quick(text: str) -> object:
    return _outcome(lambda t: parse_assessment(t, "a.toml"), text)


@settings(max_examples=300, deadline=None)
@given(assessment)
def test_canonical_text_reads_as_tomllib_reads_it(record: Assessment) -> None:
    rendered = render_assessment(record)
    table = canonical_table(rendered)
    if any("." in cid for cid in record.responses):
        assert table is None  # quoted keys are left to tomllib
    else:
        assert table == tomllib.loads(rendered)
    assert _quick(rendered) == _slow(rendered)


EDITS = st.sampled_from(['"', "\\", "\n", "=", "[", "]", "#", " ", "\t", "\r", "\x00", "0", "x", "é", "'"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessment, st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 2), EDITS), max_size=3))
def test_any_edit_to_a_canonical_file_reads_or_fails_exactly_as_with_tomllib(record, edits) -> None:
    text = render_assessment(record)
    for where, how, char in edits:
        i = where % (len(text) + 1)
        text = text[:i] + char + text[i + (how > 0) :] if how < 2 else text[:i] + text[i + 1 :]
    assert _quick(text) == _slow(text)


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(CORPUS.glob("*.toml")) if p.name != "invalid_utf8.toml"],  # refused before reading
    ids=lambda p: p.name,
)
def test_corpus_files_give_the_same_result_either_way(path: Path) -> None:
    text = store.decode(path.read_bytes(), str(path))
    assert _quick(text) == _slow(text)


def test_the_demo_is_read_by_the_quick_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files selfassess wrote never reach tomllib when read (the speed of validate depends on it)."""
    files = sorted((REPO / "assessments").glob("*/20??-Q?.toml"))
    assert len(files) >= 20
    expected = [read_with_tomllib(f.read_text("utf-8"), f) for f in files]

    def refuse(text: str, path: str) -> None:
        raise AssertionError(f"{path} was read with tomllib")

    monkeypatch.setattr(store, "parse_toml", refuse)
    assert [parse_assessment(f.read_bytes(), f) for f in files] == expected


def test_a_hand_edited_file_is_read_by_tomllib(monkeypatch: pytest.MonkeyPatch) -> None:
    record = Assessment(
        framework="ncpi",
        framework_version="1",
        district="north",
        period="2026-Q4",
        updated=datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
        responses={"A1": Response(rating="red", evidence="x")},
    )
    text = render_assessment(record).replace('rating = "red"', "rating = 'red'  # a comment")
    seen = []
    real = store.parse_toml
    monkeypatch.setattr(store, "parse_toml", lambda t, p: seen.append(p) or real(t, p))
    assert parse_assessment(text, "a.toml") == record
    assert seen == ["a.toml"]


@pytest.mark.parametrize(
    "broken",
    [
        'schema = 1\nschema = 2\nframework = "x"\n',  # duplicate key
        'schema = 01\nframework = "x"\n',  # leading zero
        'schema = 1\nframework = "x\\q"\n',  # unknown escape
        'schema = 1\nframework = "x"\nupdated = 2026-02-30T00:00:00Z\n',  # no such day
        'schema = 1\nframework = "a\x01b"\n',  # raw control character
        'schema = 1\nframework = "\\uD800"\n',  # a surrogate
        'schema = 1\nframework = "\\U00110000"\n',  # beyond Unicode
    ],
)
def test_invalid_toml_that_looks_canonical_gets_tomllibs_error(broken: str) -> None:
    with pytest.raises(SelfAssessError) as slow:
        read_with_tomllib(broken, "a.toml")
    with pytest.raises(SelfAssessError) as quick:
        parse_assessment(broken, "a.toml")
    assert (quick.value.message, quick.value.line) == (slow.value.message, slow.value.line)
