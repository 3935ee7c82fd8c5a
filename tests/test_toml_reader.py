"""The compiled TOML reader never changes what a file means, whether it is accepted, or the error it gives.

A differential test: ``quicktoml.loads`` (toml_rs, TOML 1.0) against ``tomllib``, the reference, on random
documents whose generator emits TOML 1.1 syntax, CRLF and lone CR on purpose; on random assessments in
the canonical form and as tomli-w writes them; on random edits of canonical files; on the corpus; and on
the edge cases issue 18 lists.
"""

from __future__ import annotations

import math
import subprocess
import sys
import tomllib
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfassess.core.errors import SelfAssessError
from selfassess.core.model import Action, Assessment, Response
from selfassess.formats import quicktoml, store, tomlread
from selfassess.formats.store import parse_assessment, read_with_tomllib, render_assessment

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus"

# -- comparing readings exactly -----------------------------------------------------------------------


def exact(value: Any) -> Any:
    """``value`` with every type, key order and float bit made part of what ``==`` compares."""
    if isinstance(value, dict):
        return ("dict", [(k, exact(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [exact(v) for v in value])
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else repr(value))
    if isinstance(value, datetime | time):
        offset = value.utcoffset()
        return (type(value).__name__, value.isoformat(), offset, type(value.tzinfo).__name__)
    return (type(value).__name__, value)


def tomllib_reading(text: str) -> Any:
    try:
        return exact(tomllib.loads(text))
    except tomllib.TOMLDecodeError:
        return "refused"


def assert_agrees(text: str, expect_compiled: bool = False) -> None:
    """Whatever the compiled reader returns is what tomllib gives; it returns nothing tomllib refuses."""
    compiled = quicktoml.loads(text)
    reference = tomllib_reading(text)
    if compiled is None:
        assert not expect_compiled, "the compiled reader left a plain file to tomllib"
        return
    assert reference != "refused", f"the compiled reader accepted what tomllib refuses: {text!r}"
    assert exact(compiled) == reference


# -- random TOML documents, TOML 1.1 and odd line ends included on purpose ----------------------------

_chars = st.sampled_from(list("aZ0 \té😀'\"\\#=[]{},.") + ["\x7f", "\x00", "\x1b", "\u2028", "\ufeff"])
_escapes = st.sampled_from(
    ["\\n", "\\t", "\\\\", '\\"', "\\u00e9", "\\U0001F600", "\\q", "\\ "]
    + ["\\e", "\\x41"]  # TOML 1.1 only
    + ["\\ud800", "\\U00110000"]  # not Unicode scalar values
)
_body = st.lists(_chars | _escapes, max_size=8).map("".join)
_newline = st.sampled_from(["\n", "\r\n", "\r"])
_ml_body = st.lists(_chars | _escapes | _newline | st.just("\\\n  "), max_size=10).map("".join)
_string = st.one_of(
    _body.map(lambda b: f'"{b}"'),
    _body.map(lambda b: f"'{b}'"),
    st.tuples(_newline, _ml_body, st.sampled_from(['"""', '""""', '"""""'])).map(
        lambda t: f'"""{t[0]}{t[1]}{t[2]}'
    ),
    st.tuples(_newline, _ml_body).map(lambda t: f"'''{t[0]}{t[1]}'''"),
)
_digits = st.from_regex(r"[0-9](_?[0-9]){0,24}", fullmatch=True)
_integer = st.one_of(
    st.tuples(st.sampled_from(["", "+", "-"]), _digits).map("".join),
    st.sampled_from(["0xDEAD_beef", "0o755", "0b1101", "9223372036854775807", "-9223372036854775808",
                     "9223372036854775808", "99999999999999999999999", "0x", "01", "1__0", "_1"]),
)  # fmt: skip
_float = st.one_of(
    st.tuples(_digits, st.sampled_from([".", ".5", ".0_1", "e5", "E-3", ".5e+400", "e400"])).map("".join),
    st.sampled_from(["inf", "+inf", "-inf", "nan", "-nan", "-0.0", "1e400", "-1e400", "1e-400"]),
    st.sampled_from([".5", "1.e5"]),
)
_year = st.sampled_from(["0000", "0001", "1999", "2026", "9999"])
_month = st.sampled_from(["00", "01", "02", "12", "13"])
_day = st.sampled_from(["00", "01", "28", "29", "30", "31", "32"])
_clock = st.tuples(
    st.sampled_from(["00", "09", "23", "24"]),
    st.sampled_from([":00", ":59", ":60"]),
    st.sampled_from(["", ":00", ":59", ":60", ":00.5", ":00.123456789"]),  # no seconds: TOML 1.1
).map("".join)
_offset = st.sampled_from(["", "Z", "z", "+00:00", "-00:00", "+05:30", "+23:59", "-23:59", "+24:00", "+1:00"])
_datetime = st.one_of(
    st.tuples(_year, st.just("-"), _month, st.just("-"), _day).map("".join),
    st.tuples(_year, st.just("-"), _month, st.just("-"), _day, st.sampled_from("Tt "), _clock, _offset).map(
        "".join
    ),
    _clock,
)
_scalar = _string | _integer | _float | _datetime | st.sampled_from(["true", "false", "True", "null"])
_key = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,4}", fullmatch=True),
    _body.map(lambda b: f'"{b}"'),
    st.sampled_from(["a.b", "a . b", "'x'.y", "é", ""]),
)


def _container(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    gap = st.sampled_from(["", " ", "\n", "\r\n", " # c\n"])
    trailing = st.sampled_from(["", ","])  # a trailing comma in an inline table: TOML 1.1
    array = st.tuples(st.lists(st.tuples(gap, inner), max_size=3), trailing, gap).map(
        lambda t: "[" + ",".join(g + v for g, v in t[0]) + t[1] + t[2] + "]"
    )
    table = st.tuples(st.lists(st.tuples(gap, _key, inner), max_size=3), trailing, gap).map(
        lambda t: "{" + ",".join(f"{g}{k} = {v}" for g, k, v in t[0]) + t[1] + t[2] + "}"
    )
    return array | table


_value = st.recursive(_scalar, _container, max_leaves=6)
_line = st.one_of(
    st.tuples(_key, st.sampled_from([" = ", "=", "\t=\t", " "]), _value).map("".join),
    _key.map(lambda k: f"[{k}]"),
    _key.map(lambda k: f"[[{k}]]"),
    st.just("# a comment"),
    st.just(""),
)
document = st.lists(st.tuples(_line, _newline), max_size=8).map(lambda ls: "".join(a + b for a, b in ls))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_random_documents_read_the_same_or_are_left_to_tomllib(text: str) -> None:
    assert_agrees(text)


# -- assessments: canonical, as tomli-w writes them, and edited ---------------------------------------

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
def test_assessments_canonical_and_as_tomli_w_writes_them_read_the_same(record: Assessment) -> None:
    rendered = render_assessment(record)
    assert_agrees(rendered, expect_compiled=True)
    assert _quick(rendered) == _slow(rendered)
    foreign = tomli_w.dumps(tomllib.loads(rendered), multiline_strings=True)
    assert_agrees(foreign, expect_compiled=True)
    assert _quick(foreign) == _slow(foreign)
    crlf = foreign.replace("\n", "\r\n")  # as a Windows editor might save it
    assert_agrees(crlf, expect_compiled=True)
    assert _quick(crlf) == _slow(crlf)


EDITS = st.sampled_from(['"', "\\", "\n", "=", "[", "]", "#", " ", "\t", "\r", "\x00", "0", "x", "é", "'"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessment, st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 2), EDITS), max_size=3))
def test_any_edit_to_a_canonical_file_reads_or_fails_exactly_as_with_tomllib(record, edits) -> None:
    text = render_assessment(record)
    for where, how, char in edits:
        i = where % (len(text) + 1)
        text = text[:i] + char + text[i + (how > 0) :] if how < 2 else text[:i] + text[i + 1 :]
    assert_agrees(text)
    assert _quick(text) == _slow(text)


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(CORPUS.glob("*/*.toml")) if p.name != "invalid_utf8.toml"],  # refused before reading
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_corpus_files_give_the_same_result_either_way(path: Path) -> None:
    text = store.decode(path.read_bytes(), str(path))
    assert_agrees(text)
    if path.parent.name == "assessments":
        assert _quick(text) == _slow(text)


def test_the_demo_never_reaches_tomllib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files selfassess wrote are read by the compiled reader (the speed of validate depends on it)."""
    files = sorted((REPO / "assessments").glob("*/20??-Q?.toml"))
    assert len(files) >= 20
    expected = [read_with_tomllib(f.read_text("utf-8"), f) for f in files]

    def refuse(text: str, path: str) -> None:
        raise AssertionError(f"{path} was read with tomllib")

    monkeypatch.setattr(tomlread, "_tomllib", refuse)
    assert [parse_assessment(f.read_bytes(), f) for f in files] == expected


def test_a_hand_edited_file_is_read_by_the_compiled_reader_too(monkeypatch: pytest.MonkeyPatch) -> None:
    record = Assessment(
        framework="ncpi",
        framework_version="1",
        district="north",
        period="2026-Q4",
        updated=datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
        responses={"A1": Response(rating="red", evidence="x")},
    )
    text = render_assessment(record).replace('rating = "red"', "rating = 'red'  # a comment")
    monkeypatch.setattr(tomlread, "_tomllib", lambda t, p: pytest.fail("read with tomllib"))
    assert parse_assessment(text, "a.toml") == record


@pytest.mark.parametrize(
    "broken",
    [
        'schema = 1\nschema = 2\nframework = "x"\n',  # duplicate key
        'schema = 01\nframework = "x"\n',  # leading zero
        'schema = 1\nframework = "x\\q"\n',  # unknown escape
        'schema = 1\nframework = "x\\e"\n',  # an escape only TOML 1.1 knows
        "schema = 1\nframework = { a = 1, }\n",  # a trailing comma: TOML 1.1
        'schema = 1\nframework = "x"\nupdated = 2026-02-30T00:00:00Z\n',  # no such day
        'schema = 1\nframework = "x"\nupdated = 2026-01-01T10:00Z\n',  # no seconds: TOML 1.1
        'schema = 1\nframework = "x"\nupdated = 0000-01-01T00:00:00Z\n',  # year 0
        'schema = 1\nframework = "a\x01b"\n',  # raw control character
        "schema = 1\n# a comment with DEL \x7f\n",  # refused in comments too
        'schema = 1\nframework = "\\uD800"\n',  # a surrogate
        'schema = 1\nframework = "\\U00110000"\n',  # beyond Unicode
        '\ufeffschema = 1\nframework = "x"\n',  # a second byte order mark (decode drops the first)
    ],
)
def test_invalid_toml_gets_tomllibs_error(broken: str) -> None:
    assert quicktoml.loads(broken) is None
    with pytest.raises(SelfAssessError) as slow:
        read_with_tomllib(broken, "a.toml")
    with pytest.raises(SelfAssessError) as quick:
        parse_assessment(broken, "a.toml")
    assert (quick.value.message, quick.value.line) == (slow.value.message, slow.value.line)


@pytest.mark.parametrize(
    "edge",
    [
        "a = 2026-01-02T03:04:05+05:30\n",  # an offset
        "a = 2026-01-02 03:04:05-00:00\nb = 2026-01-02t03:04:05z\n",  # other spellings of UTC
        "a = 2026-01-02T03:04:05.1234567-01:00\n",  # more digits than a microsecond
        "a = 2026-01-02T03:04:05\nb = 2026-01-02\nc = 03:04:05\n",  # local date-time, date, time
        "a = 0001-01-01\nb = 9999-12-31\n",  # the date range
        "a = 0001-01-01T00:00:00+23:59\nb = 9999-12-31T23:59:59-23:59\n",  # offsets at the ends
        'a = """\r\nx\r\ny"""\r\n',  # CRLF inside a multi-line string: "\n", as tomllib gives
        "a = '''\r\nx\r\n'''\r\n",
        "a = 99999999999999999999\nb = -9223372036854775809\n",  # beyond 64 bits
        "a = 1e400\nb = -0.0\nc = nan\n",
        "[t]\nz = 1\na = 2\n[[t.x]]\n[[t.x]]\nq = 1\n",  # key order and arrays of tables
    ],
)
def test_edge_cases_read_exactly_as_tomllib_reads_them(edge: str) -> None:
    assert tomllib_reading(edge) != "refused"
    assert_agrees(edge)


def test_lone_cr_is_refused_with_tomllibs_error() -> None:
    broken = 'schema = 1\rframework = "x"\n'
    assert quicktoml.loads(broken) is None
    with pytest.raises(SelfAssessError, match="not valid TOML"):
        parse_assessment(broken, "a.toml")


def test_deep_nesting_never_reaches_the_compiled_reader() -> None:
    """The compiled parser recurses on the C stack; too deep a file would kill the process, so it is
    left to tomllib. In a subprocess with a 512 KB thread stack, so a crash fails the test cleanly."""
    program = (
        "import threading\n"
        "from selfassess.formats import quicktoml\n"
        "threading.stack_size(512 * 1024)\n"
        "docs = ['a = ' + '[' * 5000 + ']' * 5000, 'a = ' + '{b=' * 5000 + '1' + '}' * 5000,\n"
        "        'a = [\\n' + '[\\n' * 400 + ']\\n' * 400 + ']', '[t]\\na = ' + '[' * 300 + ']' * 300]\n"
        "out = []\n"
        "t = threading.Thread(target=lambda: out.extend(quicktoml.loads(d) for d in docs))\n"
        "t.start(); t.join()\n"
        "print(out)\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[None, None, None, None]"


def test_many_table_headers_are_not_mistaken_for_nesting() -> None:
    """Headers close on their own line: a file with hundreds of them still takes the quick path."""
    one = "[criteria.C{0}]\nrating = 'red'\n[[criteria.C{0}.actions]]\nid = 'a'\n"
    text = "".join(one.format(i) for i in range(200))
    assert quicktoml.nesting_bound(text) <= quicktoml.MAX_NESTING
    assert quicktoml.loads(text) == tomllib.loads(text)
