"""Fuzzing every reader through the commands: real files (the corpus and the demo) are mutated — bytes
flipped, cut short, nested deep, numbers made huge or tiny, dates moved to the edges, control characters
put in — and every command must end with exit 0, 1 or 2, no traceback, and nothing from the file
reaching the terminal.

The commands run in this process (``selfassess.cli.main.main``), so an exception that the command line does
not turn into a message fails the test with its traceback. CI runs a fixed, small set of examples
(derandomised, about a minute in all); for a longer random run:

    SELFASSESS_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_fuzz.py -p no:cacheprovider
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from selfassess.cli.main import main
from selfassess.core.textgate import GATED

from conftest import REPO

CORPUS = Path(__file__).parent / "corpus"
LONG_RUN = os.environ.get("SELFASSESS_FUZZ_EXAMPLES")
FUZZ = settings(
    max_examples=int(LONG_RUN) if LONG_RUN else 20,
    derandomize=not LONG_RUN,  # CI: the same examples every run; a long run explores afresh
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
AS_OF = ("--as-of", "2026-12-01")
TARGET = "assessments/rotherham/2026-Q4.toml"
REVIEW = "assessments/barnsley/2026-Q4.review.toml"
LOCK = "assessments/sheffield/.2026-Q4.toml.lock"  # a draft: submit reads its lock
COMMANDS = (
    ("validate",),
    ("validate", TARGET),
    ("summary",),
    ("summary", "--format", "json"),
    ("report", "--format", "md"),
    ("report", "--format", "json"),
    ("report", "--format", "html"),
    ("report", "--format", "csv"),
    ("diff", "rotherham@2026-Q3", "rotherham@2026-Q4"),
    ("history", "rotherham"),
    ("textconv", TARGET),
    ("textconv", REVIEW),
    ("submit", "rotherham", "2026-Q4"),
    ("submit", "sheffield", "2026-Q4"),
)
RAW = [chr(c) for c in range(0x80) if chr(c) not in "\t\n" and (c < 0x20 or c == 0x7F)]
RAW += ["\x9b", "\x85", "\u202e", "\u2066"]
EDGE_NUMBERS = [b"99999999999999999999", b"-99999999999999999999", b"1e400", b"-0", b"nan", b"inf", b"0"]
EDGE_NUMBERS += [
    b"1" + b"0" * 400,
    b"0x" + b"f" * 2000,
    b"9" * 5000,
    b"4294967296",
    b"0x7fffffff",
    b".inf",
    b"101",
]
EDGE_DATES = [
    b"0001-01-01T00:00:00+23:59",
    b"9999-12-31T23:59:59-23:59",
    b"0001-01-01",
    b"9999-12-31",
    b"9999-12-31T23:59:59Z",
    b"2026-02-29",
    b"00:00:00",
]


def _seeds(*globs: str) -> list[bytes]:
    return [p.read_bytes() for g in globs for p in sorted(REPO.glob(g)) if p.name != "expected.tsv"]


ASSESSMENTS = _seeds("assessments/*/2026-Q4.toml", "tests/corpus/assessments/*.toml")
REVIEWS = _seeds("assessments/*/2026-Q4.review.toml", "tests/corpus/reviews/*.toml")
SETTINGS = _seeds("selfassess.toml", "tests/corpus/settings/*.toml")
LOCKS = [b'user = "DCI A"\nhost = "HOST"\npid = 1\nstarted = 2026-11-23T10:00:00Z\n']
FRAMEWORKS = _seeds("criteria/ncpi.yaml", "tests/corpus/frameworks/*.yaml")
CONFLICT = "assessments/rotherham/2026-Q4.conflict.toml"


def _conflict_seed(assessment: bytes) -> bytes:
    """A conflict file as a merge writes it: the other side's assessment, then ``[conflicts]``."""
    first = re.search(rb"(?m)^\[criteria\.([A-Za-z0-9._-]+)\]", assessment)
    criterion = first.group(1) if first else b"X1"
    return assessment + b"\n[conflicts]\n" + criterion + b' = ["rating", "evidence", "actions"]\n'


CONFLICTS = [_conflict_seed(seed) for seed in ASSESSMENTS[:3]]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed file with one to three mutations of the kinds a hostile or damaged file shows."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["flip", "cut", "nest", "number", "date", "control", "escape"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            spot = min(at, len(data) - 1)
            data[spot] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del data[at:]
        elif kind == "nest":
            depth = draw(st.sampled_from([100, 101, 3000]))
            opener, closer = draw(st.sampled_from([(b"[", b"]"), (b"{a=", b"}"), (b"- ", b"")]))
            line = b"x = " + opener * depth + b"1" + closer * depth + b"\n"
            start = data.rfind(b"\n", 0, at) + 1
            data[start:start] = line
        elif kind == "number":  # put in, or put in place of the nearest number (schema, pid, weight)
            data = bytearray(
                _replace_nearest(bytes(data), rb"\b\d+\b", draw(st.sampled_from(EDGE_NUMBERS)), at)
            )
        elif kind == "date":
            data = bytearray(_replace_nearest(bytes(data), DATE, draw(st.sampled_from(EDGE_DATES)), at))
        elif kind == "control":
            data[at:at] = draw(st.sampled_from(RAW)).encode("utf-8")
        else:  # an escape TOML and YAML accept, so the character reaches the text
            data[at:at] = f"\\u{ord(draw(st.sampled_from(RAW))):04x}".encode()
    return bytes(data)


DATE = rb"\d{4}-\d\d-\d\d(?:T[\d:]+(?:Z|[+-]\d\d:\d\d)?)?"


def _replace_nearest(data: bytes, pattern: bytes, new: bytes, near: int) -> bytes:
    """``data`` with the match of ``pattern`` nearest ``near`` replaced by ``new`` (else put at ``near``)."""
    found = list(re.finditer(pattern, data))
    if not found:
        return data[:near] + new + data[near:]
    match = min(found, key=lambda m: abs(m.start() - near))
    return data[: match.start()] + new + data[match.end() :]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "demo"
    root.mkdir()
    shutil.copyfile(REPO / "selfassess.toml", root / "selfassess.toml")
    shutil.copytree(REPO / "criteria", root / "criteria")
    shutil.copytree(REPO / "assessments", root / "assessments", ignore=shutil.ignore_patterns(".*"))
    return root


@pytest.fixture
def workspace(pristine: Path, tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(pristine, root)
    return root


def run(root: Path, *args: str) -> tuple[int, str, str]:
    """One command, in this process: its exit status, stdout and stderr (an exception propagates)."""
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([*args, "--workspace", str(root), *AS_OF])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    out.flush()
    return code, out.buffer.getvalue().decode("utf-8", "replace"), err.getvalue()  # type: ignore[attr-defined]


def every_command_copes(root: Path, place: str, data: bytes) -> None:
    original = (root / place).read_bytes() if (root / place).exists() else None
    (root / place).write_bytes(data)
    try:
        for command in COMMANDS:
            code, out, err = run(root, *command)
            assert code in (0, 1, 2), (command, code, out[-2000:], err[-2000:])
            assert "Traceback" not in err, (command, err)
            shown = err if command[-1] == "csv" else out + err  # CSV keeps the data as it is
            bad = [c for c in shown if c in _GATED_SET]
            assert not bad, (command, bad[:5])
    finally:
        if original is None:
            (root / place).unlink()
        else:
            (root / place).write_bytes(original)


_GATED_SET = {chr(c) for c in range(0x2070) if re.match(f"[{GATED}]", chr(c))}


def _known(seed: bytes, status_line: bytes = b"status = ") -> list[bytes]:
    """The adversarial pass's reproducers on a seed: run on every CI run, whatever is drawn."""
    deep = b"x = " + b"[" * 3000 + b"]" * 3000 + b"\n"
    return [
        seed.replace(status_line, deep + status_line, 1),
        re.sub(rb"(?m)^(updated|reviewed|started) = .*$", rb"\1 = 0001-01-01T00:00:00+23:59", seed),
        re.sub(rb"(?m)^(updated|reviewed|started) = .*$", rb"\1 = 9999-12-31T23:59:59-23:59", seed),
        seed.replace(b'"""\n', b'"""\nEV \\u001b]0;T\\u0007 \\u009b31m \xe2\x80\xae\n', 1),
        seed[: len(seed) // 2],
    ]


def known(seeds: list[bytes], status_line: bytes = b"status = "):
    """Decorate a fuzz test with :func:`_known` of its first seed as explicit examples."""

    def decorate(test):
        for data in _known(seeds[0], status_line):
            test = example(data=data)(test)
        return test

    return decorate


@FUZZ
@known(ASSESSMENTS)
@given(data=mutated(ASSESSMENTS))
def test_any_damaged_assessment(workspace: Path, data: bytes) -> None:
    every_command_copes(workspace, TARGET, data)


@FUZZ
@known(REVIEWS, b"reviewer = ")
@given(data=mutated(REVIEWS))
def test_any_damaged_review(workspace: Path, data: bytes) -> None:
    every_command_copes(workspace, REVIEW, data)


@FUZZ
@known(SETTINGS, b"quarters = ")
@given(data=mutated(SETTINGS))
def test_any_damaged_settings(workspace: Path, data: bytes) -> None:
    every_command_copes(workspace, "selfassess.toml", data)


@FUZZ
@known(LOCKS, b"user = ")
@given(data=mutated(LOCKS))
def test_any_damaged_lock(workspace: Path, data: bytes) -> None:
    every_command_copes(workspace, LOCK, data.replace(b"HOST", os.uname().nodename.encode()))


@FUZZ
@known(FRAMEWORKS, b"version: ")
@given(data=mutated(FRAMEWORKS))
def test_any_damaged_framework(workspace: Path, data: bytes) -> None:
    every_command_copes(workspace, "criteria/ncpi.yaml", data)


@FUZZ
@known(CONFLICTS, b"[conflicts]")
@given(data=mutated(CONFLICTS))
def test_any_damaged_conflict_file(workspace: Path, data: bytes) -> None:
    every_command_copes(workspace, CONFLICT, data)


# -- workbooks: one member of a real one mutated, the zip rebuilt (or the zip's own bytes damaged) -------


@pytest.fixture(scope="module")
def workbook(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    path = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    code, _, err = run(pristine, "report", "--format", "xlsx", "-o", str(path))
    assert code in (0, 1), err
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@st.composite
def damaged_workbook(draw: st.DrawFn, members: dict[str, bytes]) -> bytes:
    names = sorted(members)
    chosen = draw(st.sampled_from(names))
    body = draw(mutated([members[chosen]]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, body if name == chosen else members[name])
    data = bytearray(buffer.getvalue())
    if draw(st.booleans()):  # the zip's own bytes: a directory that lies, a CRC, a cut
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


@FUZZ
@given(data=st.data())
def test_any_damaged_workbook(workspace: Path, workbook: dict[str, bytes], data: st.DataObject) -> None:
    body = data.draw(damaged_workbook(workbook))
    path = workspace / "district.xlsx"
    path.write_bytes(body)
    for district in ("rotherham", "barnsley"):
        command = ("import", str(path), "--district", district, "--period", "2026-Q4", "--force", "--yes")
        code, out, err = run(workspace, *command)
        assert code in (0, 1, 2), (command, code, out[-2000:], err[-2000:])
        assert "Traceback" not in err, (command, err)
        bad = [c for c in out + err if c in _GATED_SET]
        assert not bad, (command, bad[:5])
