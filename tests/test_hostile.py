"""Hostile files and arguments (issue 14): nothing from a file drives the terminal, no file crashes a
command, and every reproducer of the adversarial pass is a test here, run as a user runs the command."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
from pathlib import Path

import pytest

from selfassess.core.textgate import GATED, json_text, visible
from selfassess.formats.lock import lock_path, read_lock
from selfassess.formats.store import load_review, parse_assessment, save_assessment, save_review

from conftest import SELFASSESS, TODAY, run_cli

AS_OF = ("--as-of", "2026-12-01")
OSC_TITLE = "\x1b]0;EVIDENCE-TITLE\x07"
CLEAR = "\x1b[2J\x1b[H"
CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"
C1_CSI = "\x9b31m"
RLO = "\u202e"
CONCEAL = "\x1b[8m\x1b[31m"  # colour codes like our own: from a file they are shown, not obeyed
HOSTILE = f"EV {OSC_TITLE} {CLEAR} {CLIPBOARD} {C1_CSI} {RLO}rev {CONCEAL}"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def toml_escaped(text: str) -> str:
    """``text`` as it may stand inside a TOML basic or multi-line string (controls as \\uXXXX)."""
    return "".join(f"\\u{ord(c):04x}" if c < " " or "\x7f" <= c <= "\x9f" else c for c in text)


def no_raw_controls(text: str) -> bool:
    return not any(char in text for char in RAW)


def ok(result: subprocess.CompletedProcess[str], *codes: int) -> subprocess.CompletedProcess[str]:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (codes or (0, 1, 2)), result.stdout + result.stderr
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


ROTHERHAM = Path("assessments/rotherham/2026-Q4.toml")


@pytest.fixture
def hostile_demo(demo_workspace: Path) -> Path:
    """The demo, with escape sequences in a Q4 evidence text and in the force's name."""
    edit(demo_workspace / ROTHERHAM, 'evidence = """\n', f'evidence = """\n{toml_escaped(HOSTILE)}\n')
    edit(demo_workspace / "selfassess.toml", "(demonstration data)", toml_escaped(OSC_TITLE))
    return demo_workspace


# -- 1. the gate ------------------------------------------------------------------------------------


def test_the_gate_shows_every_gated_character_and_keeps_the_rest() -> None:
    shown = visible(HOSTILE + "\t tab\n newline \x7f \x00 \u2066 é 𝄞 [bold]")
    assert no_raw_controls(shown)
    assert not any(ch in shown for ch in "\x7f\x00\u2066")
    assert "␛]0;EVIDENCE-TITLE␇" in shown and "\\x9b31m" in shown and "<RLO>rev" in shown
    assert "\t tab\n newline ␡ ␀ <LRI> é 𝄞 [bold]" in shown
    assert visible("a\r\nb\rc") == "a\nb␍c"  # a lone CR would move the cursor back over the line
    assert visible(visible(HOSTILE)) == visible(HOSTILE)


def test_json_escapes_gated_characters_and_keeps_the_data() -> None:
    value = {"text": HOSTILE + "\x7f\u2069"}
    text = json_text(value)
    assert not any(ch in text for ch in "\x1b\x07\x9b\u202e\x7f\u2069")
    assert json.loads(text) == value


def test_diff_on_a_pipe_shows_escapes_as_placeholders(hostile_demo: Path) -> None:
    result = ok(run_cli("diff", "rotherham@2026-Q3", "rotherham@2026-Q4", *AS_OF, cwd=hostile_demo), 0)
    assert no_raw_controls(result.stdout)
    assert visible(HOSTILE) in result.stdout
    data = ok(run_cli("diff", "rotherham@2026-Q3", "rotherham@2026-Q4", "--format", "json", cwd=hostile_demo))
    assert no_raw_controls(data.stdout) and "evidence" in json.loads(data.stdout)["criteria"][0]["changed"]


def test_diff_on_a_colour_terminal_shows_escapes_as_placeholders(hostile_demo: Path) -> None:
    # script(1) gives the command a real terminal; colour on, so only our own colour codes may pass.
    command = f"{SELFASSESS} diff rotherham@2026-Q3 rotherham@2026-Q4 --as-of 2026-12-01"
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    result = subprocess.run(
        ["script", "-qec", command, "/dev/null"], cwd=hostile_demo, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stdout
    assert "\x1b[" in result.stdout  # coloured
    assert "\x1b]" not in result.stdout and "\x07" not in result.stdout and "\x1b[2J" not in result.stdout
    assert "\x9b" not in result.stdout and RLO not in result.stdout and CONCEAL not in result.stdout
    assert "␛]0;EVIDENCE-TITLE␇" in result.stdout and "␛[8m␛[31m" in result.stdout


def test_summary_and_report_show_the_force_and_evidence_through_the_gate(hostile_demo: Path) -> None:
    summary = ok(run_cli("summary", *AS_OF, cwd=hostile_demo), 0)
    assert no_raw_controls(summary.stdout) and "␛]0;EVIDENCE-TITLE␇" in summary.stdout
    report = ok(run_cli("report", "--format", "md", *AS_OF, cwd=hostile_demo), 0)
    assert no_raw_controls(report.stdout) and "EVIDENCE-TITLE␇" in report.stdout  # Markdown escapes ]
    as_json = ok(run_cli("report", "--format", "json", *AS_OF, cwd=hostile_demo), 0)
    assert no_raw_controls(as_json.stdout)
    assert json.loads(as_json.stdout)["force"] == f"South Yorkshire Police {OSC_TITLE}"


def test_validate_shows_a_hostile_folder_name_through_the_gate(demo_workspace: Path) -> None:
    (demo_workspace / "assessments" / f"x{OSC_TITLE}\x9b").mkdir()
    result = ok(run_cli("validate", *AS_OF, cwd=demo_workspace))
    assert "x␛]0;EVIDENCE-TITLE␇\\x9b" in result.stdout and no_raw_controls(result.stdout)


def test_textconv_gates_a_file_it_cannot_parse_and_one_it_can(hostile_demo: Path) -> None:
    odd = hostile_demo / "odd.toml"
    odd.write_bytes(f"not toml {OSC_TITLE} {C1_CSI}\n".encode())
    result = ok(run_cli("textconv", str(odd)), 0)
    assert no_raw_controls(result.stdout) and "␛]0;EVIDENCE-TITLE␇ \\x9b31m" in result.stdout
    result = ok(run_cli("textconv", str(hostile_demo / ROTHERHAM)), 0)
    assert no_raw_controls(result.stdout) and visible(HOSTILE) in result.stdout


def test_usage_errors_quoting_an_argument_go_through_the_gate(demo_workspace: Path) -> None:
    result = ok(run_cli("summary", "2026-Q4", OSC_TITLE + C1_CSI, cwd=demo_workspace), 2)
    assert no_raw_controls(result.stderr) and "␛]0;EVIDENCE-TITLE␇" in result.stderr


def test_the_gate_covers_every_range_the_spec_names() -> None:
    for code in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F)]:
        assert chr(code) not in visible(f"a{chr(code)}b"), hex(code)
    for code in range(0x2066, 0x206A):
        assert chr(code) not in visible(chr(code))
    assert visible("\t\n") == "\t\n" and GATED


# -- 2. no traceback from any file --------------------------------------------------------------------

COMMANDS = (
    ("validate",),
    ("summary",),
    ("summary", "--format", "json"),
    ("report", "--format", "md"),
    ("report", "--format", "json"),
    ("diff", "rotherham@2026-Q3", "rotherham@2026-Q4"),
    ("history", "rotherham"),
    ("textconv", str(ROTHERHAM)),
    ("submit", "rotherham", "2026-Q4"),
)


@pytest.mark.parametrize(
    "updated", ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59"], ids=["year-0", "year-10000"]
)
def test_out_of_range_date_times_are_one_line_never_a_traceback(demo_workspace: Path, updated: str) -> None:
    target = demo_workspace / ROTHERHAM
    text = target.read_text()
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("updated = "))
    target.write_text(text.replace(text.splitlines()[line - 1], f"updated = {updated}"))
    for command in COMMANDS:
        ok(run_cli(*command, *AS_OF, cwd=demo_workspace))
    result = ok(run_cli("validate", *AS_OF, cwd=demo_workspace), 1)
    assert f"{ROTHERHAM}:{line}: error: updated is out of range" in result.stdout
    assert "assessments/sheffield/2026-Q4.toml" in result.stdout  # the rest is still checked
    summary = ok(run_cli("summary", *AS_OF, cwd=demo_workspace), 1)
    assert "invalid" in summary.stdout and f"{ROTHERHAM}:{line}: error:" in summary.stderr


def test_an_unreadable_review_is_reported_and_counts_as_absent(demo_workspace: Path) -> None:
    review = demo_workspace / "assessments/barnsley/2026-Q4.review.toml"
    before = json.loads(run_cli("summary", "--format", "json", *AS_OF, cwd=demo_workspace).stdout)
    assert before["status"]["barnsley"] == "reviewed"
    edit(review, "reviewed = ", "reviewed = 0001-01-01T00:00:00+01:00\nold_reviewed = ")
    edit(review, "old_reviewed = ", "# ")
    validate = ok(run_cli("validate", *AS_OF, cwd=demo_workspace), 1)
    assert "assessments/barnsley/2026-Q4.review.toml:3: error: reviewed is out of range" in validate.stdout
    for command in (("summary", "--format", "json"), ("report", "--format", "json")):
        result = ok(run_cli(*command, *AS_OF, cwd=demo_workspace), 1)
        assert "assessments/barnsley/2026-Q4.review.toml:3: error: reviewed is out of range" in result.stderr
        assert json.loads(result.stdout)["status"]["barnsley"] == "submitted"
    ok(run_cli("textconv", str(review)), 0)


NESTED = {"arrays": "[" * 5000 + "]" * 5000, "tables": "{a = " * 5000 + "1" + "}" * 5000}


@pytest.mark.parametrize("kind", NESTED)
def test_deep_nesting_is_refused_with_its_line_before_parsing(demo_workspace: Path, kind: str) -> None:
    edit(demo_workspace / ROTHERHAM, "status = ", f"x = {NESTED[kind]}\nstatus = ")
    for command in COMMANDS:
        ok(run_cli(*command, *AS_OF, cwd=demo_workspace))
    result = ok(run_cli("validate", *AS_OF, cwd=demo_workspace), 1)
    assert f"{ROTHERHAM}:6: error: arrays or tables nested more than 100 deep" in result.stdout


def test_deep_nesting_in_the_settings_is_refused(demo_workspace: Path) -> None:
    edit(demo_workspace / "selfassess.toml", "quarters = ", f"x = {NESTED['arrays']}\nquarters = ")
    result = ok(run_cli("validate", cwd=demo_workspace), 1)
    assert "selfassess.toml:" in result.stdout and "nested more than 100 deep" in result.stdout
    for command in COMMANDS[1:-2]:  # validate reports it as a finding; textconv needs no settings
        assert "nested more than 100 deep" in ok(run_cli(*command, cwd=demo_workspace), 2).stderr


def test_nesting_of_100_is_still_read() -> None:
    text = "schema = 1\n" + "x = " + "[" * 100 + "]" * 100 + "\n"
    from selfassess.formats.guards import check_depth

    check_depth(text, "f")  # no error
    check_depth('s = "' + "[" * 500 + '"\n# ' + "{" * 500 + "\n", "f")  # brackets in text are text


@pytest.mark.parametrize("label", ["9999-Q4", "0000-Q1", "0999-Q1", "2026-Q4\n"])
def test_periods_outside_1000_to_9998_are_refused_as_typed(demo_workspace: Path, label: str) -> None:
    for command in (("report", label), ("summary", label), ("fill", "rotherham", label)):
        result = ok(run_cli(*command, cwd=demo_workspace), 2)
        assert repr(label) in result.stderr  # what was typed, not '0-Q1'


@pytest.mark.parametrize("name", ["9999-Q4", "0000-Q1"])
def test_a_file_named_outside_the_period_range_is_reported(demo_workspace: Path, name: str) -> None:
    (demo_workspace / ROTHERHAM).with_name(f"{name}.toml").write_bytes(
        (demo_workspace / ROTHERHAM).read_bytes()
    )
    result = ok(run_cli("validate", *AS_OF, cwd=demo_workspace), 0)
    assert f"assessments/rotherham/{name}.toml: warning: not an assessment or review file" in result.stdout
    ok(run_cli("summary", cwd=demo_workspace), 0)


@pytest.mark.parametrize(
    "lock",
    [
        'user = "x"\nhost = "{host}"\npid = 99999999999999999999\nstarted = 2026-11-23T10:00:00Z\n',
        'user = "x"\nhost = "{host}"\npid = 1\nstarted = 0001-01-01T00:00:00+01:00\n',
        'user = "x"\nhost = "{host}"\npid = 1\nstarted = ' + "[" * 5000 + "]" * 5000 + "\n",
        'user = "x"\nhost = "{host}"\npid = inf\nstarted = 2026-11-23T10:00:00Z\n',
        'user = "x"\nhost = "{host}"\npid = 4294967296\nstarted = 2026-11-23T10:00:00Z\n',
        'user = "x"\nhost = "{host}"\npid = 1.0\nstarted = 2026-11-23T10:00:00Z\n',
        'user = "x"\nhost = "{host}"\npid = true\nstarted = 2026-11-23T10:00:00Z\n',
        'user = "x"\nhost = "{host}"\npid = "12"\nstarted = 2026-11-23T10:00:00Z\n',
        'user = "x"\nhost = "{host}"\npid = 12\nstarted = "yesterday"\n',
        'user = 1\nhost = "{host}"\npid = 12\nstarted = 2026-11-23T10:00:00Z\n',
        'host = "{host}"\npid = 12\nstarted = 2026-11-23T10:00:00Z\n',
        'user = "x"\nhost = ["{host}"]\npid = 12\nstarted = 2026-11-23T10:00:00Z\n',
        "\xff\xfe not toml",
    ],
    ids=[
        "huge-pid", "started-out-of-range", "nested", "pid-inf", "pid-2-32", "pid-float", "pid-bool",
        "pid-string", "started-string", "user-number", "user-missing", "host-array", "not-toml",
    ],
)  # fmt: skip
def test_a_hostile_lock_file_reads_as_unreadable_and_asks(demo_workspace: Path, lock: str) -> None:
    """Issue 26: every field of a lock is validated; a bad lock is "unreadable lock — take over?"."""
    import socket

    target = demo_workspace / "assessments/doncaster/2026-Q4.toml"
    edit(target, 'status = "submitted"', 'status = "draft"')
    lock_path(target).write_text(lock.format(host=socket.gethostname()), errors="surrogateescape")
    info = read_lock(target)
    assert info is not None and info.unreadable and not info.is_stale
    result = ok(run_cli("submit", "doncaster", "2026-Q4", *AS_OF, cwd=demo_workspace), 1, 2)
    assert result.stderr.count("\n") == 1 and "unreadable lock — take over?" in result.stderr


# -- 3. any text a person can type is saved ---------------------------------------------------------


@pytest.mark.parametrize("text", ['x\ny"""', 'x\ny"', 'x\n""""', 'a\n"""b""""""', 'x\ny""'])
def test_text_ending_in_quotes_after_a_line_break_saves_and_reads_back(
    demo_workspace: Path, text: str
) -> None:
    path = demo_workspace / ROTHERHAM
    assessment = parse_assessment(path.read_bytes(), path)
    criterion_id, response = next((k, r) for k, r in assessment.responses.items() if r.actions)
    response.evidence = response.notes = text
    response.actions[0].action = response.actions[0].owner = text
    assessment.assessor = text
    assert save_assessment(assessment, path)
    again = parse_assessment(path.read_bytes(), path).responses[criterion_id]
    assert (again.evidence, again.notes, again.actions[0].action, again.actions[0].owner) == (text,) * 4


def test_lone_surrogates_are_stored_as_replacement_characters(demo_workspace: Path) -> None:
    path = demo_workspace / ROTHERHAM
    assessment = parse_assessment(path.read_bytes(), path)
    response = next(iter(assessment.responses.values()))
    response.evidence = "a\ud800b\nc\udfff"
    assert save_assessment(assessment, path)
    assert response.evidence == "a\ufffdb\nc\ufffd"  # the record now says what the file holds
    assert parse_assessment(path.read_bytes(), path).responses[next(iter(assessment.responses))] == response
    review_path = demo_workspace / "assessments/barnsley/2026-Q4.review.toml"
    review = load_review(review_path)
    review.comment = 'ok\n\ud83d"""'
    assert save_review(review, review_path)
    assert load_review(review_path).comment == 'ok\n\ufffd"""'


# -- 6. smaller -------------------------------------------------------------------------------------


def test_textconv_of_an_endless_device_is_refused_before_reading(tmp_path: Path) -> None:
    result = ok(run_cli("textconv", "/dev/zero", cwd=tmp_path), 2)  # issue 26: only regular files
    assert (
        result.stderr == "selfassess: /dev/zero: cannot read: not a regular file (a device, pipe or socket)\n"
    )


def test_workspace_option_naming_a_file_says_so(demo_workspace: Path) -> None:
    result = ok(run_cli("summary", "--workspace", str(demo_workspace / "selfassess.toml")), 2)
    assert "is a file, not a workspace folder" in result.stderr and "does not exist" not in result.stderr
    assert f"--workspace {demo_workspace}" in result.stderr


def test_privacy_allow_entries_match_whole_numbers_and_words(demo_workspace: Path) -> None:
    edit(demo_workspace / "selfassess.toml", 'allow = ["0114 220 2020"]', 'allow = ["0", "0114 220 2020"]')
    edit(
        demo_workspace / ROTHERHAM,
        'evidence = """\n',
        'evidence = """\nCall 07812 345678 or 0114 220 2020.\n',
    )
    result = ok(run_cli("validate", str(ROTHERHAM), *AS_OF, cwd=demo_workspace), 0)
    assert "07812 345678" in result.stdout and "0114 220 2020" not in result.stdout


def _no_bigger_than(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_during_submit_names_the_file(make_workspace) -> None:
    root = make_workspace()
    folder = root / "assessments/north"
    folder.mkdir(parents=True)
    evidence = "Dip sample. " * 2000
    lines = ['schema = 1\nframework = "test"\nframework_version = "1.0"\ndistrict = "north"']
    lines.append('period = "2026-Q4"\nstatus = "draft"\nassessor = "DCI A"\nupdated = 2026-11-01T10:00:00Z')
    for t in (1, 2):
        for n in (1, 2, 3):
            lines.append(f'\n[criteria.T{t}C{n}]\nrating = "green"\nevidence = "{evidence}"')
    (folder / "2026-Q4.toml").write_text("\n".join(lines) + "\n")
    size = (folder / "2026-Q4.toml").stat().st_size
    result = subprocess.run(
        [SELFASSESS, "submit", "north", "2026-Q4", "--as-of", TODAY],
        cwd=root,
        capture_output=True,
        text=True,
        preexec_fn=_no_bigger_than(size - 1000),
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "assessments/north/2026-Q4.toml: File too large" in result.stderr
    assert 'status = "draft"' in (folder / "2026-Q4.toml").read_text()  # nothing damaged


def test_a_district_id_with_a_trailing_newline_is_refused(make_workspace) -> None:
    root = make_workspace(districts=("north", "evil\\n"))
    result = ok(run_cli("validate", cwd=root), 1)
    assert "district 'evil\\n' is not a district id" in result.stdout
    root = make_workspace(name="ws2")
    ok(run_cli("fill", "north\n", cwd=root), 2)
    assert not (root / "assessments" / "north\n").exists()


@pytest.mark.parametrize("name", [".gitattributes"])
def test_git_setup_refuses_a_symlinked_gitattributes(
    make_workspace, git_repo, tmp_path: Path, name: str
) -> None:
    root = git_repo(make_workspace())
    outside = tmp_path / "outside.txt"
    outside.write_text("someone else's file\n")
    (root / name).symlink_to(outside)
    result = ok(run_cli("git-setup", cwd=root), 2)
    assert f"{name}: is a symbolic link" in result.stderr
    assert outside.read_text() == "someone else's file\n"


@pytest.mark.parametrize("name", [".gitattributes", ".gitignore"])
def test_init_refuses_a_symlinked_git_file(tmp_path: Path, name: str) -> None:
    root = tmp_path / "new"
    root.mkdir()
    (root / name).symlink_to(tmp_path / "outside.txt")  # dangling: writing would create it
    result = ok(run_cli("init", str(root)), 2)
    assert "is a symbolic link" in result.stderr
    assert not (tmp_path / "outside.txt").exists()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_an_as_of_date_whose_quarter_is_no_period_is_refused(demo_workspace: Path, day: str) -> None:
    for command in (("summary",), ("fill", "rotherham"), ("validate",)):
        result = ok(run_cli(*command, "--as-of", day, cwd=demo_workspace), 2)
        assert f"date '{day}' is outside the years 1000 to 9998" in result.stderr
